import Fluent
import Foundation
import PilarCore
import SQLKit

/// What the public portal may show, read in a few queries: only approved indicator values, only
/// published evaluations, satisfaction tallies, open surveys and the region's contacts.
struct PortalRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Regions in the programme: those that adopted a framework or have a published result.
    func regionsInProgramme() async throws -> [(code: String, name: String, index: Double?, period: String?)] {
        let rows = try await sql.raw("""
            SELECT r.code, r.name FROM regions r WHERE r.framework_code IS NOT NULL
            OR r.code IN (SELECT region_code FROM evaluations WHERE state = 'published') ORDER BY r.name
            """).all()
        let latest = try await latestIndices()
        return try rows.map { row in
            let code = try row.decode(column: "code", as: String.self)
            return (code, try row.decode(column: "name", as: String.self), latest[code]?.index, latest[code]?.period)
        }
    }

    /// Each region's latest published index and its period.
    func latestIndices() async throws -> [String: (index: Double, period: String)] {
        var result: [String: (index: Double, period: String, position: Double)] = [:]
        for row in try await sql.raw("SELECT region_code, period, index_value FROM evaluations WHERE state = 'published' AND index_value IS NOT NULL").all() {
            let code = try row.decode(column: "region_code", as: String.self)
            let period = try row.decode(column: "period", as: String.self)
            let position = EvaluationRules.timePosition(period: period) ?? 0
            if position >= result[code]?.position ?? -1 {
                result[code] = (try row.decode(column: "index_value", as: Double.self), period, position)
            }
        }
        return result.mapValues { ($0.index, $0.period) }
    }

    struct ApprovedValue {
        let indicatorID: Int
        let programmeID: Int
        let name: String
        let level: String
        let unit: String
        let direction: Direction
        let period: Period
        let value: Double
        let target: Double?
        let approvedAt: Date?
        let citizenSource: String?
    }

    /// Approved values only: the public never sees a figure before the region has approved it.
    func approvedValues(region: String) async throws -> [ApprovedValue] {
        try await sql.raw("""
            SELECT v.indicator_id, a.programme_id, i.name, i.level, i.unit, i.direction, v.period, v.value, v.updated_at, i.citizen_source,
                   t.value AS target
            FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN action_plans a ON a.id = i.action_plan_id
            JOIN programmes p ON p.id = a.programme_id
            LEFT JOIN indicator_targets t ON t.indicator_id = v.indicator_id AND t.period = v.period
            WHERE p.region_code = \(bind: region) AND v.state = 'approved'
            """).all().compactMap { row in
                guard let period = Period(try row.decode(column: "period", as: String.self)) else { return nil }
                return ApprovedValue(
                    indicatorID: try row.decode(column: "indicator_id", as: Int.self), programmeID: try row.decode(column: "programme_id", as: Int.self),
                    name: try row.decode(column: "name", as: String.self), level: try row.decode(column: "level", as: String.self),
                    unit: try row.decode(column: "unit", as: String.self),
                    direction: Direction(rawValue: try row.decode(column: "direction", as: String.self)) ?? .higherIsBetter,
                    period: period, value: try row.decode(column: "value", as: Double.self),
                    target: try row.decode(column: "target", as: Double?.self), approvedAt: try row.decode(column: "updated_at", as: Date?.self),
                    citizenSource: try row.decode(column: "citizen_source", as: String?.self))
            }
    }

    /// Every programme's votes in the region, read in one query.
    func satisfaction(region: String) async throws -> [Int: SatisfactionTally] {
        var counts: [Int: [SatisfactionAnswer: Int]] = [:]
        for row in try await sql.raw("""
            SELECT item_id, answer, COUNT(*) AS n FROM satisfaction_votes WHERE region_code = \(bind: region) AND item_kind = 'programme'
            GROUP BY item_id, answer
            """).all() {
            guard let id = Int(try row.decode(column: "item_id", as: String.self)),
                  let answer = SatisfactionAnswer(rawValue: try row.decode(column: "answer", as: String.self)) else { continue }
            counts[id, default: [:]][answer] = try row.decode(column: "n", as: Int.self)
        }
        return counts.mapValues(SatisfactionTally.init(counts:))
    }

    func openSurveys(region: String) async throws -> [(id: Int, title: String)] {
        try await sql.raw("""
            SELECT id, title FROM surveys WHERE region_code = \(bind: region) AND state = 'open' ORDER BY id
            """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "title", as: String.self)) }
    }
}
