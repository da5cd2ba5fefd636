import Fluent
import SQLKit
import Vapor

/// Account lists for the administration pages.
struct UserRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Row: Encodable {
        let id: Int
        let email: String
        let name: String
        let role: String
        let roleKey: String
        let regionCode: String
        let agency: String
        let active: Bool
        let locked: Bool
    }

    func list(region: String?) async throws -> [Row] {
        var query = sql.select()
            .column(SQLColumn("id", table: "u")).column(SQLColumn("email", table: "u"))
            .column(SQLColumn("name", table: "u")).column(SQLColumn("role", table: "u"))
            .column(SQLColumn("region_code", table: "u")).column(SQLColumn("active", table: "u"))
            .column(SQLColumn("locked_until", table: "u"))
            .column(SQLAlias(SQLColumn("short_name", table: "a"), as: SQLIdentifier("agency")))
            .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
            .join(SQLAlias(SQLIdentifier("agencies"), as: SQLIdentifier("a")), method: SQLJoinMethod.left,
                  on: SQLColumn("agency_id", table: "u"), .equal, SQLColumn("id", table: "a"))
        if let region { query = query.where(SQLColumn("region_code", table: "u"), .equal, SQLBind(region)) }
        let now = Date()
        return try await query.orderBy(SQLColumn("email", table: "u")).all().map { row in
            let role = try row.decode(column: "role", as: String.self)
            let lockedUntil = try row.decode(column: "locked_until", as: Date?.self)
            return Row(id: try row.decode(column: "id", as: Int.self),
                       email: try row.decode(column: "email", as: String.self),
                       name: try row.decode(column: "name", as: String.self),
                       role: role, roleKey: "role." + role,
                       regionCode: try row.decode(column: "region_code", as: String?.self) ?? "",
                       agency: try row.decode(column: "agency", as: String?.self) ?? "",
                       active: try row.decode(column: "active", as: Bool.self),
                       locked: (lockedUntil ?? .distantPast) > now)
        }
    }
}
