import Fluent
import PilarCore
import SQLKit
import Vapor

/// Everything the region dashboard needs, read in four queries and assessed in PilarCore.
struct DashboardRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct IndicatorFacts {
        let id: Int
        let programmeID: Int
        let agencyID: Int
        let direction: Direction
        var targets: [Period: Double] = [:]
        var reported: [Period: Double] = [:]
        var returned = 0
        var drafts = 0
    }

    struct ProgrammeFacts {
        let id: Int
        let title: String
        let dimension: String
        let status: String
        let leadAgency: String
    }

    func programmes(region: String) async throws -> [ProgrammeFacts] {
        try await sql.raw("""
            SELECT p.id, p.title, p.dimension_code, p.status, a.short_name
            FROM programmes p JOIN agencies a ON a.id = p.lead_agency_id WHERE p.region_code = \(bind: region)
            """).all().map {
                ProgrammeFacts(id: try $0.decode(column: "id", as: Int.self), title: try $0.decode(column: "title", as: String.self),
                               dimension: try $0.decode(column: "dimension_code", as: String.self),
                               status: try $0.decode(column: "status", as: String.self),
                               leadAgency: try $0.decode(column: "short_name", as: String.self))
            }
    }

    /// Values count once they leave the agency (submitted, verified, approved); drafts and returned
    /// values are work still on the agency's desk and are counted separately.
    func indicators(region: String) async throws -> [Int: IndicatorFacts] {
        var facts: [Int: IndicatorFacts] = [:]
        for row in try await sql.raw("""
            SELECT i.id, a.programme_id, a.agency_id, i.direction FROM indicators i
            JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE p.region_code = \(bind: region)
            """).all() {
            let id = try row.decode(column: "id", as: Int.self)
            facts[id] = IndicatorFacts(id: id, programmeID: try row.decode(column: "programme_id", as: Int.self),
                                       agencyID: try row.decode(column: "agency_id", as: Int.self),
                                       direction: Direction(rawValue: try row.decode(column: "direction", as: String.self)) ?? .higherIsBetter)
        }
        for row in try await sql.raw("""
            SELECT t.indicator_id, t.period, t.value FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id WHERE p.region_code = \(bind: region)
            """).all() {
            let id = try row.decode(column: "indicator_id", as: Int.self)
            if let period = Period(try row.decode(column: "period", as: String.self)) {
                facts[id]?.targets[period] = try row.decode(column: "value", as: Double.self)
            }
        }
        for row in try await sql.raw("""
            SELECT v.indicator_id, v.period, v.value, v.state, v.returned_reason FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id WHERE p.region_code = \(bind: region)
            """).all() {
            let id = try row.decode(column: "indicator_id", as: Int.self)
            let state = try row.decode(column: "state", as: String.self)
            if state == VerificationState.draft.rawValue {
                if try row.decode(column: "returned_reason", as: String?.self) != nil { facts[id]?.returned += 1 } else { facts[id]?.drafts += 1 }
            } else if let period = Period(try row.decode(column: "period", as: String.self)) {
                facts[id]?.reported[period] = try row.decode(column: "value", as: Double.self)
            }
        }
        return facts
    }
}
