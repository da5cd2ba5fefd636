import PilarCore
import Vapor

/// The roadmap form's fields for a programme, from the page (form-encoded) or the API (JSON).
struct ProgrammeInput: Content {
    var title: String?
    var description: String?
    var leadAgencyID: Int?
    var coAgencyIDs: [Int]?
    var dimensionCode: String?
    var elementCodes: [String]?
    var horizon: String?
    var startYear: Int?
    var endYear: Int?
    var status: String?
    var legalBasis: String?
    var legalBasisDate: String?
    var links: String?
    /// One line per budget entry (`2025 APBD 150000000`); the API may send `budgets` instead.
    var budgetText: String?
    var budgets: [BudgetLine]?
}

/// A programme's checked values, ready to store.
struct ProgrammeValues: Equatable {
    let title: String
    let description: String
    let leadAgencyID: Int
    let coAgencyIDs: [Int]
    let dimensionCode: String
    let elementCodes: [String]
    let horizon: Horizon
    let startYear: Int
    let endYear: Int
    let status: ProgrammeStatus
    let legalBasis: String?
    let legalBasisDate: String?
    let links: String
    let budgets: [BudgetLine]
}

/// What validation needs to know about the region: its agencies and its framework.
struct ProgrammeContext {
    let activeAgencyIDs: Set<Int>
    /// Dimension code → its element codes, from the region's framework version.
    let elementsByDimension: [String: [String]]
}

extension ProgrammeInput {
    func validated(in context: ProgrammeContext) throws -> ProgrammeValues {
        var problems: [FieldProblem] = []
        let title = Validate.trimmed(title)
        Validate.required(title, field: "title", max: 300, into: &problems)
        let description = Validate.trimmed(description)
        Validate.optional(description, field: "description", max: 5000, into: &problems)
        if leadAgencyID.map({ !context.activeAgencyIDs.contains($0) }) ?? true {
            problems.append(FieldProblem(field: "leadAgencyID", key: "error.agency_pick"))
        }
        let coAgencies = Array(Set(coAgencyIDs ?? [])).filter { $0 != leadAgencyID }.sorted()
        if coAgencies.contains(where: { !context.activeAgencyIDs.contains($0) }) {
            problems.append(FieldProblem(field: "coAgencyIDs", key: "error.agency_pick"))
        }
        let dimension = Validate.trimmed(dimensionCode)
        let allowedElements = context.elementsByDimension[dimension]
        if allowedElements == nil { problems.append(FieldProblem(field: "dimensionCode", key: "error.dimension")) }
        let elements = Array(Set(elementCodes ?? [])).sorted()
        if let allowedElements, elements.isEmpty || elements.contains(where: { !allowedElements.contains($0) }) {
            problems.append(FieldProblem(field: "elementCodes", key: "error.elements"))
        }
        let horizon = Horizon(rawValue: self.horizon ?? "")
        if horizon == nil { problems.append(FieldProblem(field: "horizon", key: "error.choose")) }
        let status = ProgrammeStatus(rawValue: self.status ?? ProgrammeStatus.planned.rawValue)
        if status == nil { problems.append(FieldProblem(field: "status", key: "error.choose")) }
        problems += ProgrammeRules.checkYears(start: startYear, end: endYear, horizon: horizon)
        let legalBasis = Validate.trimmed(legalBasis)
        Validate.optional(legalBasis, field: "legalBasis", max: 300, into: &problems)
        let legalDate = Validate.trimmed(legalBasisDate)
        if !legalDate.isEmpty, !Self.isISODate(legalDate) {
            problems.append(FieldProblem(field: "legalBasisDate", key: "error.date"))
        }
        let links = Validate.trimmed(links)
        let badLink = links.split(whereSeparator: \.isNewline).contains { line in
            let url = line.trimmingCharacters(in: .whitespaces)
            return !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") || url.count > 500
        }
        if badLink { problems.append(FieldProblem(field: "links", key: "error.links")) }
        var budgets = self.budgets ?? []
        if let text = budgetText {
            let parsed = BudgetLine.parseLines(text)
            if parsed.badLine != nil { problems.append(FieldProblem(field: "budgetText", key: "error.budget_line")) }
            budgets = parsed.lines
        }
        if let start = startYear, let end = endYear,
           budgets.contains(where: { $0.year < start || $0.year > end || $0.amount < 0 }) {
            problems.append(FieldProblem(field: "budgetText", key: "error.budget_years"))
        }
        if Set(budgets.map { "\($0.year)\($0.source.rawValue)" }).count != budgets.count {
            problems.append(FieldProblem(field: "budgetText", key: "error.budget_duplicate"))
        }
        guard problems.isEmpty, let lead = leadAgencyID, let horizon, let status, let start = startYear, let end = endYear else {
            throw PilarError.invalid(problems)
        }
        return ProgrammeValues(title: title, description: description, leadAgencyID: lead, coAgencyIDs: coAgencies,
                               dimensionCode: dimension, elementCodes: elements, horizon: horizon, startYear: start, endYear: end,
                               status: status, legalBasis: legalBasis.nilIfEmpty, legalBasisDate: legalDate.nilIfEmpty,
                               links: links, budgets: budgets.sorted { ($0.year, $0.source.rawValue) < ($1.year, $1.source.rawValue) })
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1945...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}
