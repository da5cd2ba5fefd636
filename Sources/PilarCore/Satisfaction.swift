/// The four answers of the satisfaction widget, from best to worst, as citizens see them everywhere.
public enum SatisfactionAnswer: String, CaseIterable, Sendable, Codable {
    case sangatPuas = "sangat-puas"
    case puas
    case cukupPuas = "cukup-puas"
    case tidakPuas = "tidak-puas"

    /// Whether the answer counts as satisfied for the citizen-sourced outcome indicator.
    public var isSatisfied: Bool { self == .sangatPuas || self == .puas }
}

/// Votes on one item, with shares that always add up to 100 when shown rounded.
public struct SatisfactionTally: Sendable, Equatable {
    public let counts: [SatisfactionAnswer: Int]

    public init(counts: [SatisfactionAnswer: Int]) { self.counts = counts }

    public var total: Int { counts.values.reduce(0, +) }

    /// Share of *Sangat Puas* and *Puas* in percent, the programme's citizen outcome figure; nil without votes.
    public var satisfiedShare: Double? {
        guard total > 0 else { return nil }
        let satisfied = SatisfactionAnswer.allCases.filter(\.isSatisfied).reduce(0) { $0 + (counts[$1] ?? 0) }
        return Double(satisfied) / Double(total) * 100
    }

    /// Whole percentages by the largest-remainder method, so 75 / 6 / 6 / 13 sums to 100 rather than 99.
    public var percentages: [SatisfactionAnswer: Int] {
        guard total > 0 else { return Dictionary(uniqueKeysWithValues: SatisfactionAnswer.allCases.map { ($0, 0) }) }
        let exact = SatisfactionAnswer.allCases.map { (answer: $0, value: Double(counts[$0] ?? 0) * 100 / Double(total)) }
        var result = Dictionary(uniqueKeysWithValues: exact.map { ($0.answer, Int($0.value.rounded(.down))) })
        var missing = 100 - result.values.reduce(0, +)
        for entry in exact.sorted(by: { ($0.value - $0.value.rounded(.down)) > ($1.value - $1.value.rounded(.down)) }) where missing > 0 {
            result[entry.answer, default: 0] += 1
            missing -= 1
        }
        return result
    }
}
