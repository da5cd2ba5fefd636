import Fluent

struct M005CreateAgencies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agencies")
            .field(.id, .int, .identifier(auto: true))
            .field("region_code", .string, .required, .references("regions", "code"))
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("head_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "region_code", "short_name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agencies").delete()
    }
}
