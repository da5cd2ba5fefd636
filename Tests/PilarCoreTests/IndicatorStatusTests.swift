import Foundation
import PilarCore
import Testing

@Suite("Status thresholds")
struct StatusThresholdsTests {
    @Test("defaults are 90%, 60% and 30 days")
    func defaults() throws {
        let thresholds = StatusThresholds()
        #expect(thresholds.onTrackFrom == 90)
        #expect(thresholds.atRiskFrom == 60)
        #expect(thresholds.graceDays == 30)
        #expect(try StatusThresholds(onTrackFrom: 90) == thresholds)
    }

    @Test("refuses settings that break the rules", arguments: [
        (60.0, 60.0, 30, StatusThresholdsError.onTrackNotAboveAtRisk(onTrackFrom: 60, atRiskFrom: 60)),
        (50, 60, 30, .onTrackNotAboveAtRisk(onTrackFrom: 50, atRiskFrom: 60)),
        (90, -1, 30, .negativeAtRisk(-1)),
        (90, 60, -1, .negativeGraceDays(-1)),
        (.nan, 60, 30, .notFinite),
        (.infinity, 60, 30, .notFinite),
    ])
    func refuses(onTrack: Double, atRisk: Double, grace: Int, error: StatusThresholdsError) {
        #expect(throws: error) { try StatusThresholds(onTrackFrom: onTrack, atRiskFrom: atRisk, graceDays: grace) }
    }

    @Test("accepts the edges of the rules")
    func accepts() throws {
        let thresholds = try StatusThresholds(onTrackFrom: 0.5, atRiskFrom: 0, graceDays: 0)
        #expect(thresholds.atRiskFrom == 0)
        #expect(thresholds.graceDays == 0)
    }

