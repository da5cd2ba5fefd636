import Fluent
import PilarCore
import SQLKit
import Vapor

/// Region reference data. Lists go through SQLKit: 552 rows through Fluent models is slow.
struct RegionRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Summary: Content, Equatable {
        let code: String
        let kind: String
        let provinceCode: String?
        let name: String
        let population: Int?
        let areaKm2: Double?
        let framework: String?
    }

    struct Filter {
        var kind: RegionKind?
        var province: String?
        var search: String?
        /// Only these codes (an assessor's assignments); nil means no restriction.
        var codes: [String]?
    }

    func list(_ filter: Filter) async throws -> [Summary] {
        var query = sql.select()
            .column("code").column("kind").column("province_code").column("name")
            .column("population").column("area_km2").column("framework_code")
            .from("regions")
        if let kind = filter.kind { query = query.where("kind", .equal, kind.rawValue) }
        if let province = filter.province { query = query.where("province_code", .equal, province) }
        if let search = filter.search?.lowercased(), !search.isEmpty {
            query = query.where { group in
                group.where(SQLFunction("LOWER", args: SQLColumn("name")), .like, SQLBind("%\(search)%"))
                    .orWhere("code", .equal, search)
            }
        }
        if let codes = filter.codes { query = query.where("code", .in, codes) }
        return try await query.orderBy("code").all().map(Self.summary)
    }

    func find(_ code: String) async throws -> Summary? {
        try await sql.select().column("*").from("regions").where("code", .equal, code).first().map(Self.summary)
    }

    func setFramework(_ code: String, framework: String) async throws {
        try await sql.update("regions").set("framework_code", to: framework).where("code", .equal, code).run()
    }

    private static func summary(_ row: any SQLRow) throws -> Summary {
        Summary(
            code: try row.decode(column: "code", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            provinceCode: try row.decode(column: "province_code", as: String?.self),
            name: try row.decode(column: "name", as: String.self),
            population: try row.decode(column: "population", as: Int?.self),
            areaKm2: try row.decode(column: "area_km2", as: Double?.self),
            framework: try row.decode(column: "framework_code", as: String?.self)
        )
    }
}

extension Request {
    /// The region named by the `code` path parameter, or a clear 400/404.
    func region(parameter name: String = "code") async throws -> RegionRepository.Summary {
        let raw = parameters.get(name) ?? ""
        guard RegionCode(raw) != nil else {
            var error = PilarError(status: .badRequest, code: "invalid_region_code", messageKey: "error.region_code")
            error.detail = raw
            throw error
        }
        guard let region = try await RegionRepository(db: db).find(raw) else {
            throw PilarError.notFound("region \(raw)")
        }
        return region
    }
}
