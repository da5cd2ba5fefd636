import Fluent
import Foundation
import PilarCore
import Vapor

extension UploadLimit {
    /// Ten photo questions at the photo limit, with room for the rest of the form; a larger single
    /// photo still arrives whole, so it can be refused with a message rather than a bare 413.
    static let surveyForm = 25 * 1024 * 1024
    static let surveyPhoto = 2 * 1024 * 1024
}

/// Surveys: the region's list, the no-JavaScript builder, the public answering page (no account,
/// phone first), paper entry by collectors, results with exports, and closing.
struct SurveysController: RouteCollection {
    static let builders: Set<Role> = [.regionAdmin, .planner, .agencyOperator]
    static let closers: Set<Role> = [.regionAdmin, .planner]
    /// Below this many respondents a programme-linked survey's results are flagged as not yet reliable.
    static let minimumRespondents = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "surveys", use: list)
        routes.access(.roles(Self.builders)).get("regions", ":code", "surveys", "new", use: new)
        routes.access(.roles(Self.builders)).post("regions", ":code", "surveys", use: create)
        routes.access(.everyone).get("s", ":id", use: answerForm)
        let answerRoute = routes.access(.everyone)
            .on(.POST, "s", ":id", body: .collect(maxSize: ByteCount(integerLiteral: UploadLimit.surveyForm)), use: answer)
        answerRoute.userInfo[UploadLimit.userInfoKey] = UploadLimit.surveyForm
        routes.access(.roles(Self.builders)).get("surveys", ":id", "paper", use: paperForm)
        let paperRoute = routes.access(.roles(Self.builders))
            .on(.POST, "surveys", ":id", "paper", body: .collect(maxSize: ByteCount(integerLiteral: UploadLimit.surveyForm)), use: paper)
        paperRoute.userInfo[UploadLimit.userInfoKey] = UploadLimit.surveyForm
        routes.access(.signedIn).get("surveys", ":id", "results", use: results)
        routes.access(.roles(Self.closers)).post("surveys", ":id", "close", use: close)
    }

    // MARK: list and builder

    @Sendable func list(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let rows = try await SurveyRepository(db: req.db).list(region: region.code).map { row in
            SurveyListPage.Row(id: row.id, title: row.title, kindKey: "survey.kind." + row.kind, stateKey: "survey.state." + row.state,
                               programme: row.programme ?? "–", serviceUnit: row.serviceUnit, hasServiceUnit: !row.serviceUnit.isEmpty,
                               period: row.period,
                               respondents: row.respondents, publicLink: "/s/\(row.id)",
                               canCollect: Self.builders.contains(user.role) && row.state == SurveyState.open.rawValue)
        }
        return try await req.render("surveys/list", titleKey: "surveys.title", titleSuffix: region.name, SurveyListPage(
            regionCode: region.code, regionName: region.name, rows: rows, hasRows: !rows.isEmpty,
            canCreate: Self.builders.contains(user.role)))
    }

    @Sendable func new(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        return try await req.render("surveys/form", titleKey: "surveys.new", titleSuffix: region.name,
                                    try await formPage(req, region: region, input: SurveyInput(), errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        var input = SurveyInput(title: text("title"), description: text("description"), kind: text("kind"),
                                programmeID: text("programmeID"), cycleID: text("cycleID"), serviceUnit: text("serviceUnit"),
                                period: text("period"), categories: text("categories"))
        input.rows = (1...SurveyInput.rowCount).map { number in
            let type = text("q\(number)_type")
            return SurveyInput.Row(type: type.isEmpty ? QuestionType.text.rawValue : type, text: text("q\(number)_text"),
                                   options: text("q\(number)_options"), required: !text("q\(number)_required").isEmpty,
                                   skipIf: text("q\(number)_skipIf"), skipTo: text("q\(number)_skipTo"))
        }
        do {
            let id = try await SurveyService(db: req.db).create(region: region.code, input: input, actor: user)
            return req.redirect(to: "/surveys/\(id)/results", flash: "surveys.created")
        } catch let error as PilarError where error.status == .unprocessableEntity {
            return try await formError(req, error, template: "surveys/form", titleKey: "surveys.new",
                                       page: try await formPage(req, region: region, input: input, errors: error.fields.byField))
        }
    }

    private func formPage(_ req: Request, region: RegionRepository.Summary, input: SurveyInput, errors: [String: String]) async throws -> SurveyFormPage {
        let catalog = req.catalog
        let programmes = try await ProgrammeModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$title).all()
        let cycles = try await EvaluationCycleModel.query(on: req.db).sort(\.$period, .descending).all()
        let rows = input.rows.enumerated().map { index, row in
            let number = index + 1
            return SurveyFormPage.Row(
                number: number,
                types: QuestionType.allCases.map { Choice(value: $0.rawValue, label: catalog.text("survey.type." + $0.rawValue), selected: $0.rawValue == row.type) },
                text: row.text, options: row.options, required: row.required, skipIf: row.skipIf, skipTo: row.skipTo,
                errorType: errors["q\(number)_type"], errorText: errors["q\(number)_text"],
                errorOptions: errors["q\(number)_options"], errorSkip: errors["q\(number)_skip"])
        }
        return SurveyFormPage(
            regionCode: region.code, regionName: region.name, action: "/regions/\(region.code)/surveys",
            title: input.title, description: input.description, serviceUnit: input.serviceUnit, period: input.period,
            categories: input.categories,
            kinds: SurveyKind.allCases.map { Choice(value: $0.rawValue, label: catalog.text("survey.kind." + $0.rawValue), selected: $0.rawValue == input.kind) },
            programmes: programmes.compactMap { programme in
                programme.id.map { Choice(value: String($0), label: programme.title, selected: String($0) == input.programmeID) }
            },
            cycles: cycles.compactMap { cycle in
                cycle.id.map { Choice(value: String($0), label: cycle.period, selected: String($0) == input.cycleID) }
            },
            rows: rows, errors: errors, hasErrors: !errors.isEmpty)
    }

    // MARK: answering

    @Sendable func answerForm(req: Request) async throws -> Response {
        let detail = try await Self.survey(req)
        return try await answerPage(req, detail, paper: false, typed: [:], category: "", errors: [:], status: .ok)
    }

    @Sendable func answer(req: Request) async throws -> Response {
        // Public answering needs no account, so one address gets a budget like the other citizen forms.
        try await CitizenGuard.admit(req, "survey", limit: CitizenGuard.reportsPerMinute * 2)
        let detail = try await Self.survey(req)
        return try await receive(req, detail, paper: false, collector: nil)
    }

    @Sendable func paperForm(req: Request) async throws -> Response {
        let detail = try await Self.survey(req)
        try Scope.requireRegion(detail.regionCode, for: try req.user)
        return try await answerPage(req, detail, paper: true, typed: [:], category: "", errors: [:], status: .ok)
    }

    @Sendable func paper(req: Request) async throws -> Response {
        let detail = try await Self.survey(req)
        let user = try req.user
        try Scope.requireRegion(detail.regionCode, for: user)
        return try await receive(req, detail, paper: true, collector: user.id)
    }

    /// Reads one response from the form (multipart because of photos), checks photos by their content,
    /// and stores it or shows the form again with the problems and everything typed.
    private func receive(_ req: Request, _ detail: SurveyRepository.Detail, paper: Bool, collector: Int?) async throws -> Response {
        guard detail.survey.isOpen else { throw SurveyService.closed }
        var answers: [Int: [String]] = [:]
        var photos: [SurveyService.Photo] = []
        var photoProblems: [FieldProblem] = []
        for question in detail.questions {
            let key = "q\(question.position)"
            switch question.type {
            case .photo:
                guard let file = try? req.content.get(File.self, at: key), file.data.readableBytes > 0 else { continue }
                let bytes = Array(file.data.readableBytesView)
                if bytes.count > UploadLimit.surveyPhoto {
                    photoProblems.append(.init(field: key, key: "error.survey_photo_size"))
                    continue
                }
                switch EvidenceType.sniff(bytes) {
                case .some(.png):
                    photos.append(.init(position: question.position, contentType: EvidenceType.png.contentType, bytes: bytes))
                case .some(.jpeg):
                    photos.append(.init(position: question.position, contentType: EvidenceType.jpeg.contentType, bytes: bytes))
                default:
                    photoProblems.append(.init(field: key, key: "error.survey_photo_type"))
                }
            case .multiple:
                if let values = try? req.content.get([String].self, at: key) {
                    answers[question.position] = values
                } else if let value = try? req.content.get(String.self, at: key) {
                    answers[question.position] = [value]
                }
            default:
                if let value = try? req.content.get(String.self, at: key) { answers[question.position] = [value] }
            }
        }
        let category = (try? req.content.get(String.self, at: "category")) ?? ""
        do {
            try await SurveyService(db: req.db).record(detail, category: category, answers: answers, photos: photos,
                                                       photoProblems: photoProblems, collector: collector)
        } catch let error as PilarError where error.status == .unprocessableEntity {
            return try await answerPage(req, detail, paper: paper, typed: answers, category: category, errors: error.fields.byField,
                                        status: .unprocessableEntity)
        }
        if paper {
            return req.redirect(to: "/surveys/\(detail.id)/paper", flash: "survey.paper_saved")
        }
        let view = try await req.render("surveys/thanks", titleKey: "survey.thanks_title",
                                        SurveyThanksPage(title: detail.survey.title, again: "/s/\(detail.id)"))
        return try await view.encodeResponse(for: req)
    }

    private func answerPage(_ req: Request, _ detail: SurveyRepository.Detail, paper: Bool, typed: [Int: [String]], category: String,
                            errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let catalog = req.catalog
        let questions = detail.questions.map { spec -> SurveyAnswerPage.Question in
            let field = "q\(spec.position)"
            let given = typed[spec.position] ?? []
            let choices = Self.choices(for: spec, catalog)
            var hint = ""
            if let answer = spec.skipIfAnswer, let target = spec.skipTo {
                hint = catalog.text("survey.skip_hint").replacingOccurrences(of: "{answer}", with: answer)
                    .replacingOccurrences(of: "{target}", with: String(target))
            }
            return SurveyAnswerPage.Question(
                position: spec.position, field: field, multipleField: field + "[]", text: spec.text, required: spec.required,
                isSingle: spec.type == .single, isMultiple: spec.type == .multiple, isScale: spec.type == .scale4,
                isNumber: spec.type == .number, isText: spec.type == .text, isDate: spec.type == .date,
                isLocation: spec.type == .location, isPhoto: spec.type == .photo,
                options: choices.enumerated().map { index, choice in
                    SurveyAnswerPage.Option(id: "\(field)-\(index + 1)", value: choice.value, label: choice.label,
                          selected: given.contains { Validate.trimmed($0) == choice.value })
                },
                value: spec.type.isCounted ? "" : given.joined(separator: "\n"),
                skipHint: hint, hasSkip: !hint.isEmpty, error: errors[field])
        }
        let categories = detail.survey.categoryList
        let page = SurveyAnswerPage(
            id: detail.id, title: detail.survey.title, description: detail.survey.description,
            hasDescription: !detail.survey.description.isEmpty,
            action: paper ? "/surveys/\(detail.id)/paper" : "/s/\(detail.id)", isPaper: paper, closed: !detail.survey.isOpen,
            isIKM: detail.kind == .ikm, serviceUnit: detail.survey.serviceUnit, period: detail.survey.period,
            categories: categories.map { Choice(value: $0, label: $0, selected: $0 == Validate.trimmed(category)) },
            hasCategories: !categories.isEmpty, categoryError: errors["category"],
            questions: questions, hasErrors: !errors.isEmpty, resultsHref: "/surveys/\(detail.id)/results")
        let view = try await req.render("surveys/answer", titleKey: paper ? "survey.paper" : "survey.answer_title",
                                        titleSuffix: detail.survey.title, page, needsCSRF: true)
        return try await view.encodeResponse(status: status, for: req)
    }

    // MARK: results

    @Sendable func results(req: Request) async throws -> Response {
        let detail = try await Self.survey(req)
        let user = try req.user
        try Scope.requireRegion(detail.regionCode, for: user)
        let repository = SurveyRepository(db: req.db)
        if let format = Export.requested(req) {
            return try await export(req, detail, format: format)
        }
        let results = try await repository.results(detail)
        let catalog = req.catalog
        let english = req.language == .en
        var categoryNames = detail.survey.categoryList
        for name in results.byCategory.keys.sorted() where !categoryNames.contains(name) { categoryNames.append(name) }
        let label = { (name: String) in name.isEmpty ? catalog.text("survey.no_category") : name }
        let hasBreakdown = !detail.survey.categoryList.isEmpty
        let questions = results.questions.map { result -> SurveyResultsPage.Question in
            let spec = result.spec
            var options: [SurveyResultsPage.Option] = []
            if spec.type.isCounted {
                let choices = Self.choices(for: spec, catalog)
                options = choices.map { choice in
                    let count = result.counts[choice.value] ?? 0
                    let share = result.answered > 0 ? Double(count) * 100 / Double(result.answered) : 0
                    let cells = hasBreakdown ? categoryNames.map { name -> String in
                        let n = result.countsByCategory[choice.value]?[name] ?? 0
                        return "\(n) (" + Self.percent(n, of: result.answeredByCategory[name] ?? 0, req) + ")"
                    } : []
                    return SurveyResultsPage.Option(label: choice.label, count: count, percent: Self.percent(count, of: result.answered, req),
                                 bar: Int(share.rounded()), cells: cells)
                }
            }
            var values: [SurveyResultsPage.Value] = []
            var hidden = 0
            if [.text, .date, .location].contains(spec.type) {
                let sorted = result.counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                values = sorted.prefix(100).map { SurveyResultsPage.Value(text: $0.key, count: $0.value, repeated: $0.value > 1) }
                hidden = max(0, sorted.count - 100)
            }
            return SurveyResultsPage.Question(
                position: spec.position, text: spec.text, typeKey: "survey.type." + spec.type.rawValue, answered: result.answered,
                isCounted: spec.type.isCounted, isMultiple: spec.type == .multiple, hasMean: result.mean != nil,
                mean: req.score(result.mean), options: options, values: values, hasValues: !values.isEmpty,
                hasMore: hidden > 0, moreValues: hidden, isPhoto: spec.type == .photo)
        }
        let few = detail.survey.programmeID != nil && results.respondents < Self.minimumRespondents
        let ikm = results.ikm
        let page = SurveyResultsPage(
            id: detail.id, regionCode: detail.regionCode, title: detail.survey.title, description: detail.survey.description,
            hasDescription: !detail.survey.description.isEmpty, kindKey: "survey.kind." + detail.survey.kind,
            stateKey: "survey.state." + detail.survey.state, isOpen: detail.survey.isOpen,
            programme: detail.programme ?? "", programmeID: detail.survey.programmeID ?? 0, hasProgramme: detail.programme != nil,
            cycle: detail.cycle ?? "", hasCycle: detail.cycle != nil,
            serviceUnit: detail.survey.serviceUnit, period: detail.survey.period, isIKM: detail.kind == .ikm,
            respondents: results.respondents, fewRespondents: few,
            fewNotice: catalog.text("survey.few_respondents").replacingOccurrences(of: "{count}", with: String(results.respondents))
                .replacingOccurrences(of: "{minimum}", with: String(Self.minimumRespondents)),
            publicLink: "/s/\(detail.id)",
            categories: categoryNames.map { name in
                let count = results.byCategory[name] ?? 0
                return SurveyResultsPage.Category(name: label(name), count: count, percent: Self.percent(count, of: results.respondents, req))
            },
            hasCategories: hasBreakdown || results.byCategory.keys.contains { !$0.isEmpty },
            hasBreakdown: hasBreakdown, categoryNames: hasBreakdown ? categoryNames.map(label) : [],
            questions: questions,
            hasIKM: ikm != nil, ikmIndex: req.score(ikm?.unitIndex), ikmConverted: req.score(ikm?.converted),
            ikmBand: ikm?.band.rawValue ?? "", ikmBandName: ikm.map { $0.band.name.text(english: english) } ?? "",
            ikmRespondents: ikm?.respondents ?? 0,
            ikmElements: ikm.map { result in
                IKM.elements.indices.map { index in
                    SurveyResultsPage.Element(name: IKM.elements[index].text(english: english), mean: req.score(result.elementMeans[index]))
                }
            } ?? [],
            canClose: Self.closers.contains(user.role) && detail.survey.isOpen,
            canCollect: Self.builders.contains(user.role) && detail.survey.isOpen,
            csvHref: "/surveys/\(detail.id)/results?format=csv", xlsxHref: "/surveys/\(detail.id)/results?format=xlsx")
        return try await req.render("surveys/results", titleKey: "survey.results", titleSuffix: detail.survey.title, page)
            .encodeResponse(for: req)
    }

    /// One row per response: a running number, the category and each answer; never who answered.
    private func export(_ req: Request, _ detail: SurveyRepository.Detail, format: Export.Format) async throws -> Response {
        let catalog = req.catalog
        let rows = try await SurveyRepository(db: req.db).exportRows(detail)
        let header = [catalog.text("survey.export_number"), catalog.text("survey.category")]
            + detail.questions.map { "\($0.position). \($0.text)" }
        let cells = rows.enumerated().map { entry -> [XLSX.Cell] in
            let row = entry.element
            var line: [XLSX.Cell] = [.number(Double(entry.offset + 1)), .text(Self.safeCell(row.category))]
            for question in detail.questions {
                if question.type == .photo {
                    line.append(.text(row.photos.contains(question.position) ? catalog.text("survey.export_photo") : ""))
                    continue
                }
                let values = row.answers[question.position] ?? []
                if (question.type == .number || question.type == .scale4), values.count == 1,
                   let number = SurveyAnswerRules.parseNumber(values[0]) {
                    line.append(.number(number))
                } else {
                    line.append(.text(Self.safeCell(values.joined(separator: "; "))))
                }
            }
            return line
        }
        return try Export.response(format: format, filename: "survei-\(detail.id)", sheet: "survei", header: header, rows: cells)
    }

    @Sendable func close(req: Request) async throws -> Response {
        let detail = try await Self.survey(req)
        let user = try req.user
        try Scope.requireRegion(detail.regionCode, for: user)
        try await SurveyService(db: req.db).close(detail, actor: user)
        return req.redirect(to: "/surveys/\(detail.id)/results", flash: "surveys.closed")
    }

    // MARK: helpers

    /// What a respondent can pick for a question, as stored value and label: the options, or the
    /// four scale points with their words; nothing for other types.
    static func choices(for spec: SurveyQuestionSpec, _ catalog: Catalog) -> [Choice] {
        switch spec.type {
        case .single, .multiple:
            return spec.options.map { Choice(value: $0, label: $0, selected: false) }
        case .scale4:
            return (1...4).map { Choice(value: String($0), label: "\($0) – " + catalog.text("survey.scale.\($0)"), selected: false) }
        default:
            return []
        }
    }

    static func survey(_ req: Request) async throws -> SurveyRepository.Detail {
        guard let id = req.parameters.get("id", as: Int.self), let detail = try await SurveyRepository(db: req.db).find(id) else {
            throw PilarError.notFound("survey")
        }
        return detail
    }

    /// A share with one decimal in the reader's notation, e.g. `66,7 %`; a dash when nobody answered.
    static func percent(_ count: Int, of total: Int, _ req: Request) -> String {
        guard total > 0 else { return "–" }
        let text = String(format: "%.1f", Double(count) * 100 / Double(total))
        return (req.language == .id ? text.replacingOccurrences(of: ".", with: ",") : text) + " %"
    }

    /// Citizens' text goes into spreadsheets: a leading =, +, - or @ would make it a formula there.
    static func safeCell(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}

// MARK: page models

struct SurveyListPage: Encodable {
    struct Row: Encodable {
        let id: Int
        let title: String
        let kindKey: String
        let stateKey: String
        let programme: String
        let serviceUnit: String
        let hasServiceUnit: Bool
        let period: String
        let respondents: Int
        let publicLink: String
        let canCollect: Bool
    }
    let regionCode: String
    let regionName: String
    let rows: [Row]
    let hasRows: Bool
    let canCreate: Bool
}

struct SurveyFormPage: Encodable {
    struct Row: Encodable {
        let number: Int
        let types: [Choice]
        let text: String
        let options: String
        let required: Bool
        let skipIf: String
        let skipTo: String
        let errorType: String?
        let errorText: String?
        let errorOptions: String?
        let errorSkip: String?
    }
    let regionCode: String
    let regionName: String
    let action: String
    let title: String
    let description: String
    let serviceUnit: String
    let period: String
    let categories: String
    let kinds: [Choice]
    let programmes: [Choice]
    let cycles: [Choice]
    let rows: [Row]
    let errors: [String: String]
    let hasErrors: Bool
}

struct SurveyAnswerPage: Encodable {
    struct Option: Encodable {
        let id: String
        let value: String
        let label: String
        let selected: Bool
    }
    struct Question: Encodable {
        let position: Int
        let field: String
        let multipleField: String
        let text: String
        let required: Bool
        let isSingle: Bool
        let isMultiple: Bool
        let isScale: Bool
        let isNumber: Bool
        let isText: Bool
        let isDate: Bool
        let isLocation: Bool
        let isPhoto: Bool
        let options: [Option]
        let value: String
        let skipHint: String
        let hasSkip: Bool
        let error: String?
    }
    let id: Int
    let title: String
    let description: String
    let hasDescription: Bool
    let action: String
    let isPaper: Bool
    let closed: Bool
    let isIKM: Bool
    let serviceUnit: String
    let period: String
    let categories: [Choice]
    let hasCategories: Bool
    let categoryError: String?
    let questions: [Question]
    let hasErrors: Bool
    let resultsHref: String
}

struct SurveyThanksPage: Encodable {
    let title: String
    let again: String
}

struct SurveyResultsPage: Encodable {
    struct Category: Encodable {
        let name: String
        let count: Int
        let percent: String
    }
    struct Option: Encodable {
        let label: String
        let count: Int
        let percent: String
        let bar: Int
        /// Per respondent category: "count (share)".
        let cells: [String]
    }
    struct Value: Encodable {
        let text: String
        let count: Int
        let repeated: Bool
    }
    struct Question: Encodable {
        let position: Int
        let text: String
        let typeKey: String
        let answered: Int
        let isCounted: Bool
        let isMultiple: Bool
        let hasMean: Bool
        let mean: String
        let options: [Option]
        let values: [Value]
        let hasValues: Bool
        let hasMore: Bool
        let moreValues: Int
        let isPhoto: Bool
    }
    struct Element: Encodable {
        let name: String
        let mean: String
    }
    let id: Int
    let regionCode: String
    let title: String
    let description: String
    let hasDescription: Bool
    let kindKey: String
    let stateKey: String
    let isOpen: Bool
    let programme: String
    let programmeID: Int
    let hasProgramme: Bool
    let cycle: String
    let hasCycle: Bool
    let serviceUnit: String
    let period: String
    let isIKM: Bool
    let respondents: Int
    let fewRespondents: Bool
    let fewNotice: String
    let publicLink: String
    let categories: [Category]
    let hasCategories: Bool
    let hasBreakdown: Bool
    let categoryNames: [String]
    let questions: [Question]
    let hasIKM: Bool
    let ikmIndex: String
    let ikmConverted: String
    let ikmBand: String
    let ikmBandName: String
    let ikmRespondents: Int
    let ikmElements: [Element]
    let canClose: Bool
    let canCollect: Bool
    let csvHref: String
    let xlsxHref: String
}
