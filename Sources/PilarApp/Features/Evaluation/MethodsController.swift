import Fluent
import PilarCore
import Vapor

/// Scoring methods: the list, one method's tree of weights, a national admin's new version, and
/// the "what if" simulation a region uses before it self-assesses.
struct MethodsController: RouteCollection {
    struct ListPage: Encodable {
        let methods: [MethodChoice]
        let canRevise: Bool
    }

    struct ShowPage: Encodable {
        let method: MethodChoice
        let source: String
        let lines: [MethodLine]
        let bands: [String]
        let hasBands: Bool
        let canRevise: Bool
    }

    struct ReviseField: Encodable {
        let code: String
        let name: String
        let value: String
        let error: String?
    }

    struct RevisePage: Encodable {
        let base: MethodChoice
        let code: String
        let nameID: String
        let nameEN: String
        let effectiveFrom: String
        let scaleMin: String
        let scaleMax: String
        let weights: [ReviseField]
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct SimulatePage: Encodable {
        let method: MethodChoice
        let fields: [ReviseField]
        let hasErrors: Bool
        let index: String?
        let predicate: String?
        let lines: [MethodLine]
        let basis: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("methods", use: list)
        routes.access(.signedIn).get("methods", ":id", use: show)
        routes.access(.nationalAdmin).get("methods", ":id", "revise", use: reviseForm)
        routes.access(.nationalAdmin).post("methods", ":id", "revise", use: revise)
        routes.access(.signedIn).get("methods", ":id", "simulate", use: simulateForm)
        routes.access(.signedIn).post("methods", ":id", "simulate", use: simulate)
    }

    @Sendable func list(req: Request) async throws -> View {
        let methods = try await EvaluationRepository(db: req.db).methods().map { MethodChoice($0, req) }
        return try await req.render("evaluation/methods", titleKey: "methods.title",
                                    ListPage(methods: methods, canRevise: try req.user.role == .nationalAdmin))
    }

    @Sendable func show(req: Request) async throws -> View {
        let stored = try await req.scoringMethod()
        let m = stored.method
        let bands = m.bands.map { band -> String in "\(band.name.text(english: req.english)) ≥ \(req.number(band.from))" }
        return try await req.render("evaluation/method", titleKey: "methods.title", titleSuffix: m.label,
                                    ShowPage(method: MethodChoice(stored, req), source: m.source, lines: MethodLine.tree(m, req),
                                             bands: bands, hasBands: !bands.isEmpty, canRevise: try req.user.role == .nationalAdmin))
    }

    @Sendable func reviseForm(req: Request) async throws -> View {
        let stored = try await req.scoringMethod()
        let m = stored.method
        let values = Dictionary(uniqueKeysWithValues: m.leaves.map { ($0.code, req.number($0.weight)) })
        return try await req.render("evaluation/revise", titleKey: "methods.revise", titleSuffix: m.label,
                                    revisePage(req, stored, code: m.code, nameID: m.name.id, nameEN: m.name.en, effectiveFrom: DateInput.today(),
                                               scaleMin: req.number(m.scale.min), scaleMax: req.number(m.scale.max), weights: values, errors: [:]))
    }

    @Sendable func revise(req: Request) async throws -> Response {
        let stored = try await req.scoringMethod()
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        var weights: [String: String] = [:]
        for leaf in stored.method.leaves { weights[leaf.code] = text("weight_\(leaf.code)") }
        do {
            let id = try await EvaluationService(db: req.db).revise(stored, code: text("code"), nameID: text("nameID"), nameEN: text("nameEN"),
                                                                    effectiveFrom: text("effectiveFrom"), scaleMin: text("scaleMin"),
                                                                    scaleMax: text("scaleMax"), weights: weights, actor: try req.user)
            return req.redirect(to: "/methods/\(id)", flash: "methods.saved")
        } catch let error as PilarError where error.status == .unprocessableEntity {
            return try await formError(req, error, template: "evaluation/revise", titleKey: "methods.revise",
                                       page: revisePage(req, stored, code: text("code"), nameID: text("nameID"), nameEN: text("nameEN"),
                                                        effectiveFrom: text("effectiveFrom"), scaleMin: text("scaleMin"), scaleMax: text("scaleMax"),
                                                        weights: weights, errors: error.fields.byField))
        }
    }

