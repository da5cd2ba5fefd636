import Foundation
import PilarCore

/// A calendar date typed as `yyyy-MM-dd`; cycles' windows compare these strings in Jakarta time.
enum DateInput {
    static func parse(_ raw: String?) -> String? {
        let text = Validate.trimmed(raw)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (2000...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        guard let date = jakarta.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = jakarta.range(of: .day, in: .month, for: date), days.contains(day) else { return nil }
        return text
    }

    /// The Gregorian calendar in Western Indonesia Time, where the ministry's deadlines are set.
    static let jakarta: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Jakarta")!
        return calendar
    }()

    /// Today in Western Indonesia Time. Called on every vote, so no formatter is built per call.
    static func today(_ now: Date = Date()) -> String {
        let day = jakarta.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }
}

/// What a national admin types to open a cycle.
struct CycleInput: Sendable {
    var year: String
    var stage: String
    var methodID: String
    var selfFrom: String
    var selfUntil: String
    var verifyUntil: String
    var publishOn: String
    var regions: [String]

    struct Checked {
        let year: Int
        let stage: EvaluationStage
        let methodID: Int
        let selfFrom: String
        let selfUntil: String
        let verifyUntil: String
        let publishOn: String
        let regions: [String]
    }

    func check() throws -> Checked {
        var problems: [FieldProblem] = []
        let year = Int(Validate.trimmed(year)).flatMap { (2015...2100).contains($0) ? $0 : nil }
        if year == nil { problems.append(.init(field: "year", key: "error.cycle_year")) }
        let stage = Int(Validate.trimmed(stage)).flatMap(EvaluationStage.init(rawValue:))
        if stage == nil { problems.append(.init(field: "stage", key: "error.stage")) }
        let method = Int(Validate.trimmed(methodID))
        if method == nil { problems.append(.init(field: "methodID", key: "error.required")) }
        var dates: [String] = []
        for (field, raw) in [("selfFrom", selfFrom), ("selfUntil", selfUntil), ("verifyUntil", verifyUntil), ("publishOn", publishOn)] {
            if let date = DateInput.parse(raw) { dates.append(date) } else { problems.append(.init(field: field, key: "error.date")) }
        }
        if dates.count == 4, dates != dates.sorted() {
            problems.append(.init(field: "selfUntil", key: "error.cycle_dates_order"))
        }
        let codes = Array(Set(regions.map(Validate.trimmed).filter { !$0.isEmpty })).sorted()
        if codes.isEmpty { problems.append(.init(field: "regions", key: "error.cycle_regions")) }
        if codes.contains(where: { RegionCode($0).map { $0.isProvince } ?? true }) {
            problems.append(.init(field: "regions", key: "error.cycle_region_code"))
        }
        guard problems.isEmpty, let year, let stage, let method else { throw PilarError.invalid(problems) }
        return Checked(year: year, stage: stage, methodID: method, selfFrom: dates[0], selfUntil: dates[1],
                       verifyUntil: dates[2], publishOn: dates[3], regions: codes)
    }
}

/// A region's self-assessment of one item: score, narrative and what it rests on.
struct SelfScoreInput: Sendable {
    var score: String
    var narrative: String
    var programmes: [Int] = []
    var indicators: [Int] = []
    var links: [String] = []
}

/// An assessor's verification of one item or dimension.
struct VerifiedScoreInput: Sendable {
    var score: String
    var reason: String
    var notes: String
}

/// Reads a score typed with a comma or a point and checks it against the method's scale.
enum ScoreInput {
    static func parse(_ raw: String, scale: ScoreScale, field: String, required: Bool, into problems: inout [FieldProblem]) -> Double? {
        let text = Validate.trimmed(raw)
        if text.isEmpty {
            if required { problems.append(.init(field: field, key: "error.score_required")) }
            return nil
        }
        guard let value = NumberInput.parse(text) else {
            problems.append(.init(field: field, key: "error.number"))
            return nil
        }
        guard scale.contains(value) else {
            problems.append(.init(field: field, key: "error.score_scale"))
            return nil
        }
        return value
    }

    /// Links are checked as web addresses so evidence always opens somewhere sensible.
    static func isLink(_ text: String) -> Bool {
        guard text.count <= 500, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              ["http", "https"].contains(scheme), url.host?.isEmpty == false else { return false }
        return true
    }
}
