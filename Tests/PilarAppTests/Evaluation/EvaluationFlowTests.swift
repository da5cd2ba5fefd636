import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

/// The parts of a published history entry the tests read.
struct History: Decodable {
    let period: String
    let index: Double
}

/// One cycle from opening to publication through the pages, with the refusals a user would meet.
@Suite("Evaluation cycle through the pages")
struct EvaluationFlowTests {
    static let scores = ["baseline": "3,4", "output": "3.2", "outcome": "2,9", "impact": "3", "quickWin": "3,5"]

    /// Opens a cycle for Probolinggo whose self-assessment window includes today; returns the evaluation id.
    static func openCycle(_ app: Application, period year: Int = 2031, stage: Int = 1) async throws -> Int {
        let admin = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
        let today = DateInput.today()
        let response = try await admin.post("/cycles", form: [
            "year": String(year), "stage": String(stage), "methodID": "1", "selfFrom": "2020-01-01", "selfUntil": "2099-06-30",
            "verifyUntil": "2099-07-31", "publishOn": "2099-08-15", "moreRegions": "35.74",
        ])
        #expect(response.status == .seeOther, "\(response.text.prefix(300)) \(today)")
        let evaluation = try await EvaluationModel.query(on: app.db).filter(\.$period == "\(year)S\(stage)").filter(\.$regionCode == "35.74").first()
        return try #require(evaluation).requireID()
    }

    @Test("opened, self-assessed, verified with reasons and published; the index follows the method", arguments: Backend.all)
    func wholeCycle(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let id = try await Self.openCycle(app)
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            let page = try await planner.get("/evaluations/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"score_baseline\""))

            // A score outside the 1–5 scale is refused next to its field and nothing is stored.
            var form = Dictionary(uniqueKeysWithValues: Self.scores.map { ("score_\($0.key)", $0.value) })
            for code in Self.scores.keys { form["narrative_\(code)"] = "Uraian \(code)" }
            form["score_output"] = "7"
            form["intent"] = "submit"
            let refused = try await planner.post("/evaluations/\(id)/self-assessment", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Nilai di luar skala metode."))
            #expect(refused.text.contains("value=\"7\""))
            #expect(try await app.count("evaluation_scores") == Self.publishedScoreRows(app, before: true))
            #expect(try await EvaluationModel.find(id, on: app.db)?.state == "self-assessment")

            form["score_output"] = "3,2"
            let submitted = try await planner.post("/evaluations/\(id)/self-assessment", form: form)
            #expect(submitted.status == .seeOther)
            let evaluation = try #require(try await EvaluationModel.find(id, on: app.db))
            #expect(evaluation.state == "submitted")
            let dimensions = try await EvaluationScoreModel.query(on: app.db).filter(\.$evaluationID == id).filter(\.$kind == "dimension").count()
            #expect(dimensions == 6)

            // Submitted means locked for the region.
            let late = try await planner.post("/evaluations/\(id)/self-assessment", form: form.merging(["score_output": "4"]) { _, new in new })
            #expect(late.status == .conflict)
            #expect(late.text.contains("tidak dapat diubah"))
            #expect(try await EvaluationScoreModel.query(on: app.db).filter(\.$evaluationID == id).filter(\.$itemCode == "output").first()?.selfScore == 3.2)

            // The assessor lowers outcome without a reason: refused; with the reason: verified.
            let assessor = try await Browser.signedIn(app, as: Fixture.email(for: .assessor))
            var verify = ["verified_baseline": "3,4", "verified_output": "3,2", "verified_outcome": "2,5", "verified_impact": "3",
                          "verified_quickWin": "3,5", "intent": "complete", "remarks": "Data outcome perlu diperkuat."]
            let noReason = try await assessor.post("/evaluations/\(id)/verification", form: verify)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("id=\"reason_outcome-error\""))
            #expect(try await EvaluationModel.find(id, on: app.db)?.state == "submitted")
            verify["reason_outcome"] = "Dua indikator outcome belum diverifikasi."
            #expect(try await assessor.post("/evaluations/\(id)/verification", form: verify).status == .seeOther)
            #expect(try await EvaluationModel.find(id, on: app.db)?.state == "verified")

            // Until publication the region does not see the verified scores or the remarks.
            let regionView = try await planner.get("/evaluations/\(id)")
            #expect(!regionView.text.contains("Dua indikator outcome"))
            #expect(!regionView.text.contains("Data outcome perlu diperkuat."))

