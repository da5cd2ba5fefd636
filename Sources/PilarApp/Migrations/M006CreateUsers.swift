import Fluent

struct M006CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field(.id, .int, .identifier(auto: true))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("region_code", .string, .references("regions", "code"))
            .field("agency_id", .int, .references("agencies", .id))
            .field("active", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("assessor_regions")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", .id))
            .field("region_code", .string, .required, .references("regions", "code"))
            .unique(on: "user_id", "region_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessor_regions").delete()
        try await database.schema("users").delete()
    }
}
