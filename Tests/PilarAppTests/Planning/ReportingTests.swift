import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

/// Agencies report realisations with evidence; the region admin and the council verify them.
/// The demo's current semester: it has targets but no values yet.
let current = DemoPlanning.periods()[3]

@Suite("Reporting and verification")
struct ReportingTests {
    /// Dinkes' semester indicators.
    static func dinkesIndicators(_ app: Application) async throws -> [Int] {
        try await ReportController.indicators(app.db, agency: try await app.agencyID("Dinkes"), frequency: .semester).map(\.id)
    }

    static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    @Test("an operator enters a period's values with evidence and submits them", arguments: Backend.all)
    func enterAndSubmit(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let ids = try await Self.dinkesIndicators(app)
            #expect(ids.count >= 4)
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            let grid = try await browser.get("/agencies/\(dinkes)/report?period=\(current)")
            #expect(grid.status == .ok)
            #expect(grid.text.contains("name=\"v\(ids[0])\""))
            var fields = ["period": current, "intent": "submit"]
            for (index, id) in ids.enumerated() { fields["v\(id)"] = "7\(index),5"; fields["n\(id)"] = "laporan bulanan" }
            let response = try await browser.postMultipart("/agencies/\(dinkes)/report", fields: fields,
                                                           files: ["f\(ids[0])": ("bukti.pdf", Self.pdf)])
            #expect(response.status == .seeOther)
            let values = try await IndicatorValueModel.query(on: app.db).filter(\.$indicatorID ~~ ids).filter(\.$period == current).all()
            #expect(values.count == ids.count)
            #expect(values.allSatisfy { $0.state == "submitted" })
            #expect(values.first { $0.indicatorID == ids[0] }?.value == 70.5)
            let evidence = try await EvidenceFileModel.query(on: app.db).all()
            #expect(evidence.count == 1)
            #expect(evidence.first?.data == Data(Self.pdf))
            // Submitted values are locked for the agency: the grid shows them disabled.
            let after = try await browser.get("/agencies/\(dinkes)/report?period=\(current)")
            #expect(after.text.contains("Diajukan"))
            #expect(after.text.contains("value=\"70,5\"")) // figures read back the Indonesian way
            let download = try await browser.get("/evidence/\(evidence[0].id!)")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
        }
    }

    @Test("a typo, a file that lies about its type, or a value for a note-only row refuses the whole grid")
    func badInput() async throws {
        try await withPilar(.sqlite) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let ids = try await Self.dinkesIndicators(app)
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            _ = try await browser.get("/agencies/\(dinkes)/report?period=\(current)")
            let before = try await app.count("indicator_values")
            let typo = try await browser.postMultipart("/agencies/\(dinkes)/report", fields: [
                "period": current, "intent": "save", "v\(ids[0])": "12,5%", "v\(ids[1])": "dua belas", "v\(ids[2])": "40",
            ])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.text.contains("Isi dengan angka"))
            #expect(typo.text.contains("value=\"12,5%\""))
            #expect(typo.text.contains("value=\"40\""))
            let liar = try await browser.postMultipart("/agencies/\(dinkes)/report", fields: ["period": current, "intent": "save", "v\(ids[0])": "40"],
                                                       files: ["f\(ids[0])": ("bukti.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])])
            #expect(liar.status == .unprocessableEntity)
            #expect(liar.text.contains("Isi berkas tidak sesuai"))
            #expect(try await app.count("indicator_values") == before)
            #expect(try await app.count("evidence_files") == 0)
        }
    }

    @Test("another agency's operator cannot open or post the grid")
    func otherAgency() async throws {
        try await withPilar(.sqlite) { app in
            let dishub = try await app.agencyID("Dishub")
            let browser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            #expect(try await browser.get("/agencies/\(dishub)/report").status == .forbidden)
            let ids = try await ReportController.indicators(app.db, agency: dishub, frequency: .semester).map(\.id)
            let before = try await app.count("indicator_values")
            #expect(try await browser.postMultipart("/agencies/\(dishub)/report", fields: ["period": current, "v\(ids[0])": "1"]).status == .forbidden)
            #expect(try await app.count("indicator_values") == before)
        }
    }

    @Test("the admin returns a value with a reason, the agency fixes it, the council approves it and it locks", arguments: Backend.all)
    func verification(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let dinkes = try await app.agencyID("Dinkes")
            let id = try await Self.dinkesIndicators(app)[0]
            let operatorBrowser = try await Browser.signedIn(app, as: Fixture.operatorEmail)
            _ = try await operatorBrowser.get("/agencies/\(dinkes)/report?period=\(current)")
            try await operatorBrowser.postMultipart("/agencies/\(dinkes)/report", fields: ["period": current, "intent": "submit", "v\(id)": "81"])
            let value = try await IndicatorValueModel.query(on: app.db).filter(\.$indicatorID == id).filter(\.$period == current).first()!

            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let queue = try await admin.get("/regions/35.74/verification?state=submitted")
            #expect(queue.text.contains("id=\"value-\(value.id!)\""))
            let noReason = try await admin.post("/regions/35.74/verification", form: ["ids[]": String(value.id!), "action": "return", "state": "submitted", "reason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Tulis alasan pengembalian."))
            try await admin.post("/regions/35.74/verification", form: ["ids[]": String(value.id!), "action": "return", "state": "submitted", "reason": "Bukti belum dilampirkan"])
            let grid = try await operatorBrowser.get("/agencies/\(dinkes)/report?period=\(current)")
            #expect(grid.text.contains("Bukti belum dilampirkan"))

            try await operatorBrowser.postMultipart("/agencies/\(dinkes)/report", fields: ["period": current, "intent": "submit", "v\(id)": "82"],
                                                   files: ["f\(id)": ("bukti.pdf", Self.pdf)])
            try await admin.post("/regions/35.74/verification", form: ["ids[]": String(value.id!), "action": "verify", "state": "submitted"])
            let council = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            _ = try await council.get("/regions/35.74/verification")
            #expect(try await council.post("/regions/35.74/verification", form: ["ids[]": String(value.id!), "action": "approve", "state": "verified"]).status == .seeOther)
            let approved = try await IndicatorValueModel.find(value.id, on: app.db)!
            #expect(approved.state == "approved")
            #expect(approved.value == 82)

            // Locked: neither the grid nor the API can change it now.
            let api = try await APIClient.token(app, for: Fixture.operatorEmail)
            let push = try await api.send(.POST, "/api/v1/indicators/\(id)/values", json: ["period": AnyEncodable(current), "value": AnyEncodable(90)])
            #expect(push.status == .conflict)
            #expect(push.errorCode == "value_locked")
            #expect(try await IndicatorValueModel.find(value.id, on: app.db)!.value == 82)
            let history = try await AuditRepository(db: app.db).history(entity: "indicator_value", id: String(value.id!))
            #expect(history.count >= 5)
        }
    }

    @Test("a council member cannot verify, and a forged id from another region changes nothing")
    func verificationLimits() async throws {
        try await withPilar(.sqlite) { app in
            let submitted = try await IndicatorValueModel.query(on: app.db).filter(\.$state == "submitted").first()!
            let council = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            _ = try await council.get("/regions/35.74/verification")
            let response = try await council.post("/regions/35.74/verification", form: ["ids[]": String(submitted.id!), "action": "verify", "state": "submitted"])
            #expect(response.status == .conflict)
            #expect(try await IndicatorValueModel.find(submitted.id, on: app.db)!.state == "submitted")
            let national = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            _ = try await national.get("/regions/35.73/verification")
            #expect(try await national.post("/regions/35.73/verification", form: ["ids[]": String(submitted.id!), "action": "verify", "state": "submitted"]).status == .forbidden)
            #expect(try await IndicatorValueModel.find(submitted.id, on: app.db)!.state == "submitted")
        }
    }
}

