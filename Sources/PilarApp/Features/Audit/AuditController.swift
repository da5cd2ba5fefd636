import PilarCore
import Vapor

/// The audit view: national admins see every region, region admins their own.
struct AuditController: RouteCollection {
    struct Page: Encodable {
        let rows: [AuditRow]
        let entity: String
        let nextBefore: Int?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.nationalAdmin, .regionAdmin).get("audit", use: index)
    }

    @Sendable func index(req: Request) async throws -> View {
        let user = try req.user
        let entity = (try? req.query.get(String.self, at: "entity")) ?? ""
        let before = try? req.query.get(Int.self, at: "before")
        let region = user.role == .nationalAdmin ? nil : user.regionCode
        let entries = try await AuditRepository(db: req.db).recent(region: region, entity: entity, beforeID: before)
        return try await req.render("audit/index", titleKey: "audit.title",
                                    Page(rows: entries.map(AuditRow.init), entity: entity,
                                         nextBefore: entries.count == 50 ? entries.last?.id : nil))
    }
}
