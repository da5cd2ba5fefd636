import Fluent

/// Surveys (field evaluations, public surveys, IKM), their questions, and the answers citizens give.
/// A response holds no name or contact: only the respondent category, and the collector for answers
/// typed in from paper. Photos live in the database with the response they belong to.
struct M014CreateSurveys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("surveys")
            .field(.id, .int, .identifier(auto: true))
            .field("region_code", .string, .required, .references("regions", "code"))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("programme_id", .int, .references("programmes", .id))
            .field("cycle_id", .int, .references("evaluation_cycles", .id))
            .field("service_unit", .string, .required)
            .field("period", .string, .required)
            .field("categories", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("survey_questions")
            .field(.id, .int, .identifier(auto: true))
            .field("survey_id", .int, .required, .references("surveys", .id))
            .field("position", .int, .required)
            .field("type", .string, .required)
            .field("text", .string, .required)
            .field("required", .bool, .required)
            .field("options", .string, .required)
            .field("skip_if_answer", .string)
            .field("skip_to", .int)
            .unique(on: "survey_id", "position")
            .create()
        try await database.schema("survey_responses")
            .field(.id, .int, .identifier(auto: true))
            .field("survey_id", .int, .required, .references("surveys", .id))
            .field("category", .string, .required)
            .field("collector_id", .int, .references("users", .id))
            .field("created_at", .datetime)
            .create()
        try await database.schema("survey_answers")
            .field(.id, .int, .identifier(auto: true))
            .field("response_id", .int, .required, .references("survey_responses", .id))
            .field("position", .int, .required)
            .field("value", .string, .required)
            .create()
        try await database.schema("survey_photos")
            .field(.id, .int, .identifier(auto: true))
            .field("response_id", .int, .required, .references("survey_responses", .id))
            .field("position", .int, .required)
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["survey_photos", "survey_answers", "survey_responses", "survey_questions", "surveys"] {
            try await database.schema(table).delete()
        }
    }
}
