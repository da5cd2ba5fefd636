import Fluent
import SQLKit

struct M008CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .field(.id, .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("actor_id", .int)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("region_code", .string)
            .field("before_json", .string)
            .field("after_json", .string)
            .create()
        // A record's history page and the region's audit view both read by these keys.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_entity_idx").on("audit_events").column("entity_type").column("entity_id").run()
            try await sql.create(index: "audit_region_idx").on("audit_events").column("region_code").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