    private func revisePage(_ req: Request, _ stored: EvaluationRepository.StoredMethod, code: String, nameID: String, nameEN: String,
                            effectiveFrom: String, scaleMin: String, scaleMax: String, weights: [String: String],
                            errors: [String: String]) -> RevisePage {
        RevisePage(base: MethodChoice(stored, req), code: code, nameID: nameID, nameEN: nameEN, effectiveFrom: effectiveFrom,
                   scaleMin: scaleMin, scaleMax: scaleMax,
                   weights: stored.method.leaves.map { ReviseField(code: $0.code, name: $0.name.text(english: req.english),
                                                                    value: weights[$0.code] ?? "", error: errors["weight_\($0.code)"]) },
                   errors: errors, hasErrors: !errors.isEmpty)
    }

    /// Starts from the region's latest published (or self-assessed) scores when the page is opened
    /// from an evaluation, so "what if impact rose to 3.8" changes one figure, not five.
    @Sendable func simulateForm(req: Request) async throws -> View {
        let stored = try await req.scoringMethod()
        var typed: [String: String] = [:]
        var basis: String?
        let user = try req.user
        if let evaluationID = try? req.query.get(Int.self, at: "from"),
           let detail = try await EvaluationRepository(db: req.db).detail(evaluationID),
           detail.state == .published || user.canSee(region: detail.region.code) {
            let verified = EvaluationAccess.seesVerification(user, detail)
            for leaf in stored.method.leaves {
                let score = detail.scores[leaf.code]
                typed[leaf.code] = req.scoreField((verified ? score?.verifiedScore : nil) ?? score?.selfScore)
            }
            basis = "\(detail.region.name) \(detail.evaluation.period)"
        }
        return try await req.render("evaluation/simulate", titleKey: "simulate.title", titleSuffix: stored.method.label,
                                    simulatePage(req, stored, typed: typed, errors: [:], result: nil, basis: basis))
    }

    @Sendable func simulate(req: Request) async throws -> Response {
        let stored = try await req.scoringMethod()
        var typed: [String: String] = [:]
        var problems: [FieldProblem] = []
        var scores: [String: Double] = [:]
        for leaf in stored.method.leaves {
            let raw = (try? req.content.get(String.self, at: "score_\(leaf.code)")) ?? ""
            typed[leaf.code] = raw
            scores[leaf.code] = ScoreInput.parse(raw, scale: stored.method.scale, field: "score_\(leaf.code)", required: true, into: &problems)
        }
        let result = problems.isEmpty ? try? stored.method.evaluate(scores) : nil
        let view = try await req.render("evaluation/simulate", titleKey: "simulate.title", titleSuffix: stored.method.label,
                                        simulatePage(req, stored, typed: typed, errors: problems.byField, result: result, basis: nil),
                                        needsCSRF: true)
        return try await view.encodeResponse(status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    private func simulatePage(_ req: Request, _ stored: EvaluationRepository.StoredMethod, typed: [String: String], errors: [String: String],
                              result: ScoringResult?, basis: String?) -> SimulatePage {
        SimulatePage(method: MethodChoice(stored, req),
                     fields: stored.method.leaves.map { ReviseField(code: $0.code, name: $0.name.text(english: req.english),
                                                                     value: typed[$0.code] ?? "", error: errors["score_\($0.code)"]) },
                     hasErrors: !errors.isEmpty, index: result.map { req.score($0.index) },
                     predicate: result?.band?.name.text(english: req.english), lines: result.map { MethodLine.result($0, req) } ?? [],
                     basis: basis)
    }
}
