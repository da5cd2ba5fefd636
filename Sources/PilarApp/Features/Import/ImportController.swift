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
        reporters.get("agencies", ":id", "import", "template.xlsx", use: template)
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
        let rows = indicators.map { [XLSX.Cell.number(Double($0.id)), .text($0.name), .text(period.code), .text(""), .text("")] }
        let format: Export.Format = req.url.path.hasSuffix(".xlsx") ? .xlsx : .csv
        return try Export.response(format: format, filename: "realisasi-\(agency.shortName)-\(period.code)", sheet: "realisasi",
                                   header: ValueImport.columns, rows: rows)
    }

    @Sendable func check(req: Request) async throws -> Response {
        let agency = try await req.visibleAgency()
        let user = try req.user
        try ReportController.requireReporter(for: agency, user: user)
        let apply = (try? req.content.get(String.self, at: "intent")) == "apply"
        // The preview carries the checked text back in the form, so "apply" writes exactly what was previewed.
        var text = (try? req.content.get(String.self, at: "csvText")) ?? ""
        if let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 {
            let bytes = Array(file.data.readableBytesView)
            if XLSX.looksLikeXLSX(bytes) {
                // A workbook is turned into the same CSV text, so preview and apply see one format.
                guard let table = try? XLSX.readFirstSheet(Data(bytes)) else {
                    return try await render(req, agency, checked: .init(rows: [], entries: [], fileErrorKey: "import.error_unreadable"), text: "", status: .unprocessableEntity)
                }
                text = table.map(CSVTable.line).joined(separator: "\r\n")
            } else if let decoded = String(validating: bytes, as: UTF8.self) {
                text = decoded
            } else {
                return try await render(req, agency, checked: .init(rows: [], entries: [], fileErrorKey: "import.error_unreadable"), text: "", status: .unprocessableEntity)
            }
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
