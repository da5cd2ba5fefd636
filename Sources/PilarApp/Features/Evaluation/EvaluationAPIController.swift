import Fluent
import PilarCore
import Vapor

/// Evaluation for integrators: methods and the simulation, cycles and their rankings, a region's
/// published history (all public, as published results are), and the self-assessment and
/// verification writes under the same scoping rules as the pages.
struct EvaluationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let everyone = routes.access(.everyone)
        everyone.get("methods", use: methods)
        everyone.get("methods", ":id", use: method)
        everyone.post("methods", ":id", "simulate", use: simulate)
        everyone.get("cycles", use: cycles)
        everyone.get("cycles", ":id", "ranking", use: ranking)
        everyone.get("regions", ":code", "evaluations", use: history)
        routes.access(.signedIn).get("evaluations", ":id", use: evaluation)
        routes.access(.regionAdmin, .planner).put("evaluations", ":id", "self-assessment", use: selfAssessment)
        routes.access(.assessor).put("evaluations", ":id", "verification", use: verification)
    }

    // MARK: methods

    struct MethodSummary: Content {
        let id: Int
        let code: String
        let version: Int
        let name: BilingualText
        let effectiveFrom: String
        let scale: ScoreScale
        let bands: [PredicateBand]
        let source: String
        let items: [ScoringItem]?
    }

    private static func summary(_ stored: EvaluationRepository.StoredMethod, items: Bool) -> MethodSummary {
        let m = stored.method
        return MethodSummary(id: stored.id, code: m.code, version: m.version, name: m.name, effectiveFrom: m.effectiveFrom,
                             scale: m.scale, bands: m.bands, source: m.source, items: items ? m.items : nil)
    }

    @Sendable func methods(req: Request) async throws -> [MethodSummary] {
        try await EvaluationRepository(db: req.db).methods().map { Self.summary($0, items: false) }
    }

    @Sendable func method(req: Request) async throws -> MethodSummary {
        Self.summary(try await req.scoringMethod(), items: true)
    }

    struct SimulationInput: Content {
        let scores: [String: Double]?
    }

    struct SimulationResult: Content {
        struct Item: Content {
            let code: String
            let name: BilingualText
            let parent: String?
            let weight: Double
            let share: Double
            let score: Double
            let contribution: Double
        }
        let method: String
        let methodId: Int
        let index: Double
        let exactIndex: Double
        let predicate: String?
        let items: [Item]

        enum CodingKeys: String, CodingKey { case method, methodId, index, exactIndex, predicate, items }

        // Written out so a method without bands answers `"predicate": null`, as integrators expect.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(method, forKey: .method)
            try container.encode(methodId, forKey: .methodId)
            try container.encode(index, forKey: .index)
            try container.encode(exactIndex, forKey: .exactIndex)
            try container.encode(predicate, forKey: .predicate)
            try container.encode(items, forKey: .items)
        }
    }

    @Sendable func simulate(req: Request) async throws -> SimulationResult {
        let stored = try await req.scoringMethod()
        let scores = try req.content.decode(SimulationInput.self).scores ?? [:]
        let result = try Simulation.run(stored.method, scores: scores, field: { "scores.\($0)" })
        return SimulationResult(method: stored.method.label, methodId: stored.id, index: result.published, exactIndex: result.index,
                                predicate: result.band?.name.id,
                                items: result.lines.map { .init(code: $0.code, name: $0.name, parent: $0.parent, weight: $0.weight,
                                                                share: $0.share, score: $0.score, contribution: $0.contribution) })
    }

    // MARK: cycles, rankings, history

    @Sendable func cycles(req: Request) async throws -> [EvaluationRepository.CycleSummary] {
        try await EvaluationRepository(db: req.db).cycles()
    }

    struct RankingResponse: Content {
        let cycle: EvaluationRepository.CycleSummary
        let entries: [EvaluationRepository.RankingEntry]
    }

    @Sendable func ranking(req: Request) async throws -> RankingResponse {
        let repository = EvaluationRepository(db: req.db)
        guard let id = req.parameters.get("id", as: Int.self), let cycle = try await EvaluationCycleModel.find(id, on: req.db),
              let summary = try await repository.cycles(id: id).first else { throw PilarError.notFound("cycle") }
        return RankingResponse(cycle: summary, entries: try await repository.ranking(cycle: cycle))
    }

    @Sendable func history(req: Request) async throws -> [EvaluationRepository.HistoryEntry] {
        let region = try await req.region()
        return try await EvaluationRepository(db: req.db).history(region: region.code)
    }

    // MARK: one evaluation

    @Sendable func evaluation(req: Request) async throws -> EvaluationSnapshot {
        let detail = try await req.visibleEvaluation()
        return EvaluationSnapshot(detail, showVerification: EvaluationAccess.seesVerification(try req.user, detail))
    }

    struct SelfItem: Content {
        let score: Double?
        let narrative: String?
        let programmes: [Int]?
        let indicators: [Int]?
        let links: [String]?
    }

    struct SelfAssessmentBody: Content {
        let items: [String: SelfItem]?
        let submit: Bool?
    }

    @Sendable func selfAssessment(req: Request) async throws -> EvaluationSnapshot {
        let user = try req.user
        let detail = try await req.visibleEvaluation()
        try Scope.requireRegion(detail.region.code, for: user)
        let body = try req.content.decode(SelfAssessmentBody.self)
        let items = (body.items ?? [:]).mapValues {
            SelfScoreInput(score: $0.score.map { String($0) } ?? "", narrative: $0.narrative ?? "", programmes: $0.programmes ?? [],
                           indicators: $0.indicators ?? [], links: $0.links ?? [])
        }
        try await EvaluationService(db: req.db).saveSelfAssessment(detail, items: items, submit: body.submit ?? false, actor: user)
        let saved = try await EvaluationRepository(db: req.db).detail(detail.id)!
        return EvaluationSnapshot(saved, showVerification: false)
    }

    struct VerifiedItem: Content {
        let score: Double?
        let reason: String?
        let notes: String?
    }

    struct VerificationBody: Content {
        let items: [String: VerifiedItem]?
        let remarks: String?
        let complete: Bool?
    }

    @Sendable func verification(req: Request) async throws -> EvaluationSnapshot {
        let user = try req.user
        let detail = try await req.visibleEvaluation()
        try Scope.requireRegion(detail.region.code, for: user)
        let body = try req.content.decode(VerificationBody.self)
        let items = (body.items ?? [:]).mapValues {
            VerifiedScoreInput(score: $0.score.map { String($0) } ?? "", reason: $0.reason ?? "", notes: $0.notes ?? "")
        }
        try await EvaluationService(db: req.db).saveVerification(detail, items: items, remarks: body.remarks ?? "",
                                                                 complete: body.complete ?? false, actor: user)
        let saved = try await EvaluationRepository(db: req.db).detail(detail.id)!
        return EvaluationSnapshot(saved, showVerification: true)
    }
}

