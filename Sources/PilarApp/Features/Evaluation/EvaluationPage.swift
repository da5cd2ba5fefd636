import Fluent
import PilarCore
import Vapor

/// The view model of one evaluation: result, charts, each item's self and verified scores with
/// evidence, and whichever form the reader may fill in now.
struct EvaluationPage: Encodable {
    struct Evidence: Encodable {
        let label: String
        let href: String
    }

    struct Item: Encodable {
        let code: String
        let field: String
        let name: String
        let weight: String
        let selfScore: String
        let selfValue: String
        let narrative: String
        let verifiedScore: String
        let verifiedValue: String
        let reason: String
        let notes: String
        let evidence: [Evidence]
        let programmes: [Choice]
        let indicators: [Choice]
        let links: String
        let errorScore: String?
        let errorNarrative: String?
        let errorEvidence: String?
        let errorLinks: String?
        let errorVerified: String?
        let errorReason: String?
        let running: String
    }

    let id: Int
    let regionCode: String
    let regionName: String
    let period: String
    let cycleID: Int?
    let methodID: Int?
    let method: String
    let state: String
    let stateKey: String
    let legacy: Bool
    let published: Bool
    let index: String
    let predicate: String?
    let rank: String?
    let peerRank: String?
    let remarks: String
    let showVerification: Bool
    let items: [Item]
    let dimensions: [Item]
    let hasDimensions: Bool
    let radar: String?
    let bars: String?
    let canSelfAssess: Bool
    let canVerify: Bool
    let selfWindow: String?
    let windowOpen: Bool
    let hasErrors: Bool
    let errorKey: String?
    let methods: [MethodChoice]

    /// What the reader typed, to show back after a refused save.
    struct Typed {
        var selfItems: [String: SelfScoreInput] = [:]
        var verified: [String: VerifiedScoreInput] = [:]
        var remarks: String?
        var errors: [String: String] = [:]
        var errorKey: String?
    }

    static func fieldName(_ code: String) -> String { code.replacingOccurrences(of: ".", with: "-") }

