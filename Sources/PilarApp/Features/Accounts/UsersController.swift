import Fluent
import PilarCore
import Vapor

/// Account administration. A region admin manages the accounts of their own region and may not
/// create national admins or assessors; the national admin manages everyone.
struct UsersController: RouteCollection {
    struct ListPage: Encodable {
        let rows: [UserRepository.Row]
        let canAdminister: Bool
    }

    struct FormPage: Encodable {
        struct Choice: Encodable {
            let value: String
            let label: String
            let selected: Bool
        }

        let values: Form
        let roles: [Choice]
        let agencies: [Choice]
        let regionFixed: String?
        let errors: [String: String]
    }

    struct Form: Content {
        var email: String?
        var name: String?
        var role: String?
        var regionCode: String?
        var agencyID: String?
        var password: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let admins = routes.access(.nationalAdmin, .regionAdmin)
        admins.get("users", use: list)
        admins.get("users", "new", use: newForm)
        admins.post("users", use: create)
        admins.post("users", ":id", "deactivate", use: deactivate)
        admins.post("users", ":id", "reactivate", use: reactivate)
    }

    @Sendable func list(req: Request) async throws -> View {
        let user = try req.user
        let rows = try await UserRepository(db: req.db).list(region: user.role == .nationalAdmin ? nil : user.regionCode)
        return try await req.render("users/list", titleKey: "users.title", ListPage(rows: rows, canAdminister: true))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        let user = try req.user
        return try await req.render("users/form", titleKey: "users.new",
                                    try await formPage(req, user: user, values: Form(role: Role.viewer.rawValue), errors: []))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let actor = try req.user
        var form = try req.content.decode(Form.self)
        if actor.role == .regionAdmin { form.regionCode = actor.regionCode }
        do {
            if actor.role == .regionAdmin, let role = Role(rawValue: form.role ?? ""), !role.isRegionBound {
                throw PilarError.invalid([FieldProblem(field: "role", key: "error.role_not_allowed")])
            }
            let agencyID: Int? = try form.agencyID.flatMap(\.nilIfEmpty).map { raw in
                guard let id = Int(raw) else { throw PilarError.invalid([FieldProblem(field: "agencyID", key: "error.agency_required")]) }
                return id
            }
            _ = try await req.userService.create(
                .init(email: form.email ?? "", name: form.name ?? "", role: form.role ?? "", regionCode: form.regionCode,
                      agencyID: agencyID, password: form.password ?? ""),
                actor: actor)
            return req.redirect(to: "/users", flash: "users.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            form.password = nil // never echo a password back into the page
            return try await formError(req, error, template: "users/form", titleKey: "users.new",
                                       page: try await formPage(req, user: actor, values: form, errors: error.fields))
        }
    }

    @Sendable func deactivate(req: Request) async throws -> Response { try await setActive(req, false) }
    @Sendable func reactivate(req: Request) async throws -> Response { try await setActive(req, true) }

    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let actor = try req.user
        guard let id = req.parameters.get("id", as: Int.self), let target = try await UserModel.find(id, on: req.db) else {
            throw PilarError.notFound("user")
        }
        if actor.role == .regionAdmin, target.regionCode != actor.regionCode { throw PilarError.forbidden }
        if id == actor.id { throw PilarError(status: .conflict, code: "conflict", messageKey: "error.self_deactivate") }
        try await req.userService.setActive(id, active, actor: actor)
        return req.redirect(to: "/users", flash: active ? "users.reactivated" : "users.deactivated")
    }

    private func formPage(_ req: Request, user: AuthUser, values: Form, errors: [FieldProblem]) async throws -> FormPage {
        let catalog = req.catalog
        let allowed = Role.allCases.filter { user.role == .nationalAdmin || $0.isRegionBound }
        let roles = allowed.map { FormPage.Choice(value: $0.rawValue, label: catalog.text("role." + $0.rawValue), selected: $0.rawValue == values.role) }
        var agencyQuery = AgencyModel.query(on: req.db).filter(\.$active == true).sort(\.$regionCode).sort(\.$shortName)
        if user.role == .regionAdmin, let region = user.regionCode { agencyQuery = agencyQuery.filter(\.$regionCode == region) }
        let agencies = try await agencyQuery.all().map {
            FormPage.Choice(value: String($0.id ?? 0), label: "\($0.shortName) (\($0.regionCode))", selected: String($0.id ?? 0) == values.agencyID)
        }
        return FormPage(values: values, roles: roles, agencies: agencies,
                        regionFixed: user.role == .regionAdmin ? user.regionCode : nil,
                        errors: errors.byField)
    }
}
