import PilarCore
import Vapor

/// An error a person can act on: an HTTP status, a stable code for integrators, and a catalog key
/// so pages can say it in the reader's language. Field problems travel with validation failures.
public struct PilarError: Error, Sendable {
    public let status: HTTPResponseStatus
    public let code: String
    public let messageKey: String
    public var fields: [FieldProblem] = []
    /// Extra words appended to the message (e.g. the missing record's key), never personal data.
    public var detail: String? = nil

    public static let unauthenticated = PilarError(status: .unauthorized, code: "unauthenticated", messageKey: "error.unauthenticated")
    public static let forbidden = PilarError(status: .forbidden, code: "forbidden", messageKey: "error.forbidden")
    public static let notFound = PilarError(status: .notFound, code: "not_found", messageKey: "error.not_found")
    public static let csrf = PilarError(status: .forbidden, code: "csrf_failed", messageKey: "error.csrf")
    public static let badRequest = PilarError(status: .badRequest, code: "bad_request", messageKey: "error.bad_request")

    public static func invalid(_ fields: [FieldProblem]) -> PilarError {
        PilarError(status: .unprocessableEntity, code: "validation_failed", messageKey: "error.validation", fields: fields)
    }

    /// Bad query parameters on a read: nothing could have been saved, so the message says so differently.
    public static func invalidQuery(_ fields: [FieldProblem]) -> PilarError {
        PilarError(status: .unprocessableEntity, code: "validation_failed", messageKey: "error.query", fields: fields)
    }

    public static func conflict(_ messageKey: String, field: String? = nil) -> PilarError {
        PilarError(status: .conflict, code: "conflict", messageKey: messageKey,
                   fields: field.map { [FieldProblem(field: $0, key: messageKey)] } ?? [])
    }

    public static func notFound(_ what: String) -> PilarError {
        var error = PilarError.notFound
        error.detail = what
        return error
    }
}

extension Array where Element == FieldProblem {
    /// Field name → catalog key of its first problem, the way forms show them next to fields.
    var byField: [String: String] {
        Dictionary(map { ($0.field, $0.key) }, uniquingKeysWith: { first, _ in first })
    }
}
