/// How far ahead a programme looks. Quick wins are results citizens feel within 6-12 months.
public enum Horizon: String, CaseIterable, Codable, Sendable {
    case quickWin = "quick-win"
    case short
    case medium
    case long

    /// The longest span, in years from the start year to the end year inclusive, each horizon allows.
    public var maxYears: Int {
        switch self {
        case .quickWin: return 1
        case .short: return 5
        case .medium: return 10
        case .long: return 20
        }
    }
}

public enum ProgrammeStatus: String, CaseIterable, Codable, Sendable {
    case planned
    case running
    case done
    case stopped
}

/// Where a year's money comes from.
public enum BudgetSource: String, CaseIterable, Codable, Sendable {
    case apbd = "APBD"
    case apbn = "APBN"
    case csr = "CSR"
    case other = "other"
}

/// The three levels a result is proved at: what was delivered, what changed, what citizens feel.
public enum IndicatorLevel: String, CaseIterable, Codable, Sendable {
    case output
    case outcome
    case impact
}

public enum ProgrammeRules {
    /// Years must be plausible, in order, and fit the horizon; the problems name the form fields.
    public static func checkYears(start: Int?, end: Int?, horizon: Horizon?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        guard let start, (2000...2100).contains(start) else {
            return [FieldProblem(field: "startYear", key: "error.year")]
        }
        guard let end, (2000...2100).contains(end) else {
            return [FieldProblem(field: "endYear", key: "error.year")]
        }
        if end < start {
            problems.append(FieldProblem(field: "endYear", key: "error.end_before_start"))
        } else if let horizon, end - start + 1 > horizon.maxYears {
            problems.append(FieldProblem(field: "endYear", key: "error.horizon_span"))
        }
        return problems
    }
}
