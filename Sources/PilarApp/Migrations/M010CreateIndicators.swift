import Fluent
import SQLKit

/// Indicators with targets and realisations, evidence files, and per-region status settings.
struct M010CreateIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("indicators")
            .field(.id, .int, .identifier(auto: true))
            .field("action_plan_id", .int, .required, .references("action_plans", .id))
            .field("level", .string, .required)
            .field("name", .string, .required)
            .field("unit", .string, .required)
            .field("direction", .string, .required)
            .field("baseline_value", .double)
            .field("baseline_period", .string)
            .field("frequency", .string, .required)
            .field("data_source", .string, .required)
            .create()
        try await database.schema("indicator_targets")
            .field(.id, .int, .identifier(auto: true))
            .field("indicator_id", .int, .required, .references("indicators", .id))
            .field("period", .string, .required)
            .field("value", .double, .required)
            .unique(on: "indicator_id", "period")
            .create()
        try await database.schema("indicator_values")
            .field(.id, .int, .identifier(auto: true))
            .field("indicator_id", .int, .required, .references("indicators", .id))
            .field("period", .string, .required)
            .field("value", .double, .required)
            .field("note", .string, .required)
            .field("state", .string, .required)
            .field("returned_reason", .string)
            .field("updated_by", .int, .references("users", .id))
            .field("updated_at", .datetime)
            .unique(on: "indicator_id", "period")
            .create()
        try await database.schema("evidence_files")
            .field(.id, .int, .identifier(auto: true))
            .field("value_id", .int, .required, .references("indicator_values", .id))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .int, .references("users", .id))
            .field("uploaded_at", .datetime)
            .create()
        try await database.schema("region_settings")
            .field("region_code", .string, .identifier(auto: false), .references("regions", "code"))
            .field("on_track_from", .double, .required)
            .field("at_risk_from", .double, .required)
            .field("grace_days", .int, .required)
            .field("lower_formula", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "programmes_region_idx").on("programmes").column("region_code").run()
            try await sql.create(index: "values_state_idx").on("indicator_values").column("state").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["region_settings", "evidence_files", "indicator_values", "indicator_targets", "indicators"] {
            try await database.schema(table).delete()
        }
    }
}
