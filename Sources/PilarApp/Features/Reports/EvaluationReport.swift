import Fluent
import Foundation
import PilarCore
import Vapor

/// The evaluation report of one region and cycle: the result (index, predicate, national and peer
/// rank), each component's self-score against the verified score with the assessors' reasons, the
/// dimension scores with programmes running and planned, the assessors' remarks, the region's
/// programmes with their indicators' latest figures, and the evidence the self-assessment cites.
///
/// Verified scores, reasons and remarks follow `EvaluationAccess.seesVerification`, exactly as the
/// evaluation page does. Indicator figures count only values that have left the agency (submitted,
/// verified, approved); a reader from outside the region, who may read a published result, sees
/// approved values only, as public pages show them.
struct EvaluationReport: Encodable {
    struct Component: Encodable {
        let code: String
        let name: String
        let weight: String
        let selfScore: String
        let verifiedScore: String
        let reason: String
        let narrative: String
        let selfValue: Double?
        let verifiedValue: Double?
    }

    struct DimensionLine: Encodable {
        let code: String
        let name: String
        let running: String
        let planned: String
        let selfScore: String
        let verifiedScore: String
        let reason: String
        let runningCount: Int?
        let plannedCount: Int?
        let selfValue: Double?
        let verifiedValue: Double?
    }

    struct IndicatorLine: Encodable {
        let id: Int
        let name: String
        let level: String
        let levelKey: String
        let unit: String
        let period: String
        let target: String
        let realisation: String
        let achievement: String
        /// The verification state's raw value for the badge class, or "empty" when nothing counts yet.
        let state: String
        let stateKey: String
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
        let horizonKey: String
        let years: String
        let indicators: [IndicatorLine]
        let hasIndicators: Bool
    }

    struct EvidenceLine: Encodable {
        let item: String
        let kind: String
        let kindKey: String
        let label: String
        let href: String
    }

    let id: Int
    let regionCode: String
    let regionName: String
    let period: String
    let method: String
    let state: String
    let stateKey: String
    let legacy: Bool
    let published: Bool
    let index: String
    let indexValue: Double?
    let predicate: String
    let rank: String
    let peerRank: String
    let showVerification: Bool
    let remarks: String
    let hasRemarks: Bool
    let components: [Component]
    let hasComponents: Bool
    let dimensions: [DimensionLine]
    let hasDimensions: Bool
    let programmes: [ProgrammeBlock]
    let hasProgrammes: Bool
    let approvedOnly: Bool
    let evidence: [EvidenceLine]
    let hasEvidence: Bool
    let generatedOn: String
    let pdfHref: String
    let xlsxHref: String
    /// The stylesheet inlined for the PDF; nil on the screen page.
    let css: String?

