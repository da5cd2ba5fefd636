import Fluent
import PilarCore
import Vapor

/// One region's evaluation: the self-assessment by the region's planners, the verification by its
/// assessors, the published result, and the same result under another method side by side.
struct EvaluationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("evaluations", ":id", use: show)
        routes.access(.regionAdmin, .planner).post("evaluations", ":id", "self-assessment", use: selfAssess)
        routes.access(.assessor).post("evaluations", ":id", "verification", use: verify)
        routes.access(.signedIn).get("evaluations", ":id", "compare", use: compare)
    }

    @Sendable func show(req: Request) async throws -> View {
        let detail = try await req.visibleEvaluation()
        return try await req.render("evaluation/show", titleKey: "evaluation.title", titleSuffix: "\(detail.region.name) \(detail.evaluation.period)",
                                    try await EvaluationPage.make(req, detail))
    }

    @Sendable func selfAssess(req: Request) async throws -> Response {
        let user = try req.user
        let detail = try await req.visibleEvaluation()
        guard user.regionCode == detail.region.code else { throw PilarError.forbidden }
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        var items: [String: SelfScoreInput] = [:]
        for leaf in detail.method?.method.leaves ?? [] {
            let field = EvaluationPage.fieldName(leaf.code)
            let ids = { (key: String) -> [Int] in ((try? req.content.get([String].self, at: key)) ?? []).compactMap { Int($0) } }
            items[leaf.code] = SelfScoreInput(
                score: text("score_\(field)"), narrative: text("narrative_\(field)"),
                programmes: ids("programmes_\(field)"), indicators: ids("indicators_\(field)"),
                links: text("links_\(field)").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let submit = text("intent") == "submit"
        do {
            try await EvaluationService(db: req.db).saveSelfAssessment(detail, items: items, submit: submit, actor: user)
            return req.redirect(to: "/evaluations/\(detail.id)", flash: submit ? "evaluation.submitted" : "evaluation.saved")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            let typed = EvaluationPage.Typed(selfItems: items, errors: error.fields.byField,
                                             errorKey: error.status == .conflict ? error.messageKey : nil)
            return try await refused(req, detail, typed, error)
        }
    }

    @Sendable func verify(req: Request) async throws -> Response {
        let user = try req.user
        let detail = try await req.visibleEvaluation()
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        var codes = detail.method?.method.leaves.map(\.code) ?? []
        codes += detail.scores.values.filter { $0.kind == EvaluationScoreModel.Kind.dimension.rawValue }.map(\.itemCode)
        var items: [String: VerifiedScoreInput] = [:]
        for code in codes {
            let field = EvaluationPage.fieldName(code)
            items[code] = VerifiedScoreInput(score: text("verified_\(field)"), reason: text("reason_\(field)"), notes: text("notes_\(field)"))
        }
        let complete = text("intent") == "complete"
        do {
            try await EvaluationService(db: req.db).saveVerification(detail, items: items, remarks: text("remarks"), complete: complete, actor: user)
            return req.redirect(to: "/evaluations/\(detail.id)", flash: complete ? "evaluation.verified" : "evaluation.saved")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            let typed = EvaluationPage.Typed(verified: items, remarks: text("remarks"), errors: error.fields.byField,
                                             errorKey: error.status == .conflict ? error.messageKey : nil)
            return try await refused(req, detail, typed, error)
        }
    }

    private func refused(_ req: Request, _ detail: EvaluationRepository.Detail, _ typed: EvaluationPage.Typed, _ error: PilarError) async throws -> Response {
        let view = try await req.render("evaluation/show", titleKey: "evaluation.title", titleSuffix: "\(detail.region.name) \(detail.evaluation.period)",
                                        try await EvaluationPage.make(req, detail, typed: typed), needsCSRF: true)
        return try await view.encodeResponse(status: error.status, for: req)
    }

    struct ComparePage: Encodable {
        struct Row: Encodable {
            let code: String
            let name: String
            let score: String
            let weightA: String
            let weightB: String
        }
        let id: Int
        let regionName: String
        let period: String
        let methodA: String
        let methodB: String
        let indexA: String
        let indexB: String
        let predicateA: String?
        let predicateB: String?
        let rows: [Row]
        let basisKey: String
        let methods: [MethodChoice]
        let mismatch: Bool
    }

    /// Recomputes the evaluation's scores (verified where the reader may see them, else the region's)
    /// under another method with the same items, e.g. 10/20/30/20/20 against 10/20/30/30/10.
    @Sendable func compare(req: Request) async throws -> View {
        let detail = try await req.visibleEvaluation()
        guard let current = detail.method else { throw PilarError.conflict("error.compare_legacy") }
        let repository = EvaluationRepository(db: req.db)
        let all = try await repository.methods()
        let otherKey = (try? req.query.get(String.self, at: "method")) ?? ""
        let other = try await repository.method(otherKey) ?? all.first { $0.id != current.id && $0.method.leaves.map(\.code) == current.method.leaves.map(\.code) } ?? current
        let verified = EvaluationAccess.seesVerification(try req.user, detail) && detail.state != .selfAssessment && detail.state != .submitted
        var scores: [String: Double] = [:]
        for leaf in current.method.leaves {
            if let score = (verified ? detail.scores[leaf.code]?.verifiedScore : nil) ?? detail.scores[leaf.code]?.selfScore { scores[leaf.code] = score }
        }
        let a = try? current.method.evaluate(scores)
        let b = try? other.method.evaluate(scores)
        let english = req.english
        let weightsB = Dictionary(uniqueKeysWithValues: other.method.leaves.map { ($0.code, $0.weight) })
        let totalA = current.method.leaves.reduce(0) { $0 + $1.weight }, totalB = other.method.leaves.reduce(0) { $0 + $1.weight }
        let rows = current.method.leaves.map { leaf in
            ComparePage.Row(code: leaf.code, name: leaf.name.text(english: english), score: req.score(scores[leaf.code]),
                            weightA: MethodLine.percent(leaf.weight / totalA, req),
                            weightB: weightsB[leaf.code].map { MethodLine.percent($0 / totalB, req) } ?? "–")
        }
        return try await req.render("evaluation/compare", titleKey: "compare.title", titleSuffix: detail.region.name,
                                    ComparePage(id: detail.id, regionName: detail.region.name, period: detail.evaluation.period,
                                                methodA: current.method.label, methodB: other.method.label,
                                                indexA: req.score(a?.index), indexB: req.score(b?.index),
                                                predicateA: a?.band?.name.text(english: english), predicateB: b?.band?.name.text(english: english),
                                                rows: rows, basisKey: verified ? "compare.basis_verified" : "compare.basis_self",
                                                methods: all.filter { $0.id != current.id }.map { MethodChoice($0, req, selected: $0.id == other.id) },
                                                mismatch: b == nil))
    }
}
