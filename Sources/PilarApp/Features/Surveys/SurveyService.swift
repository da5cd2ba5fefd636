import Fluent
import Foundation
import PilarCore
import Vapor

/// What the survey builder sends: the survey's fields and its fixed question rows as typed.
struct SurveyInput: Sendable {
    struct Row: Sendable {
        var type: String = QuestionType.single.rawValue
        var text: String = ""
        var options: String = ""
        var required: Bool = false
        var skipIf: String = ""
        var skipTo: String = ""

        /// A row with nothing typed is not a question (the type select always has a value).
        var isEmpty: Bool {
            [text, options, skipIf, skipTo].allSatisfy { Validate.trimmed($0).isEmpty }
        }
    }

    static let rowCount = 10

    var title: String = ""
    var description: String = ""
    var kind: String = SurveyKind.field.rawValue
    var programmeID: String = ""
    var cycleID: String = ""
    var serviceUnit: String = ""
    var period: String = ""
    var categories: String = ""
    var rows: [Row] = Array(repeating: Row(), count: SurveyInput.rowCount)
}

/// Every change to surveys: building one (or the IKM template), recording a response from the public
/// page or from paper, and closing. Input is checked in full before anything is written; a response
/// is written in one transaction with its answers and photos, so it is stored whole or not at all.
struct SurveyService {
    let db: any Database

    static let closed = PilarError(status: .conflict, code: "survey_closed", messageKey: "error.survey_closed")
    static let maxCategories = 20
    static let maxCategoryLength = 100

    /// A photo as received, already checked to be a PNG or JPEG within the size limit.
    struct Photo: Sendable {
        let position: Int
        let contentType: String
        let bytes: [UInt8]
    }

    // MARK: building

    func create(region: String, input: SurveyInput, actor: AuthUser?, actorLabel: String? = nil) async throws -> Int {
        var problems: [FieldProblem] = []
        Validate.required(input.title, field: "title", max: 200, into: &problems)
        Validate.optional(input.description, field: "description", max: 2000, into: &problems)
        let kind = SurveyKind(rawValue: input.kind)
        if kind == nil { problems.append(.init(field: "kind", key: "error.survey_kind")) }

        var programmeID: Int?
        let programmeText = Validate.trimmed(input.programmeID)
        if !programmeText.isEmpty {
            if let id = Int(programmeText), let programme = try await ProgrammeModel.find(id, on: db), programme.regionCode == region {
                programmeID = id
            } else {
                problems.append(.init(field: "programmeID", key: "error.survey_programme"))
            }
        } else if kind == .field {
            problems.append(.init(field: "programmeID", key: "error.survey_programme_required"))
        }
        var cycleID: Int?
        let cycleText = Validate.trimmed(input.cycleID)
        if !cycleText.isEmpty {
            if let id = Int(cycleText), try await EvaluationCycleModel.find(id, on: db) != nil {
                cycleID = id
            } else {
                problems.append(.init(field: "cycleID", key: "error.survey_cycle"))
            }
        }

        let serviceUnit = Validate.trimmed(input.serviceUnit)
        if kind == .ikm {
            Validate.required(serviceUnit, field: "serviceUnit", max: 200, into: &problems)
        } else {
            Validate.optional(serviceUnit, field: "serviceUnit", max: 200, into: &problems)
        }
        var period = ""
        let periodText = Validate.trimmed(input.period).uppercased()
        if !periodText.isEmpty || kind == .ikm {
            if let parsed = Period(periodText), [.yearly, .semester].contains(parsed.frequency) {
                period = parsed.code
            } else {
                problems.append(.init(field: "period", key: "error.survey_period"))
            }
        }

        let categories = Self.lines(input.categories)
        if categories.count > Self.maxCategories || categories.contains(where: { $0.count > Self.maxCategoryLength }) {
            problems.append(.init(field: "categories", key: "error.survey_categories"))
        }

        var specs: [SurveyQuestionSpec]
        if kind == .ikm {
            specs = IKM.template
        } else {
            specs = []
            for (index, row) in input.rows.enumerated() where !row.isEmpty {
                let position = index + 1
                guard let type = QuestionType(rawValue: row.type) else {
                    problems.append(.init(field: "q\(position)_type", key: "error.survey_type"))
                    continue
                }
                var skipTo: Int?
                let skipToText = Validate.trimmed(row.skipTo)
                if !skipToText.isEmpty {
                    if let target = Int(skipToText) {
                        skipTo = target
                    } else {
                        problems.append(.init(field: "q\(position)_skip", key: "error.survey_skip_target"))
                    }
                }
                let skipIf = Validate.trimmed(row.skipIf)
                specs.append(SurveyQuestionSpec(position: position, type: type, text: Validate.trimmed(row.text), required: row.required,
                                                options: type.hasOptions ? Self.lines(row.options) : [],
                                                skipIfAnswer: skipIf.isEmpty ? nil : skipIf, skipTo: skipTo))
            }
            problems += SurveyBuilderRules.check(specs)
        }
        guard problems.isEmpty, let kind else { throw PilarError.invalid(problems) }

        // Rows left empty leave gaps: number the questions 1, 2, 3… and point the skips at the new numbers.
        let renumber = Dictionary(uniqueKeysWithValues: specs.map(\.position).sorted().enumerated().map { ($0.element, $0.offset + 1) })
        let questions = specs.map { spec -> SurveyQuestionSpec in
            var question = spec
            question.position = renumber[spec.position] ?? spec.position
            question.skipTo = spec.skipTo.flatMap { renumber[$0] }
            question.skipIfAnswer = spec.skipIfAnswer.flatMap { SurveyBuilderRules.normalisedSkipAnswer($0, for: spec) }
            return question
        }.sorted { $0.position < $1.position }

        let survey = SurveyModel()
        survey.regionCode = region
        survey.title = Validate.trimmed(input.title)
        survey.description = Validate.trimmed(input.description)
        survey.kind = kind.rawValue
        survey.programmeID = programmeID
        survey.cycleID = cycleID
        survey.serviceUnit = serviceUnit
        survey.period = period
        survey.categories = categories.joined(separator: "\n")
        survey.state = SurveyState.open.rawValue
        let audit = ["title": survey.title, "kind": kind.rawValue, "questions": String(questions.count),
                     "programme": programmeID.map { String($0) } ?? "", "period": period]
        try await db.transaction { db in
            try await survey.create(on: db)
            let id = try survey.requireID()
            for question in questions {
                try await SurveyQuestionModel(surveyID: id, spec: question).create(on: db)
            }
            try await AuditLog.record(.create, entity: "survey", id: String(id), region: region, before: [String: String]?.none,
                                      after: audit, actor: actor, actorLabel: actorLabel, on: db)
        }
        return try survey.requireID()
    }

