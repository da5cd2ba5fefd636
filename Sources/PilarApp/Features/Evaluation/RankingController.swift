import Fluent
import PilarCore
import SQLKit
import Vapor

/// The national comparison: a published cycle's ranking with filters by province, kind and
/// population band, the distribution of indices, each region's change since its previous result,
/// and CSV/XLSX export. Published results are public, so no sign-in is needed.
struct RankingController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            let rank: Int
            let peerRank: Int
            let regionCode: String
            let regionName: String
            let province: String
            let kindKey: String
            let bandKey: String
            let index: String
            let predicate: String?
            let previous: String
            let change: String
            let trend: String
        }
        let cycles: [Choice]
        let cycleID: Int?
        let period: String?
        let method: String?
        let provinces: [Choice]
        let kinds: [Choice]
        let bands: [Choice]
        let rows: [Row]
        let hasRows: Bool
        let histogram: String?
        let query: String
        let signedIn: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("ranking", use: ranking)
    }

    @Sendable func ranking(req: Request) async throws -> Response {
        let repository = EvaluationRepository(db: req.db)
        let cycles = try await repository.cycles().filter { $0.published > 0 }
        let requested = try? req.query.get(Int.self, at: "cycle")
        let chosen = cycles.first { $0.id == requested } ?? cycles.first
        let province = Validate.trimmed(try? req.query.get(String.self, at: "province"))
        let kind = Validate.trimmed(try? req.query.get(String.self, at: "kind"))
        let band = Validate.trimmed(try? req.query.get(String.self, at: "band"))
        var entries: [EvaluationRepository.RankingEntry] = []
        if let chosen, let cycle = try await EvaluationCycleModel.find(chosen.id, on: req.db) {
            entries = try await repository.ranking(cycle: cycle)
        }
        let provinceNames = try await RegionModel.query(on: req.db).filter(\.$kind == RegionKind.province.rawValue).all()
            .reduce(into: [String: String]()) { $0[$1.id ?? ""] = $1.name }
        let filtered = entries.filter {
            (province.isEmpty || $0.provinceCode == province) && (kind.isEmpty || $0.kind == kind) && (band.isEmpty || $0.populationBand == band)
        }
        let catalog = req.catalog
        if let format = Export.requested(req), let chosen {
            return try Export.response(
                format: format, filename: "peringkat-\(chosen.period)", sheet: chosen.period,
                header: [catalog.text("ranking.rank"), catalog.text("ranking.peer_rank"), catalog.text("regions.code"), catalog.text("regions.name"),
                         catalog.text("ranking.province"), catalog.text("region.kind"), catalog.text("ranking.band"),
                         catalog.text("evaluation.index"), catalog.text("evaluation.predicate"), catalog.text("ranking.previous")],
                rows: filtered.map { e in
                    [.number(Double(e.rank)), .number(Double(e.peerRank)), .text(e.regionCode), .text(e.regionName),
                     .text(provinceNames[e.provinceCode ?? ""] ?? ""), .text(catalog.text("region.kind." + e.kind)),
                     .text(catalog.text("band." + (e.populationBand ?? "unknown"))), .number(e.index), .text(e.predicate ?? ""),
                     e.previousIndex.map { .number($0) } ?? .text("")]
                })
        }
        let rows = filtered.map { e -> Page.Row in
            let change = e.previousIndex.map { e.index - $0 }
            return Page.Row(rank: e.rank, peerRank: e.peerRank, regionCode: e.regionCode, regionName: e.regionName,
                            province: provinceNames[e.provinceCode ?? ""] ?? "", kindKey: "region.kind." + e.kind,
                            bandKey: "band." + (e.populationBand ?? "unknown"), index: req.score(e.index), predicate: e.predicate,
                            previous: req.score(e.previousIndex),
                            change: change.map { ($0 >= 0 ? "+" : "−") + req.score(abs($0)) } ?? "–",
                            trend: change.map { $0 > 0.004 ? "up" : ($0 < -0.004 ? "down" : "flat") } ?? "new")
        }
        let histogram = filtered.isEmpty ? nil : SVGChart.histogram(Self.bins(filtered.map(\.index), req), title: catalog.text("ranking.distribution"))
        let present = Set(entries.compactMap(\.provinceCode))
        let cycleChoices: [Choice] = cycles.map { Choice(value: String($0.id), label: "\($0.period) · \($0.method)", selected: $0.id == chosen?.id) }
        let provinceChoices: [Choice] = provinceNames.filter { present.contains($0.key) }.sorted { $0.value < $1.value }
            .map { Choice(value: $0.key, label: $0.value, selected: $0.key == province) }
        let kindChoices: [Choice] = ["kota", "kabupaten"].map { Choice(value: $0, label: catalog.text("region.kind." + $0), selected: $0 == kind) }
        let bandChoices: [Choice] = PopulationBand.allCases.map { Choice(value: $0.rawValue, label: catalog.text("band." + $0.rawValue), selected: $0.rawValue == band) }
        let cycleParameter: String = chosen.map { String($0.id) } ?? ""
        let query: String = "cycle=" + cycleParameter + "&province=" + province + "&kind=" + kind + "&band=" + band
        let page = Page(cycles: cycleChoices, cycleID: chosen?.id, period: chosen?.period, method: chosen?.method,
                        provinces: provinceChoices, kinds: kindChoices, bands: bandChoices, rows: rows, hasRows: !rows.isEmpty, histogram: histogram,
                        query: query, signedIn: req.auth.get(AuthUser.self) != nil)
        return try await req.render("evaluation/ranking", titleKey: "ranking.title", page).encodeResponse(for: req)
    }

    /// Quarter-point bins from the lowest to the highest index, so the shape shows at a glance.
    static func bins(_ indices: [Double], _ req: Request) -> [SVGChart.Bin] {
        guard let low = indices.min(), let high = indices.max() else { return [] }
        var start = (low * 4).rounded(.down) / 4
        var bins: [SVGChart.Bin] = []
        while start <= high + 1e-9 {
            let end = start + 0.25
            let count = indices.filter { ScoringMethod.publish($0) >= start - 1e-9 && ScoringMethod.publish($0) < end - 1e-9 }.count
            bins.append(.init(label: "\(req.score(start))–\(req.score(end - 0.01))", count: count))
            start = end
        }
        return bins
    }
}