@Suite("Values API")
struct ValuesAPITests {
    struct Bulk: Decodable { let count: Int; let values: [ValueRepository.Snapshot] }

    @Test("a month of values for several indicators in one request, read back", arguments: Backend.all)
    func bulk(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let ids = try await ReportingTests.dinkesIndicators(app)
            let client = try await APIClient.token(app, for: Fixture.operatorEmail)
            let items = ids.prefix(3).map { ["indicatorId": AnyEncodable($0), "period": AnyEncodable(current), "value": AnyEncodable(55.5), "note": AnyEncodable("dari aplikasi")] }
            let response = try await client.send(.POST, "/api/v1/values", json: ["values": AnyEncodable(items)])
            #expect(response.status == .created)
            #expect(try response.decode(Bulk.self).count == 3)
            let read = try await client.get("/api/v1/indicators/\(ids[0])/values").decode([ValueRepository.Snapshot].self)
            #expect(read.contains { $0.period == current && $0.value == 55.5 && $0.state == "draft" })
        }
    }

    @Test("one bad item refuses the whole request; another region's indicator is forbidden")
    func allOrNothing() async throws {
        try await withPilar(.sqlite) { app in
            let ids = try await ReportingTests.dinkesIndicators(app)
            let client = try await APIClient.token(app, for: Fixture.operatorEmail)
            let before = try await app.count("indicator_values")
            let bad = try await client.send(.POST, "/api/v1/values", json: ["values": AnyEncodable([
                ["indicatorId": AnyEncodable(ids[0]), "period": AnyEncodable(current), "value": AnyEncodable(1)],
                ["indicatorId": AnyEncodable(ids[1]), "period": AnyEncodable("2025Q3"), "value": AnyEncodable(2)],
            ])])
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.decode(APIErrorBody.self).error.fields?.map(\.field) == ["values[1].period"])
            let dishubIndicator = try await ReportController.indicators(app.db, agency: try await app.agencyID("Dishub"), frequency: .semester)[0].id
            let foreign = try await client.send(.POST, "/api/v1/indicators/\(dishubIndicator)/values",
                                                json: ["period": AnyEncodable(current), "value": AnyEncodable(3)])
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorCode == "forbidden")
            #expect(try await app.count("indicator_values") == before)
        }
    }
}

