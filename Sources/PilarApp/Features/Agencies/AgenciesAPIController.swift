import PilarCore
import Vapor

/// Agencies over the API. Reading needs any account that may see the region; writing follows the
/// same rules as the pages.
struct AgenciesAPIController: RouteCollection {
    struct ListResponse: Content {
        let count: Int
        let agencies: [AgencySnapshot]
    }

    /// PATCH body: any agency field, plus `active` to deactivate or reactivate.
    struct Patch: Content {
        var name: String?
        var shortName: String?
        var kind: String?
        var headName: String?
        var email: String?
        var phone: String?
        var address: String?
        var active: Bool?

        var input: AgencyInput {
            AgencyInput(name: name, shortName: shortName, kind: kind, headName: headName, email: email, phone: phone, address: address)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "agencies", use: list)
        routes.access(.nationalAdmin, .regionAdmin).post("regions", ":code", "agencies", use: create)
        routes.access(.signedIn).get("agencies", ":id", use: show)
        routes.access(.nationalAdmin, .regionAdmin, .agencyOperator).patch("agencies", ":id", use: patch)
    }

    @Sendable func list(req: Request) async throws -> ListResponse {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let includeInactive = (try? req.query.get(Bool.self, at: "includeInactive")) ?? false
        let agencies = try await AgencyRepository(db: req.db).list(region: region.code, includeInactive: includeInactive)
        return ListResponse(count: agencies.count, agencies: agencies)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireAgencyAdmin(region: region.code, for: user)
        let values = try req.content.decode(AgencyInput.self).validated()
        let agency = try await AgencyRepository(db: req.db).create(region: region.code, values: values, actor: user)
        let response = try await agency.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/agencies/\(agency.id)")
        return response
    }

    @Sendable func show(req: Request) async throws -> AgencySnapshot {
        try await req.visibleAgency()
    }

    @Sendable func patch(req: Request) async throws -> AgencySnapshot {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try Scope.requireAgencyEditor(agency, for: user)
        let patch = try req.content.decode(Patch.self)
        // Deactivating an agency is an administrator's decision, not the agency's own.
        if patch.active != nil, user.role == .agencyOperator { throw PilarError.forbidden }
        let repository = AgencyRepository(db: req.db)
        let values = try patch.input.validated(against: agency)
        var updated = try await repository.update(agency.id, values: values, actor: user)
        if let active = patch.active {
            updated = try await repository.setActive(agency.id, active, actor: user)
        }
        return updated
    }
}
