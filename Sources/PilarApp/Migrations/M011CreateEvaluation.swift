import Fluent
import Foundation
import PilarCore

/// Scoring methods as versioned data, evaluation cycles, each region's evaluation in a cycle (or a
/// legacy total), its scores per item and dimension, and the evidence each score points to.
struct M011CreateEvaluation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_methods")
            .field(.id, .int, .identifier(auto: true))
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("effective_from", .string, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code", "version")
            .create()
        try await database.schema("evaluation_cycles")
            .field(.id, .int, .identifier(auto: true))
            .field("period", .string, .required)
            .field("year", .int, .required)
            .field("stage", .int, .required)
            .field("method_id", .int, .required, .references("scoring_methods", .id))
            .field("self_from", .string, .required)
            .field("self_until", .string, .required)
            .field("verify_until", .string, .required)
            .field("publish_on", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime)
            .field("published_at", .datetime)
            .unique(on: "period")
            .create()
        try await database.schema("evaluations")
            .field(.id, .int, .identifier(auto: true))
            .field("cycle_id", .int, .references("evaluation_cycles", .id))
            .field("region_code", .string, .required, .references("regions", "code"))
            .field("period", .string, .required)
            .field("method_id", .int, .references("scoring_methods", .id))
            .field("state", .string, .required)
            .field("legacy", .bool, .required)
            .field("index_value", .double)
            .field("exact_index", .double)
            .field("predicate", .string)
            .field("remarks", .string, .required)
            .field("submitted_at", .datetime)
            .field("verified_at", .datetime)
            .field("published_at", .datetime)
            .unique(on: "region_code", "period")
            .create()
        try await database.schema("evaluation_scores")
            .field(.id, .int, .identifier(auto: true))
            .field("evaluation_id", .int, .required, .references("evaluations", .id))
            .field("item_code", .string, .required)
            .field("kind", .string, .required)
            .field("self_score", .double)
            .field("narrative", .string, .required)
            .field("verified_score", .double)
            .field("reason", .string, .required)
            .field("field_notes", .string, .required)
            .field("planned", .int)
            .field("running", .int)
            .unique(on: "evaluation_id", "item_code")
            .create()
        try await database.schema("evaluation_evidence")
            .field(.id, .int, .identifier(auto: true))
            .field("evaluation_id", .int, .required, .references("evaluations", .id))
            .field("item_code", .string, .required)
            .field("kind", .string, .required)
            .field("ref_id", .int)
            .field("url", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["evaluation_evidence", "evaluation_scores", "evaluations", "evaluation_cycles", "scoring_methods"] {
            try await database.schema(table).delete()
        }
    }
}

/// Version 1 of every shipped method, so a fresh install can open a cycle at once.
struct M012LoadShippedMethods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for method in ScoringMethod.shipped {
            try await ScoringMethodModel(method).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await ScoringMethodModel.query(on: database).delete()
    }
}
