import PilarCore
import Vapor

/// Programmes over the API: list and read for anyone who may see the region; create and replace
/// under the same rules as the roadmap form.
struct ProgrammesAPIController: RouteCollection {
    struct ListResponse: Content {
        let count: Int
        let programmes: [ProgrammeRepository.Row]
    }

    func boot(routes: any RoutesBuilder) throws {
        let editors = Set(ProgrammesController.editors)
        routes.access(.signedIn).get("regions", ":code", "programmes", use: list)
        routes.access(.roles(editors)).post("regions", ":code", "programmes", use: create)
        routes.access(.signedIn).get("programmes", ":id", use: show)
        routes.access(.roles(editors)).put("programmes", ":id", use: replace)
    }

    @Sendable func list(req: Request) async throws -> ListResponse {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        var filter = ProgrammeRepository.Filter()
        if let dimension = try? req.query.get(String.self, at: "dimension") { filter.dimension = dimension }
        if let status = try? req.query.get(String.self, at: "status") {
            guard ProgrammeStatus(rawValue: status) != nil else { throw PilarError.invalidQuery([.init(field: "status", key: "error.choose")]) }
            filter.status = status
        }
        if let horizon = try? req.query.get(String.self, at: "horizon") {
            guard Horizon(rawValue: horizon) != nil else { throw PilarError.invalidQuery([.init(field: "horizon", key: "error.choose")]) }
            filter.horizon = horizon
        }
        filter.agencyID = try? req.query.get(Int.self, at: "agency")
        let rows = try await ProgrammeRepository(db: req.db).list(region: region.code, filter: filter)
        return ListResponse(count: rows.count, programmes: rows)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        var input = try req.content.decode(ProgrammeInput.self)
        // An operator's programme is led by their own agency unless they say otherwise.
        if user.role == .agencyOperator, input.leadAgencyID == nil { input.leadAgencyID = user.agencyID }
        try Scope.requireProgrammeEditor(region: region.code, leadAgencyID: input.leadAgencyID, for: user)
        let values = try input.validated(in: try await ProgrammeRepository.context(region: region, on: req.db))
        let programme = try await ProgrammeRepository(db: req.db).create(region: region.code, masterplanID: nil, values: values, actor: user)
        let response = try await programme.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/programmes/\(programme.id)")
        return response
    }

    @Sendable func show(req: Request) async throws -> ProgrammeRepository.Snapshot {
        try await req.visibleProgramme()
    }

    @Sendable func replace(req: Request) async throws -> ProgrammeRepository.Snapshot {
        let programme = try await req.visibleProgramme()
        let user = try req.user
        try Scope.requireProgrammeEditor(region: programme.regionCode, leadAgencyID: programme.leadAgencyID, for: user)
        var input = try req.content.decode(ProgrammeInput.self)
        if input.leadAgencyID == nil { input.leadAgencyID = programme.leadAgencyID }
        if user.role == .agencyOperator, input.leadAgencyID != programme.leadAgencyID { throw PilarError.forbidden }
        guard let region = try await RegionRepository(db: req.db).find(programme.regionCode) else { throw PilarError.notFound }
        let values = try input.validated(in: try await ProgrammeRepository.context(region: region, on: req.db))
        return try await ProgrammeRepository(db: req.db).update(programme.id, values: values, actor: user)
    }
}
