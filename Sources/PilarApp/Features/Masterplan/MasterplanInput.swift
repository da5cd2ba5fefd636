import PilarCore
import Vapor

struct MasterplanInput: Content {
    var title: String?
    var startYear: Int?
    var endYear: Int?
    var vision: String?
    var mission: String?
    var executiveSummary: String?

    func validated() throws -> MasterplanInput {
        var problems: [FieldProblem] = []
        Validate.required(title, field: "title", max: 300, into: &problems)
        Validate.optional(vision, field: "vision", max: 5000, into: &problems)
        Validate.optional(mission, field: "mission", max: 10000, into: &problems)
        Validate.optional(executiveSummary, field: "executiveSummary", max: 20000, into: &problems)
        // Masterplans span 5, 10 or 20 years; anything up to 20 is accepted.
        if let start = startYear, let end = endYear, (2000...2100).contains(start), (2000...2100).contains(end) {
            if end < start { problems.append(FieldProblem(field: "endYear", key: "error.end_before_start")) }
            else if end - start > 20 { problems.append(FieldProblem(field: "endYear", key: "error.horizon_span")) }
        } else {
            problems.append(FieldProblem(field: startYear.map { (2000...2100).contains($0) } == true ? "endYear" : "startYear", key: "error.year"))
        }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        return MasterplanInput(title: Validate.trimmed(title), startYear: startYear, endYear: endYear, vision: Validate.trimmed(vision),
                               mission: Validate.trimmed(mission), executiveSummary: Validate.trimmed(executiveSummary))
    }
}

/// Buku I for one dimension: current condition, issues, readiness in three legs, and SWOT.
struct AnalysisInput: Content {
    var currentCondition: String?
    var issues: String?
    var readinessInfrastructure: String?
    var readinessSuperstructure: String?
    var readinessStructure: String?
    var strengths: String?
    var weaknesses: String?
    var opportunities: String?
    var threats: String?

    static let fields = ["currentCondition", "issues", "readinessInfrastructure", "readinessSuperstructure", "readinessStructure",
                         "strengths", "weaknesses", "opportunities", "threats"]

    func validated() throws -> AnalysisInput {
        var problems: [FieldProblem] = []
        for (field, value) in zip(Self.fields, [currentCondition, issues, readinessInfrastructure, readinessSuperstructure, readinessStructure,
                                                strengths, weaknesses, opportunities, threats]) {
            Validate.optional(value, field: field, max: 10000, into: &problems)
        }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        return self
    }
}
