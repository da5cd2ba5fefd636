import Fluent
import Foundation
import PilarCore
import SQLKit
import Vapor

/// Reads for the reports: a region's programmes, their indicators, targets and reported values, in four
/// queries. The reports then choose periods and compute achievement in memory, as the dashboard does.
struct ReportsRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Programme {
        let id: Int
        let title: String
        let dimension: String
        let horizon: String
        let status: String
        let leadAgency: String
        let startYear: Int
        let endYear: Int
    }

    /// A realisation as the reports count it, with where it stands in verification.
    struct Reported {
        let value: Double
        let state: VerificationState
    }

    struct Indicator {
        let id: Int
        let programmeID: Int
        let level: String
        let name: String
        let unit: String
        let direction: Direction
        let baseline: Double?
        let baselinePeriod: String?
        var targets: [Period: Double] = [:]
        var values: [Period: Reported] = [:]

        /// The latest period (optionally within `year`) with a counted realisation: latest end, and on a
        /// tie the coarser period, because a year's figure sums up its last semester's (as
        /// `IndicatorAssessment` measures).
        func latestReported(in year: Int? = nil) -> (period: Period, reported: Reported)? {
            let periods = values.keys.filter { year == nil || $0.year == year }
            guard let period = periods.max(by: Period.endsEarlier), let reported = values[period] else { return nil }
            return (period, reported)
        }

        /// The latest period (optionally within `year`) with a target.
        func latestTarget(in year: Int? = nil) -> (period: Period, value: Double)? {
            let periods = targets.keys.filter { year == nil || $0.year == year }
            guard let period = periods.max(by: Period.endsEarlier), let value = targets[period] else { return nil }
            return (period, value)
        }
    }

    /// Which realisations a report counts.
    enum Counted {
        /// Everything that has left the agency: submitted, verified and approved. Drafts (and returned
        /// values, which are drafts again) are still work on the agency's desk and never count.
        case reported
        /// Approved values only, the way public pages show a region to those outside it.
        case approvedOnly

        var states: [VerificationState] {
            switch self {
            case .reported: return [.submitted, .verified, .approved]
            case .approvedOnly: return [.approved]
            }
        }
    }

    /// One region's programmes and their indicators with targets and counted values.
    struct RegionFacts {
        /// Ordered by dimension, then title.
        let programmes: [Programme]
        /// Ordered by programme, then level (output, outcome, impact), then id.
        let indicators: [Indicator]

        func indicators(of programme: Int) -> [Indicator] {
            indicators.filter { $0.programmeID == programme }
        }
    }

    func facts(region: String, counting: Counted) async throws -> RegionFacts {
        let programmes = try await sql.raw("""
            SELECT p.id, p.title, p.dimension_code, p.horizon, p.status, p.start_year, p.end_year, a.short_name
            FROM programmes p JOIN agencies a ON a.id = p.lead_agency_id
            WHERE p.region_code = \(bind: region) ORDER BY p.dimension_code, p.title, p.id
            """).all().map { row in
                Programme(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                          dimension: try row.decode(column: "dimension_code", as: String.self),
                          horizon: try row.decode(column: "horizon", as: String.self),
                          status: try row.decode(column: "status", as: String.self),
                          leadAgency: try row.decode(column: "short_name", as: String.self),
                          startYear: try row.decode(column: "start_year", as: Int.self),
                          endYear: try row.decode(column: "end_year", as: Int.self))
            }
        var indicators: [Int: Indicator] = [:]
        for row in try await sql.raw("""
            SELECT i.id, a.programme_id, i.level, i.name, i.unit, i.direction, i.baseline_value, i.baseline_period
            FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE p.region_code = \(bind: region)
            """).all() {
            let id = try row.decode(column: "id", as: Int.self)
            indicators[id] = Indicator(
                id: id, programmeID: try row.decode(column: "programme_id", as: Int.self),
                level: try row.decode(column: "level", as: String.self), name: try row.decode(column: "name", as: String.self),
                unit: try row.decode(column: "unit", as: String.self),
                direction: Direction(rawValue: try row.decode(column: "direction", as: String.self)) ?? .higherIsBetter,
                baseline: try row.decode(column: "baseline_value", as: Double?.self),
                baselinePeriod: try row.decode(column: "baseline_period", as: String?.self))
        }
        for row in try await sql.raw("""
            SELECT t.indicator_id, t.period, t.value FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE p.region_code = \(bind: region)
            """).all() {
            let id = try row.decode(column: "indicator_id", as: Int.self)
            if let period = Period(try row.decode(column: "period", as: String.self)) {
                indicators[id]?.targets[period] = try row.decode(column: "value", as: Double.self)
            }
        }
        let states = counting.states.map { $0.rawValue as any Encodable & Sendable }
        for row in try await sql.raw("""
            SELECT v.indicator_id, v.period, v.value, v.state FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE p.region_code = \(bind: region) AND v.state IN (\(binds: states))
            """).all() {
            let id = try row.decode(column: "indicator_id", as: Int.self)
            guard let period = Period(try row.decode(column: "period", as: String.self)),
                  let state = VerificationState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            indicators[id]?.values[period] = Reported(value: try row.decode(column: "value", as: Double.self), state: state)
        }
        let levelOrder = IndicatorLevel.allCases.map(\.rawValue)
        let sorted = indicators.values.sorted { a, b in
            if a.programmeID != b.programmeID { return a.programmeID < b.programmeID }
            let la = levelOrder.firstIndex(of: a.level) ?? levelOrder.count, lb = levelOrder.firstIndex(of: b.level) ?? levelOrder.count
            return la != lb ? la < lb : a.id < b.id
        }
        return RegionFacts(programmes: programmes, indicators: sorted)
    }
}

/// Formatting shared by the three reports, in the reader's notation.
enum ReportFigures {
    /// A value with its unit ("12,5 %", "30 unit"), or "–".
    static func amount(_ value: Double?, unit: String, _ req: Request) -> String {
        guard let value else { return "–" }
        return unit.isEmpty ? req.number(value) : req.number(value) + " " + unit
    }

    /// An achievement rounded to one decimal ("102 %", "95,5 %"), or "–".
    static func percent(_ value: Double?, _ req: Request) -> String {
        guard let value else { return "–" }
        return req.number(rounded(value)) + " %"
    }

    /// One decimal, the precision achievement is shown and exported with.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// The region's status classes for an achievement (on-track, at-risk, late), or no-data.
    static func statusClass(_ achievement: Double?, thresholds: StatusThresholds) -> String {
        guard let achievement else { return IndicatorStatus.noData.rawValue }
        return thresholds.status(forAchievement: achievement).rawValue
    }

    /// The stylesheet inlined into print pages, which Chromium renders from a file with no server to ask.
    /// Empty (an unstyled but complete PDF) if the file cannot be read.
    static func printCSS() -> String {
        (try? String(contentsOfFile: PilarResources.publicDirectory + "css/pilar.css", encoding: .utf8)) ?? ""
    }
}
