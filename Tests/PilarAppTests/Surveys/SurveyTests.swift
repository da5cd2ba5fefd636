import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

/// Surveys from the builder to the results: a planner builds one, citizens answer by link without an
/// account, collectors type in paper answers, and the results never show who answered.
@Suite("Surveys through the pages")
struct SurveyFlowTests {
    static let region = "35.74"

    /// The builder form of a field survey: row 1 skips to row 5 after "Tidak", row 4 is left empty.
    static func fieldForm(programmeID: Int, skipTo: String = "5") -> [String: String] {
        [
            "title": "Survei pengunjung MPP", "description": "Uji coba", "kind": "field", "programmeID": String(programmeID),
            "categories": "Pasien\nPengunjung MPP",
            "q1_type": "single", "q1_text": "Pernah ke MPP?", "q1_options": "Ya\nTidak", "q1_required": "1",
            "q1_skipIf": "Tidak", "q1_skipTo": skipTo,
            "q2_type": "scale-4", "q2_text": "Seberapa puas?", "q2_required": "1",
            "q3_type": "multiple", "q3_text": "Layanan yang diurus", "q3_options": "KTP\nIzin usaha\nPajak", "q3_required": "1",
            "q5_type": "text", "q5_text": "Saran",
            "q6_type": "photo", "q6_text": "Foto antrean",
        ]
    }

    static func firstProgramme(_ app: Application) async throws -> Int {
        try await ProgrammeModel.query(on: app.db).filter(\.$regionCode == region).sort(\.$id).first()!.requireID()
    }

    /// The survey id from the redirect after creation (`/surveys/<id>/results`).
    static func createdID(_ response: TestingHTTPResponse) throws -> Int {
        let parts = response.location.split(separator: "/")
        return try #require(parts.count >= 2 ? Int(parts[1]) : nil, "unexpected redirect \(response.location)")
    }

    static func responses(_ app: Application, survey id: Int) async throws -> Int {
        try await SurveyResponseModel.query(on: app.db).filter(\.$surveyID == id).count()
    }

