import Fluent
import PilarCore
import SQLKit
import Vapor

/// "What is due for my agency": the grid where an agency enters a period's realisations with
/// evidence, saves them as drafts and submits them for verification.
struct ReportController: RouteCollection {
    static let reporters: Set<Role> = [.nationalAdmin, .regionAdmin, .planner, .agencyOperator]

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.roles(Self.reporters)).get("agencies", ":id", "report", use: grid)
        let upload = routes.access(.roles(Self.reporters))
            .on(.POST, "agencies", ":id", "report", body: .collect(maxSize: ByteCount(integerLiteral: UploadLimit.reportForm)), use: save)
        upload.userInfo[UploadLimit.userInfoKey] = UploadLimit.reportForm
    }

    struct Indicator {
        let id: Int
        let programme: String
        let name: String
        let level: String
        let unit: String
    }

    @Sendable func grid(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        try Self.requireReporter(for: agency, user: try req.user)
        let raw = (try? req.query.get(String.self, at: "period")) ?? Self.defaultPeriod().code
        guard let period = Period(raw) else {
            return try await render(req, agency: agency, periodCode: raw, rows: [], periodError: "error.period", status: .badRequest)
        }
        let rows = try await rows(req, agency: agency, period: period, typed: [:], errors: [:])
        return try await render(req, agency: agency, periodCode: period.code, rows: rows, periodError: nil, status: .ok)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try Self.requireReporter(for: agency, user: user)
        guard let period = Period((try? req.content.get(String.self, at: "period")) ?? "") else { throw PilarError.badRequest }
        let submit = (try? req.content.get(String.self, at: "intent")) == "submit"
        let indicators = try await Self.indicators(req.db, agency: agency.id, frequency: period.frequency)
        var entries: [ValueRepository.Entry] = []
        var typed: [Int: (value: String, note: String)] = [:]
        var errors: [Int: String] = [:]
        for indicator in indicators {
            let valueText = ((try? req.content.get(String.self, at: "v\(indicator.id)")) ?? "").trimmingCharacters(in: .whitespaces)
            let note = ((try? req.content.get(String.self, at: "n\(indicator.id)")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let file = try? req.content.get(File.self, at: "f\(indicator.id)")
            let hasFile = (file?.filename.isEmpty == false) && (file?.data.readableBytes ?? 0) > 0
            typed[indicator.id] = (valueText, note)
            if valueText.isEmpty {
                if !note.isEmpty || hasFile { errors[indicator.id] = "error.value_required" }
                continue
            }
            guard let value = NumberInput.parse(valueText) else { errors[indicator.id] = "error.number"; continue }
            if note.count > 2000 { errors[indicator.id] = "error.too_long"; continue }
            var entry = ValueRepository.Entry(indicatorID: indicator.id, period: period, value: value, note: note)
            if hasFile, let file {
                let bytes = Array(file.data.readableBytesView)
                switch EvidenceType.check(filename: file.filename, bytes: bytes) {
                case .success(let type):
                    entry.evidence.append((Self.safeName(file.filename), type, bytes))
                case .failure(let problem):
                    errors[indicator.id] = "error.evidence_" + problem.rawValue
                    continue
                }
            }
            entries.append(entry)
        }
        if errors.isEmpty {
            do {
                _ = try await ValueRepository(db: req.db).save(entries, region: agency.regionCode, submit: submit, actor: user)
                return req.redirect(to: "/agencies/\(agency.id)/report?period=\(period.code)",
                                    flash: submit ? "report.submitted" : "report.saved")
            } catch ValueRepository.EntryProblem.locked(let indicatorID, _) {
                errors[indicatorID] = "error.value_locked"
            }
        }
        let rows = try await rows(req, agency: agency, period: period, typed: typed, errors: errors)
        return try await render(req, agency: agency, periodCode: period.code, rows: rows, periodError: nil, status: .unprocessableEntity)
    }

    private func render(_ req: Request, agency: AgencySnapshot, periodCode: String, rows: [ReportPage.Row],
                        periodError: String?, status: HTTPResponseStatus) async throws -> Response {
        let frequency = Period(periodCode)?.frequency.rawValue ?? "semester"
        let page = ReportPage(agencyID: agency.id, agencyName: agency.shortName, period: periodCode, frequencyKey: "frequency." + frequency,
                              rows: rows, hasErrors: rows.contains { $0.errorKey != nil }, periodErrorKey: periodError)
        let view = try await req.render("indicators/report", titleKey: "report.title", titleSuffix: agency.shortName, page, needsCSRF: true)
        return try await view.encodeResponse(status: status, for: req)
    }

    private func rows(_ req: Request, agency: AgencySnapshot, period: Period, typed: [Int: (value: String, note: String)],
                      errors: [Int: String]) async throws -> [ReportPage.Row] {
        let indicators = try await Self.indicators(req.db, agency: agency.id, frequency: period.frequency)
        let ids = indicators.map(\.id)
        let targets = ids.isEmpty ? [] : try await IndicatorTargetModel.query(on: req.db)
            .filter(\.$indicatorID ~~ ids).filter(\.$period == period.code).all()
        let values = ids.isEmpty ? [] : try await IndicatorValueModel.query(on: req.db)
            .filter(\.$indicatorID ~~ ids).filter(\.$period == period.code).all()
        let evidence = try await ValueRepository(db: req.db).evidence(forValues: values.compactMap(\.id))
        return indicators.map { indicator in
            let target = targets.first { $0.indicatorID == indicator.id }
            let value = values.first { $0.indicatorID == indicator.id }
            let state = value.flatMap { VerificationState(rawValue: $0.state) } ?? .draft
            return ReportPage.Row(
                indicatorID: indicator.id, programme: indicator.programme, indicator: indicator.name,
                levelKey: "level." + indicator.level, unit: indicator.unit,
                target: target.map { req.number($0.value) } ?? "–",
                value: typed[indicator.id]?.value ?? value.map { req.number($0.value) } ?? "",
                note: typed[indicator.id]?.note ?? value?.note ?? "",
                state: value == nil ? "empty" : state.rawValue, stateKey: value == nil ? "state.empty" : "state." + state.rawValue,
                editable: state.isEditable, returnedReason: value?.returnedReason,
                evidence: evidence.filter { $0.valueID == value?.id }, errorKey: errors[indicator.id])
        }
    }

    /// Indicators the agency reports, of the period's frequency, in programme order.
    static func indicators(_ db: any Database, agency: Int, frequency: Period.Frequency) async throws -> [Indicator] {
        let sql = db as! any SQLDatabase
        return try await sql.raw("""
            SELECT i.id, p.title AS programme, i.name, i.level, i.unit
            FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE a.agency_id = \(bind: agency) AND i.frequency = \(bind: frequency.rawValue) AND i.citizen_source IS NULL
            ORDER BY p.title, i.id
            """).all().map {
                Indicator(id: try $0.decode(column: "id", as: Int.self), programme: try $0.decode(column: "programme", as: String.self),
                          name: try $0.decode(column: "name", as: String.self), level: try $0.decode(column: "level", as: String.self),
                          unit: try $0.decode(column: "unit", as: String.self))
            }
    }

    static func requireReporter(for agency: AgencySnapshot, user: AuthUser) throws {
        try Scope.requireRegion(agency.regionCode, for: user)
        if user.role == .agencyOperator, user.agencyID != agency.id { throw PilarError.forbidden }
    }

    /// The semester that most recently ended: what agencies are asked to report.
    static func defaultPeriod(now: Date = Date()) -> Period {
        let current = Period.current(.semester, at: now) ?? Period(year: 2025, frequency: .semester, index: 1)!
        return current.previous ?? current
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Keeps only a plain base name, so a stored name can never act as a path.
    static func safeName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        let cleaned = base.filter { $0.isLetter || $0.isNumber || "._- ()".contains($0) }
        return String(cleaned.prefix(120)).isEmpty ? "file" : String(cleaned.prefix(120))
    }
}