    func close(_ detail: SurveyRepository.Detail, actor: AuthUser) async throws {
        let survey = detail.survey
        guard survey.isOpen else { return }
        survey.state = SurveyState.closed.rawValue
        let region = detail.regionCode
        let id = detail.id
        try await db.transaction { db in
            try await survey.save(on: db)
            try await AuditLog.record(.update, entity: "survey", id: String(id), region: region,
                                      before: ["state": SurveyState.open.rawValue], after: ["state": SurveyState.closed.rawValue],
                                      actor: actor, on: db)
        }
    }

    // MARK: answering

    /// Checks and stores one respondent's answers; `photoProblems` are refusals of uploaded files the
    /// caller found, reported with the rest. Returns the new response's id.
    @discardableResult
    func record(_ detail: SurveyRepository.Detail, category rawCategory: String, answers: [Int: [String]], photos: [Photo],
                photoProblems: [FieldProblem] = [], collector: Int?) async throws -> Int {
        guard detail.survey.isOpen else { throw Self.closed }
        var problems = photoProblems
        let categories = detail.survey.categoryList
        let category = Validate.trimmed(rawCategory)
        if !categories.isEmpty, !categories.contains(category) {
            problems.append(.init(field: "category", key: "error.survey_category"))
        }
        var checked: SurveyAnswerSet?
        do {
            checked = try SurveyAnswerRules.check(answers, photos: Set(photos.map(\.position)), questions: detail.questions)
        } catch let error as SurveyAnswerProblems {
            problems += error.problems
        }
        guard problems.isEmpty, let checked else { throw PilarError.invalid(problems) }
        let surveyID = detail.id
        let stored = categories.isEmpty ? "" : category
        let values = checked.values
        let kept = photos.filter { checked.photos.contains($0.position) }
        return try await db.transaction { db in
            try await Self.insert(surveyID: surveyID, category: stored, answers: values, photos: kept, collector: collector, on: db)
        }
    }

    /// Writes a checked response; callers run it inside a transaction.
    static func insert(surveyID: Int, category: String, answers: [Int: [String]], photos: [Photo], collector: Int?,
                       on db: any Database) async throws -> Int {
        let response = SurveyResponseModel()
        response.surveyID = surveyID
        response.category = category
        response.collectorID = collector
        try await response.create(on: db)
        let id = try response.requireID()
        let rows = answers.keys.sorted().flatMap { position in
            (answers[position] ?? []).map { SurveyAnswerModel(responseID: id, position: position, value: $0) }
        }
        try await rows.create(on: db)
        for photo in photos {
            let model = SurveyPhotoModel()
            model.responseID = id
            model.position = photo.position
            model.contentType = photo.contentType
            model.data = Data(photo.bytes)
            try await model.create(on: db)
        }
        return id
    }

    /// Non-empty trimmed lines, each once, in the order typed.
    static func lines(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: \.isNewline).map { Validate.trimmed(String($0)) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