    static let pngHeader: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test("built with a skip, answered anonymously, refused when incomplete, results with shares and an escaped script",
          arguments: Backend.all)
    func wholeSurvey(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            let programmeID = try await Self.firstProgramme(app)
            #expect(try await planner.get("/regions/\(Self.region)/surveys/new").status == .ok)

            // A skip to an empty row is refused next to the row, with everything typed kept.
            let surveysBefore = try await app.count("surveys")
            let refused = try await planner.post("/regions/\(Self.region)/surveys", form: Self.fieldForm(programmeID: programmeID, skipTo: "4"))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"q1_skip-error\""))
            #expect(refused.text.contains("value=\"Pernah ke MPP?\""))
            #expect(refused.text.contains("Pengunjung MPP"))
            #expect(try await app.count("surveys") == surveysBefore)

            let created = try await planner.post("/regions/\(Self.region)/surveys", form: Self.fieldForm(programmeID: programmeID))
            #expect(created.status == .seeOther)
            let id = try Self.createdID(created)
            // Row 4 was empty: the questions are numbered 1…5 and the skip now points at question 4.
            let questions = try await SurveyQuestionModel.query(on: app.db).filter(\.$surveyID == id).sort(\.$position).all()
            #expect(questions.map(\.position) == [1, 2, 3, 4, 5])
            #expect(questions.map(\.type) == ["single", "scale-4", "multiple", "text", "photo"])
            #expect(questions[0].skipTo == 4)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$entityType == "survey").filter(\.$entityID == String(id)).count() == 1)
            let list = try await planner.get("/regions/\(Self.region)/surveys")
            #expect(list.text.contains("Survei pengunjung MPP"))
            #expect(list.text.contains("href=\"/s/\(id)\""))

            // A citizen without an account opens the link; the skip is written out.
            let citizen = Browser(app)
            let form = try await citizen.get("/s/\(id)")
            #expect(form.status == .ok)
            #expect(form.text.contains("lanjut ke pertanyaan 4"))
            #expect(form.text.contains("enctype=\"multipart/form-data\""))
            #expect(citizen.csrf != nil)

            // Required questions 2 and 3 missing: refused, nothing stored, the answer given is kept.
            let incomplete = try await citizen.postMultipart("/s/\(id)", fields: ["category": "Pasien", "q1": "Ya", "q4": "Antrean panjang"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.text.contains("id=\"q2-error\""))
            #expect(incomplete.text.contains("id=\"q3-error\""))
            #expect(incomplete.text.contains("Antrean panjang"))
            #expect(try await Self.responses(app, survey: id) == 0)

            // After "Tidak" the required questions 2 and 3 are skipped; the text answer is a script.
            let script = "<script>alert(1)</script>"
            let skipped = try await citizen.postMultipart("/s/\(id)", fields: ["category": "Pasien", "q1": "Tidak", "q2": "9", "q4": script])
            #expect(skipped.status == .ok)
            #expect(skipped.text.contains("id=\"thanks\""))
            #expect(try await citizen.postMultipart("/s/\(id)", fields: [
                "category": "Pengunjung MPP", "q1": "Ya", "q2": "4", "q3[]": "KTP", "q4": "Antrean lama",
            ]).status == .ok)
            #expect(try await citizen.postMultipart("/s/\(id)", fields: ["category": "Pasien", "q1": "Ya", "q2": "3", "q3[]": "Pajak"]).status == .ok)
            #expect(try await Self.responses(app, survey: id) == 3)
            let stored = try await SurveyAnswerModel.query(on: app.db).filter(\.$position == 4).all().map(\.value)
            #expect(stored.contains(script))
            // The skipped answer to question 2 ("9") was dropped, not stored.
            #expect(try await SurveyAnswerModel.query(on: app.db).filter(\.$value == "9").count() == 0)
            // Nobody is recorded as collector of a public answer.
            #expect(try await SurveyResponseModel.query(on: app.db).filter(\.$surveyID == id).filter(\.$collectorID != nil).count() == 0)

            let results = try await planner.get("/surveys/\(id)/results")
            #expect(results.status == .ok)
            #expect(results.text.contains("id=\"respondents\">3<"))
            // Question 1: Ya 2 of 3 = 66,7 %, Tidak 1 of 3 = 33,3 %.
            #expect(results.text.contains("66,7 %"))
            #expect(results.text.contains("33,3 %"))
            // Per category: Pasien answered Ya once of two (50,0 %), Pengunjung MPP once of one (100,0 %).
            #expect(results.text.contains("1 (50,0 %)"))
            #expect(results.text.contains("1 (100,0 %)"))
            // Question 2: (4 + 3) / 2 = 3,50.
            #expect(results.text.contains("id=\"mean-2\">3,50<"))
            // Linked to a programme with fewer than 50 respondents: the warning shows.
            #expect(results.text.contains("id=\"few-respondents\""))
            #expect(results.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!results.text.contains(script))

            // The CSV has one row per response: number, category and each answer, nothing about who answered.
            let csv = try await planner.get("/surveys/\(id)/results?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 4)
            #expect(lines.first == "No.,Anda sebagai,1. Pernah ke MPP?,2. Seberapa puas?,3. Layanan yang diurus,4. Saran,5. Foto antrean")
            #expect(Array(lines.dropFirst()) == [
                "1,Pasien,Tidak,,,\(script),",
                "2,Pengunjung MPP,Ya,4,KTP,Antrean lama,",
                "3,Pasien,Ya,3,Pajak,,",
            ])
            #expect(!csv.text.contains("@"))
            let xlsx = try await planner.get("/surveys/\(id)/results?format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.body.readableBytes > 100)
        }
    }

    @Test("photos: a 3 MB photo and a text file posing as a photo are refused with a clear message; a PNG is kept")
    func photos() async throws {
        try await withPilar(.sqlite) { app in
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            let created = try await planner.post("/regions/\(Self.region)/surveys", form: Self.fieldForm(programmeID: try await Self.firstProgramme(app)))
            let id = try Self.createdID(created)
            let citizen = Browser(app)
            _ = try await citizen.get("/s/\(id)")
            let fields = ["category": "Pasien", "q1": "Tidak"]

            let large = Self.pngHeader + [UInt8](repeating: 0, count: 3 * 1024 * 1024)
            let tooLarge = try await citizen.postMultipart("/s/\(id)", fields: fields, files: ["q5": ("antrean.png", large)])
            #expect(tooLarge.status == .unprocessableEntity)
            #expect(tooLarge.text.contains("lebih besar dari 2 MB"))
            #expect(tooLarge.text.contains("id=\"q5-error\""))

            let fake = try await citizen.postMultipart("/s/\(id)", fields: fields, files: ["q5": ("antrean.jpg", Array("bukan foto".utf8))])
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.text.contains("Foto harus berupa berkas PNG atau JPEG"))
            #expect(try await Self.responses(app, survey: id) == 0)
            #expect(try await app.count("survey_photos") == 0)

            let png = Self.pngHeader + [UInt8](repeating: 7, count: 1000)
            let accepted = try await citizen.postMultipart("/s/\(id)", fields: fields, files: ["q5": ("antrean.png", png)])
            #expect(accepted.status == .ok)
            let photo = try #require(try await SurveyPhotoModel.query(on: app.db).first())
            #expect(photo.contentType == "image/png")
            #expect(photo.data.count == png.count)
            let csv = try await planner.get("/surveys/\(id)/results?format=csv")
            #expect(csv.text.contains(",(foto)"))
            #expect(try await planner.get("/surveys/\(id)/results").text.contains("Foto diterima"))
        }
    }

    @Test("an IKM survey: nine elements, the worked example gives 3,25, 81,25 and band B")
    func ikm() async throws {
        try await withPilar(.sqlite) { app in
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            let badPeriod = try await planner.post("/regions/\(Self.region)/surveys", form: [
                "title": "IKM Dinkes", "kind": "ikm", "serviceUnit": "Puskesmas Kanigaran", "period": "2031Q1",
            ])
            #expect(badPeriod.status == .unprocessableEntity)
            #expect(badPeriod.text.contains("id=\"period-error\""))

            let created = try await planner.post("/regions/\(Self.region)/surveys", form: [
                "title": "IKM Puskesmas", "kind": "ikm", "serviceUnit": "Puskesmas Kanigaran", "period": "2031",
                // Rows are ignored for IKM: the template is used.
                "q1_type": "text", "q1_text": "Diabaikan",
            ])
            #expect(created.status == .seeOther)
            let id = try Self.createdID(created)
            let questions = try await SurveyQuestionModel.query(on: app.db).filter(\.$surveyID == id).sort(\.$position).all()
            #expect(questions.count == 9)
            #expect(questions.allSatisfy { $0.type == "scale-4" && $0.required })
            #expect(questions[0].text.hasPrefix("Persyaratan"))

            // Element means 3.5, 2.75, 3.25, 3.25, 3.25, 3.25, 3.75, 3, 3.25 → 29.25 / 9 = 3.25 → × 25 = 81.25 → B.
            let answers = [
                [4, 3, 4, 3, 4, 3, 4, 3, 4],
                [3, 3, 3, 3, 3, 4, 4, 3, 3],
                [4, 2, 3, 3, 3, 3, 4, 3, 3],
                [3, 3, 3, 4, 3, 3, 3, 3, 3],
            ]
            let citizen = Browser(app)
            #expect(try await citizen.get("/s/\(id)").text.contains("Sangat baik"))
            for response in answers {
                var fields: [String: String] = [:]
                for (index, value) in response.enumerated() { fields["q\(index + 1)"] = String(value) }
                #expect(try await citizen.postMultipart("/s/\(id)", fields: fields).status == .ok)
            }
            let results = try await planner.get("/surveys/\(id)/results")
            #expect(results.text.contains("id=\"ikm-index\">3,25<"))
            #expect(results.text.contains("id=\"ikm-converted\">81,25<"))
            #expect(results.text.contains("id=\"ikm-band\">B<"))
            // Not linked to a programme: no warning about few respondents.
            #expect(!results.text.contains("id=\"few-respondents\""))
        }
    }

    @Test("paper answers by a collector, closing, and who may do what")
    func paperAndAccess() async throws {
        try await withPilar(.sqlite) { app in
            let planner = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            let created = try await planner.post("/regions/\(Self.region)/surveys", form: Self.fieldForm(programmeID: try await Self.firstProgramme(app)))
            let id = try Self.createdID(created)

            // A collector (the agency operator) types in a paper questionnaire; it is stored with them
            // as collector, but neither the results nor the export name them.
            let operatorEmail = Fixture.email(for: .agencyOperator)
            let collector = try await Browser.signedIn(app, as: operatorEmail)
            let paperForm = try await collector.get("/surveys/\(id)/paper")
            #expect(paperForm.status == .ok)
            #expect(paperForm.text.contains("id=\"paper-notice\""))
            let saved = try await collector.postMultipart("/surveys/\(id)/paper", fields: [
                "category": "Pengunjung MPP", "q1": "Ya", "q2": "2", "q3[]": "Izin usaha",
            ])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/surveys/\(id)/paper")
            let response = try #require(try await SurveyResponseModel.query(on: app.db).filter(\.$surveyID == id).first())
            let operatorID = try await app.userID(operatorEmail)
            #expect(response.collectorID == operatorID)
            let results = try await planner.get("/surveys/\(id)/results")
            #expect(!results.text.contains("Operator Dinkes"))
            #expect(!results.text.contains(operatorEmail))
            let csv = try await planner.get("/surveys/\(id)/results?format=csv").text
            #expect(!csv.contains("Operator Dinkes") && !csv.contains(operatorEmail))

            // A bad category is refused.
            let badCategory = try await collector.postMultipart("/surveys/\(id)/paper", fields: [
                "category": "Tamu asing", "q1": "Tidak",
            ])
            #expect(badCategory.status == .unprocessableEntity)
            #expect(badCategory.text.contains("id=\"category-error\""))

            // Who may do what: a viewer sees results but cannot build, collect or close; an operator cannot close.
            let viewer = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            #expect(try await viewer.get("/surveys/\(id)/results").status == .ok)
            #expect(try await viewer.get("/regions/\(Self.region)/surveys/new").status == .forbidden)
            #expect(try await viewer.get("/surveys/\(id)/paper").status == .forbidden)
            #expect(try await viewer.post("/surveys/\(id)/close").status == .forbidden)
            #expect(try await collector.post("/surveys/\(id)/close").status == .forbidden)
            // Results need an account; a survey that does not exist is a clear 404.
            let anonymous = Browser(app)
            #expect(try await anonymous.get("/surveys/\(id)/results").status == .seeOther)
            #expect(try await anonymous.get("/s/999999").status == .notFound)
            #expect(try await planner.get("/surveys/999999/results").status == .notFound)

            // Closed: the public page says so and a late answer (from a page opened before closing) is a
            // conflict, with nothing stored.
            let citizen = Browser(app)
            _ = try await citizen.get("/s/\(id)")
            #expect(try await planner.post("/surveys/\(id)/close").status == .seeOther)
            #expect(try await SurveyModel.find(id, on: app.db)?.state == "closed")
            let closedPage = try await citizen.get("/s/\(id)")
            #expect(closedPage.text.contains("id=\"survey-closed\""))
            let late = try await citizen.postMultipart("/s/\(id)", fields: ["category": "Pasien", "q1": "Tidak"])
            #expect(late.status == .conflict)
            #expect(late.text.contains("sudah ditutup"))
            #expect(try await Self.responses(app, survey: id) == 1)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$entityType == "survey").filter(\.$action == "update").count() == 1)
        }
    }
}
