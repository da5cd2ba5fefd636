import PilarCore
import Testing

/// Whether an achievement came out as `expected`, allowing for floating-point rounding; a nil
/// result never matches.
func isClose(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) < 1e-9
}

@Suite("Indicator achievement")
struct AchievementTests {
    @Test("higher is better: realisation over target", arguments: [
        (100.0, 80.0, 80.0), (100, 100, 100), (100, 150, 150), (100, 300, 200), (4, 3, 75), (100, 0, 0),
    ])
    func higher(target: Double, realisation: Double, expected: Double) {
        #expect(isClose(Achievement.percent(target: target, realisation: realisation, direction: .higherIsBetter), expected))
    }

    @Test("lower is better, inverse ratio: target over realisation", arguments: [
        (10.0, 5.0, 200.0), (10, 20, 50), (10, 10, 100), (10, 8, 125), (10, 12, 1000.0 / 12), (10, 4, 200),
    ])
    func inverseRatio(target: Double, realisation: Double, expected: Double) {
        let result = Achievement.percent(target: target, realisation: realisation, direction: .lowerIsBetter, lowerFormula: .inverseRatio)
        #expect(isClose(result, expected))
    }

    @Test("lower is better, complement: 100 plus the shortfall below target", arguments: [
        (10.0, 5.0, 150.0), (10, 20, 0), (10, 15, 50), (10, 10, 100), (10, 8, 120), (10, 0, 200), (10, 30, 0),
    ])
    func complement(target: Double, realisation: Double, expected: Double) {
        let result = Achievement.percent(target: target, realisation: realisation, direction: .lowerIsBetter, lowerFormula: .complement)
        #expect(isClose(result, expected))
    }

    @Test("the two lower-is-better formulas differ, and inverse ratio is the default")
    func formulasDiffer() {
        let inverse = Achievement.percent(target: 10, realisation: 5, direction: .lowerIsBetter, lowerFormula: .inverseRatio)
        let complement = Achievement.percent(target: 10, realisation: 5, direction: .lowerIsBetter, lowerFormula: .complement)
        #expect(inverse != complement)
        #expect(Achievement.percent(target: 10, realisation: 5, direction: .lowerIsBetter) == inverse)
        #expect(LowerIsBetterFormula.default == .inverseRatio)
    }

    @Test("a zero realisation on lower is better scores the best result")
    func zeroRealisation() {
        #expect(Achievement.percent(target: 10, realisation: 0, direction: .lowerIsBetter, lowerFormula: .inverseRatio) == 200)
        #expect(Achievement.percent(target: 10, realisation: 0, direction: .lowerIsBetter, lowerFormula: .inverseRatio, cap: 150) == 150)
        #expect(Achievement.percent(target: 10, realisation: 0, direction: .lowerIsBetter, lowerFormula: .inverseRatio, cap: nil) == nil)
        #expect(Achievement.percent(target: 10, realisation: 0, direction: .lowerIsBetter, lowerFormula: .complement, cap: 120) == 120)
        #expect(Achievement.percent(target: 10, realisation: 0, direction: .lowerIsBetter, lowerFormula: .complement, cap: nil) == 200)
    }

    @Test("the cap cuts high results and nil leaves them")
    func cap() {
        #expect(Achievement.percent(target: 100, realisation: 300, direction: .higherIsBetter, cap: nil) == 300)
        #expect(Achievement.percent(target: 100, realisation: 300, direction: .higherIsBetter, cap: 120) == 120)
        #expect(isClose(Achievement.percent(target: 10, realisation: 1, direction: .lowerIsBetter, cap: nil), 1000))
        #expect(Achievement.percent(target: 1e-300, realisation: 1e300, direction: .higherIsBetter) == Achievement.defaultCap)
        #expect(Achievement.defaultCap == 200)
    }

    @Test("a target of zero is met only by zero", arguments: Direction.allCases)
    func zeroTarget(direction: Direction) {
        for formula in LowerIsBetterFormula.allCases {
            #expect(Achievement.percent(target: 0, realisation: 0, direction: direction, lowerFormula: formula) == 100)
            #expect(Achievement.percent(target: 0, realisation: 5, direction: direction, lowerFormula: formula) == nil)
            #expect(Achievement.percent(target: 0, realisation: -5, direction: direction, lowerFormula: formula) == nil)
        }
    }

    @Test("negative and non-finite inputs are refused or floored")
    func negatives() {
        #expect(Achievement.percent(target: -2, realisation: -1, direction: .higherIsBetter) == nil)
        #expect(Achievement.percent(target: -2, realisation: 1, direction: .lowerIsBetter) == nil)
        #expect(Achievement.percent(target: 10, realisation: -1, direction: .lowerIsBetter, lowerFormula: .inverseRatio) == nil)
        #expect(Achievement.percent(target: 10, realisation: -1, direction: .lowerIsBetter, lowerFormula: .complement) == nil)
        #expect(Achievement.percent(target: 5, realisation: -1, direction: .higherIsBetter) == 0)
        #expect(Achievement.percent(target: .nan, realisation: 1, direction: .higherIsBetter) == nil)
        #expect(Achievement.percent(target: 10, realisation: .infinity, direction: .higherIsBetter) == nil)
        #expect(Achievement.percent(target: .infinity, realisation: 10, direction: .lowerIsBetter) == nil)
    }

    @Test("stored names stay stable")
    func rawValues() {
        #expect(Direction(rawValue: "higher") == .higherIsBetter)
        #expect(Direction(rawValue: "lower") == .lowerIsBetter)
        #expect(LowerIsBetterFormula(rawValue: "inverse-ratio") == .inverseRatio)
        #expect(LowerIsBetterFormula(rawValue: "complement") == .complement)
    }
}
