import Fluent
import PilarCore
import Vapor

/// Spreadsheet import of an agency's realisations: download the template, upload it filled in,
/// see every row checked in a preview, then apply all rows or none.
struct ImportController: RouteCollection {
    struct Page: Encodable {
        let agencyID: Int
        let agency: String
        let period: String
        let rows: [ValueImport.Row]
        let previewed: Bool
        let canApply: Bool
        let csvText: String
        let fileErrorKey: String?
        let errorCount: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let reporters = routes.access(.roles(ReportController.reporters))
        reporters.get("agencies", ":id", "import", use: form)
        reporters.get("agencies", ":id", "import", "template.csv", use: template)
        let upload = reporters.on(.POST, "agencies", ":id", "import", body: .collect(maxSize: ByteCount(integerLiteral: 5 * 1024 * 1024)), use: check)
        upload.userInfo[UploadLimit.userInfoKey] = 5 * 1024 * 1024
    }

    @Sendable func form(req: Request) async throws -> View {
        let agency = try await req.visibleAgency()
        try ReportController.requireReporter(for: agency, user: try req.user)
        return try await req.render("import/values", titleKey: "import.title", titleSuffix: agency.shortName,
                                    Page(agencyID: agency.id, agency: agency.shortName, period: ReportController.defaultPeriod().code, rows: [],
                                         previewed: false, canApply: false, csvText: "", fileErrorKey: nil, errorCount: 0))
    }

    @Sendable func template(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        try ReportController.requireReporter(for: agency, user: try req.user)
        let period = Period((try? req.query.get(String.self, at: "period")) ?? "") ?? ReportController.defaultPeriod()
        let indicators = try await ReportController.indicators(req.db, agency: agency.id, frequency: period.frequency)
        var lines = [CSVTable.line(ValueImport.columns)]
        lines += indicators.map { CSVTable.line([String($0.id), $0.name, period.code, "", ""]) }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"realisasi-\(agency.shortName)-\(period.code).csv\"")
        return response
    }

    @Sendable func check(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try ReportController.requireReporter(for: agency, user: user)
        let apply = (try? req.content.get(String.self, at: "intent")) == "apply"
        // The preview carries the checked text back in the form, so "apply" writes exactly what was previewed.
        var text = (try? req.content.get(String.self, at: "csvText")) ?? ""
        if let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 {
            guard let decoded = String(validating: Array(file.data.readableBytesView), as: UTF8.self) else {
                return try await render(req, agency, checked: .init(rows: [], entries: [], fileErrorKey: "import.error_unreadable"), text: "", status: .unprocessableEntity)
            }
            text = decoded
        }
        let checked = try await ValueImport.check(text, agency: agency.id, db: req.db)
        if checked.hasErrors || !apply {
            return try await render(req, agency, checked: checked, text: text, status: checked.hasErrors ? .unprocessableEntity : .ok)
        }
        do {
            _ = try await ValueRepository(db: req.db).save(checked.entries, region: agency.regionCode, submit: false, actor: user)
        } catch ValueRepository.EntryProblem.locked(let indicatorID, _) {
            let rows = checked.rows.map { row in
                row.indicatorID == String(indicatorID) && row.errorKey == nil
                    ? ValueImport.Row(line: row.line, indicatorID: row.indicatorID, indicator: row.indicator, period: row.period,
                                      value: row.value, note: row.note, errorKey: "error.value_locked") : row
            }
            return try await render(req, agency, checked: .init(rows: rows, entries: [], fileErrorKey: nil), text: text, status: .unprocessableEntity)
        }
        let period = checked.entries.first?.period.code ?? ReportController.defaultPeriod().code
        return req.redirect(to: "/agencies/\(agency.id)/report?period=\(period)", flash: "import.applied")
    }

    private func render(_ req: Request, _ agency: AgencySnapshot, checked: ValueImport.Checked, text: String, status: HTTPResponseStatus) async throws -> Response {
        let page = Page(agencyID: agency.id, agency: agency.shortName, period: ReportController.defaultPeriod().code, rows: checked.rows,
                        previewed: true, canApply: !checked.hasErrors, csvText: text, fileErrorKey: checked.fileErrorKey,
                        errorCount: checked.rows.filter { $0.errorKey != nil }.count)
        let view = try await req.render("import/values", titleKey: "import.title", titleSuffix: agency.shortName, page, needsCSRF: true)
        return try await view.encodeResponse(status: status, for: req)
    }
}
