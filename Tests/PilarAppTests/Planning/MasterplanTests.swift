import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Masterplan books")
struct MasterplanTests {
    static func demoPlan(_ app: Application) async throws -> Int {
        try await MasterplanModel.query(on: app.db).filter(\.$regionCode == "35.74").first()!.requireID()
    }

    @Test("a planner writes Buku I for Smart Environment; Buku II's roadmap comes from the programmes", arguments: Backend.all)
    func books(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let id = try await Self.demoPlan(app)
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            _ = try await planner.get("/masterplans/\(id)/analysis/ENV")
            let saved = try await planner.post("/masterplans/\(id)/analysis/ENV", form: [
                "currentCondition": "Sampah terpilah baru 18%.", "threats": "Banjir rob di pesisir.",
            ])
            #expect(saved.status == .seeOther)
            let book1 = try await planner.get("/masterplans/\(id)/books/1")
            #expect(book1.text.contains("Sampah terpilah baru 18%."))
            #expect(book1.text.contains("Banjir rob di pesisir."))

            let book2 = try await planner.get("/masterplans/\(id)/books/2")
            #expect(book2.text.contains("id=\"roadmap\""))
            #expect(book2.text.contains("Bank sampah digital"))
            // A new programme shows up in the roadmap without touching the book.
            _ = try await planner.get("/regions/35.74/programmes/new")
            let created = try await planner.post("/regions/35.74/programmes", form: [
                "title": "Sensor banjir pesisir", "leadAgencyID": String(try await app.agencyID("DLH")), "dimensionCode": "ENV",
                "elementCodes[]": "ENV-1", "horizon": "short", "startYear": "2025", "endYear": "2026", "status": "planned",
                "budgetText": "2025 APBD 250000000",
            ])
            #expect(created.status == .seeOther)
            let updated = try await planner.get("/masterplans/\(id)/books/2")
            #expect(updated.text.contains("Sensor banjir pesisir"))
            #expect(updated.text.contains("● 250 jt"))

            let viewer = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            #expect(try await viewer.get("/masterplans/\(id)/books/3").text.contains("Probolinggo kota cerdas"))
            _ = try await viewer.get("/regions/35.74")
            #expect(try await viewer.post("/masterplans/\(id)/analysis/ENV", form: ["currentCondition": "x"]).status == .forbidden)
        }
    }

    @Test("each book downloads as a PDF whose text reads back, or says clearly that the converter is missing")
    func pdf() async throws {
        try await withPilar(.sqlite) { app in
            let id = try await Self.demoPlan(app)
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            let response = try await browser.get("/masterplans/\(id)/books/2.pdf")
            guard PDFRenderer.chromium != nil else {
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("Chromium"))
                return
            }
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "pdf")
            let bytes = Data(response.body.readableBytesView)
            #expect(bytes.starts(with: Array("%PDF".utf8)))
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pilar-book-\(UUID().uuidString).pdf")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            process.arguments = [file.path, "-"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(text.contains("Buku II"))
            // Table cells wrap, so check words that fit on one line: headings and agency short names.
            #expect(text.contains("Peta jalan tahunan"))
            #expect(text.contains("DPMPTSP"))
            #expect(text.contains("Kota Probolinggo"))
        }
    }
}
