import Foundation

/// Where one region's evaluation in a cycle stands. The region writes while `selfAssessment`; submitting
/// locks its scores; assessors then verify; the national admin publishes verified evaluations.
public enum EvaluationState: String, Sendable, Codable, CaseIterable {
    case selfAssessment = "self-assessment"
    case submitted
    case verified
    case published

    public var regionMayEdit: Bool { self == .selfAssessment }
    public var assessorMayEdit: Bool { self == .submitted }
}

/// A cycle's lifecycle: open while regions and assessors work, published once results are out.
public enum CycleState: String, Sendable, Codable {
    case open
    case published
}

/// Evaluations happen twice a year: stage I in the first semester, stage II in the second.
public enum EvaluationStage: Int, Sendable, Codable, CaseIterable {
    case first = 1
    case second = 2

    /// The semester period code of this stage in a year, e.g. `2025S1`.
    public func period(year: Int) -> String { "\(year)S\(rawValue)" }

    public var roman: String { self == .first ? "I" : "II" }
}

/// The peer groups the ranking is also shown within, by the region's population.
public enum PopulationBand: String, Sendable, Codable, CaseIterable {
    case small = "under-200k"
    case medium = "200k-500k"
    case large = "500k-1m"
    case metro = "over-1m"

    public init(population: Int) {
        switch population {
        case ..<200_000: self = .small
        case ..<500_000: self = .medium
        case ..<1_000_000: self = .large
        default: self = .metro
        }
    }
}

public enum EvaluationRules {
    /// An assessor's score that differs from the region's must say why, so every change is traceable.
    public static func reasonRequired(selfScore: Double?, verifiedScore: Double) -> Bool {
        guard let selfScore else { return true }
        return abs(selfScore - verifiedScore) > 1e-9
    }

    /// A programme's score on the method's scale from how far its indicators reached their targets:
    /// the mean achievement (each capped at 100 %) mapped linearly onto the scale. Nil without figures.
    public static func programmeScore(achievements: [Double], scale: ScoreScale) -> Double? {
        guard !achievements.isEmpty else { return nil }
        let mean = achievements.map { Swift.min(Swift.max($0, 0), 100) / 100 }.reduce(0, +) / Double(achievements.count)
        return scale.min + (scale.max - scale.min) * mean
    }

    /// A dimension's score is the mean of its programmes' scores (programmes without figures left out).
    public static func dimensionScore(programmeScores: [Double?]) -> Double? {
        let known = programmeScores.compactMap { $0 }
        guard !known.isEmpty else { return nil }
        return known.reduce(0, +) / Double(known.count)
    }

    /// Standard competition ranking ("1224"): equal published indices share a rank and the next rank
    /// skips accordingly. Input order does not matter; output follows descending index, then the key.
    public static func rank<Key: Comparable>(_ entries: [(key: Key, index: Double)]) -> [(key: Key, index: Double, rank: Int)] {
        let sorted = entries.sorted { a, b in
            let pa = ScoringMethod.publish(a.index), pb = ScoringMethod.publish(b.index)
            return pa != pb ? pa > pb : a.key < b.key
        }
        var result: [(key: Key, index: Double, rank: Int)] = []
        for (position, entry) in sorted.enumerated() {
            let rank: Int
            if let previous = result.last, ScoringMethod.publish(previous.index) == ScoringMethod.publish(entry.index) {
                rank = previous.rank
            } else {
                rank = position + 1
            }
            result.append((entry.key, entry.index, rank))
        }
        return result
    }

    /// Where a period sits on a time axis in years: a semester at its quarter points, a year in the middle.
    public static func timePosition(period: String) -> Double? {
        guard let parsed = Period(period) else { return nil }
        let perYear = Double(parsed.frequency.periodsPerYear)
        return Double(parsed.year) + (Double(parsed.index) - 0.5) / perYear
    }
}
