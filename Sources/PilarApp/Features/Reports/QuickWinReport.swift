import Foundation
import PilarCore
import Vapor

/// Quick wins as slides: one section per quick-win programme with each indicator's baseline, latest
/// counted value, the target for that period and the achievement, and a small bar chart of the three.
/// The print stylesheet sets A4 landscape and breaks the page after every quick win.
struct QuickWinReport: Encodable {
    struct Figure: Encodable {
        let id: Int
        let name: String
        let level: String
        let levelKey: String
        let unit: String
        let baseline: String
        let baselinePeriod: String
        let latest: String
        let period: String
        let target: String
        let achievement: String
        let status: String
        let statusKey: String
        let state: String
        let stateKey: String
        let chart: String
        let baselineValue: Double?
        let latestValue: Double?
        let targetValue: Double?
        let achievementValue: Double?
    }

    struct Slide: Encodable {
        let id: Int
        let number: Int
        let title: String
        let dimension: String
        let leadAgency: String
        let statusKey: String
        let years: String
        let figures: [Figure]
        let hasFigures: Bool
    }

    let regionCode: String
    let regionName: String
    let slides: [Slide]
    let hasSlides: Bool
    let count: Int
    let generatedOn: String
    let pdfHref: String
    let xlsxHref: String
    let css: String?

    static func make(_ req: Request, region: RegionRepository.Summary, print: Bool) async throws -> QuickWinReport {
        let settings = try await RegionSettings.load(region.code, on: req.db)
        let facts = try await ReportsRepository(db: req.db).facts(region: region.code, counting: .reported)
        let catalog = req.catalog
        let quickWins = facts.programmes.filter { $0.horizon == Horizon.quickWin.rawValue }
        let slides = quickWins.enumerated().map { entry -> Slide in
            let (position, programme) = (entry.offset, entry.element)
            let figures = facts.indicators(of: programme.id).map { indicator -> Figure in
                let reported = indicator.latestReported()
                let period = reported?.period ?? indicator.latestTarget()?.period
                let target = period.flatMap { indicator.targets[$0] }
                let latest = reported?.reported.value
                let achievement = target.flatMap { t in
                    latest.flatMap { Achievement.percent(target: t, realisation: $0, direction: indicator.direction, lowerFormula: settings.formula) }
                }
                let status = ReportFigures.statusClass(achievement, thresholds: settings.thresholds)
                let state = reported?.reported.state.rawValue ?? "empty"
                let chart = SVGChart.reportBars([
                    .init(label: catalog.text("reports.baseline"), value: indicator.baseline, cssClass: "bar-first"),
                    .init(label: catalog.text("reports.latest"), value: latest, cssClass: "bar-second"),
                    .init(label: catalog.text("reports.target"), value: target, cssClass: "bar-target"),
                ], format: { ReportFigures.amount($0, unit: indicator.unit, req) }, title: indicator.name)
                return Figure(id: indicator.id, name: indicator.name, level: indicator.level, levelKey: "level." + indicator.level,
                              unit: indicator.unit, baseline: ReportFigures.amount(indicator.baseline, unit: indicator.unit, req),
                              baselinePeriod: indicator.baselinePeriod ?? "", latest: ReportFigures.amount(latest, unit: indicator.unit, req),
                              period: period?.code ?? "–", target: ReportFigures.amount(target, unit: indicator.unit, req),
                              achievement: ReportFigures.percent(achievement, req), status: status, statusKey: "status." + status,
                              state: state, stateKey: "state." + state, chart: chart, baselineValue: indicator.baseline, latestValue: latest,
                              targetValue: target, achievementValue: achievement.map(ReportFigures.rounded))
            }
            return Slide(id: programme.id, number: position + 1, title: programme.title, dimension: programme.dimension,
                         leadAgency: programme.leadAgency, statusKey: "programme.status." + programme.status,
                         years: programme.startYear == programme.endYear ? "\(programme.startYear)" : "\(programme.startYear)–\(programme.endYear)",
                         figures: figures, hasFigures: !figures.isEmpty)
        }
        let base = "/regions/\(region.code)/reports/quick-wins"
        return QuickWinReport(regionCode: region.code, regionName: region.name, slides: slides, hasSlides: !slides.isEmpty,
                              count: slides.count, generatedOn: DateInput.today(),
                              pdfHref: base + "?format=pdf", xlsxHref: base + "?format=xlsx", css: print ? ReportFigures.printCSS() : nil)
    }

    /// The workbook: one sheet, a section row per quick win, then its indicators.
    func sheet(_ catalog: Catalog) -> [[XLSX.Cell]] {
        func t(_ key: String) -> XLSX.Cell { .text(catalog.text(key)) }
        func n(_ value: Double?) -> XLSX.Cell { value.map { XLSX.Cell.number($0) } ?? XLSX.Cell.text("–") }
        var rows: [[XLSX.Cell]] = [
            [t("reports.quick_wins_title"), .text(regionName), .text(regionCode)],
            [t("reports.generated"), .text(generatedOn)],
            [],
        ]
        rows.append([t("reports.programme"), t("reports.dimension"), t("reports.lead_agency"), t("reports.level"), t("reports.indicator"),
                     t("reports.unit"), t("reports.baseline"), t("reports.period"), t("reports.latest"), t("reports.target"),
                     t("reports.verification"), t("reports.achievement")])
        for slide in slides {
            rows.append([.text(slide.title), .text(slide.dimension), .text(slide.leadAgency), t(slide.statusKey)])
            for f in slide.figures {
                rows.append([.text(slide.title), .text(slide.dimension), .text(slide.leadAgency), t(f.levelKey), .text(f.name), .text(f.unit),
                             n(f.baselineValue), .text(f.period), n(f.latestValue), n(f.targetValue), t(f.stateKey), n(f.achievementValue)])
            }
        }
        return rows
    }
}

extension SVGChart {
    struct ValueBar {
        let label: String
        let value: Double?
        let cssClass: String
    }

    /// A small horizontal bar chart of a few values of one indicator (baseline, latest, target), scaled
    /// to the largest and measured from zero so lengths compare honestly. A missing value shows "–".
    static func reportBars(_ bars: [ValueBar], format: (Double) -> String, title: String, width: Int = 420) -> String {
        let rowHeight = 24, labelWidth = 110, valueRoom = 90
        let barRoom = Double(width - labelWidth - valueRoom)
        let height = bars.count * rowHeight + 6
        let maximum = max(bars.compactMap(\.value).map { max($0, 0) }.max() ?? 0, 1e-9)
        func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart report-bars\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        for (row, bar) in bars.enumerated() {
            let y = row * rowHeight + 3
            svg += "<text x=\"0\" y=\"\(y + 14)\" class=\"chart-label\">\(escape(bar.label))</text>"
            guard let value = bar.value else {
                svg += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 14)\" class=\"chart-value\">–</text>"
                continue
            }
            let w = max(value, 0) / maximum * barRoom
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"18\" class=\"\(bar.cssClass)\"><title>\(escape(bar.label)): \(escape(format(value)))</title></rect>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + w + 6))\" y=\"\(y + 14)\" class=\"chart-value\">\(escape(format(value)))</text>"
        }
        return svg + "</svg>"
    }
}
