import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Aspirations and complaints")
struct ComplaintTests {
    static let form = ["classification": "complaint", "serviceCode": "sampah", "description": "Sampah menumpuk <script>alert(1)</script> di pasar.",
                       "address": "Pasar Baru", "name": "Siti Aminah", "email": "siti@contoh.id", "phone": "0812 3456 7890",
                       "anonymous_shown": "1", "confidential_shown": "1", "consent": "on"]

    static func submit(_ app: Application, _ fields: [String: String], files: [String: (filename: String, bytes: [UInt8])] = [:]) async throws
        -> (Browser, TestingHTTPResponse) {
        let citizen = Browser(app)
        _ = try await citizen.get("/public/regions/35.74/report")
        return (citizen, try await citizen.postMultipart("/public/regions/35.74/report", fields: fields, files: files))
    }

    @Test("a citizen reports with identity apart, tracks it; staff dispatch, resolve; identity reads are audited", arguments: Backend.all)
    func lifecycle(backend: Backend) async throws {
        try await withPilar(backend) { app in
            // Unticked anonymity (the field absent with anonymous_shown=1) is the only way to give a name.
            let (citizen, sent) = try await Self.submit(app, Self.form)
            #expect(sent.status == .seeOther)
            let tracking = String(sent.location.dropFirst("/track/".count).prefix(15))
            let complaint = try #require(try await ComplaintModel.query(on: app.db).filter(\.$trackingCode == tracking).first())
            #expect(!complaint.anonymous && !complaint.confidential)
            #expect(try await ComplaintReporterModel.query(on: app.db).filter(\.$complaintID == complaint.requireID()).first()?.email == "siti@contoh.id")
            let track = try await citizen.get(sent.location)
            #expect(track.text.contains(tracking) && track.text.contains("Baru"))
            #expect(track.text.contains("&lt;script&gt;") && !track.text.contains("<script>alert"))
            #expect(!track.text.contains("Siti Aminah"))

            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let id = try complaint.requireID()
            let page = try await admin.get("/complaints/\(id)")
            #expect(!page.text.contains("siti@contoh.id"))
            let dlh = try await app.agencyID("DLH")
            let noNote = try await admin.post("/complaints/\(id)/transition", form: ["action": "dispatch", "agencyID": String(dlh), "note": ""])
            #expect(noNote.status == .unprocessableEntity && noNote.text.contains("Tuliskan catatannya."))
            #expect(try await admin.post("/complaints/\(id)/transition",
                                         form: ["action": "dispatch", "agencyID": String(dlh), "note": "Diteruskan ke DLH.", "public": "on"]).status == .seeOther)
            let revealed = try await admin.post("/complaints/\(id)/identity")
            #expect(revealed.text.contains("siti@contoh.id"))
            let reads = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "complaint_reporter").filter(\.$action == "read").count()
            #expect(reads == 1)

            // The council may read the report but not the identity; an operator of another agency sees nothing.
            let council = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            #expect(try await council.get("/complaints/\(id)").status == .ok)
            #expect(try await council.post("/complaints/\(id)/identity").status == .forbidden)
            let dinkes = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            #expect(try await dinkes.get("/complaints/\(id)").status == .forbidden)

            // The region admin cannot resolve out of order; the dispatched agency (DLH) has no demo operator, so
            // move the demo operator there for the test.
            let operatorUser = try await UserModel.query(on: app.db).filter(\.$email == Fixture.operatorEmail).first()!
            operatorUser.agencyID = dlh
            try await operatorUser.save(on: app.db)
            let dlhOperator = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            #expect(try await dlhOperator.post("/complaints/\(id)/transition", form: ["action": "close", "note": "x"]).status == .forbidden)
            #expect(try await dlhOperator.post("/complaints/\(id)/transition", form: ["action": "start", "note": "Petugas ke lokasi.", "public": "on"]).status == .seeOther)
            #expect(try await dlhOperator.post("/complaints/\(id)/transition", form: ["action": "resolve", "note": "Sampah diangkut.", "public": "on"]).status == .seeOther)
            let resolved = try await citizen.get("/track/\(tracking)")
            #expect(resolved.text.contains("Sampah diangkut.") && resolved.text.contains("id=\"reopen\""))
            #expect(try await citizen.post("/track/\(tracking)/note", form: ["note": "Masih ada sisa sampah.", "intent": "reopen"]).status == .seeOther)
            #expect(try await ComplaintModel.find(id, on: app.db)?.state == "in-progress")
            // The complaint figures feed the park programme's citizen indicators.
            #expect(try await IndicatorModel.query(on: app.db).filter(\.$citizenSource == "complaint-volume").count() >= 1)
        }
    }

    @Test("bad reports are refused with the field named and nothing stored")
    func badReports() async throws {
        try await withPilar(.sqlite) { app in
            let before = try await app.count("complaints")
            var unknown = Self.form
            unknown["serviceCode"] = "tidak-ada"
            let (_, refusedService) = try await Self.submit(app, unknown)
            #expect(refusedService.status == .unprocessableEntity && refusedService.text.contains("Pilih kategori yang tersedia."))
            var noConsent = Self.form
            noConsent["consent"] = nil
            let (_, refusedConsent) = try await Self.submit(app, noConsent)
            #expect(refusedConsent.status == .unprocessableEntity && refusedConsent.text.contains("id=\"consent-error\""))
            #expect(refusedConsent.text.contains("value=\"siti@contoh.id\""))
            let big = [UInt8]([0xFF, 0xD8, 0xFF, 0xE0]) + [UInt8](repeating: 7, count: 2_500_000)
            let (_, tooLarge) = try await Self.submit(app, Self.form, files: ["photo": ("foto.jpg", big)])
            #expect(tooLarge.status == .unprocessableEntity && tooLarge.text.contains("Foto lebih dari 2 MB."))
            let (_, notImage) = try await Self.submit(app, Self.form, files: ["photo": ("foto.jpg", Array("bukan gambar".utf8))])
            #expect(notImage.status == .unprocessableEntity && notImage.text.contains("PNG atau JPEG"))
            #expect(try await app.count("complaints") == before)
            #expect(try await app.count("complaint_reporters") == (try await ComplaintReporterModel.query(on: app.db).count()))
        }
    }

    @Test("defaults are safe: a form without the choices keeps the report anonymous and confidential")
    func safeDefaults() async throws {
        try await withPilar(.sqlite) { app in
            var bare = Self.form
            bare["anonymous_shown"] = nil
            bare["confidential_shown"] = nil
            let (_, sent) = try await Self.submit(app, bare)
            #expect(sent.status == .seeOther)
            let tracking = String(sent.location.dropFirst("/track/".count).prefix(15))
            let complaint = try #require(try await ComplaintModel.query(on: app.db).filter(\.$trackingCode == tracking).first())
            #expect(complaint.anonymous && complaint.confidential)
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let revealed = try await admin.post("/complaints/\(complaint.id!)/identity")
            #expect(!revealed.text.contains("siti@contoh.id"))
        }
    }

    @Test("privacy: identities past retention are removed, reports kept; one citizen's data exported")
    func privacy() async throws {
        try await withPilar(.sqlite) { app in
            let service = PrivacyService(db: app.db)
            let export = try await service.export(email: "warga1@contoh.id")
            #expect(export.reports.count == 1 && export.reports[0].name == "Warga Demo 1")
            let reports = try await app.count("complaints")
            let purged = try await service.purge(now: Date().addingTimeInterval(800 * 86_400))
            #expect(purged == (try await ComplaintReporterModel.query(on: app.db).count()))
            #expect(try await ComplaintReporterModel.query(on: app.db).filter(\.$email != "").count() == 0)
            #expect(try await app.count("complaints") == reports)
            #expect(try await service.export(email: "warga1@contoh.id").reports.isEmpty)
            await #expect(throws: PilarError.self) { _ = try await service.export(email: "bukan-email") }
        }
    }
}