@Suite("Region dashboard")
struct DashboardTests {
    @Test("per dimension counts and statuses, a chart with a text alternative, and each agency's open work", arguments: Backend.all)
    func dashboard(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .council))
            let page = try await browser.get("/regions/35.74/dashboard")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("aria-label=\"Status indikator per dimensi\""))
            for code in ["GOV", "BRD", "ECO", "LIV", "SOC", "ENV"] { #expect(page.text.contains("?dimension=\(code)\"")) }
            // The demo spreads achievement so every status appears somewhere.
            #expect(page.text.contains("badge-late"))
            #expect(page.text.contains("badge-at-risk"))
            #expect(page.text.contains("badge-stale"))
            let returned = try await IndicatorValueModel.query(on: app.db).filter(\.$returnedReason != nil).count()
            #expect(returned > 0)
            #expect(page.text.contains("id=\"agency-work\""))
            let other = try await Browser.signedIn(app, as: Fixture.email(for: .assessor))
            #expect(try await other.get("/regions/35.73/dashboard").status == .forbidden)
        }
    }
}

@Suite("Reminders and quick wins")
struct RemindersTests {
    @Test("an agency's reminders list returned and missing values of due periods, and drop them once submitted", arguments: Backend.all)
    func reminders(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let service = ReminderService(db: app.db)
            let digests = try await service.digests(region: "35.74")
            let items = digests.flatMap(\.items)
            #expect(items.contains { $0.kind == .returned && $0.reason?.contains("Bukti foto") == true })
            #expect(!items.contains { $0.period == current }) // the current semester is not due yet
            let returned = try #require(items.first { $0.kind == .returned })
            let digest = try #require(digests.first { $0.items.contains { $0.indicatorID == returned.indicatorID } })
            #expect(ReminderService.text(digest, catalog: .english).contains("[Returned]"))

            let client = try await APIClient.token(app, for: Fixture.regionAdmin)
            let submit = try await client.send(.POST, "/api/v1/indicators/\(returned.indicatorID)/values",
                                              json: ["period": AnyEncodable(returned.period), "value": AnyEncodable(70), "submit": AnyEncodable(true)])
            #expect(submit.status == .created)
            let after = try await service.digests(region: "35.74").flatMap(\.items)
            #expect(!after.contains { $0.indicatorID == returned.indicatorID && $0.period == returned.period })

            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let page = try await browser.get("/agencies/\(digest.agencyID)/reminders")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"reminders\"") || page.text.contains("id=\"nothing-overdue\""))
        }
    }

    @Test("the quick-win page shows each quick win with its latest figures")
    func quickWins() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            let page = try await browser.get("/regions/35.74/quick-wins")
            #expect(page.status == .ok)
            let quickWins = try await ProgrammeModel.query(on: app.db).filter(\.$horizon == "quick-win").all()
            #expect(quickWins.count >= 5)
            for programme in quickWins { #expect(page.text.contains("id=\"quick-win-\(programme.id!)\"")) }
            #expect(page.text.contains("Mal Pelayanan Publik terpadu"))
            #expect(page.text.contains(" %</span>"))
        }
    }
}

@Suite("Region status settings")
struct RegionSettingsTests {
    @Test("an admin raises the on-track threshold; nonsense is refused and changes nothing")
    func settings() async throws {
        try await withPilar(.sqlite) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            #expect(try await admin.get("/regions/35.74/settings").text.contains("value=\"90\""))
            let bad = try await admin.post("/regions/35.74/settings", form: ["onTrackFrom": "50", "atRiskFrom": "60", "graceDays": "30", "lowerFormula": "complement"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await app.count("region_settings") == 0)
            let ok = try await admin.post("/regions/35.74/settings", form: ["onTrackFrom": "99,5", "atRiskFrom": "60", "graceDays": "10", "lowerFormula": "complement"])
            #expect(ok.status == .seeOther)
            let settings = try await RegionSettings.load("35.74", on: app.db)
            #expect(settings.thresholds.onTrackFrom == 99.5)
            #expect(settings.thresholds.graceDays == 10)
            #expect(settings.formula == .complement)
            #expect(try await AuditRepository(db: app.db).history(entity: "region_settings", id: "35.74").count == 1)
        }
    }
}
