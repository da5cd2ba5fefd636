import Fluent
import PilarCore
import SQLKit
import Vapor

/// The verification queue: the region admin verifies or returns submitted values, the council
/// approves or returns verified ones, in batches with one written reason for returns.
struct VerificationController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            let id: Int
            let indicatorID: Int
            let indicator: String
            let programme: String
            let agency: String
            let period: String
            let target: String
            let value: String
            let note: String
            let evidence: [ValueRepository.EvidenceLine]
        }
        let regionCode: String
        let regionName: String
        let state: String
        let states: [Choice]
        let rows: [Row]
        let actions: [Choice]
        let reasonErrorKey: String?
    }

    struct Form: Content {
        let ids: [Int]?
        let action: String?
        let reason: String?
        let state: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let verifiers = routes.access(.nationalAdmin, .regionAdmin, .council)
        verifiers.get("regions", ":code", "verification", use: queue)
        verifiers.post("regions", ":code", "verification", use: act)
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let defaultState = user.role == .council ? VerificationState.verified : .submitted
        let state = VerificationState(rawValue: (try? req.query.get(String.self, at: "state")) ?? "") ?? defaultState
        return try await render(req, region: region, state: state, reasonError: nil, status: .ok)
    }

    @Sendable func act(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let form = try req.content.decode(Form.self)
        let state = VerificationState(rawValue: form.state ?? "") ?? .submitted
        guard let action = VerificationAction(rawValue: form.action ?? ""), let actor = VerificationActor(user.role) else {
            throw PilarError.badRequest
        }
        let ids = Array(Set(form.ids ?? []))
        guard !ids.isEmpty else { return req.redirect(to: "/regions/\(region.code)/verification?state=\(state.rawValue)", flash: "verify.none_picked") }
        // Every picked value must belong to this region: a forged id from elsewhere changes nothing.
        let owned = try await Self.valueIDs(in: region.code, ids: ids, db: req.db)
        guard owned.count == ids.count else { throw PilarError.forbidden }
        do {
            try await ValueRepository(db: req.db).transition(ids, action: action, actor: user, as: actor, reason: form.reason, region: region.code)
        } catch VerificationError.reasonRequired {
            return try await render(req, region: region, state: state, reasonError: "error.reason_required", status: .unprocessableEntity)
        } catch let error as VerificationError {
            _ = error
            throw PilarError(status: .conflict, code: "conflict", messageKey: "error.verification_step")
        }
        return req.redirect(to: "/regions/\(region.code)/verification?state=\(state.rawValue)", flash: "verify.done." + action.rawValue)
    }

    private func render(_ req: Request, region: RegionRepository.Summary, state: VerificationState, reasonError: String?,
                        status: HTTPResponseStatus) async throws -> Response {
        let user = try req.user
        let sql = req.db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT v.id, v.indicator_id, i.name AS indicator, p.title AS programme, ag.short_name AS agency, v.period,
                   v.value, v.note, t.value AS target
            FROM indicator_values v
            JOIN indicators i ON i.id = v.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id
            JOIN programmes p ON p.id = a.programme_id
            JOIN agencies ag ON ag.id = a.agency_id
            LEFT JOIN indicator_targets t ON t.indicator_id = v.indicator_id AND t.period = v.period
            WHERE p.region_code = \(bind: region.code) AND v.state = \(bind: state.rawValue)
            ORDER BY ag.short_name, p.title, v.period
            LIMIT 500
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let evidence = try await ValueRepository(db: req.db).evidence(forValues: ids)
        let lines = try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return Page.Row(id: id, indicatorID: try row.decode(column: "indicator_id", as: Int.self),
                            indicator: try row.decode(column: "indicator", as: String.self),
                            programme: try row.decode(column: "programme", as: String.self),
                            agency: try row.decode(column: "agency", as: String.self),
                            period: try row.decode(column: "period", as: String.self),
                            target: try row.decode(column: "target", as: Double?.self).map(req.number) ?? "–",
                            value: req.number(try row.decode(column: "value", as: Double.self)),
                            note: try row.decode(column: "note", as: String.self),
                            evidence: evidence.filter { $0.valueID == id })
        }
        let catalog = req.catalog
        let actions: [VerificationAction]
        switch (user.role, state) {
        case (.regionAdmin, .submitted), (.nationalAdmin, .submitted): actions = [.verify, .return]
        case (.council, .verified): actions = [.approve, .return]
        case (.regionAdmin, .verified), (.nationalAdmin, .verified): actions = [.return]
        default: actions = []
        }
        let page = Page(regionCode: region.code, regionName: region.name, state: state.rawValue,
                        states: [VerificationState.submitted, .verified, .approved].map {
                            Choice(value: $0.rawValue, label: catalog.text("state." + $0.rawValue), selected: $0 == state) },
                        rows: lines,
                        actions: actions.map { Choice(value: $0.rawValue, label: catalog.text("verify.action." + $0.rawValue), selected: false) },
                        reasonErrorKey: reasonError)
        let view = try await req.render("indicators/queue", titleKey: "verify.title", titleSuffix: region.name, page)
        return try await view.encodeResponse(status: status, for: req)
    }

    static func valueIDs(in region: String, ids: [Int], db: any Database) async throws -> [Int] {
        let sql = db as! any SQLDatabase
        return try await sql.select().column(SQLColumn("id", table: "v"))
            .from(SQLAlias(SQLIdentifier("indicator_values"), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier("indicators"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                  on: SQLColumn("indicator_id", table: "v"), .equal, SQLColumn("id", table: "i"))
            .join(SQLAlias(SQLIdentifier("action_plans"), as: SQLIdentifier("a")), method: SQLJoinMethod.inner,
                  on: SQLColumn("action_plan_id", table: "i"), .equal, SQLColumn("id", table: "a"))
            .join(SQLAlias(SQLIdentifier("programmes"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                  on: SQLColumn("programme_id", table: "a"), .equal, SQLColumn("id", table: "p"))
            .where(SQLColumn("region_code", table: "p"), .equal, SQLBind(region))
            .where(SQLColumn("id", table: "v"), .in, SQLBind.group(ids))
            .all().map { try $0.decode(column: "id", as: Int.self) }
    }
}

/// `GET /evidence/{id}`: downloads an evidence file for those who may see its region.
struct EvidenceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("evidence", ":id", use: download)
    }

    @Sendable func download(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self), let file = try await EvidenceFileModel.find(id, on: req.db),
              let value = try await IndicatorValueModel.find(file.valueID, on: req.db),
              let owner = try await IndicatorRepository(db: req.db).owner(ofIndicator: value.indicatorID) else {
            throw PilarError.notFound("evidence")
        }
        try Scope.requireRegion(owner.regionCode, for: try req.user)
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
        // Always a download, never rendered inline: an uploaded file must not run as part of the site.
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.filename)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