            let admin = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            let cycleID = try #require(evaluation.cycleID)
            #expect(try await admin.post("/cycles/\(cycleID)/publish").status == .seeOther)
            let published = try #require(try await EvaluationModel.find(id, on: app.db))
            #expect(published.state == "published")
            // (3.4×10 + 3.2×20 + 2.5×30 + 3×20 + 3.5×20) / 100 = 3.03
            #expect(published.indexValue == 3.03)
            let result = try await planner.get("/evaluations/\(id)")
            #expect(result.text.contains("id=\"index\">3,03<"))
            #expect(result.text.contains("Dua indikator outcome belum diverifikasi."))
            #expect(result.text.contains("id=\"rank\">1 / 1<"))
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType ~~ ["self_assessment", "verification", "evaluation"]).all()
            #expect(Set(audit.map(\.action)).isSuperset(of: ["submit", "verify", "publish"]))
        }
    }

    static func publishedScoreRows(_ app: Application, before: Bool) async throws -> Int {
        try await EvaluationScoreModel.query(on: app.db).join(EvaluationModel.self, on: \EvaluationScoreModel.$evaluationID == \EvaluationModel.$id)
            .filter(EvaluationModel.self, \.$period != "2031S1").count()
    }

    @Test("a cycle's bad input is refused with the fields named; a second cycle for the period is a conflict")
    func cycleInput() async throws {
        try await withPilar(.sqlite) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            let cycles = try await app.count("evaluation_cycles")
            let bad = try await admin.post("/cycles", form: ["year": "20x", "stage": "3", "methodID": "1", "selfFrom": "2026-02-30",
                                                             "selfUntil": "2026-01-01", "verifyUntil": "x", "publishOn": "", "moreRegions": "35"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Pilih tahap I atau II.", "Tanggal harus", "Hanya kode kabupaten/kota"] { #expect(bad.text.contains(message), "\(message)") }
            let existing = try await EvaluationCycleModel.query(on: app.db).first()!
            let duplicate = try await admin.post("/cycles", form: ["year": String(existing.year), "stage": String(existing.stage), "methodID": "1",
                                                                   "selfFrom": "2026-01-01", "selfUntil": "2026-02-01", "verifyUntil": "2026-03-01",
                                                                   "publishOn": "2026-04-01", "moreRegions": "35.22"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains("sudah ada"))
            #expect(try await app.count("evaluation_cycles") == cycles)
        }
    }

    @Test("outside the self-assessment window the region cannot write")
    func windowClosed() async throws {
        try await withPilar(.sqlite) { app in
            let id = try await Self.openCycle(app)
            let detail = try #require(try await EvaluationRepository(db: app.db).detail(id))
            let planner = try #require(try await AuthUser.load(userID: try await app.userID(Fixture.email(for: .planner)), on: app.db))
            await #expect(throws: PilarError.self) {
                try await EvaluationService(db: app.db).saveSelfAssessment(detail, items: [:], submit: false, actor: planner, today: "2100-01-01")
            }
            #expect(try await EvaluationScoreModel.query(on: app.db).filter(\.$evaluationID == id).count() == 0)
        }
    }

    @Test("legacy totals: recorded once per period, a year covers its semesters, bad input named")
    func legacy() async throws {
        try await withPilar(.sqlite) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            let before = try await app.count("evaluations")
            #expect(try await admin.post("/regions/35.74/evaluations/legacy", form: ["period": "2019", "index": "3,1"]).status == .conflict)
            #expect(try await admin.post("/regions/35.74/evaluations/legacy", form: ["period": "2019S2", "index": "3,1"]).status == .conflict)
            let bad = try await admin.post("/regions/35.74/evaluations/legacy", form: ["period": "2019Q1", "index": "tiga"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("id=\"period-error\"") && bad.text.contains("id=\"index-error\""))
            #expect(try await app.count("evaluations") == before)
            #expect(try await admin.post("/regions/35.74/evaluations/legacy", form: ["period": "2018", "index": "2,455"]).status == .seeOther)
            let history = try await APIClient(app: app, token: nil).get("/api/v1/regions/35.74/evaluations")
                .decode([History].self)
            #expect(history.map(\.period).prefix(3) == ["2018", "2019", "2021"])
            #expect(history.first?.index == 2.46)
            // The trend leaves 2020 out: no point, and the line does not join 2019 to 2021.
            let page = try await Browser(app).get("/regions/35.74/evaluations")
            #expect(page.text.contains("data-period=\"2019\"") && !page.text.contains("data-period=\"2020\""))
        }
    }

    @Test("a new method version changes future results only, and a result compares under both")
    func methodVersions() async throws {
        try await withPilar(.sqlite) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.email(for: .nationalAdmin))
            let published = try await EvaluationModel.query(on: app.db).filter(\.$regionCode == "35.74").filter(\.$state == "published")
                .filter(\.$legacy == false).sort(\.$period, .descending).first()!
            let indexBefore = published.indexValue
            let refused = try await admin.post("/methods/1/revise", form: ["code": "smart-city-2022", "nameID": "Varian", "nameEN": "Variant",
                                                                           "effectiveFrom": "2027-01-01", "scaleMin": "1", "scaleMax": "5",
                                                                           "weight_baseline": "10", "weight_output": "20", "weight_outcome": "30",
                                                                           "weight_impact": "-30", "weight_quickWin": "10"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"weight_impact-error\""))
            let saved = try await admin.post("/methods/1/revise", form: ["code": "smart-city-2022", "nameID": "Varian", "nameEN": "Variant",
                                                                         "effectiveFrom": "2027-01-01", "scaleMin": "1", "scaleMax": "5",
                                                                         "weight_baseline": "10", "weight_output": "20", "weight_outcome": "30",
                                                                         "weight_impact": "30", "weight_quickWin": "10"])
            #expect(saved.status == .seeOther)
            let versions = try await ScoringMethodModel.query(on: app.db).filter(\.$code == "smart-city-2022").sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(try await EvaluationModel.find(published.id, on: app.db)?.indexValue == indexBefore)
            // Probolinggo's 2026S1 verified scores: 3.2, 3.2, 2.8, 3.0, 3.4 → v1 3.08, v2 (impact 30, quick win 10) 3.04.
            let compare = try await admin.get("/evaluations/\(published.id!)/compare?method=\(versions[1].id!)")
            #expect(compare.text.contains("id=\"index-a\">3,08"))
            #expect(compare.text.contains("id=\"index-b\">3,04"))
            let simulated = try await APIClient(app: app, token: nil).send(.POST, "/api/v1/methods/smart-city-2022/simulate",
                                                                           json: ["scores": ["baseline": 3.2, "output": 3.2, "outcome": 2.8, "impact": 3.8, "quickWin": 3.4]])
            #expect(try simulated.decode(EvaluationAPIController.SimulationResult.self).method == "smart-city-2022 v2")
        }
    }
}
