import Fluent
import PilarCore
import Vapor

/// The region dashboard: per dimension how many programmes run and how their indicators stand,
/// the programmes that need attention, and each agency's open work (stale, returned, drafts).
struct DashboardController: RouteCollection {
    struct Page: Encodable {
        struct DimensionRow: Encodable {
            let code: String
            let name: String
            let programmes: Int
            let runningShare: String
            let onTrack: Int
            let atRisk: Int
            let late: Int
            let stale: Int
            let noData: Int
        }
        struct Attention: Encodable {
            let id: Int
            let title: String
            let leadAgency: String
            let status: String
            let statusKey: String
        }
        struct AgencyRow: Encodable {
            let id: Int
            let shortName: String
            let indicators: Int
            let stale: Int
            let returned: Int
            let drafts: Int
        }
        let regionCode: String
        let regionName: String
        let chart: String
        let dimensions: [DimensionRow]
        let attention: [Attention]
        let agencies: [AgencyRow]
        let asOf: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "dashboard", use: dashboard)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let repository = DashboardRepository(db: req.db)
        let settings = try await RegionSettings.load(region.code, on: req.db)
        let programmes = try await repository.programmes(region: region.code)
        let indicators = try await repository.indicators(region: region.code)
        let today = Date()
        var statusOf: [Int: IndicatorStatus] = [:]
        for (id, facts) in indicators {
            statusOf[id] = IndicatorAssessment(targets: facts.targets, realisations: facts.reported, direction: facts.direction,
                                               lowerFormula: settings.formula, today: today, thresholds: settings.thresholds).status
        }
        let catalog = req.catalog
        let english = req.language == .en
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let dimensions = (framework?.dimensions ?? []).map { dimension -> Page.DimensionRow in
            let mine = programmes.filter { $0.dimension == dimension.code }
            let ids = Set(mine.map(\.id))
            let statuses = indicators.values.filter { ids.contains($0.programmeID) }.compactMap { statusOf[$0.id] }
            let running = mine.filter { $0.status == ProgrammeStatus.running.rawValue }.count
            return .init(code: dimension.code, name: english ? dimension.name.en : dimension.name.id, programmes: mine.count,
                         runningShare: mine.isEmpty ? "–" : "\(Int((Double(running) / Double(mine.count) * 100).rounded())) %",
                         onTrack: statuses.filter { $0 == .onTrack }.count, atRisk: statuses.filter { $0 == .atRisk }.count,
                         late: statuses.filter { $0 == .late }.count, stale: statuses.filter { $0 == .stale }.count,
                         noData: statuses.filter { $0 == .noData }.count)
        }
        let chart = SVGChart.stackedBars(dimensions.map { row in
            .init(label: row.code, segments: [
                .init(value: row.onTrack, cssClass: "s-on-track", label: catalog.text("status.on-track")),
                .init(value: row.atRisk, cssClass: "s-at-risk", label: catalog.text("status.at-risk")),
                .init(value: row.late, cssClass: "s-late", label: catalog.text("status.late")),
                .init(value: row.stale, cssClass: "s-stale", label: catalog.text("status.stale")),
                .init(value: row.noData, cssClass: "s-no-data", label: catalog.text("status.no-data")),
            ])
        }, title: catalog.text("dashboard.chart_title"))
        let severity: [IndicatorStatus: Int] = [.late: 0, .stale: 1, .atRisk: 2]
        let attention = programmes.compactMap { programme -> (Page.Attention, Int)? in
            let status = IndicatorStatus.rollup(indicators.values.filter { $0.programmeID == programme.id }.compactMap { statusOf[$0.id] })
            guard let rank = severity[status] else { return nil }
            return (.init(id: programme.id, title: programme.title, leadAgency: programme.leadAgency, status: status.rawValue,
                          statusKey: "status." + status.rawValue), rank)
        }.sorted { ($0.1, $0.0.title) < ($1.1, $1.0.title) }.map(\.0)
        let agencies = try await AgencyRepository(db: req.db).list(region: region.code, includeInactive: false).map { agency -> Page.AgencyRow in
            let mine = indicators.values.filter { $0.agencyID == agency.id }
            return .init(id: agency.id, shortName: agency.shortName, indicators: mine.count,
                         stale: mine.filter { statusOf[$0.id] == .stale }.count,
                         returned: mine.reduce(0) { $0 + $1.returned }, drafts: mine.reduce(0) { $0 + $1.drafts })
        }.sorted { ($1.stale, $1.returned, $0.shortName) < ($0.stale, $0.returned, $1.shortName) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        if let format = Export.requested(req) {
            return try Export.response(
                format: format, filename: "dasbor-\(region.code)-\(formatter.string(from: today))", sheet: "dimensi",
                header: [catalog.text("programme.dimension"), catalog.text("dashboard.programmes"), catalog.text("dashboard.running"),
                         catalog.text("status.on-track"), catalog.text("status.at-risk"), catalog.text("status.late"),
                         catalog.text("status.stale"), catalog.text("status.no-data")],
                rows: dimensions.map { d in [.text("\(d.code) \(d.name)"), .number(Double(d.programmes)), .text(d.runningShare),
                                             .number(Double(d.onTrack)), .number(Double(d.atRisk)), .number(Double(d.late)),
                                             .number(Double(d.stale)), .number(Double(d.noData))] })
        }
        return try await req.render("dashboard/region", titleKey: "dashboard.title", titleSuffix: region.name, Page(
            regionCode: region.code, regionName: region.name, chart: chart, dimensions: dimensions,
            attention: attention, agencies: agencies, asOf: formatter.string(from: today))).encodeResponse(for: req)
    }
}
