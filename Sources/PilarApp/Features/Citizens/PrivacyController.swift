import Fluent
import PilarCore
import Vapor

/// The public privacy notice, and the region admin's answer to a citizen's request for their data.
struct PrivacyController: RouteCollection {
    struct AdminPage: Encodable {
        let regionCode: String
        let regionName: String
        let email: String
        let error: String?
        let retentionDays: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("privacy", use: notice)
        routes.access(.regionAdmin).get("regions", ":code", "privacy", use: admin)
        routes.access(.regionAdmin).post("regions", ":code", "privacy", "export", use: export)
    }

    @Sendable func notice(req: Request) async throws -> View {
        try await req.render("citizens/privacy", titleKey: "privacy.title", ["ok": true])
    }

    @Sendable func admin(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let settings = try await CitizenSettingsModel.load(region.code, on: req.db)
        return try await req.render("citizens/privacy-admin", titleKey: "privacy.admin_title", titleSuffix: region.name,
                                    AdminPage(regionCode: region.code, regionName: region.name, email: "", error: nil, retentionDays: settings.retentionDays))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let email = (try? req.content.get(String.self, at: "email")) ?? ""
        do {
            let export = try await PrivacyService(db: req.db).export(email: email, region: region.code)
            try await AuditLog.record(.export, entity: "citizen_data", id: "subject-request", region: region.code,
                                      before: [String: String]?.none, after: ["reports": String(export.reports.count)], actor: user, on: req.db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
            response.headers.contentType = .json
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"data-warga-\(region.code).json\"")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch let error as PilarError where error.status == .unprocessableEntity {
            let settings = try await CitizenSettingsModel.load(region.code, on: req.db)
            return try await formError(req, error, template: "citizens/privacy-admin", titleKey: "privacy.admin_title",
                                       page: AdminPage(regionCode: region.code, regionName: region.name, email: email, error: "error.email",
                                                       retentionDays: settings.retentionDays))
        }
    }
}
