import PilarCore
import Vapor

/// Regions as public reference data: `GET /api/v1/regions` and `GET /api/v1/regions/{code}`.
struct RegionsAPIController: RouteCollection {
    struct ListResponse: Content {
        let count: Int
        let regions: [RegionRepository.Summary]
    }

    struct Query: Decodable {
        let kind: String?
        let province: String?
        let q: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.everyone)
        open.get("regions", use: list)
        open.get("regions", ":code", use: show)
    }

    @Sendable func list(req: Request) async throws -> ListResponse {
        let query = try req.query.decode(Query.self)
        var filter = RegionRepository.Filter()
        var problems: [FieldProblem] = []
        if let kind = query.kind, !kind.isEmpty {
            if let parsed = RegionKind(rawValue: kind) { filter.kind = parsed } else {
                problems.append(FieldProblem(field: "kind", key: "error.region_kind"))
            }
        }
        if let province = query.province, !province.isEmpty {
            if let code = RegionCode(province), code.isProvince { filter.province = province } else {
                problems.append(FieldProblem(field: "province", key: "error.region_code"))
            }
        }
        guard problems.isEmpty else { throw PilarError.invalidQuery(problems) }
        filter.search = query.q
        let regions = try await RegionRepository(db: req.db).list(filter)
        return ListResponse(count: regions.count, regions: regions)
    }

    @Sendable func show(req: Request) async throws -> RegionRepository.Summary {
        try await req.region()
    }
}
