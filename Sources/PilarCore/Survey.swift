import Foundation

/// The kinds of question a survey can ask. Choice questions carry their own options; a 4-point
/// scale is answered 1…4 (the IKM scale); a photo is kept by the app, never as text.
public enum QuestionType: String, CaseIterable, Codable, Sendable {
    case single, multiple, scale4 = "scale-4", number, text, date, location, photo

    /// Whether the builder must list options for this type.
    public var hasOptions: Bool { self == .single || self == .multiple }

    /// Whether answers are counted per option (and broken down per respondent category).
    public var isCounted: Bool { hasOptions || self == .scale4 }
}

/// One question as the builder defines it. `position` numbers questions from 1 in the order shown;
/// `skipTo` is the position a respondent jumps to when their answer equals `skipIfAnswer`.
public struct SurveyQuestionSpec: Codable, Sendable, Equatable {
    public var position: Int
    public var type: QuestionType
    public var text: String
    public var required: Bool
    public var options: [String]
    public var skipIfAnswer: String?
    public var skipTo: Int?

    public init(position: Int, type: QuestionType, text: String, required: Bool, options: [String] = [],
                skipIfAnswer: String? = nil, skipTo: Int? = nil) {
        self.position = position
        self.type = type
        self.text = text
        self.required = required
        self.options = options
        self.skipIfAnswer = skipIfAnswer
        self.skipTo = skipTo
    }

    /// Whether a (normalised) answer triggers this question's skip.
    public func triggersSkip(_ values: [String]) -> Bool {
        guard let expected = skipIfAnswer.map(SurveyAnswerRules.trimmed), !expected.isEmpty, skipTo != nil else { return false }
        return values.contains { $0.caseInsensitiveCompare(expected) == .orderedSame }
    }
}

/// Answers that broke the survey's rules, each named by its question (`q<position>`).
public struct SurveyAnswerProblems: Error, Sendable, Equatable {
    public let problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) { self.problems = problems }
}

/// A respondent's answers after checking: values per position as they are stored (trimmed, choices
/// in the options' order, numbers with a decimal point, dates `YYYY-MM-DD`, locations `lat,long`),
/// and the photo questions whose photo is kept. Skipped questions appear in neither.
public struct SurveyAnswerSet: Sendable, Equatable {
    public let values: [Int: [String]]
    public let photos: Set<Int>
    public let skipped: Set<Int>

    public init(values: [Int: [String]], photos: Set<Int>, skipped: Set<Int>) {
        self.values = values
        self.photos = photos
        self.skipped = skipped
    }
}

public enum SurveyAnswerRules {
    public static let maxText = 2000

