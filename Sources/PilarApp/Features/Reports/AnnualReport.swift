import Foundation
import PilarCore
import Vapor

/// The annual output-versus-outcome report of a region: for each programme, its output indicators
/// beside its outcome and impact indicators, target against realisation for the year, achievement,
/// and the yearly check — a flag on programmes whose outputs all reached their targets while an
/// outcome or impact did not (delivered, but not yet making the difference it was meant to).
///
/// Which figure stands for the year: indicators are reported per semester, quarter or month and
/// whether they add up, average or take the last value depends on the indicator, so the report does
/// not sum. Per indicator it takes the latest period inside the year that has a counted realisation
/// (latest end; a year's own figure before its second semester's) and compares it with the target for
/// that same period. Only values that have left the agency count — submitted, verified, approved —
/// and each figure carries its verification state.
struct AnnualReport: Encodable {
    struct Figure: Encodable {
        let id: Int
        let name: String
        let level: String
        let levelKey: String
        let unit: String
        let period: String
        let target: String
        let realisation: String
        let achievement: String
        /// on-track / at-risk / late / no-data, for the badge.
        let status: String
        let statusKey: String
        /// The verification state's raw value, or "empty" when no value counts in the year.
        let state: String
        let stateKey: String
        let reached: Bool
        let targetValue: Double?
        let realisationValue: Double?
        let achievementValue: Double?
    }

    struct ProgrammeBlock: Encodable {
        let id: Int
        let title: String
        let dimension: String
        let leadAgency: String
        let statusKey: String
        let outputs: [Figure]
        let outcomes: [Figure]
        let hasOutputs: Bool
        let hasOutcomes: Bool
        let outputsMet: Bool
        let flagged: Bool
    }

    struct FlaggedLine: Encodable {
        let id: Int
        let title: String
    }

    let regionCode: String
    let regionName: String
    let year: Int
    let previousYear: Int
    let nextYear: Int
    let hasPrevious: Bool
    let hasNext: Bool
    let programmes: [ProgrammeBlock]
    let hasProgrammes: Bool
    let flagged: [FlaggedLine]
    let hasFlagged: Bool
    let programmeCount: Int
    let flaggedCount: Int
    let generatedOn: String
    let pdfHref: String
    let xlsxHref: String
    let css: String?