    @Test("decoding fills missing keys with defaults and refuses bad values")
    func decoding() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(StatusThresholds.self, from: Data("{}".utf8)) == StatusThresholds())
        let partial = try decoder.decode(StatusThresholds.self, from: Data(#"{"onTrackFrom": 85}"#.utf8))
        #expect(partial == (try StatusThresholds(onTrackFrom: 85, atRiskFrom: 60, graceDays: 30)))
        #expect(throws: DecodingError.self) {
            try decoder.decode(StatusThresholds.self, from: Data(#"{"onTrackFrom": 50, "atRiskFrom": 60}"#.utf8))
        }
        let custom = try StatusThresholds(onTrackFrom: 80, atRiskFrom: 50, graceDays: 14)
        #expect(try decoder.decode(StatusThresholds.self, from: JSONEncoder().encode(custom)) == custom)
    }

    @Test("the thresholds themselves count as reached", arguments: [
        (90.0, IndicatorStatus.onTrack), (150, .onTrack), (89.99, .atRisk), (60, .atRisk), (59.99, .late), (0, .late),
    ])
    func bands(percent: Double, expected: IndicatorStatus) {
        #expect(StatusThresholds().status(forAchievement: percent) == expected)
    }
}

@Suite("Indicator status")
struct IndicatorStatusTests {
    /// Mid-August 2025: 2025S1 ended on 1 July and, with 30 days' grace, became due on 31 July.
    static let august = utcDay(2025, 8, 15)

    static func assess(
        _ targets: [String: Double], _ realisations: [String: Double] = [:],
        direction: Direction = .higherIsBetter, formula: LowerIsBetterFormula = .inverseRatio,
        today: Date = august, thresholds: StatusThresholds = StatusThresholds()
    ) -> IndicatorAssessment {
        IndicatorAssessment(
            targets: Dictionary(uniqueKeysWithValues: targets.map { (knownPeriod($0.key), $0.value) }),
            realisations: Dictionary(uniqueKeysWithValues: realisations.map { (knownPeriod($0.key), $0.value) }),
            direction: direction, lowerFormula: formula, today: today, thresholds: thresholds
        )
    }

    @Test("no targets means no data, whatever was reported")
    func noTargets() {
        let result = Self.assess([:], ["2025S1": 50])
        #expect(result == IndicatorAssessment(status: .noData, period: nil, achievement: nil))
    }

    @Test("targets not yet due and nothing reported means no data")
    func nothingDue() {
        #expect(Self.assess(["2025S1": 100, "2025S2": 100], today: utcDay(2025, 3, 1)).status == .noData)
        // Ended but still within the grace period: not stale yet.
        #expect(Self.assess(["2025S1": 100], today: utcDay(2025, 7, 15)).status == .noData)
    }

    @Test("a due period with nothing reported is stale")
    func stale() {
        let result = Self.assess(["2025S1": 100])
        #expect(result == IndicatorAssessment(status: .stale, period: knownPeriod("2025S1"), achievement: nil))
        // An older report does not answer the latest deadline.
        #expect(Self.assess(["2024S2": 100, "2025S1": 100], ["2024S2": 95]).status == .stale)
        // Nor does an early report for a later period.
        #expect(Self.assess(["2025S1": 100, "2025S2": 100], ["2025S2": 95]).period == knownPeriod("2025S1"))
        #expect(Self.assess(["2025S1": 100, "2025S2": 100], ["2025S2": 95]).status == .stale)
        // A realisation for a period without a target does not count either.
        #expect(Self.assess(["2025S1": 100], ["202506": 95]).status == .stale)
    }

    @Test("the grace period comes from the thresholds")
    func grace() throws {
        let noGrace = try StatusThresholds(graceDays: 0)
        #expect(Self.assess(["2025S1": 100], today: utcDay(2025, 7, 2), thresholds: noGrace).status == .stale)
        #expect(Self.assess(["2025S1": 100], today: utcDay(2025, 7, 2)).status == .noData)
    }

    @Test("the latest reported period sets the status", arguments: [
        (95.0, IndicatorStatus.onTrack), (90, .onTrack), (70, .atRisk), (60, .atRisk), (40, .late), (0, .late),
    ])
    func bands(realisation: Double, expected: IndicatorStatus) {
        let result = Self.assess(["2025S1": 100], ["2025S1": realisation])
        #expect(result.status == expected)
        #expect(result.period == knownPeriod("2025S1"))
        #expect(isClose(result.achievement, realisation))
    }

    @Test("a missing older report does not matter once the latest deadline is met")
    func olderGap() {
        let result = Self.assess(["2024S2": 100, "2025S1": 100], ["2025S1": 95])
        #expect(result.status == .onTrack)
        #expect(result.period == knownPeriod("2025S1"))
    }

    @Test("an early report for a period not yet due is the newest information")
    func earlyReport() {
        let result = Self.assess(["2025S1": 100, "2025S2": 100], ["2025S1": 95, "2025S2": 40])
        #expect(result.status == .late)
        #expect(result.period == knownPeriod("2025S2"))
    }

    @Test("a year and its last semester answer the same deadline; the year is measured first")
    func yearAndSemester() {
        let march = utcDay(2026, 3, 1)
        let both = Self.assess(["2025": 100, "2025S2": 50], ["2025": 50, "2025S2": 50], today: march)
        #expect(both.period == knownPeriod("2025"))
        #expect(both.status == .late)
        let semesterOnly = Self.assess(["2025": 100, "2025S2": 50], ["2025S2": 50], today: march)
        #expect(semesterOnly.period == knownPeriod("2025S2"))
        #expect(semesterOnly.status == .onTrack)
    }

    @Test("lower is better uses the region's formula")
    func lowerIsBetter() {
        // 111 against 100: inverse ratio gives 90.09% (on track), complement 89% (at risk).
        let inverse = Self.assess(["2025S1": 100], ["2025S1": 111], direction: .lowerIsBetter, formula: .inverseRatio)
        let complement = Self.assess(["2025S1": 100], ["2025S1": 111], direction: .lowerIsBetter, formula: .complement)
        #expect(inverse.status == .onTrack)
        #expect(complement.status == .atRisk)
        #expect(isClose(complement.achievement, 89))
        #expect(Self.assess(["2025S1": 10], ["2025S1": 0], direction: .lowerIsBetter).status == .onTrack)
        #expect(Self.assess(["2025S1": 10], ["2025S1": 20], direction: .lowerIsBetter).status == .late)
    }

    @Test("an achievement that cannot be computed is no data, pointing at the period")
    func uncomputable() {
        let result = Self.assess(["2025S1": 0], ["2025S1": 5])
        #expect(result == IndicatorAssessment(status: .noData, period: knownPeriod("2025S1"), achievement: nil))
        #expect(Self.assess(["2025S1": 0], ["2025S1": 0]).status == .onTrack)
    }

    @Test("custom thresholds move the bands")
    func customThresholds() throws {
        let strict = try StatusThresholds(onTrackFrom: 100, atRiskFrom: 80)
        #expect(Self.assess(["2025S1": 100], ["2025S1": 95], thresholds: strict).status == .atRisk)
        #expect(Self.assess(["2025S1": 100], ["2025S1": 75], thresholds: strict).status == .late)
    }
}

@Suite("Programme status rollup")
struct StatusRollupTests {
    @Test("the worst indicator decides; no data only when nothing has data", arguments: [
        ([IndicatorStatus](), IndicatorStatus.noData),
        ([.noData, .noData], .noData),
        ([.onTrack, .noData], .onTrack),
        ([.noData, .atRisk, .onTrack], .atRisk),
        ([.atRisk, .stale, .onTrack], .stale),
        ([.stale, .late, .noData], .late),
        ([.late, .onTrack], .late),
        ([.onTrack, .onTrack], .onTrack),
    ])
    func rollup(statuses: [IndicatorStatus], expected: IndicatorStatus) {
        #expect(IndicatorStatus.rollup(statuses) == expected)
        #expect(IndicatorStatus.rollup(statuses.reversed()) == expected)
    }

    @Test("stored names stay stable")
    func rawValues() {
        #expect(IndicatorStatus.allCases.map(\.rawValue).sorted() == ["at-risk", "late", "no-data", "on-track", "stale"])
    }
}
