import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Agency pages")
struct AgencyPageTests {
    @Test("an admin adds an agency through the form, sees it listed and its history", arguments: Backend.all)
    func create(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let form = try await browser.get("/regions/35.74/agencies/new")
            #expect(form.status == .ok)
            let created = try await browser.post("/regions/35.74/agencies", form: [
                "name": "Badan Kepegawaian dan Pengembangan SDM", "shortName": "BKPSDM", "kind": "badan", "headName": "Kepala BKPSDM",
            ])
            #expect(created.status == .seeOther)
            let detail = try await browser.get(created.location)
            #expect(detail.text.contains("Badan Kepegawaian dan Pengembangan SDM"))
            #expect(detail.text.contains("Perangkat daerah ditambahkan."))
            #expect(detail.text.contains("Admin Diskominfo"))
            let list = try await browser.get("/regions/35.74/agencies")
            #expect(list.text.contains("BKPSDM"))
        }
    }

    @Test("a form with mistakes comes back with messages next to the fields and the typed values kept")
    func invalidForm() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            _ = try await browser.get("/regions/35.74/agencies/new")
            let before = try await app.count("agencies")
            let response = try await browser.post("/regions/35.74/agencies", form: [
                "name": "Dinas <script>alert(1)</script>", "shortName": "", "kind": "dinas", "email": "not-an-email",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Periksa isian yang ditandai. Tidak ada yang disimpan."))
            #expect(response.text.contains("id=\"shortName-error\""))
            #expect(response.text.contains("Bukan alamat e-mail yang valid."))
            #expect(response.text.contains("value=\"not-an-email\""))
            #expect(!response.text.contains("<script>alert(1)</script>"))
            #expect(response.text.contains("&lt;script&gt;"))
            let duplicate = try await browser.post("/regions/35.74/agencies", form: ["name": "Dinas Kesehatan 2", "shortName": "Dinkes", "kind": "dinas"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains("Singkatan ini sudah dipakai"))
            #expect(try await app.count("agencies") == before)
        }
    }

    @Test("editing records the values before and after; deactivating hides it from the list but keeps it")
    func editAndDeactivate() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let dishub = try await app.agencyID("Dishub")
            _ = try await browser.get("/agencies/\(dishub)/edit")
            let saved = try await browser.post("/agencies/\(dishub)/edit", form: [
                "name": "Dinas Perhubungan Kota Probolinggo", "shortName": "Dishub", "kind": "dinas", "phone": "0335-123456",
            ])
            #expect(saved.status == .seeOther)
            let detail = try await browser.get("/agencies/\(dishub)")
            #expect(detail.text.contains("<del>Dinas Perhubungan</del> → <ins>Dinas Perhubungan Kota Probolinggo</ins>"))
            #expect(try await browser.post("/agencies/\(dishub)/deactivate").status == .seeOther)
            #expect(!(try await browser.get("/regions/35.74/agencies").text.contains("/agencies/\(dishub)\"")))
            #expect(try await browser.get("/regions/35.74/agencies?inactive=1").text.contains("/agencies/\(dishub)\""))
            #expect(try await AgencyModel.find(dishub, on: app.db)?.active == false)
        }
    }

    @Test("an operator sees no create button and may edit only their own agency")
    func operatorLimits() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            let list = try await browser.get("/regions/35.74/agencies")
            #expect(list.status == .ok)
            #expect(!list.text.contains("id=\"new-agency\""))
            let dinkes = try await app.agencyID("Dinkes")
            let dishub = try await app.agencyID("Dishub")
            #expect(try await browser.get("/agencies/\(dinkes)/edit").status == .ok)
            let other = try await browser.get("/agencies/\(dishub)/edit")
            #expect(other.status == .forbidden)
            #expect(other.text.contains("Anda tidak berhak"))
            #expect(try await browser.post("/agencies/\(dishub)/edit", form: ["name": "X", "shortName": "X", "kind": "dinas"]).status == .forbidden)
            #expect(try await AgencyModel.find(dishub, on: app.db)?.name == "Dinas Perhubungan")
        }
    }

    @Test("the audit view shows a region admin their region's changes only")
    func auditView() async throws {
        try await withPilar(.sqlite) { app in
            let national = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            _ = try await national.get("/regions/35.73/agencies/new")
            #expect(try await national.post("/regions/35.73/agencies", form: ["name": "Dinas Malang", "shortName": "DM", "kind": "dinas"]).status == .seeOther)
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let audit = try await admin.get("/audit?entity=agency")
            #expect(audit.status == .ok)
            #expect(audit.text.contains("Dinas Kesehatan"))
            #expect(!audit.text.contains("Dinas Malang"))
            #expect(try await national.get("/audit?entity=agency").text.contains("Dinas Malang"))
        }
    }
}
