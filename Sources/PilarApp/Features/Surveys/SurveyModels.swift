import Fluent
import Foundation
import PilarCore

/// What a survey is for: a field evaluation of a programme, a public survey, or the yearly IKM.
enum SurveyKind: String, CaseIterable, Sendable {
    case field
    case publicSurvey = "public"
    case ikm
}

enum SurveyState: String, Sendable {
    case open
    case closed
}

final class SurveyModel: Model, @unchecked Sendable {
    static let schema = "surveys"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "programme_id") var programmeID: Int?
    @OptionalField(key: "cycle_id") var cycleID: Int?
    /// For IKM: the service unit measured, e.g. "Mal Pelayanan Publik"; empty otherwise.
    @Field(key: "service_unit") var serviceUnit: String
    /// For IKM: the period code, e.g. `2026` or `2026S2`; empty otherwise.
    @Field(key: "period") var period: String
    /// Respondent categories, one per line, e.g. "Pedagang kaki lima".
    @Field(key: "categories") var categories: String
    @Field(key: "state") var state: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var surveyKind: SurveyKind { SurveyKind(rawValue: kind) ?? .publicSurvey }
    var isOpen: Bool { state == SurveyState.open.rawValue }
    var categoryList: [String] {
        categories.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

final class SurveyQuestionModel: Model, @unchecked Sendable {
    static let schema = "survey_questions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "survey_id") var surveyID: Int
    @Field(key: "position") var position: Int
    @Field(key: "type") var type: String
    @Field(key: "text") var text: String
    @Field(key: "required") var required: Bool
    /// The options as a JSON array of strings; `[]` for types without options.
    @Field(key: "options") var options: String
    @OptionalField(key: "skip_if_answer") var skipIfAnswer: String?
    @OptionalField(key: "skip_to") var skipTo: Int?

    init() {}

    init(surveyID: Int, spec: SurveyQuestionSpec) throws {
        self.surveyID = surveyID
        position = spec.position
        type = spec.type.rawValue
        text = spec.text
        required = spec.required
        options = String(decoding: try JSONEncoder().encode(spec.options), as: UTF8.self)
        skipIfAnswer = spec.skipIfAnswer
        skipTo = spec.skipTo
    }

    var spec: SurveyQuestionSpec {
        let list = (try? JSONDecoder().decode([String].self, from: Data(options.utf8))) ?? []
        return SurveyQuestionSpec(position: position, type: QuestionType(rawValue: type) ?? .text, text: text, required: required,
                                  options: list, skipIfAnswer: skipIfAnswer, skipTo: skipTo)
    }
}

/// One respondent's answers. Nothing here says who answered: the category only, and for answers
/// typed in from paper the staff member who typed them.
final class SurveyResponseModel: Model, @unchecked Sendable {
    static let schema = "survey_responses"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "survey_id") var surveyID: Int
    @Field(key: "category") var category: String
    @OptionalField(key: "collector_id") var collectorID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One value of an answer; a multiple-choice answer has one row per option chosen.
final class SurveyAnswerModel: Model, @unchecked Sendable {
    static let schema = "survey_answers"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "response_id") var responseID: Int
    @Field(key: "position") var position: Int
    @Field(key: "value") var value: String

    init() {}

    init(responseID: Int, position: Int, value: String) {
        self.responseID = responseID
        self.position = position
        self.value = value
    }
}

final class SurveyPhotoModel: Model, @unchecked Sendable {
    static let schema = "survey_photos"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "response_id") var responseID: Int
    @Field(key: "position") var position: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "data") var data: Data

    init() {}
}
