import Foundation

/// Where the data lives, chosen from `DATABASE_URL`.
/// Unset means the SQLite file `data/pilar.sqlite` so that a newcomer needs no set-up at all.
public enum DatabaseLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "data/pilar.sqlite"

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func from(environment value: String?) throws -> DatabaseLocation {
        guard let value, !value.isEmpty else { return .sqlite(path: defaultSQLitePath) }
        if value.hasPrefix("sqlite://") {
            let path = String(value.dropFirst("sqlite://".count))
            guard path.hasPrefix("/") else {
                throw Invalid(description: "DATABASE_URL: sqlite:// needs an absolute path, e.g. sqlite:///var/lib/pilar/pilar.sqlite")
            }
            return .sqlite(path: path)
        }
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            return .postgres(url: value)
        }
        throw Invalid(description: "DATABASE_URL must start with sqlite:/// or postgres:// (got \(value.prefix(12))…)")
    }

    /// The name `/health` reports.
    public var kind: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgres: return "postgres"
        }
    }
}