/// The JSON shape of one evaluation. Verified scores, reasons and remarks stay with assessors and the
/// national admin until publication, so a region never sees a half-finished verification.
struct EvaluationSnapshot: Content {
    struct Evidence: Content {
        let kind: String
        let id: Int?
        let url: String?
    }
    struct Item: Content {
        let code: String
        let kind: String
        let selfScore: Double?
        let narrative: String
        let verifiedScore: Double?
        let reason: String?
        let notes: String?
        let planned: Int?
        let running: Int?
        let evidence: [Evidence]
    }
    let id: Int
    let regionCode: String
    let period: String
    let cycleId: Int?
    let method: String?
    let state: String
    let legacy: Bool
    let index: Double?
    let predicate: String?
    let remarks: String?
    let items: [Item]

    init(_ detail: EvaluationRepository.Detail, showVerification: Bool) {
        let order = (detail.method?.method.leaves.map(\.code) ?? [])
        let sorted = detail.scores.values.sorted { a, b in
            let ia = order.firstIndex(of: a.itemCode) ?? Int.max, ib = order.firstIndex(of: b.itemCode) ?? Int.max
            return ia != ib ? ia < ib : a.itemCode < b.itemCode
        }
        id = detail.id
        regionCode = detail.region.code
        period = detail.evaluation.period
        cycleId = detail.evaluation.cycleID
        method = detail.method?.method.label
        state = detail.evaluation.state
        legacy = detail.evaluation.legacy
        index = detail.evaluation.indexValue
        predicate = detail.evaluation.predicate
        remarks = showVerification ? detail.evaluation.remarks : nil
        items = sorted.map { score in
            Item(code: score.itemCode, kind: score.kind, selfScore: score.selfScore, narrative: score.narrative,
                 verifiedScore: showVerification ? score.verifiedScore : nil, reason: showVerification ? score.reason : nil,
                 notes: showVerification ? score.fieldNotes : nil, planned: score.planned, running: score.running,
                 evidence: (detail.evidence[score.itemCode] ?? []).map { Evidence(kind: $0.kind, id: $0.refID, url: $0.url) })
        }
    }
}

/// Who sees what of an evaluation.
enum EvaluationAccess {
    static func seesVerification(_ user: AuthUser?, _ detail: EvaluationRepository.Detail) -> Bool {
        if detail.state == .published { return true }
        guard let user else { return false }
        return user.role == .nationalAdmin || (user.role == .assessor && user.canSee(region: detail.region.code))
    }
}

/// Runs a method on typed scores, turning the engine's refusals into field errors.
enum Simulation {
    static func run(_ method: ScoringMethod, scores: [String: Double], field: (String) -> String) throws -> ScoringResult {
        do {
            return try method.evaluate(scores)
        } catch let error as ScoringError {
            switch error {
            case .missingScore(let item): throw PilarError.invalid([.init(field: field(item), key: "error.score_required")])
            case .outOfScale(let item, _): throw PilarError.invalid([.init(field: field(item), key: "error.score_scale")])
            case .unknownItem(let item): throw PilarError.invalid([.init(field: field(item), key: "error.unknown_item")])
            default: throw PilarError.badRequest
            }
        }
    }
}

extension Request {
    func scoringMethod() async throws -> EvaluationRepository.StoredMethod {
        let key = parameters.get("id") ?? ""
        guard let stored = try await EvaluationRepository(db: db).method(key) else { throw PilarError.notFound("method \(key)") }
        return stored
    }

    /// The evaluation in the path, if the caller may read it: published results are open to every
    /// signed-in account; work in progress only to those who can see the region.
    func visibleEvaluation() async throws -> EvaluationRepository.Detail {
        guard let id = parameters.get("id", as: Int.self), let detail = try await EvaluationRepository(db: db).detail(id) else {
            throw PilarError.notFound("evaluation")
        }
        if detail.state != .published {
            guard let user = auth.get(AuthUser.self) else { throw PilarError.unauthenticated }
            try Scope.requireRegion(detail.region.code, for: user)
        }
        return detail
    }
}
