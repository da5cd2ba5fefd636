import Fluent
import PilarCore
import Vapor

/// Spreadsheet import of the roadmap form: template, checked preview, all-or-nothing apply.
struct ProgrammeImportController: RouteCollection {
    struct Page: Encodable {
        let regionCode: String
        let regionName: String
        let rows: [ProgrammeImport.Row]
        let canApply: Bool
        let csvText: String
        let fileErrorKey: String?
        let errorCount: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let editors = routes.access(.roles(Set(ProgrammesController.editors)))
        editors.get("regions", ":code", "programmes", "import", use: form)
        editors.get("regions", ":code", "programmes", "import", "template.csv", use: template)
        editors.get("regions", ":code", "programmes", "import", "template.xlsx", use: template)
        let upload = editors.on(.POST, "regions", ":code", "programmes", "import", body: .collect(maxSize: ByteCount(integerLiteral: 5 * 1024 * 1024)), use: check)
        upload.userInfo[UploadLimit.userInfoKey] = 5 * 1024 * 1024
    }

    @Sendable func form(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        return try await req.render("import/programmes", titleKey: "import.programmes_title", titleSuffix: region.name,
                                    Page(regionCode: region.code, regionName: region.name, rows: [], canApply: false, csvText: "", fileErrorKey: nil, errorCount: 0))
    }

    @Sendable func template(req: Request) async throws -> Response {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let example: [XLSX.Cell] = [.text("Contoh: Wifi taman kota"), .text("Titik wifi gratis di taman"), .text("Diskominfo"), .text("Bappeda"),
                                    .text("SOC"), .text("SOC-1"), .text("short"), .number(2025), .number(2026), .text("planned"),
                                    .text("Perwali No. 5 Tahun 2025"), .text("2025 APBD 150000000 | 2026 APBD 175000000")]
        return try Export.response(format: req.url.path.hasSuffix(".xlsx") ? .xlsx : .csv, filename: "roadmap-\(region.code)", sheet: "roadmap",
                                   header: ProgrammeImport.columns, rows: [example])
    }

    @Sendable func check(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let apply = (try? req.content.get(String.self, at: "intent")) == "apply"
        var text = (try? req.content.get(String.self, at: "csvText")) ?? ""
        var unreadable = false
        if let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 {
            let bytes = Array(file.data.readableBytesView)
            if XLSX.looksLikeXLSX(bytes) {
                if let table = try? XLSX.readFirstSheet(Data(bytes)) { text = table.map(CSVTable.line).joined(separator: "\r\n") } else { unreadable = true }
            } else if let decoded = String(validating: bytes, as: UTF8.self) { text = decoded } else { unreadable = true }
        }
        let checked: ProgrammeImport.Checked
        if unreadable { checked = .init(rows: [], values: [], fileErrorKey: "import.error_unreadable") }
        else if let table = try? CSVTable.parse(text) { checked = try await ProgrammeImport.check(table: table, region: region, user: user, db: req.db) }
        else { checked = .init(rows: [], values: [], fileErrorKey: "import.error_unreadable") }
        if checked.hasErrors || !apply {
            let page = Page(regionCode: region.code, regionName: region.name, rows: checked.rows, canApply: !checked.hasErrors, csvText: text,
                            fileErrorKey: checked.fileErrorKey, errorCount: checked.rows.filter { $0.errorKey != nil }.count)
            let view = try await req.render("import/programmes", titleKey: "import.programmes_title", titleSuffix: region.name, page, needsCSRF: true)
            return try await view.encodeResponse(status: checked.hasErrors ? .unprocessableEntity : .ok, for: req)
        }
        // All rows in one transaction: a failure half-way leaves the roadmap as it was.
        let masterplan = try await MasterplanModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$startYear, .descending).first()
        try await req.db.transaction { db in
            for values in checked.values {
                _ = try await ProgrammeRepository(db: db).create(region: region.code, masterplanID: masterplan?.id, values: values, actor: user)
            }
        }
        return req.redirect(to: "/regions/\(region.code)/programmes", flash: "import.programmes_applied")
    }
}
