import Fluent
import PilarCore
import SQLKit
import Vapor

/// Evaluation cycles: the national admin opens one for chosen regions with a method and dates, follows
/// each region's progress, and publishes verified results. Others see the cycles of their regions.
struct CyclesController: RouteCollection {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let id: Int
            let period: String
            let method: String
            let selfWindow: String
            let publishOn: String
            let stateKey: String
            let regions: Int
            let published: Int
        }
        let cycles: [Row]
        let hasCycles: Bool
        let canOpen: Bool
    }

    struct FormPage: Encodable {
        let year: String
        let stage: String
        let methods: [MethodChoice]
        let selfFrom: String
        let selfUntil: String
        let verifyUntil: String
        let publishOn: String
        let regions: [Choice]
        let moreRegions: String
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct ShowPage: Encodable {
        struct Row: Encodable {
            let evaluationID: Int
            let regionCode: String
            let regionName: String
            let state: String
            let stateKey: String
            let index: String
        }
        let id: Int
        let period: String
        let method: String
        let methodID: Int
        let selfFrom: String
        let selfUntil: String
        let verifyUntil: String
        let publishOn: String
        let stateKey: String
        let rows: [Row]
        let canPublish: Bool
        let verified: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("cycles", use: list)
        routes.access(.nationalAdmin).get("cycles", "new", use: new)
        routes.access(.nationalAdmin).post("cycles", use: create)
        routes.access(.signedIn).get("cycles", ":id", use: show)
        routes.access(.nationalAdmin).post("cycles", ":id", "publish", use: publish)
    }

    @Sendable func list(req: Request) async throws -> View {
        let user = try req.user
        let repository = EvaluationRepository(db: req.db)
        var cycles = try await repository.cycles()
        if user.role != .nationalAdmin {
            let mine = Set(try await EvaluationModel.query(on: req.db).filter(\.$cycleID != nil).all()
                .filter { user.canSee(region: $0.regionCode) }.compactMap(\.cycleID))
            cycles = cycles.filter { mine.contains($0.id) }
        }
        let rows = cycles.map {
            ListPage.Row(id: $0.id, period: $0.period, method: $0.method, selfWindow: "\($0.selfFrom) – \($0.selfUntil)",
                         publishOn: $0.publishOn, stateKey: "cycle.state." + $0.state, regions: $0.regions, published: $0.published)
        }
        return try await req.render("evaluation/cycles", titleKey: "cycles.title", ListPage(cycles: rows, hasCycles: !rows.isEmpty, canOpen: user.role == .nationalAdmin))
    }

    @Sendable func new(req: Request) async throws -> View {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let input = CycleInput(year: String(year), stage: "1", methodID: "", selfFrom: DateInput.today(), selfUntil: "",
                               verifyUntil: "", publishOn: "", regions: [])
        return try await req.render("evaluation/cycle-form", titleKey: "cycles.new", try await formPage(req, input, more: "", errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        let more = text("moreRegions")
        let extra = more.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        let input = CycleInput(year: text("year"), stage: text("stage"), methodID: text("methodID"), selfFrom: text("selfFrom"),
                               selfUntil: text("selfUntil"), verifyUntil: text("verifyUntil"), publishOn: text("publishOn"),
                               regions: ((try? req.content.get([String].self, at: "regions")) ?? []) + extra)
        do {
            let id = try await EvaluationService(db: req.db).openCycle(input, actor: try req.user)
            return req.redirect(to: "/cycles/\(id)", flash: "cycles.opened")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            var errors = error.fields.byField
            if errors.isEmpty { errors["stage"] = error.messageKey }
            return try await formError(req, error, template: "evaluation/cycle-form", titleKey: "cycles.new",
                                       page: try await formPage(req, input, more: more, errors: errors))
        }
    }

    private func formPage(_ req: Request, _ input: CycleInput, more: String, errors: [String: String]) async throws -> FormPage {
        let repository = EvaluationRepository(db: req.db)
        let methods = try await repository.methods().map { MethodChoice($0, req, selected: String($0.id) == input.methodID) }
        // Regions in the programme: those that adopted a framework or already have results.
        let rows = try await (req.db as! any SQLDatabase).raw("""
            SELECT code, name FROM regions WHERE framework_code IS NOT NULL
            OR code IN (SELECT region_code FROM evaluations) ORDER BY code
            """).all()
        let chosen = Set(input.regions)
        let regions = try rows.map { row -> Choice in
            let code = try row.decode(column: "code", as: String.self)
            return Choice(value: code, label: "\(code) · \(try row.decode(column: "name", as: String.self))", selected: chosen.contains(code))
        }
        return FormPage(year: input.year, stage: input.stage, methods: methods, selfFrom: input.selfFrom, selfUntil: input.selfUntil,
                        verifyUntil: input.verifyUntil, publishOn: input.publishOn, regions: regions, moreRegions: more,
                        errors: errors, hasErrors: !errors.isEmpty)
    }

    @Sendable func show(req: Request) async throws -> View {
        let user = try req.user
        guard let id = req.parameters.get("id", as: Int.self), let cycle = try await EvaluationCycleModel.find(id, on: req.db),
              let summary = try await EvaluationRepository(db: req.db).cycles(id: id).first else {
            throw PilarError.notFound("cycle")
        }
        let evaluations = try await EvaluationModel.query(on: req.db).filter(\.$cycleID == id).sort(\.$regionCode).all()
            .filter { user.role == .nationalAdmin || user.canSee(region: $0.regionCode) || $0.state == EvaluationState.published.rawValue }
        let names = try await RegionModel.query(on: req.db).filter(\.$id ~~ evaluations.map(\.regionCode)).all()
            .reduce(into: [String: String]()) { $0[$1.id ?? ""] = $1.name }
        let rows = try evaluations.map {
            ShowPage.Row(evaluationID: try $0.requireID(), regionCode: $0.regionCode, regionName: names[$0.regionCode] ?? $0.regionCode,
                         state: $0.state, stateKey: "evaluation.state." + $0.state, index: req.score($0.indexValue))
        }
        let verified = evaluations.filter { $0.state == EvaluationState.verified.rawValue }.count
        return try await req.render("evaluation/cycle", titleKey: "cycles.title", titleSuffix: cycle.period,
                                    ShowPage(id: id, period: cycle.period, method: summary.method, methodID: cycle.methodID,
                                             selfFrom: cycle.selfFrom, selfUntil: cycle.selfUntil, verifyUntil: cycle.verifyUntil, publishOn: cycle.publishOn,
                                             stateKey: "cycle.state." + cycle.state, rows: rows,
                                             canPublish: user.role == .nationalAdmin && verified > 0, verified: verified))
    }

    @Sendable func publish(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw PilarError.notFound("cycle") }
        do {
            _ = try await EvaluationService(db: req.db).publish(cycleID: id, actor: try req.user)
            return req.redirect(to: "/cycles/\(id)", flash: "cycles.published")
        } catch let error as PilarError where error.status == .conflict {
            return req.redirect(to: "/cycles/\(id)", flash: error.messageKey)
        }
    }
}
