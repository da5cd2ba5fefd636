import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Spreadsheet import of realisations")
struct ImportTests {
    @Test("the template lists the agency's indicators; a file with an error row is previewed with the row named and nothing saved", arguments: Backend.all)
    func errorRow(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            let template = try await browser.get("/agencies/\(dinkes)/import/template.csv?period=\(current)")
            #expect(template.status == .ok)
            let rows = try CSVTable.parse(template.text)
            #expect(rows[0] == ValueImport.columns)
            let ids = try await ReportingTests.dinkesIndicators(app)
            #expect(Set(rows.dropFirst().map { Int($0[0])! }) == Set(ids))

            _ = try await browser.get("/agencies/\(dinkes)/import")
            let dishubIndicator = try await ReportController.indicators(app.db, agency: try await app.agencyID("Dishub"), frequency: .semester)[0].id
            let csv = """
                indicator_id;indicator;period;value;note
                \(ids[0]);x;\(current);12,5;ok
                \(ids[1]);x;\(current);dua belas;
                \(dishubIndicator);x;\(current);5;
                """
            let before = try await app.count("indicator_values")
            let preview = try await browser.postMultipart("/agencies/\(dinkes)/import", fields: ["intent": "apply"],
                                                          files: ["file": ("realisasi.csv", Array(csv.utf8))])
            #expect(preview.status == .unprocessableEntity)
            #expect(preview.text.contains("id=\"line-3\" class=\"has-error\""))
            #expect(preview.text.contains("Isi dengan angka"))
            #expect(preview.text.contains("id=\"line-4\" class=\"has-error\""))
            #expect(preview.text.contains("bukan milik perangkat daerah ini"))
            #expect(!preview.text.contains("id=\"line-2\" class=\"has-error\""))
            #expect(try await app.count("indicator_values") == before)
        }
    }

    @Test("a clean file is previewed, then applied as drafts exactly as previewed")
    func apply() async throws {
        try await withPilar(.sqlite) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let ids = try await ReportingTests.dinkesIndicators(app)
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            _ = try await browser.get("/agencies/\(dinkes)/import")
            let csv = "indicator_id,period,value,note\r\n\(ids[0]),\(current),40,\"dari SIMPUS, bulan ini\"\r\n\(ids[1]),\(current),,\r\n"
            let preview = try await browser.postMultipart("/agencies/\(dinkes)/import", fields: ["intent": "preview"],
                                                          files: ["file": ("realisasi.csv", Array(csv.utf8))])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("id=\"apply-import\""))
            #expect(try await IndicatorValueModel.query(on: app.db).filter(\.$indicatorID ~~ ids).filter(\.$period == current).count() == 0)
            let applied = try await browser.postMultipart("/agencies/\(dinkes)/import", fields: ["intent": "apply", "csvText": csv])
            #expect(applied.status == .seeOther)
            let saved = try await IndicatorValueModel.query(on: app.db).filter(\.$indicatorID ~~ ids).filter(\.$period == current).all()
            #expect(saved.count == 1)
            #expect(saved.first?.value == 40)
            #expect(saved.first?.note == "dari SIMPUS, bulan ini")
            #expect(saved.first?.state == "draft")
        }
    }

    @Test("a file without the needed columns is refused with a clear message")
    func badHeader() async throws {
        try await withPilar(.sqlite) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            _ = try await browser.get("/agencies/\(dinkes)/import")
            let response = try await browser.postMultipart("/agencies/\(dinkes)/import", fields: ["intent": "apply"],
                                                           files: ["file": ("x.csv", Array("nama,nilai\nA,1\n".utf8))])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("indicator_id, period"))
        }
    }
}

