import PilarCore
import Testing

@Suite("Survey answers and the survey builder")
struct SurveyTests {
    /// A field survey: if the respondent never went to the mall, questions 2 and 3 are skipped.
    static let questions: [SurveyQuestionSpec] = [
        .init(position: 1, type: .single, text: "Pernah ke MPP?", required: true, options: ["Ya", "Tidak"], skipIfAnswer: "Tidak", skipTo: 4),
        .init(position: 2, type: .scale4, text: "Seberapa puas?", required: true),
        .init(position: 3, type: .multiple, text: "Layanan yang diurus", required: true, options: ["Izin usaha", "KTP", "Pajak"]),
        .init(position: 4, type: .number, text: "Menit perjalanan", required: false),
        .init(position: 5, type: .text, text: "Saran", required: false),
        .init(position: 6, type: .date, text: "Tanggal kunjungan", required: false),
        .init(position: 7, type: .location, text: "Lokasi", required: false),
        .init(position: 8, type: .photo, text: "Foto", required: false),
    ]

    static func problems(_ answers: [Int: [String]], photos: Set<Int> = [], questions: [SurveyQuestionSpec] = questions) -> [FieldProblem] {
        do {
            _ = try SurveyAnswerRules.check(answers, photos: photos, questions: questions)
            return []
        } catch let error as SurveyAnswerProblems {
            return error.problems
        } catch {
            return [FieldProblem(field: "?", key: "\(error)")]
        }
    }

