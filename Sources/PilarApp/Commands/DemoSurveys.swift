import Fluent
import Foundation
import PilarCore
import Vapor

/// Survey demo: a field evaluation of the region's first quick win with 60 answers from three kinds
/// of respondent (with a skip after "Tidak"), and this year's IKM of the public-service mall with 80
/// answers that give band B (converted value 80.56). Loaded once: skipped if the region has surveys.
enum DemoSurveys {
    static let categories = ["Pedagang kaki lima", "Pasien", "Pengunjung MPP"]
    static let label = "system (seed demo)"

    /// Per IKM element, out of ten respondents: how many answer 4 and how many answer 2 (the rest 3).
    /// Element means 3.2, 3.2, 3.0, 3.5, 3.2, 3.3, 3.4, 3.0, 3.2 → index 3.2222 → 80.56 → B.
    static let ikmFours = [3, 3, 2, 5, 3, 4, 4, 2, 3]
    static let ikmTwos = [1, 1, 2, 0, 1, 1, 0, 2, 1]

    struct Pending: Sendable {
        let surveyID: Int
        let category: String
        let answers: [Int: [String]]
    }

    static func seed(on app: Application, region: String) async throws {
        let db = app.db
        if try await SurveyModel.query(on: db).filter(\.$regionCode == region).count() > 0 { return }
        let service = SurveyService(db: db)
        let repository = SurveyRepository(db: db)
        let programmes = try await ProgrammeModel.query(on: db).filter(\.$regionCode == region).sort(\.$id).all()
        let quickWin = programmes.first { $0.horizon == Horizon.quickWin.rawValue }
        let mall = programmes.first { $0.title.localizedCaseInsensitiveContains("Mal Pelayanan Publik") } ?? quickWin
        let year = String(DateInput.today().prefix(4))

        var field = SurveyInput()
        field.title = "Evaluasi lapangan: " + (quickWin?.title ?? "layanan publik")
        field.description = "Survei singkat bagi pengguna layanan, dijawab di lokasi atau lewat ponsel."
        field.kind = quickWin == nil ? SurveyKind.publicSurvey.rawValue : SurveyKind.field.rawValue
        field.programmeID = quickWin?.id.map { String($0) } ?? ""
        field.categories = categories.joined(separator: "\n")
        field.rows[0] = .init(type: QuestionType.single.rawValue, text: "Apakah Anda memakai layanan ini dalam tiga bulan terakhir?",
                              options: "Ya\nTidak", required: true, skipIf: "Tidak", skipTo: "4")
        field.rows[1] = .init(type: QuestionType.scale4.rawValue, text: "Seberapa puas Anda dengan layanan ini?", required: true)
        field.rows[2] = .init(type: QuestionType.multiple.rawValue, text: "Keperluan apa yang Anda urus?",
                              options: "Perizinan usaha\nKependudukan\nPajak daerah\nKesehatan", required: true)
        field.rows[3] = .init(type: QuestionType.number.rawValue, text: "Berapa menit perjalanan Anda ke lokasi layanan?")
        field.rows[4] = .init(type: QuestionType.text.rawValue, text: "Apa saran Anda untuk perbaikan?")
        let fieldID = try await service.create(region: region, input: field, actor: nil, actorLabel: label)

        var ikm = SurveyInput()
        ikm.title = "IKM Mal Pelayanan Publik \(year)"
        ikm.description = "Survei Kepuasan Masyarakat sesuai PermenPANRB 14/2017."
        ikm.kind = SurveyKind.ikm.rawValue
        ikm.programmeID = mall?.id.map { String($0) } ?? ""
        ikm.serviceUnit = "Mal Pelayanan Publik"
        ikm.period = year
        ikm.categories = "Pengunjung MPP\nPelaku usaha"
        let ikmID = try await service.create(region: region, input: ikm, actor: nil, actorLabel: label)

        guard let fieldSurvey = try await repository.find(fieldID), let ikmSurvey = try await repository.find(ikmID) else { return }
        var pending: [Pending] = []
        let needs = [["Perizinan usaha"], ["Kependudukan"], ["Pajak daerah", "Perizinan usaha"], ["Kesehatan"], ["Kependudukan", "Kesehatan"]]
        let suggestions = ["Tambah loket dan kursi antrean", "Perpanjang jam layanan sampai sore", "Perluas tempat parkir", "Informasi syarat di papan depan"]
        for index in 0..<60 {
            var answers: [Int: [String]] = [:]
            if index % 5 == 4 {
                answers[1] = ["Tidak"]
            } else {
                answers[1] = ["Ya"]
                answers[2] = [String([4, 3, 3, 2, 3, 4, 3][index % 7])]
                answers[3] = needs[index % needs.count]
            }
            if index % 3 != 0 { answers[4] = [String(10 + (index * 7) % 35)] }
            if index % 6 == 0 { answers[5] = [suggestions[(index / 6) % suggestions.count]] }
            if let checked = try? SurveyAnswerRules.check(answers, questions: fieldSurvey.questions) {
                pending.append(Pending(surveyID: fieldID, category: categories[index % categories.count], answers: checked.values))
            }
        }
        let ikmCategories = ikmSurvey.survey.categoryList
        for index in 0..<80 {
            var answers: [Int: [String]] = [:]
            for element in 0..<IKM.elements.count {
                let r = (index * 7 + element * 3) % 10
                let value = r < ikmFours[element] ? 4 : (r >= 10 - ikmTwos[element] ? 2 : 3)
                answers[element + 1] = [String(value)]
            }
            if let checked = try? SurveyAnswerRules.check(answers, questions: ikmSurvey.questions) {
                pending.append(Pending(surveyID: ikmID, category: ikmCategories[index % 3 == 0 ? 1 : 0], answers: checked.values))
            }
        }
        let responses = pending
        try await db.transaction { db in
            for response in responses {
                _ = try await SurveyService.insert(surveyID: response.surveyID, category: response.category, answers: response.answers,
                                                   photos: [], collector: nil, on: db)
            }
        }
    }
}
