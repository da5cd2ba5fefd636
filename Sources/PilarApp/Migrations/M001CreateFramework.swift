import Fluent

struct M001CreateFramework: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("framework_versions")
            .field("code", .string, .identifier(auto: false))
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .create()
        try await database.schema("dimensions")
            .field(.id, .int, .identifier(auto: true))
            .field("framework_code", .string, .required, .references("framework_versions", "code"))
            .field("code", .string, .required)
            .field("position", .int, .required)
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .unique(on: "framework_code", "code")
            .create()
        try await database.schema("elements")
            .field(.id, .int, .identifier(auto: true))
            .field("dimension_id", .int, .required, .references("dimensions", .id))
            .field("code", .string, .required)
            .field("position", .int, .required)
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .unique(on: "dimension_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("elements").delete()
        try await database.schema("dimensions").delete()
        try await database.schema("framework_versions").delete()
    }
}