@Suite("Spreadsheets in and out")
struct SpreadsheetTests {
    @Test("a workbook written by Pilar reads back cell for cell")
    func roundTrip() throws {
        let data = try XLSX.write(sheet: "uji", rows: [[.text("indicator_id"), .text("catatan <&> \"kutip\"")], [.number(7), .text("12,5")], [.number(2.5)]])
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try XLSX.readFirstSheet(data) == [["indicator_id", "catatan <&> \"kutip\""], ["7", "12,5"], ["2.5"]])
        #expect(throws: (any Error).self) { try XLSX.readFirstSheet(Data("PK\u{3}\u{4}not a zip".utf8)) }
    }

    @Test("the XLSX template, filled in, imports like the CSV one")
    func xlsxImport() async throws {
        try await withPilar(.sqlite) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            let template = try await browser.get("/agencies/\(dinkes)/import/template.xlsx?period=\(current)")
            #expect(template.status == .ok)
            var table = try XLSX.readFirstSheet(Data(template.body.readableBytesView))
            #expect(table[0] == ValueImport.columns)
            table[1][3] = "33"
            let filled = try XLSX.write(sheet: "realisasi", rows: table.map { $0.map { .text($0) } })
            _ = try await browser.get("/agencies/\(dinkes)/import")
            let preview = try await browser.postMultipart("/agencies/\(dinkes)/import", fields: ["intent": "preview"],
                                                          files: ["file": ("realisasi.xlsx", Array(filled))])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("id=\"apply-import\""))
            #expect(preview.text.contains("<td class=\"num\">33</td>"))
        }
    }

    @Test("the programme list exports what the filters show, as CSV and as XLSX")
    func exports() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            let csv = try await browser.get("/regions/35.74/programmes?dimension=ENV&format=csv")
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let rows = try CSVTable.parse(csv.text)
            #expect(rows.count == 5) // header + the four ENV programmes of the demo
            #expect(rows.dropFirst().allSatisfy { $0[2] == "ENV" })
            let xlsx = try await browser.get("/regions/35.74/programmes?format=xlsx")
            let sheet = try XLSX.readFirstSheet(Data(xlsx.body.readableBytesView))
            #expect(sheet.count == 31)
            #expect(sheet.contains { $0.contains("Bank sampah digital") })
            let dashboard = try await browser.get("/regions/35.74/dashboard?format=xlsx")
            #expect(try XLSX.readFirstSheet(Data(dashboard.body.readableBytesView)).count == 7)
        }
    }
}

@Suite("Spreadsheet import of the roadmap form")
struct ProgrammeImportTests {
    static let header = ProgrammeImport.columns.joined(separator: ",")

    @Test("rows with mistakes are named with their column and nothing is added; a clean file adds every row", arguments: Backend.all)
    func importRoadmap(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            _ = try await planner.get("/regions/35.74/programmes/import")
            let before = try await app.count("programmes")
            let bad = """
                \(Self.header)
                Wifi taman,Titik wifi,Diskominfo,Bappeda,SOC,SOC-1,short,2025,2026,planned,,2025 APBD 150000000 | 2026 APBD 1000
                Sensor sungai,,DLH,,ENV,GOV-1,short,2025,2026,planned,,
                Apa saja,,Dinas Antah,,ENV,ENV-1,long,2025,2030,planned,,
                """
            let preview = try await planner.postMultipart("/regions/35.74/programmes/import", fields: ["intent": "apply"],
                                                          files: ["file": ("roadmap.csv", Array(bad.utf8))])
            #expect(preview.status == .unprocessableEntity)
            #expect(!preview.text.contains("id=\"line-2\" class=\"has-error\""))
            #expect(preview.text.contains("id=\"line-3\" class=\"has-error\""))
            #expect(preview.text.contains("<code>elements</code>"))
            #expect(preview.text.contains("id=\"line-4\" class=\"has-error\""))
            #expect(preview.text.contains("<code>lead_agency</code>"))
            #expect(try await app.count("programmes") == before)

            let good = """
                \(Self.header)
                Wifi taman,Titik wifi,Diskominfo,Bappeda,SOC,SOC-1,short,2025,2026,planned,,2025 APBD 150000000 | 2026 APBD 1000
                Sensor sungai,,DLH,,ENV,ENV-1,short,2025,2026,running,,
                """
            let xlsx = try XLSX.write(sheet: "roadmap", rows: try CSVTable.parse(good).map { $0.map { .text($0) } })
            let clean = try await planner.postMultipart("/regions/35.74/programmes/import", fields: ["intent": "preview"],
                                                        files: ["file": ("roadmap.xlsx", Array(xlsx))])
            #expect(clean.status == .ok)
            let applied = try await planner.postMultipart("/regions/35.74/programmes/import", fields: ["intent": "apply", "csvText": good])
            #expect(applied.status == .seeOther)
            #expect(try await app.count("programmes") == before + 2)
            let wifi = try #require(try await ProgrammeModel.query(on: app.db).filter(\.$title == "Wifi taman").first())
            let snapshot = try #require(try await ProgrammeRepository(db: app.db).find(wifi.id!))
            #expect(snapshot.budgets.count == 2)
            #expect(snapshot.coAgencyIDs == [try await app.agencyID("Bappeda")])
        }
    }

    @Test("an operator's file may only hold their own agency's programmes")
    func operatorRows() async throws {
        try await withPilar(.sqlite) { app in
            let operatorBrowser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            _ = try await operatorBrowser.get("/regions/35.74/programmes/import")
            let csv = "\(Self.header)\nPosyandu digital,,Dinkes,,LIV,LIV-2,short,2025,2026,planned,,\nLampu pintar,,Dishub,,LIV,LIV-3,short,2025,2026,planned,,\n"
            let response = try await operatorBrowser.postMultipart("/regions/35.74/programmes/import", fields: ["intent": "apply", "csvText": csv])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("id=\"line-3\" class=\"has-error\""))
            #expect(try await ProgrammeModel.query(on: app.db).filter(\.$title == "Posyandu digital").count() == 0)
        }
    }
}
