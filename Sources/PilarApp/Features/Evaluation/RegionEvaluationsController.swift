import Fluent
import PilarCore
import Vapor

/// A region's evaluation history: published results (legacy totals included) with the index trend,
/// the latest radar of dimensions, and, for those who can see the region, evaluations in progress.
/// The national admin records legacy totals here.
struct RegionEvaluationsController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            let id: Int
            let period: String
            let index: String
            let predicate: String?
            let method: String
            let legacy: Bool
        }
        struct Open: Encodable {
            let id: Int
            let period: String
            let stateKey: String
        }
        let regionCode: String
        let regionName: String
        let trend: String
        let rows: [Row]
        let open: [Open]
        let hasOpen: Bool
        let latestID: Int?
        let radar: String?
        let canRecordLegacy: Bool
        let signedIn: Bool
    }

    struct LegacyPage: Encodable {
        let regionCode: String
        let regionName: String
        let period: String
        let index: String
        let remarks: String
        let errors: [String: String]
        let hasErrors: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("regions", ":code", "evaluations", use: history)
        routes.access(.nationalAdmin).get("regions", ":code", "evaluations", "legacy", use: legacyForm)
        routes.access(.nationalAdmin).post("regions", ":code", "evaluations", "legacy", use: recordLegacy)
    }

    @Sendable func history(req: Request) async throws -> View {
        let region = try await req.region()
        let repository = EvaluationRepository(db: req.db)
        let history = try await repository.history(region: region.code)
        let user = req.auth.get(AuthUser.self)
        var open: [Page.Open] = []
        if let user, user.canSee(region: region.code) {
            open = try await EvaluationModel.query(on: req.db).filter(\.$regionCode == region.code)
                .filter(\.$state != EvaluationState.published.rawValue).sort(\.$period, .descending).all()
                .map { Page.Open(id: try $0.requireID(), period: $0.period, stateKey: "evaluation.state." + $0.state) }
        }
        let rows = history.reversed().map {
            Page.Row(id: $0.id, period: $0.period, index: req.score($0.index), predicate: $0.predicate, method: $0.method ?? req.catalog.text("evaluation.legacy"),
                     legacy: $0.legacy)
        }
        var radar: String?
        let latest = history.last { !$0.legacy }
        if let latest, let detail = try await repository.detail(latest.id) {
            radar = EvaluationCharts.radar(detail, framework: try await FrameworkRepository(db: req.db).adopted(by: region), showVerified: true,
                                           title: req.catalog.text("evaluation.radar") + " " + latest.period, req)
        }
        return try await req.render("evaluation/region", titleKey: "evaluation.history", titleSuffix: region.name,
                                    Page(regionCode: region.code, regionName: region.name,
                                         trend: EvaluationCharts.trend(history, req),
                                         rows: rows, open: open, hasOpen: !open.isEmpty, latestID: latest?.id, radar: radar,
                                         canRecordLegacy: user?.role == .nationalAdmin, signedIn: user != nil))
    }

    @Sendable func legacyForm(req: Request) async throws -> View {
        let region = try await req.region()
        return try await req.render("evaluation/legacy", titleKey: "legacy.title", titleSuffix: region.name,
                                    LegacyPage(regionCode: region.code, regionName: region.name, period: "", index: "", remarks: "",
                                               errors: [:], hasErrors: false))
    }

    @Sendable func recordLegacy(req: Request) async throws -> Response {
        let region = try await req.region()
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        do {
            try await EvaluationService(db: req.db).recordLegacy(region: region.code, period: text("period"), index: text("index"),
                                                                 remarks: text("remarks"), actor: try req.user)
            return req.redirect(to: "/regions/\(region.code)/evaluations", flash: "legacy.saved")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            let errors = error.fields.byField
            return try await formError(req, error, template: "evaluation/legacy", titleKey: "legacy.title",
                                       page: LegacyPage(regionCode: region.code, regionName: region.name, period: text("period"),
                                                        index: text("index"), remarks: text("remarks"), errors: errors, hasErrors: true))
        }
    }
}