    /// The year from `?year=`, the current year (Western Indonesia Time) without one; anything else is
    /// refused with a page that says what a year looks like.
    static func year(_ req: Request) throws -> Int {
        guard let raw = (try? req.query.get(String.self, at: "year"))?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return Int(DateInput.today().prefix(4)) ?? 2026
        }
        guard raw.count == 4, let year = Int(raw), Period.years.contains(year) else {
            var error = PilarError(status: .unprocessableEntity, code: "validation_failed", messageKey: "reports.bad_year")
            error.fields = [FieldProblem(field: "year", key: "reports.bad_year")]
            throw error
        }
        return year
    }

    /// The yearly check: every output reached its target (≥ 100 %) and at least one outcome or impact
    /// did not — either below 100 % or with no counted realisation in the year, since an outcome
    /// nobody reported cannot be claimed. A programme without outputs or without outcomes is not judged.
    static func yearlyCheck(outputs: [Double?], outcomes: [Double?]) -> Bool {
        guard !outputs.isEmpty, !outcomes.isEmpty else { return false }
        return outputs.allSatisfy { ($0 ?? 0) >= 100 } && outcomes.contains { ($0 ?? 0) < 100 }
    }

    static func make(_ req: Request, region: RegionRepository.Summary, year: Int, print: Bool) async throws -> AnnualReport {
        let settings = try await RegionSettings.load(region.code, on: req.db)
        let facts = try await ReportsRepository(db: req.db).facts(region: region.code, counting: .reported)
        func figure(_ indicator: ReportsRepository.Indicator) -> (Figure, Double?) {
            let reported = indicator.latestReported(in: year)
            let period = reported?.period ?? indicator.latestTarget(in: year)?.period
            let target = period.flatMap { indicator.targets[$0] }
            let realisation = reported?.reported.value
            let achievement = target.flatMap { t in
                realisation.flatMap { Achievement.percent(target: t, realisation: $0, direction: indicator.direction, lowerFormula: settings.formula) }
            }
            let status = ReportFigures.statusClass(achievement, thresholds: settings.thresholds)
            let state = reported?.reported.state.rawValue ?? "empty"
            return (Figure(id: indicator.id, name: indicator.name, level: indicator.level, levelKey: "level." + indicator.level,
                           unit: indicator.unit, period: period?.code ?? "–",
                           target: ReportFigures.amount(target, unit: indicator.unit, req),
                           realisation: ReportFigures.amount(realisation, unit: indicator.unit, req),
                           achievement: ReportFigures.percent(achievement, req), status: status, statusKey: "status." + status,
                           state: state, stateKey: "state." + state, reached: (achievement ?? 0) >= 100,
                           targetValue: target, realisationValue: realisation, achievementValue: achievement.map(ReportFigures.rounded)),
                    achievement)
        }
        let programmes = facts.programmes.map { programme -> ProgrammeBlock in
            let indicators = facts.indicators(of: programme.id)
            let outputs = indicators.filter { $0.level == IndicatorLevel.output.rawValue }.map(figure)
            let outcomes = indicators.filter { $0.level != IndicatorLevel.output.rawValue }.map(figure)
            // Only indicators with a target in the year take part: without one nothing can be "not met"
            // (citizen-sourced indicators, for instance, carry no targets).
            let flagged = Self.yearlyCheck(outputs: outputs.filter { $0.0.targetValue != nil }.map { $0.1 },
                                           outcomes: outcomes.filter { $0.0.targetValue != nil }.map { $0.1 })
            return ProgrammeBlock(id: programme.id, title: programme.title, dimension: programme.dimension, leadAgency: programme.leadAgency,
                                  statusKey: "programme.status." + programme.status, outputs: outputs.map { $0.0 }, outcomes: outcomes.map { $0.0 },
                                  hasOutputs: !outputs.isEmpty, hasOutcomes: !outcomes.isEmpty,
                                  outputsMet: !outputs.isEmpty && outputs.allSatisfy { ($0.1 ?? 0) >= 100 }, flagged: flagged)
        }
        let flagged = programmes.filter(\.flagged).map { FlaggedLine(id: $0.id, title: $0.title) }
        let base = "/regions/\(region.code)/reports/annual?year=\(year)"
        return AnnualReport(
            regionCode: region.code, regionName: region.name, year: year, previousYear: year - 1, nextYear: year + 1,
            hasPrevious: Period.years.contains(year - 1), hasNext: Period.years.contains(year + 1),
            programmes: programmes, hasProgrammes: !programmes.isEmpty, flagged: flagged, hasFlagged: !flagged.isEmpty,
            programmeCount: programmes.count, flaggedCount: flagged.count, generatedOn: DateInput.today(),
            pdfHref: base + "&format=pdf", xlsxHref: base + "&format=xlsx", css: print ? ReportFigures.printCSS() : nil)
    }

    /// The workbook: one sheet, a section row per programme (with the yearly check), then one row per
    /// indicator, outputs first. Every indicator row repeats the programme so the sheet filters well.
    func sheet(_ catalog: Catalog) -> [[XLSX.Cell]] {
        func t(_ key: String) -> XLSX.Cell { .text(catalog.text(key)) }
        func n(_ value: Double?) -> XLSX.Cell { value.map { XLSX.Cell.number($0) } ?? XLSX.Cell.text("–") }
        var rows: [[XLSX.Cell]] = [
            [t("reports.annual_title"), .text(regionName), .text(regionCode), .number(Double(year))],
            [t("reports.generated"), .text(generatedOn)],
            [t("reports.annual_note")],
            [t("reports.flagged_count"), .number(Double(flaggedCount)), t("reports.programme_count"), .number(Double(programmeCount))],
            [],
        ]
        rows.append([t("reports.programme"), t("reports.dimension"), t("reports.lead_agency"), t("reports.level"), t("reports.indicator"),
                     t("reports.unit"), t("reports.period"), t("reports.target"), t("reports.realisation"), t("reports.verification"),
                     t("reports.achievement"), t("reports.yearly_check")])
        for p in programmes {
            rows.append([.text(p.title), .text(p.dimension), .text(p.leadAgency), .text(""), .text(""), .text(""), .text(""), .text(""),
                         .text(""), .text(""), .text(""), p.flagged ? t("reports.flag") : .text("")])
            for f in p.outputs + p.outcomes {
                rows.append([.text(p.title), .text(p.dimension), .text(p.leadAgency), t(f.levelKey), .text(f.name), .text(f.unit),
                             .text(f.period), n(f.targetValue), n(f.realisationValue), t(f.stateKey), n(f.achievementValue),
                             t(f.reached ? "reports.reached" : "reports.not_reached")])
            }
        }
        return rows
    }
}