    static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Checks a whole response. `answers` maps a position to the raw values sent for it (one for most
    /// types, any number for multiple choice); `photos` lists the photo questions that came with an
    /// acceptable photo. Questions are walked in order: once an answer triggers a skip, the questions
    /// before the target are skipped: not required, and whatever was sent for them is dropped.
    public static func check(_ answers: [Int: [String]], photos: Set<Int> = [], questions: [SurveyQuestionSpec]) throws -> SurveyAnswerSet {
        var problems: [FieldProblem] = []
        var values: [Int: [String]] = [:]
        var keptPhotos: Set<Int> = []
        var skipped: Set<Int> = []
        var skipUntil = 0
        for question in questions.sorted(by: { $0.position < $1.position }) {
            let position = question.position
            if position < skipUntil {
                skipped.insert(position)
                continue
            }
            let field = "q\(position)"
            if question.type == .photo {
                if photos.contains(position) {
                    keptPhotos.insert(position)
                } else if question.required {
                    problems.append(FieldProblem(field: field, key: "error.survey_required"))
                }
                continue
            }
            let raw = (answers[position] ?? []).map(trimmed).filter { !$0.isEmpty }
            if raw.isEmpty {
                if question.required { problems.append(FieldProblem(field: field, key: "error.survey_required")) }
                continue
            }
            switch normalise(raw, for: question) {
            case .success(let normalised):
                values[position] = normalised
                if question.triggersSkip(normalised), let target = question.skipTo {
                    skipUntil = max(skipUntil, target)
                }
            case .failure(let problem):
                problems.append(FieldProblem(field: field, key: problem.key))
            }
        }
        guard problems.isEmpty else { throw SurveyAnswerProblems(problems) }
        return SurveyAnswerSet(values: values, photos: keptPhotos, skipped: skipped)
    }

    struct Problem: Error {
        let key: String
    }

    /// One question's non-empty raw values in their stored form, or the catalog key of what is wrong.
    static func normalise(_ raw: [String], for question: SurveyQuestionSpec) -> Result<[String], Problem> {
        switch question.type {
        case .single:
            guard raw.count == 1, let option = question.options.first(where: { $0 == raw[0] }) else {
                return .failure(Problem(key: "error.survey_choice"))
            }
            return .success([option])
        case .multiple:
            guard raw.allSatisfy({ question.options.contains($0) }) else { return .failure(Problem(key: "error.survey_choice")) }
            return .success(question.options.filter { raw.contains($0) })
        case .scale4:
            guard raw.count == 1, let value = Int(raw[0]), (1...4).contains(value) else {
                return .failure(Problem(key: "error.survey_scale"))
            }
            return .success([String(value)])
        case .number:
            guard raw.count == 1, let value = parseNumber(raw[0]) else { return .failure(Problem(key: "error.number")) }
            return .success([formatNumber(value)])
        case .text:
            let text = raw.joined(separator: "\n")
            guard text.count <= maxText else { return .failure(Problem(key: "error.too_long")) }
            return .success([text])
        case .date:
            guard raw.count == 1, isDate(raw[0]) else { return .failure(Problem(key: "error.date")) }
            return .success([raw[0]])
        case .location:
            guard raw.count == 1, let location = parseLocation(raw[0]) else { return .failure(Problem(key: "error.survey_location")) }
            return .success([formatNumber(location.latitude) + "," + formatNumber(location.longitude)])
        case .photo:
            return .failure(Problem(key: "error.survey_photo_type"))
        }
    }

    /// A number as people type it: `12`, `12,5` or `12.5`, optionally negative; no units, no grouping.
    public static func parseNumber(_ raw: String) -> Double? {
        let text = trimmed(raw).replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty, text.count <= 30, text.filter({ $0 == "." }).count <= 1,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              !text.dropFirst().contains("-"), text != "-", text != ".", text != "-.",
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Whole numbers without a decimal part, others as Swift prints them (`12`, `12.5`, `-7.7543`).
    public static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A calendar date `YYYY-MM-DD` between 1900 and 2100.
    public static func isDate(_ raw: String) -> Bool {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2100).contains(year), (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// `lat,long` with decimal points (as a phone's location shows it), or the two separated by a
    /// semicolon or a space; latitude −90…90, longitude −180…180.
    public static func parseLocation(_ raw: String) -> (latitude: Double, longitude: Double)? {
        let text = trimmed(raw)
        var parts = text.split(separator: ",").map { trimmed(String($0)) }
        if parts.count != 2 { parts = text.split(separator: ";").map { trimmed(String($0)) } }
        if parts.count != 2 { parts = text.split(whereSeparator: { $0 == " " }).map { trimmed(String($0)) } }
        guard parts.count == 2, !parts[0].contains(","), !parts[1].contains(","),
              let latitude = parseNumber(parts[0]), let longitude = parseNumber(parts[1]),
              (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        return (latitude, longitude)
    }
}

/// What a survey's author may build.
public enum SurveyBuilderRules {
    public static let maxQuestions = 50
    public static let maxQuestionText = 500
    public static let minOptions = 2
    public static let maxOptions = 20
    public static let maxOptionLength = 200

    /// Problems with the questions as defined, named `q<position>_text`, `q<position>_options` and
    /// `q<position>_skip` (or `questions` for the whole list). Options of non-choice types are ignored.
    public static func check(_ questions: [SurveyQuestionSpec]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if questions.isEmpty {
            return [FieldProblem(field: "questions", key: "error.survey_no_questions")]
        }
        if questions.count > maxQuestions {
            problems.append(FieldProblem(field: "questions", key: "error.survey_too_many"))
        }
        let positions = Set(questions.map(\.position))
        for question in questions.sorted(by: { $0.position < $1.position }) {
            let prefix = "q\(question.position)"
            let text = SurveyAnswerRules.trimmed(question.text)
            if text.isEmpty {
                problems.append(FieldProblem(field: prefix + "_text", key: "error.required"))
            } else if text.count > maxQuestionText {
                problems.append(FieldProblem(field: prefix + "_text", key: "error.too_long"))
            }
            if question.type.hasOptions {
                let options = question.options.map(SurveyAnswerRules.trimmed).filter { !$0.isEmpty }
                if options.contains(where: { $0.count > maxOptionLength }) {
                    problems.append(FieldProblem(field: prefix + "_options", key: "error.survey_option_long"))
                } else if options.count < minOptions || options.count > maxOptions || Set(options).count != options.count {
                    problems.append(FieldProblem(field: prefix + "_options", key: "error.survey_options"))
                }
            }
            let answer = SurveyAnswerRules.trimmed(question.skipIfAnswer ?? "")
            switch (answer.isEmpty, question.skipTo) {
            case (true, nil):
                break
            case (true, _), (false, nil):
                problems.append(FieldProblem(field: prefix + "_skip", key: "error.survey_skip_incomplete"))
            case (false, let target?):
                if target <= question.position || !positions.contains(target) {
                    problems.append(FieldProblem(field: prefix + "_skip", key: "error.survey_skip_target"))
                } else if normalisedSkipAnswer(answer, for: question) == nil {
                    problems.append(FieldProblem(field: prefix + "_skip", key: "error.survey_skip_answer"))
                }
            }
        }
        return problems
    }

    /// A skip answer in the form answers are stored in, or nil when no respondent could give it:
    /// one of the options, a scale point, a number…; photos cannot trigger a skip.
    public static func normalisedSkipAnswer(_ raw: String, for question: SurveyQuestionSpec) -> String? {
        let answer = SurveyAnswerRules.trimmed(raw)
        guard !answer.isEmpty else { return nil }
        switch question.type {
        case .single, .multiple:
            return question.options.map(SurveyAnswerRules.trimmed).contains(answer) ? answer : nil
        case .photo:
            return nil
        default:
            if case .success(let values) = SurveyAnswerRules.normalise([answer], for: question) { return values.first }
            return nil
        }
    }
}