    static func make(_ req: Request, _ detail: EvaluationRepository.Detail, typed: Typed = Typed()) async throws -> EvaluationPage {
        let user = try req.user
        let repository = EvaluationRepository(db: req.db)
        let english = req.english
        let seesVerification = EvaluationAccess.seesVerification(user, detail)
        let canSelfAssess = [.regionAdmin, .planner].contains(user.role) && user.regionCode == detail.region.code && detail.state.regionMayEdit
        let canVerify = user.role == .assessor && user.canSee(region: detail.region.code) && detail.state.assessorMayEdit
        let today = DateInput.today()
        let windowOpen = detail.cycle.map { today >= $0.selfFrom && today <= $0.selfUntil } ?? false
        let programmes = try await repository.programmeReferences(region: detail.region.code)
        let indicators = try await repository.indicatorReferences(region: detail.region.code)
        let programmeLabels = Dictionary(uniqueKeysWithValues: programmes.map { ($0.id, $0.label) })
        let indicatorLabels = Dictionary(uniqueKeysWithValues: indicators.map { ($0.id, $0.label) })
        let method = detail.method?.method

        func item(code: String, name: String, weight: String, running: String) -> Item {
            let score = detail.scores[code]
            let evidence = detail.evidence[code] ?? []
            let typedSelf = typed.selfItems[code]
            let typedVerified = typed.verified[code]
            let chosenProgrammes = Set(typedSelf?.programmes ?? evidence.filter { $0.kind == "programme" }.compactMap(\.refID))
            let chosenIndicators = Set(typedSelf?.indicators ?? evidence.filter { $0.kind == "indicator" }.compactMap(\.refID))
            let links = typedSelf?.links ?? evidence.filter { $0.kind == "link" }.compactMap(\.url)
            let field = fieldName(code)
            return Item(
                code: code, field: field, name: name, weight: weight,
                selfScore: req.score(score?.selfScore), selfValue: typedSelf?.score ?? req.scoreField(score?.selfScore),
                narrative: typedSelf?.narrative ?? score?.narrative ?? "",
                verifiedScore: seesVerification ? req.score(score?.verifiedScore) : "",
                verifiedValue: typedVerified?.score ?? (seesVerification ? req.scoreField(score?.verifiedScore) : ""),
                reason: typedVerified?.reason ?? (seesVerification ? score?.reason ?? "" : ""),
                notes: typedVerified?.notes ?? (seesVerification ? score?.fieldNotes ?? "" : ""),
                evidence: evidence.map { e in
                    switch e.kind {
                    case "programme": return Evidence(label: programmeLabels[e.refID ?? 0] ?? "#\(e.refID ?? 0)", href: "/programmes/\(e.refID ?? 0)")
                    case "indicator": return Evidence(label: indicatorLabels[e.refID ?? 0] ?? "#\(e.refID ?? 0)", href: "/indicators/\(e.refID ?? 0)")
                    default: return Evidence(label: e.url ?? "", href: e.url ?? "")
                    }
                },
                programmes: programmes.map { Choice(value: String($0.id), label: $0.label, selected: chosenProgrammes.contains($0.id)) },
                indicators: indicators.map { Choice(value: String($0.id), label: $0.label, selected: chosenIndicators.contains($0.id)) },
                links: links.joined(separator: "\n"),
                errorScore: typed.errors["score_\(code)"], errorNarrative: typed.errors["narrative_\(code)"],
                errorEvidence: typed.errors["evidence_\(code)"], errorLinks: typed.errors["links_\(code)"],
                errorVerified: typed.errors["verified_\(code)"], errorReason: typed.errors["reason_\(code)"], running: running)
        }

        let total = method.map { m in m.items.reduce(0) { $0 + $1.totalWeight } } ?? 1
        let items = (method?.leaves ?? []).map { leaf in
            item(code: leaf.code, name: leaf.name.text(english: english), weight: MethodLine.percent(leaf.weight / total, req), running: "")
        }
        let framework = try await FrameworkRepository(db: req.db).adopted(by: detail.region)
        let dimensions = EvaluationCharts.dimensionScores(detail, framework: framework, english: english).map { entry -> Item in
            let score = entry.score
            let running = score.planned.map { planned in planned == 0 ? "–" : "\(score.running ?? 0)/\(planned)" } ?? "–"
            return item(code: score.itemCode, name: entry.name, weight: "", running: running)
        }

        var rank: String?, peerRank: String?
        if detail.state == .published, let cycle = detail.cycle {
            let ranking = try await repository.ranking(cycle: cycle)
            if let mine = ranking.first(where: { $0.regionCode == detail.region.code }) {
                rank = "\(mine.rank) / \(ranking.count)"
                let peers = ranking.filter { $0.kind == mine.kind && $0.populationBand == mine.populationBand }
                peerRank = "\(mine.peerRank) / \(peers.count)"
            }
        }
        let scale = method.map { $0.scale.min...$0.scale.max } ?? 1...5
        let radar = EvaluationCharts.radar(detail, framework: framework, showVerified: seesVerification,
                                           title: req.catalog.text("evaluation.radar"), req)
        let bars = method.map { m in
            SVGChart.pairedBars(m.leaves.map { leaf in
                .init(label: leaf.name.text(english: english).components(separatedBy: " (").first ?? leaf.code,
                      first: detail.scores[leaf.code]?.selfScore, second: seesVerification ? detail.scores[leaf.code]?.verifiedScore : nil)
            }, firstLabel: req.catalog.text("evaluation.self_score"), secondLabel: req.catalog.text("evaluation.verified_score"),
            scale: scale, title: req.catalog.text("evaluation.components_chart"))
        }
        let methods = try await repository.methods().filter { $0.id != detail.method?.id }.map { MethodChoice($0, req) }
        return EvaluationPage(
            id: detail.id, regionCode: detail.region.code, regionName: detail.region.name, period: detail.evaluation.period,
            cycleID: detail.evaluation.cycleID, methodID: detail.method?.id, method: method?.label ?? req.catalog.text("evaluation.legacy"),
            state: detail.evaluation.state, stateKey: "evaluation.state." + detail.evaluation.state, legacy: detail.evaluation.legacy,
            published: detail.state == .published, index: req.score(detail.evaluation.indexValue),
            predicate: detail.evaluation.predicate.flatMap { code in method?.bands.first { $0.code == code }?.name.text(english: english) },
            rank: rank, peerRank: peerRank, remarks: seesVerification ? typed.remarks ?? detail.evaluation.remarks : "",
            showVerification: seesVerification, items: items, dimensions: dimensions, hasDimensions: !dimensions.isEmpty, radar: radar,
            bars: detail.evaluation.legacy ? nil : bars, canSelfAssess: canSelfAssess, canVerify: canVerify,
            selfWindow: detail.cycle.map { "\($0.selfFrom) – \($0.selfUntil)" }, windowOpen: windowOpen,
            hasErrors: !typed.errors.isEmpty || typed.errorKey != nil, errorKey: typed.errorKey, methods: methods)
    }
}
