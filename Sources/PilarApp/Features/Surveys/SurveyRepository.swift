import Fluent
import PilarCore
import SQLKit

/// Reads of surveys and their answers. Results are aggregated in SQL (counts per question, value and
/// respondent category) so a survey with thousands of answers never loads them as models. No read
/// here returns who answered: collectors and timestamps stay in the database.
struct SurveyRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Row {
        let id: Int
        let title: String
        let kind: String
        let state: String
        let programme: String?
        let serviceUnit: String
        let period: String
        let respondents: Int
    }

    func list(region: String) async throws -> [Row] {
        try await sql.raw("""
            SELECT s.id, s.title, s.kind, s.state, s.service_unit, s.period, p.title AS programme,
                (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS respondents
            FROM surveys s LEFT JOIN programmes p ON p.id = s.programme_id
            WHERE s.region_code = \(bind: region)
            ORDER BY s.id DESC
            """).all().map { row in
                Row(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self), state: try row.decode(column: "state", as: String.self),
                    programme: try row.decode(column: "programme", as: String?.self),
                    serviceUnit: try row.decode(column: "service_unit", as: String.self),
                    period: try row.decode(column: "period", as: String.self),
                    respondents: try row.decode(column: "respondents", as: Int.self))
            }
    }

    struct Detail {
        let survey: SurveyModel
        let id: Int
        let questions: [SurveyQuestionSpec]
        let programme: String?
        let cycle: String?

        var regionCode: String { survey.regionCode }
        var kind: SurveyKind { survey.surveyKind }
    }

    func find(_ id: Int) async throws -> Detail? {
        guard let survey = try await SurveyModel.find(id, on: db) else { return nil }
        let questions = try await SurveyQuestionModel.query(on: db).filter(\.$surveyID == id).sort(\.$position).all().map(\.spec)
        var programme: String?
        if let programmeID = survey.programmeID { programme = try await ProgrammeModel.find(programmeID, on: db)?.title }
        var cycle: String?
        if let cycleID = survey.cycleID { cycle = try await EvaluationCycleModel.find(cycleID, on: db)?.period }
        return Detail(survey: survey, id: id, questions: questions, programme: programme, cycle: cycle)
    }

    struct QuestionResult {
        let spec: SurveyQuestionSpec
        /// Respondents who answered the question (or sent its photo), overall and per category.
        let answered: Int
        let answeredByCategory: [String: Int]
        /// How often each stored value was given, overall and per category (value → category → count).
        let counts: [String: Int]
        let countsByCategory: [String: [String: Int]]
        /// For scales and numbers: the mean of the answers given; nil without answers.
        let mean: Double?
    }

    struct Results {
        let respondents: Int
        /// Respondents per category; "" holds those without one.
        let byCategory: [String: Int]
        let questions: [QuestionResult]
        /// For an IKM survey with at least one complete response.
        let ikm: IKM.Result?
    }

    func results(_ detail: Detail) async throws -> Results {
        let id = detail.id
        var byCategory: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT category, COUNT(*) AS n FROM survey_responses WHERE survey_id = \(bind: id) GROUP BY category
            """).all() {
            let category = try row.decode(column: "category", as: String.self)
            byCategory[category] = try row.decode(column: "n", as: Int.self)
        }
        // position → value → category → count
        var counts: [Int: [String: [String: Int]]] = [:]
        for row in try await sql.raw("""
            SELECT a.position, a.value, r.category, COUNT(*) AS n
            FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
            WHERE r.survey_id = \(bind: id)
            GROUP BY a.position, a.value, r.category
            """).all() {
            let position = try row.decode(column: "position", as: Int.self)
            let value = try row.decode(column: "value", as: String.self)
            let category = try row.decode(column: "category", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            counts[position, default: [:]][value, default: [:]][category, default: 0] += n
        }
        // position → category → respondents who answered
        var answered: [Int: [String: Int]] = [:]
        for row in try await sql.raw("""
            SELECT a.position, r.category, COUNT(DISTINCT a.response_id) AS n
            FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
            WHERE r.survey_id = \(bind: id)
            GROUP BY a.position, r.category
            """).all() {
            let position = try row.decode(column: "position", as: Int.self)
            let category = try row.decode(column: "category", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            answered[position, default: [:]][category, default: 0] += n
        }
        for row in try await sql.raw("""
            SELECT p.position, r.category, COUNT(*) AS n
            FROM survey_photos p JOIN survey_responses r ON r.id = p.response_id
            WHERE r.survey_id = \(bind: id)
            GROUP BY p.position, r.category
            """).all() {
            let position = try row.decode(column: "position", as: Int.self)
            let category = try row.decode(column: "category", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            answered[position, default: [:]][category, default: 0] += n
        }
        let questions = detail.questions.map { spec -> QuestionResult in
            let byValue = counts[spec.position] ?? [:]
            let totals = byValue.mapValues { $0.values.reduce(0, +) }
            var mean: Double?
            if spec.type == .scale4 || spec.type == .number {
                var sum = 0.0, count = 0
                for (value, n) in totals {
                    guard let number = SurveyAnswerRules.parseNumber(value) else { continue }
                    sum += number * Double(n)
                    count += n
                }
                mean = count > 0 ? sum / Double(count) : nil
            }
            let perCategory = answered[spec.position] ?? [:]
            return QuestionResult(spec: spec, answered: perCategory.values.reduce(0, +), answeredByCategory: perCategory,
                                  counts: totals, countsByCategory: byValue, mean: mean)
        }
        var ikm: IKM.Result?
        if detail.kind == .ikm {
            let responses = try await ikmResponses(id)
            ikm = try? IKM.compute(responses: responses)
        }
        return Results(respondents: byCategory.values.reduce(0, +), byCategory: byCategory, questions: questions, ikm: ikm)
    }

    /// Every response's nine IKM answers in element order; incomplete responses are left out.
    func ikmResponses(_ id: Int) async throws -> [[Int]] {
        var answers: [Int: [Int: Int]] = [:]
        for row in try await sql.raw("""
            SELECT a.response_id, a.position, a.value
            FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
            WHERE r.survey_id = \(bind: id)
            """).all() {
            let position = try row.decode(column: "position", as: Int.self)
            let raw = try row.decode(column: "value", as: String.self)
            let response = try row.decode(column: "response_id", as: Int.self)
            guard (1...IKM.elements.count).contains(position), let value = Int(raw) else { continue }
            answers[response, default: [:]][position] = value
        }
        return answers.keys.sorted().compactMap { response in
            let values = (1...IKM.elements.count).compactMap { answers[response]?[$0] }
            return values.count == IKM.elements.count ? values : nil
        }
    }

    /// One response as exported: its category and answers, without any identity.
    struct ExportRow {
        let category: String
        let answers: [Int: [String]]
        let photos: Set<Int>
    }

    func exportRows(_ detail: Detail) async throws -> [ExportRow] {
        let id = detail.id
        let responses = try await sql.raw("""
            SELECT id, category FROM survey_responses WHERE survey_id = \(bind: id) ORDER BY id
            """).all().map { row -> (id: Int, category: String) in
                let id = try row.decode(column: "id", as: Int.self)
                let category = try row.decode(column: "category", as: String.self)
                return (id, category)
            }
        var answers: [Int: [Int: [String]]] = [:]
        for row in try await sql.raw("""
            SELECT a.response_id, a.position, a.value
            FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
            WHERE r.survey_id = \(bind: id)
            ORDER BY a.id
            """).all() {
            let response = try row.decode(column: "response_id", as: Int.self)
            let position = try row.decode(column: "position", as: Int.self)
            let value = try row.decode(column: "value", as: String.self)
            answers[response, default: [:]][position, default: []].append(value)
        }
        var photos: [Int: Set<Int>] = [:]
        for row in try await sql.raw("""
            SELECT p.response_id, p.position
            FROM survey_photos p JOIN survey_responses r ON r.id = p.response_id
            WHERE r.survey_id = \(bind: id)
            """).all() {
            let response = try row.decode(column: "response_id", as: Int.self)
            let position = try row.decode(column: "position", as: Int.self)
            photos[response, default: []].insert(position)
        }
        return responses.map { response in
            ExportRow(category: response.category, answers: answers[response.id] ?? [:], photos: photos[response.id] ?? [])
        }
    }
}
