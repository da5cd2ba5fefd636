import PilarCore
import Vapor

/// The action plan form: objective (sasaran), activities, responsible agency and timeline as periods.
struct ActionPlanInput: Content {
    var objective: String?
    var activities: String?
    var agencyID: Int?
    var startPeriod: String?
    var endPeriod: String?

    struct Values: Equatable {
        let objective: String
        let activities: String
        let agencyID: Int
        let start: Period
        let end: Period
    }

    func validated(activeAgencies: Set<Int>) throws -> Values {
        var problems: [FieldProblem] = []
        let objective = Validate.trimmed(objective)
        Validate.required(objective, field: "objective", max: 500, into: &problems)
        let activities = Validate.trimmed(activities)
        Validate.optional(activities, field: "activities", max: 5000, into: &problems)
        if agencyID.map({ !activeAgencies.contains($0) }) ?? true {
            problems.append(FieldProblem(field: "agencyID", key: "error.agency_pick"))
        }
        let start = Period(Validate.trimmed(startPeriod))
        let end = Period(Validate.trimmed(endPeriod))
        if start == nil { problems.append(FieldProblem(field: "startPeriod", key: "error.period")) }
        if end == nil { problems.append(FieldProblem(field: "endPeriod", key: "error.period")) }
        if let start, let end, end < start { problems.append(FieldProblem(field: "endPeriod", key: "error.end_before_start")) }
        guard problems.isEmpty, let agencyID, let start, let end else { throw PilarError.invalid(problems) }
        return Values(objective: objective, activities: activities, agencyID: agencyID, start: start, end: end)
    }
}

/// The indicator form. Targets come as lines `period value` (`2025S1 80`), which is how planners
/// copy them from the masterplan tables.
struct IndicatorInput: Content {
    var level: String?
    var name: String?
    var unit: String?
    var direction: String?
    var baselineValue: String?
    var baselinePeriod: String?
    var frequency: String?
    var dataSource: String?
    var targetText: String?

    struct Values: Equatable {
        let level: IndicatorLevel
        let name: String
        let unit: String
        let direction: Direction
        let baselineValue: Double?
        let baselinePeriod: Period?
        let frequency: Period.Frequency
        let dataSource: String
        let targets: [Period: Double]
    }

    func validated() throws -> Values {
        var problems: [FieldProblem] = []
        let level = IndicatorLevel(rawValue: level ?? "")
        if level == nil { problems.append(FieldProblem(field: "level", key: "error.choose")) }
        let name = Validate.trimmed(name)
        Validate.required(name, field: "name", max: 300, into: &problems)
        let unit = Validate.trimmed(unit)
        Validate.required(unit, field: "unit", max: 50, into: &problems)
        let direction = Direction(rawValue: direction ?? "")
        if direction == nil { problems.append(FieldProblem(field: "direction", key: "error.choose")) }
        let frequency = Period.Frequency(rawValue: frequency ?? "")
        if frequency == nil { problems.append(FieldProblem(field: "frequency", key: "error.choose")) }
        var baseline: Double?
        let baselineText = Validate.trimmed(baselineValue)
        if !baselineText.isEmpty {
            baseline = NumberInput.parse(baselineText)
            if baseline == nil { problems.append(FieldProblem(field: "baselineValue", key: "error.number")) }
        }
        var baselinePeriod: Period?
        let baselinePeriodText = Validate.trimmed(self.baselinePeriod)
        if !baselinePeriodText.isEmpty {
            baselinePeriod = Period(baselinePeriodText)
            if baselinePeriod == nil { problems.append(FieldProblem(field: "baselinePeriod", key: "error.period")) }
        }
        let dataSource = Validate.trimmed(dataSource)
        Validate.optional(dataSource, field: "dataSource", max: 300, into: &problems)
        var targets: [Period: Double] = [:]
        for line in (targetText ?? "").split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            guard words.count == 2, let period = Period(String(words[0])), let value = NumberInput.parse(String(words[1])),
                  frequency == nil || period.frequency == frequency, targets[period] == nil else {
                problems.append(FieldProblem(field: "targetText", key: "error.target_line"))
                break
            }
            targets[period] = value
        }
        guard problems.isEmpty, let level, let direction, let frequency else { throw PilarError.invalid(problems) }
        return Values(level: level, name: name, unit: unit, direction: direction, baselineValue: baseline,
                      baselinePeriod: baselinePeriod, frequency: frequency, dataSource: dataSource, targets: targets)
    }
}

/// Numbers typed by people: `12.5` or `12,5` (Indonesian decimal comma). Anything else — units,
/// percent signs, words, thousands separators mixed with decimals — is refused rather than guessed.
enum NumberInput {
    static func parse(_ raw: String) -> Double? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty, text.filter({ $0 == "." }).count <= 1,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              !text.dropFirst().contains("-"), let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
