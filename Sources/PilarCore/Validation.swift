/// A rule a submitted field broke. `key` names a catalog message so pages can say it in the
/// user's language; the API uses the English text.
public struct FieldProblem: Sendable, Equatable {
    public let field: String
    public let key: String

    public init(field: String, key: String) {
        self.field = field
        self.key = key
    }
}

/// Checks on user input that do not need a database.
public enum Validate {
    public static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func required(_ value: String?, field: String, max: Int, into problems: inout [FieldProblem]) {
        let text = trimmed(value)
        if text.isEmpty {
            problems.append(FieldProblem(field: field, key: "error.required"))
        } else if text.count > max {
            problems.append(FieldProblem(field: field, key: "error.too_long"))
        }
    }

    public static func optional(_ value: String?, field: String, max: Int, into problems: inout [FieldProblem]) {
        if trimmed(value).count > max {
            problems.append(FieldProblem(field: field, key: "error.too_long"))
        }
    }

    /// Deliberately loose: one @, something either side, a dot in the domain, no spaces.
    public static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !value.contains(where: { $0.isWhitespace }) else { return false }
        return value.count <= 254
    }

    /// Passwords: at least 10 characters; long passphrases are welcome, so the limit is generous.
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 10 { return "error.password_short" }
        if password.count > 200 { return "error.too_long" }
        return nil
    }
}
