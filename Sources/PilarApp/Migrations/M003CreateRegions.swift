import Fluent

struct M003CreateRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .field("code", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("province_code", .string)
            .field("name", .string, .required)
            .field("population", .int64)
            .field("area_km2", .double)
            .field("framework_code", .string, .references("framework_versions", "code"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}