    static func keys(_ answers: [Int: [String]], photos: Set<Int> = [], questions: [SurveyQuestionSpec] = questions) -> [String: String] {
        Dictionary(problems(answers, photos: photos, questions: questions).map { ($0.field, $0.key) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("a full answer is stored normalised: trimmed, options in their order, decimal points, lat,long")
    func normalised() throws {
        let set = try SurveyAnswerRules.check([
            1: [" Ya "], 2: ["3"], 3: ["Pajak", "Izin usaha", "Pajak"], 4: ["12,5"], 5: ["  Antrean lama  "],
            6: ["2024-02-29"], 7: ["-7.7543, 113.2159"], 8: ["ignored"],
        ], photos: [8], questions: Self.questions)
        #expect(set.values[1] == ["Ya"])
        #expect(set.values[2] == ["3"])
        #expect(set.values[3] == ["Izin usaha", "Pajak"])
        #expect(set.values[4] == ["12.5"])
        #expect(set.values[5] == ["Antrean lama"])
        #expect(set.values[6] == ["2024-02-29"])
        #expect(set.values[7] == ["-7.7543,113.2159"])
        #expect(set.values[8] == nil)
        #expect(set.photos == [8])
        #expect(set.skipped.isEmpty)
    }

    @Test("skip logic: after 'Tidak' the required questions 2 and 3 are not required and their answers are dropped")
    func skip() throws {
        let set = try SurveyAnswerRules.check([1: ["Tidak"], 2: ["9"], 3: ["Paspor"], 4: ["15"]], questions: Self.questions)
        #expect(set.skipped == [2, 3])
        #expect(set.values == [1: ["Tidak"], 4: ["15"]])
        // Without the skip, both are required again.
        #expect(Self.keys([1: ["Ya"]]) == ["q2": "error.survey_required", "q3": "error.survey_required"])
        // Nothing at all: no answer to question 1 means no skip, so 1, 2 and 3 are all missing.
        #expect(Self.keys([:]).keys.sorted() == ["q1", "q2", "q3"])
    }

    @Test("a skip answered by a number or a scale point works on the stored form")
    func skipOnNumber() throws {
        let questions: [SurveyQuestionSpec] = [
            .init(position: 1, type: .number, text: "Berapa kali datang?", required: true, skipIfAnswer: "0", skipTo: 3),
            .init(position: 2, type: .scale4, text: "Puas?", required: true),
            .init(position: 3, type: .text, text: "Saran", required: true),
        ]
        #expect(try SurveyAnswerRules.check([1: ["0,0"], 3: ["Tidak ada"]], questions: questions).skipped == [2])
        #expect(Self.keys([1: ["2"], 3: ["Tidak ada"]], questions: questions) == ["q2": "error.survey_required"])
    }

    @Test("every type refuses what it cannot hold")
    func badInput() {
        let base: [Int: [String]] = [1: ["Ya"], 2: ["3"], 3: ["KTP"]]
        func key(_ position: Int, _ values: [String]) -> String? {
            var answers = base
            answers[position] = values
            return Self.keys(answers)["q\(position)"]
        }
        // single choice: not an option, or two options
        #expect(key(1, ["Mungkin"]) == "error.survey_choice")
        #expect(key(1, ["Ya", "Tidak"]) == "error.survey_choice")
        #expect(key(1, ["ya"]) == "error.survey_choice")
        // multiple choice: any value outside the options
        #expect(key(3, ["KTP", "Paspor"]) == "error.survey_choice")
        // 4-point scale: only 1, 2, 3 or 4
        for bad in ["0", "5", "tiga", "2.5", "2,5"] { #expect(key(2, [bad]) == "error.survey_scale", "\(bad)") }
        // number
        for bad in ["12 orang", "1.2.3", "--1", "1-2", "Rp 5000", "-"] { #expect(key(4, [bad]) == "error.number", "\(bad)") }
        #expect(key(4, ["-3"]) == nil)
        // text: at most 2000 characters
        #expect(key(5, [String(repeating: "a", count: 2001)]) == "error.too_long")
        #expect(key(5, [String(repeating: "a", count: 2000)]) == nil)
        // date: a real calendar date YYYY-MM-DD
        for bad in ["2026-02-30", "2025-02-29", "26-01-01", "2026/01/01", "2026-1-1", "2026-13-01", "kemarin"] {
            #expect(key(6, [bad]) == "error.date", "\(bad)")
        }
        // location: latitude −90…90, longitude −180…180, two numbers
        for bad in ["200,100", "-7.75", "abc,def", "-7,75, 113,21", "1,2,3", "-7.75,190"] {
            #expect(key(7, [bad]) == "error.survey_location", "\(bad)")
        }
        #expect(key(7, ["-7.7543 113.2159"]) == nil)
        #expect(key(7, ["-7.7543;113.2159"]) == nil)
        // photo: required without an accepted photo
        var required = Self.questions
        required[7].required = true
        #expect(Self.keys(base, questions: required)["q8"] == "error.survey_required")
        #expect(Self.keys(base, photos: [8], questions: required)["q8"] == nil)
    }

    @Test("blank answers count as no answer; unknown positions are ignored")
    func blanks() throws {
        #expect(Self.keys([1: ["  "], 2: ["3"], 3: ["KTP"]]) == ["q1": "error.survey_required"])
        let set = try SurveyAnswerRules.check([1: ["Ya"], 2: ["3"], 3: ["KTP"], 4: [""], 99: ["x"]], questions: Self.questions)
        #expect(set.values.keys.sorted() == [1, 2, 3])
    }

    @Test("the builder: at least one question, options for choices, skips to a later existing question")
    func builder() {
        func keys(_ questions: [SurveyQuestionSpec]) -> [String: String] {
            Dictionary(SurveyBuilderRules.check(questions).map { ($0.field, $0.key) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(SurveyBuilderRules.check(Self.questions).isEmpty)
        #expect(keys([]) == ["questions": "error.survey_no_questions"])
        #expect(keys([.init(position: 1, type: .text, text: "  ", required: false)]) == ["q1_text": "error.required"])
        #expect(keys([.init(position: 1, type: .text, text: String(repeating: "x", count: 501), required: false)]) == ["q1_text": "error.too_long"])
        #expect(keys([.init(position: 1, type: .single, text: "Pilih", required: true, options: ["Ya"])]) == ["q1_options": "error.survey_options"])
        #expect(keys([.init(position: 1, type: .multiple, text: "Pilih", required: true, options: ["A", "A"])]) == ["q1_options": "error.survey_options"])
        let many = (1...21).map { "Opsi \($0)" }
        #expect(keys([.init(position: 1, type: .single, text: "Pilih", required: true, options: many)]) == ["q1_options": "error.survey_options"])
        #expect(keys([.init(position: 1, type: .single, text: "Pilih", required: true, options: Array(many.prefix(20)))]).isEmpty)
        let long = String(repeating: "o", count: 201)
        #expect(keys([.init(position: 1, type: .single, text: "Pilih", required: true, options: ["Ya", long])]) == ["q1_options": "error.survey_option_long"])
        // Options of a non-choice type are not checked (the app drops them).
        #expect(keys([.init(position: 1, type: .number, text: "Berapa?", required: true, options: ["x"])]).isEmpty)

        let two: [SurveyQuestionSpec] = [
            .init(position: 1, type: .single, text: "Ya atau tidak?", required: true, options: ["Ya", "Tidak"]),
            .init(position: 2, type: .text, text: "Mengapa?", required: false),
            .init(position: 3, type: .text, text: "Saran", required: false),
        ]
        func skip(_ answer: String?, _ target: Int?, at index: Int = 0) -> [String: String] {
            var questions = two
            questions[index].skipIfAnswer = answer
            questions[index].skipTo = target
            return keys(questions)
        }
        #expect(skip("Tidak", 3).isEmpty)
        #expect(skip("Tidak", 1) == ["q1_skip": "error.survey_skip_target"])
        #expect(skip("Mengapa", 2, at: 1) == ["q2_skip": "error.survey_skip_target"])
        #expect(skip("Tidak", 9) == ["q1_skip": "error.survey_skip_target"])
        #expect(skip("Mungkin", 3) == ["q1_skip": "error.survey_skip_answer"])
        #expect(skip("Tidak", nil) == ["q1_skip": "error.survey_skip_incomplete"])
        #expect(skip(nil, 3) == ["q1_skip": "error.survey_skip_incomplete"])
        #expect(skip("  ", nil).isEmpty)
    }

    @Test("skip answers are kept in the stored form of their question's type")
    func skipAnswers() {
        #expect(SurveyBuilderRules.normalisedSkipAnswer("1,0", for: .init(position: 1, type: .number, text: "n", required: true)) == "1")
        #expect(SurveyBuilderRules.normalisedSkipAnswer(" 4 ", for: .init(position: 1, type: .scale4, text: "s", required: true)) == "4")
        #expect(SurveyBuilderRules.normalisedSkipAnswer("5", for: .init(position: 1, type: .scale4, text: "s", required: true)) == nil)
        #expect(SurveyBuilderRules.normalisedSkipAnswer("x", for: .init(position: 1, type: .photo, text: "p", required: true)) == nil)
        #expect(SurveyBuilderRules.normalisedSkipAnswer("Tidak", for: Self.questions[0]) == "Tidak")
    }
}
