import PilarCore
import Vapor

/// Agency pages: list, create, view with history, edit, deactivate and reactivate.
struct AgenciesController: RouteCollection {
    static let admins: [Role] = [.nationalAdmin, .regionAdmin]

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "agencies", use: list)
        routes.access(.nationalAdmin, .regionAdmin).get("regions", ":code", "agencies", "new", use: newForm)
        routes.access(.nationalAdmin, .regionAdmin).post("regions", ":code", "agencies", use: create)
        routes.access(.signedIn).get("agencies", ":id", use: show)
        routes.access(.nationalAdmin, .regionAdmin, .agencyOperator).get("agencies", ":id", "edit", use: editForm)
        routes.access(.nationalAdmin, .regionAdmin, .agencyOperator).post("agencies", ":id", "edit", use: update)
        routes.access(.nationalAdmin, .regionAdmin).post("agencies", ":id", "deactivate", use: deactivate)
        routes.access(.nationalAdmin, .regionAdmin).post("agencies", ":id", "reactivate", use: reactivate)
    }

    @Sendable func list(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let showInactive = (try? req.query.get(String.self, at: "inactive")) == "1"
        let agencies = try await AgencyRepository(db: req.db).list(region: region.code, includeInactive: showInactive)
        let rows = agencies.map {
            AgencyListPage.Row(id: $0.id, name: $0.name, shortName: $0.shortName, kindKey: "agency.kind." + $0.kind,
                               headName: $0.headName ?? "", active: $0.active)
        }
        let canCreate = user.role == .nationalAdmin || user.role == .regionAdmin
        return try await req.render("agencies/list", titleKey: "agencies.title", titleSuffix: region.name,
                                    AgencyListPage(regionCode: region.code, regionName: region.name, rows: rows,
                                                   canCreate: canCreate, showInactive: showInactive))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireAgencyAdmin(region: region.code, for: try req.user)
        return try await req.render("agencies/form", titleKey: "agencies.new", titleSuffix: region.name,
                                    newPage(region, values: AgencyInput(kind: AgencyKind.office.rawValue)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireAgencyAdmin(region: region.code, for: user)
        let input = try req.content.decode(AgencyInput.self)
        do {
            let agency = try await AgencyRepository(db: req.db)
                .create(region: region.code, values: try input.validated(), actor: user)
            return req.redirect(to: "/agencies/\(agency.id)", flash: "agencies.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "agencies/form", titleKey: "agencies.new", page: newPage(region, values: input, errors: error.fields))
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let agency = try await req.visibleAgency()
        let user = try req.user
        let region = try await RegionRepository(db: req.db).find(agency.regionCode)
        let history = try await AuditRepository(db: req.db).history(entity: "agency", id: String(agency.id))
        let canEdit = (try? Scope.requireAgencyEditor(agency, for: user)) != nil
        return try await req.render("agencies/show", titleKey: "agencies.detail", titleSuffix: agency.shortName,
                                    AgencyDetailPage(agency: agency, kindKey: "agency.kind." + agency.kind,
                                                     regionName: region?.name ?? agency.regionCode, canEdit: canEdit,
                                                     canChangeActive: canEdit && user.role != .agencyOperator,
                                                     history: history.map(AuditRow.init)))
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let agency = try await req.visibleAgency()
        try Scope.requireAgencyEditor(agency, for: try req.user)
        return try await req.render("agencies/form", titleKey: "agencies.edit", titleSuffix: agency.shortName,
                                    editPage(agency, values: AgencyInput(agency)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try Scope.requireAgencyEditor(agency, for: user)
        let input = try req.content.decode(AgencyInput.self)
        do {
            _ = try await AgencyRepository(db: req.db).update(agency.id, values: try input.validated(against: agency), actor: user)
            return req.redirect(to: "/agencies/\(agency.id)", flash: "agencies.saved")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "agencies/form", titleKey: "agencies.edit", page: editPage(agency, values: input, errors: error.fields))
        }
    }

    @Sendable func deactivate(req: Request) async throws -> Response {
        try await setActive(req, false)
    }

    @Sendable func reactivate(req: Request) async throws -> Response {
        try await setActive(req, true)
    }

    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try Scope.requireAgencyAdmin(region: agency.regionCode, for: user)
        _ = try await AgencyRepository(db: req.db).setActive(agency.id, active, actor: user)
        return req.redirect(to: "/agencies/\(agency.id)", flash: active ? "agencies.reactivated" : "agencies.deactivated")
    }

    private func newPage(_ region: RegionRepository.Summary, values: AgencyInput, errors: [FieldProblem] = []) -> AgencyFormPage {
        AgencyFormPage(action: "/regions/\(region.code)/agencies", cancelHref: "/regions/\(region.code)/agencies",
                       isNew: true, regionName: region.name, values: values, errors: errors)
    }

    private func editPage(_ agency: AgencySnapshot, values: AgencyInput, errors: [FieldProblem] = []) -> AgencyFormPage {
        AgencyFormPage(action: "/agencies/\(agency.id)/edit", cancelHref: "/agencies/\(agency.id)",
                       isNew: false, regionName: agency.regionCode, values: values, errors: errors)
    }
}

