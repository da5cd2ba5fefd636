import Fluent
import Foundation
import PilarCore
import Vapor

/// The view model of a region's public page. Provenance is part of every figure: the index is
/// "published" with its date, programme statuses are "reported by the region", indicator figures are
/// "approved" with their date, satisfaction is "citizens' votes".
struct PortalRegionPage: Encodable {
    struct Figure: Encodable {
        let name: String
        let value: String
        let target: String
        let period: String
        let provenance: String
    }
    struct Programme: Encodable {
        let id: Int
        let title: String
        let statusKey: String
        let status: String
        let progress: String
        let satisfaction: String
        let figures: [Figure]
        let hasFigures: Bool
        /// The vote form, for quick wins shown on the region page; nil in the dimension tables.
        var widget: SatisfactionWidget? = nil
    }
    struct Dimension: Encodable {
        let code: String
        let name: String
        let programmes: [Programme]
        let hasProgrammes: Bool
    }
    struct Contact: Encodable {
        let name: String
        let email: String
        let phone: String
    }
    struct Link: Encodable {
        let href: String
        let label: String
    }

    let code: String
    let name: String
    let kindKey: String
    let population: String
    let index: String
    let indexProvenance: String
    let hasIndex: Bool
    let trend: String
    let radar: String?
    let dimensions: [Dimension]
    let quickWins: [Programme]
    let hasQuickWins: Bool
    let surveys: [Link]
    let hasSurveys: Bool
    let contacts: [Contact]
    let reportLink: String
    let statusProvenance: String

    static func make(_ req: Request, _ region: RegionRepository.Summary) async throws -> PortalRegionPage {
        let repository = PortalRepository(db: req.db)
        let evaluations = EvaluationRepository(db: req.db)
        let catalog = req.catalog
        let history = try await evaluations.history(region: region.code)
        let latest = history.last
        let trend = EvaluationCharts.trend(history, req)
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let dimensionNames = (framework?.dimensions ?? []).map { (code: $0.code, name: req.english ? $0.name.en : $0.name.id) }
        var radar: String?
        if let published = history.last(where: { !$0.legacy }), let detail = try await evaluations.detail(published.id) {
            radar = EvaluationCharts.radar(detail, framework: framework, showVerified: true,
                                           title: catalog.text("evaluation.radar") + " " + published.period, req)
        }

        let programmes = try await ProgrammeModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$title).all()
        let values = try await repository.approvedValues(region: region.code)
        let satisfaction = try await repository.satisfaction(region: region.code)
        let settings = try await RegionSettings.load(region.code, on: req.db)
        let byProgramme = Dictionary(grouping: values, by: \.programmeID)
        let approvedLabel = catalog.text("portal.approved")

        func programme(_ model: ProgrammeModel) -> Programme {
            let id = model.id ?? 0
            let mine = byProgramme[id] ?? []
            // Each indicator's latest approved figure; progress is their mean achievement, capped at 100 %.
            let latestPerIndicator = Dictionary(grouping: mine, by: \.indicatorID).values.compactMap { $0.max { $0.period < $1.period } }
                .sorted { ($0.level, $0.name) < ($1.level, $1.name) }
            let achievements = latestPerIndicator.compactMap { value -> Double? in
                guard let target = value.target else { return nil }
                return Achievement.percent(target: target, realisation: value.value, direction: value.direction, lowerFormula: settings.formula)
            }
            let progress = achievements.isEmpty ? "–" : "\(Int((achievements.map { min($0, 100) }.reduce(0, +) / Double(achievements.count)).rounded())) %"
            let votes = satisfaction[id]
            return Programme(
                id: id, title: model.title, statusKey: "programme.status." + model.status, status: model.status, progress: progress,
                satisfaction: votes.flatMap { tally in tally.satisfiedShare.map { "\(Int($0.rounded())) % (\(tally.total))" } } ?? "–",
                figures: latestPerIndicator.map { value in
                    Figure(name: value.name + (value.citizenSource != nil ? " · " + catalog.text("portal.citizen_sourced") : ""),
                           value: req.number(value.value) + " " + value.unit, target: value.target.map { req.number($0) + " " + value.unit } ?? "–",
                           period: value.period.code,
                           provenance: approvedLabel + (value.approvedAt.map { " " + DateInput.today($0) } ?? ""))
                }, hasFigures: !latestPerIndicator.isEmpty)
        }

        let dimensions = dimensionNames.map { d -> Dimension in
            let mine = programmes.filter { $0.dimensionCode == d.code }.map(programme)
            return Dimension(code: d.code, name: d.name, programmes: mine, hasProgrammes: !mine.isEmpty)
        }
        let quickWins = programmes.filter { $0.horizon == Horizon.quickWin.rawValue }.map { model -> Programme in
            var entry = programme(model)
            entry.widget = SatisfactionWidget(satisfaction[entry.id] ?? SatisfactionTally(counts: [:]), action: "/public/programmes/\(entry.id)/vote")
            return entry
        }
        let surveys = try await repository.openSurveys(region: region.code).map { Link(href: "/s/\($0.id)", label: $0.title) }
        let contacts = try await AgencyModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true)
            .sort(\.$name).all().compactMap { agency -> Contact? in
                guard agency.email != nil || agency.phone != nil else { return nil }
                return Contact(name: agency.name, email: agency.email ?? "", phone: agency.phone ?? "")
            }
        return PortalRegionPage(
            code: region.code, name: region.name, kindKey: "region.kind." + region.kind,
            population: region.population.map { req.english ? $0.formatted(.number.locale(Locale(identifier: "en_US"))) : $0.formatted(.number.locale(Locale(identifier: "id_ID"))) } ?? "–",
            index: req.score(latest?.index),
            indexProvenance: latest.map { entry in
                (entry.legacy ? catalog.text("portal.legacy_result") : catalog.text("portal.published_verified")) + " " + entry.period
                    + (entry.publishedAt.map { " · " + DateInput.today($0) } ?? "")
            } ?? "", hasIndex: latest != nil,
            trend: trend, radar: radar, dimensions: dimensions, quickWins: quickWins, hasQuickWins: !quickWins.isEmpty,
            surveys: surveys, hasSurveys: !surveys.isEmpty, contacts: contacts,
            reportLink: "/public/regions/\(region.code)/report", statusProvenance: catalog.text("portal.self_reported"))
    }
}
