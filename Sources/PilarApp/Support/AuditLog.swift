import Fluent
import Foundation
import Vapor

/// Writes the audit trail. Called inside the same transaction as the change it describes, so a
/// change is never saved without its record (nor the record without the change).
enum AuditLog {
    enum Action: String {
        case create, update, deactivate, reactivate, delete, login, revoke, submit, verify, publish, read, purge, export
    }

    static func record<Snapshot: Encodable>(
        _ action: Action, entity: String, id: String, region: String?,
        before: Snapshot?, after: Snapshot?, actor: AuthUser?, actorLabel: String? = nil, on db: any Database
    ) async throws {
        let event = AuditEventModel()
        event.at = Date()
        event.actorID = actor?.id
        event.actorLabel = actor?.label ?? actorLabel ?? "system"
        event.action = action.rawValue
        event.entityType = entity
        event.entityID = id
        event.regionCode = region
        event.beforeJSON = try before.map(encode)
        event.afterJSON = try after.map(encode)
        try await event.create(on: db)
    }

    private static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