    static func make(_ req: Request, _ detail: EvaluationRepository.Detail, print: Bool) async throws -> EvaluationReport {
        let user = try req.user
        let english = req.english
        let repository = EvaluationRepository(db: req.db)
        let seesVerification = EvaluationAccess.seesVerification(user, detail)
        let method = detail.method?.method

        // Components: the method's leaves in the method's order.
        let total = method.map { m in m.items.reduce(0) { $0 + $1.totalWeight } } ?? 1
        let components = (method?.leaves ?? []).map { leaf -> Component in
            let score = detail.scores[leaf.code]
            return Component(code: leaf.code, name: leaf.name.text(english: english),
                             weight: MethodLine.percent(leaf.weight / max(total, 1e-9), req),
                             selfScore: req.score(score?.selfScore),
                             verifiedScore: seesVerification ? req.score(score?.verifiedScore) : "",
                             reason: seesVerification ? score?.reason ?? "" : "", narrative: score?.narrative ?? "",
                             selfValue: score?.selfScore, verifiedValue: seesVerification ? score?.verifiedScore : nil)
        }

        // Dimension scores in the framework's order, with programmes running and planned at submission.
        let framework = try await FrameworkRepository(db: req.db).adopted(by: detail.region)
        let dimensionNames = Dictionary(uniqueKeysWithValues: (framework?.dimensions ?? []).map { ($0.code, english ? $0.name.en : $0.name.id) })
        let order = (framework?.dimensions ?? []).map { "dimension." + $0.code }
        let dimensionScores = detail.scores.values.filter { $0.kind == EvaluationScoreModel.Kind.dimension.rawValue }
            .sorted { (order.firstIndex(of: $0.itemCode) ?? 99, $0.itemCode) < (order.firstIndex(of: $1.itemCode) ?? 99, $1.itemCode) }
        let dimensions = dimensionScores.map { score -> DimensionLine in
            let code = String(score.itemCode.dropFirst("dimension.".count))
            return DimensionLine(code: code, name: dimensionNames[code] ?? code,
                                 running: score.running.map { String($0) } ?? "–", planned: score.planned.map { String($0) } ?? "–",
                                 selfScore: req.score(score.selfScore),
                                 verifiedScore: seesVerification ? req.score(score.verifiedScore) : "",
                                 reason: seesVerification ? score.reason : "",
                                 runningCount: score.running, plannedCount: score.planned, selfValue: score.selfScore,
                                 verifiedValue: seesVerification ? score.verifiedScore : nil)
        }

        // Rank and peer rank, from the cycle's published ranking.
        var rank = "–", peerRank = "–"
        if detail.state == .published, let cycle = detail.cycle {
            let ranking = try await repository.ranking(cycle: cycle)
            if let mine = ranking.first(where: { $0.regionCode == detail.region.code }) {
                rank = "\(mine.rank) / \(ranking.count)"
                let peers = ranking.filter { $0.kind == mine.kind && $0.populationBand == mine.populationBand }
                peerRank = "\(mine.peerRank) / \(peers.count)"
            }
        }
        let predicate = detail.evaluation.predicate.flatMap { code in method?.bands.first { $0.code == code }?.name.text(english: english) }

        // The region's programmes and their indicators' latest figures.
        let insideRegion = user.canSee(region: detail.region.code)
        let settings = try await RegionSettings.load(detail.region.code, on: req.db)
        let facts = try await ReportsRepository(db: req.db).facts(region: detail.region.code, counting: insideRegion ? .reported : .approvedOnly)
        let programmes = facts.programmes.map { programme -> ProgrammeBlock in
            let lines = facts.indicators(of: programme.id).map { Self.line($0, req, formula: settings.formula) }
            return ProgrammeBlock(id: programme.id, title: programme.title, dimension: programme.dimension, leadAgency: programme.leadAgency,
                                  statusKey: "programme.status." + programme.status, horizonKey: "horizon." + programme.horizon,
                                  years: "\(programme.startYear)–\(programme.endYear)", indicators: lines, hasIndicators: !lines.isEmpty)
        }

        // Evidence, item by item in the method's order (dimensions after the components).
        let programmeReferences = try await repository.programmeReferences(region: detail.region.code)
        let indicatorReferences = try await repository.indicatorReferences(region: detail.region.code)
        let programmeLabels = Dictionary(programmeReferences.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let indicatorLabels = Dictionary(indicatorReferences.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let itemNames = Dictionary(components.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            .merging(dimensions.map { ("dimension." + $0.code, $0.name) }) { a, _ in a }
        let itemOrder = components.map(\.code) + dimensions.map { "dimension." + $0.code }
        let evidence = detail.evidence.keys.sorted { (itemOrder.firstIndex(of: $0) ?? 999, $0) < (itemOrder.firstIndex(of: $1) ?? 999, $1) }
            .flatMap { code -> [EvidenceLine] in
                (detail.evidence[code] ?? []).map { e -> EvidenceLine in
                    let item = itemNames[code] ?? code
                    switch e.kind {
                    case EvaluationEvidenceModel.Kind.programme.rawValue:
                        return EvidenceLine(item: item, kind: e.kind, kindKey: "reports.evidence_programme",
                                            label: programmeLabels[e.refID ?? 0] ?? "#\(e.refID ?? 0)", href: "/programmes/\(e.refID ?? 0)")
                    case EvaluationEvidenceModel.Kind.indicator.rawValue:
                        return EvidenceLine(item: item, kind: e.kind, kindKey: "reports.evidence_indicator",
                                            label: indicatorLabels[e.refID ?? 0] ?? "#\(e.refID ?? 0)", href: "/indicators/\(e.refID ?? 0)")
                    default:
                        return EvidenceLine(item: item, kind: e.kind, kindKey: "reports.evidence_link", label: e.url ?? "", href: e.url ?? "")
                    }
                }
            }

        let remarks = seesVerification ? detail.evaluation.remarks : ""
        let base = "/reports/evaluations/\(detail.id)"
        return EvaluationReport(
            id: detail.id, regionCode: detail.region.code, regionName: detail.region.name, period: detail.evaluation.period,
            method: method?.label ?? req.catalog.text("evaluation.legacy"), state: detail.evaluation.state,
            stateKey: "evaluation.state." + detail.evaluation.state, legacy: detail.evaluation.legacy,
            published: detail.state == .published, index: req.score(detail.evaluation.indexValue),
            indexValue: detail.evaluation.indexValue, predicate: predicate ?? "–", rank: rank, peerRank: peerRank,
            showVerification: seesVerification, remarks: remarks, hasRemarks: !remarks.isEmpty,
            components: components, hasComponents: !components.isEmpty, dimensions: dimensions, hasDimensions: !dimensions.isEmpty,
            programmes: programmes, hasProgrammes: !programmes.isEmpty, approvedOnly: !insideRegion,
            evidence: evidence, hasEvidence: !evidence.isEmpty, generatedOn: DateInput.today(),
            pdfHref: base + "?format=pdf", xlsxHref: base + "?format=xlsx", css: print ? ReportFigures.printCSS() : nil)
    }

    /// An indicator's latest counted realisation against the target for the same period; with no
    /// realisation yet, its latest target alone.
    static func line(_ indicator: ReportsRepository.Indicator, _ req: Request, formula: LowerIsBetterFormula) -> IndicatorLine {
        let reported = indicator.latestReported()
        let period = reported?.period ?? indicator.latestTarget()?.period
        let target = period.flatMap { indicator.targets[$0] }
        let realisation = reported?.reported.value
        let achievement = target.flatMap { t in
            realisation.flatMap { Achievement.percent(target: t, realisation: $0, direction: indicator.direction, lowerFormula: formula) }
        }
        let state = reported?.reported.state.rawValue ?? "empty"
        return IndicatorLine(id: indicator.id, name: indicator.name, level: indicator.level, levelKey: "level." + indicator.level,
                             unit: indicator.unit, period: period?.code ?? "–",
                             target: ReportFigures.amount(target, unit: indicator.unit, req),
                             realisation: ReportFigures.amount(realisation, unit: indicator.unit, req),
                             achievement: ReportFigures.percent(achievement, req), state: state, stateKey: "state." + state,
                             targetValue: target, realisationValue: realisation, achievementValue: achievement.map(ReportFigures.rounded))
    }

    /// The workbook: one sheet with a section per part of the report (the XLSX writer has one sheet).
    func sheet(_ catalog: Catalog) -> [[XLSX.Cell]] {
        func t(_ key: String) -> XLSX.Cell { .text(catalog.text(key)) }
        func n(_ value: Double?) -> XLSX.Cell { value.map { XLSX.Cell.number($0) } ?? XLSX.Cell.text("–") }
        var rows: [[XLSX.Cell]] = [
            [t("reports.evaluation_title"), .text(regionName), .text(regionCode), .text(period)],
            [t("reports.method"), .text(method)],
            [t("reports.state"), t(stateKey)],
            [t("reports.generated"), .text(generatedOn)],
            [],
            [t("reports.result")],
            [t("reports.index"), n(indexValue)],
            [t("reports.predicate"), .text(predicate)],
            [t("reports.rank"), .text(rank)],
            [t("reports.peer_rank"), .text(peerRank)],
            [],
            [t("reports.components")],
        ]
        rows.append(showVerification
            ? [t("reports.item"), t("reports.share"), t("reports.self_score"), t("reports.verified_score"), t("reports.reason"), t("reports.narrative")]
            : [t("reports.item"), t("reports.share"), t("reports.self_score"), t("reports.narrative")])
        for c in components {
            rows.append(showVerification
                ? [.text(c.name), .text(c.weight), n(c.selfValue), n(c.verifiedValue), .text(c.reason), .text(c.narrative)]
                : [.text(c.name), .text(c.weight), n(c.selfValue), .text(c.narrative)])
        }
        rows.append([])
        rows.append([t("reports.dimensions")])
        var dimensionHeader = [t("reports.dimension"), t("reports.running"), t("reports.planned"), t("reports.self_score")]
        if showVerification { dimensionHeader += [t("reports.verified_score"), t("reports.reason")] }
        rows.append(dimensionHeader)
        for d in dimensions {
            let running: XLSX.Cell = d.runningCount.map { XLSX.Cell.number(Double($0)) } ?? XLSX.Cell.text("–")
            let planned: XLSX.Cell = d.plannedCount.map { XLSX.Cell.number(Double($0)) } ?? XLSX.Cell.text("–")
            rows.append(showVerification
                ? [.text(d.name), running, planned, n(d.selfValue), n(d.verifiedValue), .text(d.reason)]
                : [.text(d.name), running, planned, n(d.selfValue)])
        }
        if showVerification {
            rows.append([])
            rows.append([t("reports.remarks")])
            rows.append([.text(remarks)])
        }
        rows.append([])
        rows.append([t("reports.programmes")])
        if approvedOnly { rows.append([t("reports.approved_only")]) }
        rows.append([t("reports.programme"), t("reports.dimension"), t("reports.lead_agency"), t("reports.level"), t("reports.indicator"),
                     t("reports.unit"), t("reports.period"), t("reports.target"), t("reports.realisation"), t("reports.verification"),
                     t("reports.achievement")])
        for p in programmes {
            if p.indicators.isEmpty {
                rows.append([.text(p.title), .text(p.dimension), .text(p.leadAgency)])
            }
            for i in p.indicators {
                rows.append([.text(p.title), .text(p.dimension), .text(p.leadAgency), t(i.levelKey), .text(i.name), .text(i.unit),
                             .text(i.period), n(i.targetValue), n(i.realisationValue), t(i.stateKey), n(i.achievementValue)])
            }
        }
        rows.append([])
        rows.append([t("reports.evidence")])
        rows.append([t("reports.item"), t("reports.evidence_kind"), t("reports.evidence"), t("reports.link")])
        for e in evidence {
            rows.append([.text(e.item), t(e.kindKey), .text(e.label), .text(e.href)])
        }
        return rows
    }
}
