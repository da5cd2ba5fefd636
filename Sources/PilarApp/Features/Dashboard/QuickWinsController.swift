import Fluent
import PilarCore
import SQLKit
import Vapor

/// Quick wins as the head of region presents them: one card per programme with its indicators'
/// baseline, latest reported value against target, and achievement.
struct QuickWinsController: RouteCollection {
    struct Page: Encodable {
        struct Card: Encodable {
            let id: Int
            let title: String
            let leadAgency: String
            let statusKey: String
            let figures: [Figure]
        }
        struct Figure: Encodable {
            let name: String
            let levelKey: String
            let baseline: String
            let latest: String
            let period: String
            let target: String
            let achievement: String
            let barWidth: Int
        }
        let regionName: String
        let cards: [Card]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "quick-wins", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let settings = try await RegionSettings.load(region.code, on: req.db)
        let programmes = try await ProgrammeRepository(db: req.db).list(region: region.code, filter: .init(horizon: Horizon.quickWin.rawValue))
        let facts = try await DashboardRepository(db: req.db).indicators(region: region.code)
        var cards: [Page.Card] = []
        for programme in programmes {
            let plans = try await ActionPlanModel.query(on: req.db).filter(\.$programmeID == programme.id).all().compactMap(\.id)
            let indicators = plans.isEmpty ? [] : try await IndicatorModel.query(on: req.db).filter(\.$actionPlanID ~~ plans).sort(\.$id).all()
            let figures = indicators.compactMap { indicator -> Page.Figure? in
                guard let id = indicator.id, let fact = facts[id] else { return nil }
                let latest = fact.reported.keys.max()
                let value = latest.flatMap { fact.reported[$0] }
                let target = latest.flatMap { fact.targets[$0] }
                let percent = target.flatMap { t in value.flatMap { Achievement.percent(target: t, realisation: $0, direction: fact.direction, lowerFormula: settings.formula) } }
                return .init(name: indicator.name, levelKey: "level." + indicator.level,
                             baseline: indicator.baselineValue.map { req.number($0) + " " + indicator.unit } ?? "–",
                             latest: value.map { req.number($0) + " " + indicator.unit } ?? "–", period: latest?.code ?? "",
                             target: target.map { req.number($0) + " " + indicator.unit } ?? "–",
                             achievement: percent.map { String(format: "%.0f %%", $0) } ?? "–",
                             barWidth: Int(min(percent ?? 0, 100).rounded()))
            }
            cards.append(.init(id: programme.id, title: programme.title, leadAgency: programme.leadAgency,
                               statusKey: "programme.status." + programme.status, figures: figures))
        }
        return try await req.render("dashboard/quick-wins", titleKey: "quickwins.title", titleSuffix: region.name,
                                    Page(regionName: region.name, cards: cards))
    }
}
