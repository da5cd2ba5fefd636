import Fluent
import PilarCore
import SQLKit
import Vapor

/// What each agency still owes: every target period that is due (ended plus the region's grace
/// days) without a value that has left the agency — missing, kept as a draft, or returned.
struct ReminderService {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    enum Kind: String, Encodable, Comparable {
        case returned, missing, draft
        static func < (a: Kind, b: Kind) -> Bool { a.order < b.order }
        private var order: Int { self == .returned ? 0 : self == .missing ? 1 : 2 }
    }

    struct Item: Encodable {
        let indicatorID: Int
        let indicator: String
        let programme: String
        let period: String
        let dueDate: String
        let kind: Kind
        let reason: String?
        var kindKey: String { "reminders.kind." + kind.rawValue }

        private enum CodingKeys: String, CodingKey { case indicatorID, indicator, programme, period, dueDate, kind, reason, kindKey }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(indicatorID, forKey: .indicatorID)
            try c.encode(indicator, forKey: .indicator)
            try c.encode(programme, forKey: .programme)
            try c.encode(period, forKey: .period)
            try c.encode(dueDate, forKey: .dueDate)
            try c.encode(kind, forKey: .kind)
            try c.encode(reason, forKey: .reason)
            try c.encode(kindKey, forKey: .kindKey)
        }
    }

    struct Digest: Encodable {
        let agencyID: Int
        let agency: String
        let items: [Item]
    }

    func digests(region: String, agency onlyAgency: Int? = nil, now: Date = Date()) async throws -> [Digest] {
        let settings = try await RegionSettings.load(region, on: db)
        let rows = try await sql.raw("""
            SELECT ag.id AS agency_id, ag.short_name, i.id AS indicator_id, i.name AS indicator, p.title AS programme,
                   t.period, v.state, v.returned_reason
            FROM indicator_targets t
            JOIN indicators i ON i.id = t.indicator_id
            JOIN action_plans a ON a.id = i.action_plan_id
            JOIN programmes p ON p.id = a.programme_id
            JOIN agencies ag ON ag.id = a.agency_id
            LEFT JOIN indicator_values v ON v.indicator_id = t.indicator_id AND v.period = t.period
            WHERE p.region_code = \(bind: region) AND ag.active = \(bind: true)
              AND (v.id IS NULL OR v.state = \(bind: VerificationState.draft.rawValue))
            ORDER BY ag.short_name, p.title, i.id, t.period
            """).all()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        var byAgency: [Int: (name: String, items: [Item])] = [:]
        for row in rows {
            let agencyID = try row.decode(column: "agency_id", as: Int.self)
            if let onlyAgency, onlyAgency != agencyID { continue }
            guard let period = Period(try row.decode(column: "period", as: String.self)),
                  period.isDue(at: now, graceDays: settings.thresholds.graceDays) else { continue }
            let state = try row.decode(column: "state", as: String?.self)
            let reason = try row.decode(column: "returned_reason", as: String?.self)
            let kind: Kind = state == nil ? .missing : (reason != nil ? .returned : .draft)
            let item = Item(indicatorID: try row.decode(column: "indicator_id", as: Int.self),
                            indicator: try row.decode(column: "indicator", as: String.self),
                            programme: try row.decode(column: "programme", as: String.self), period: period.code,
                            dueDate: formatter.string(from: period.dueDate(graceDays: settings.thresholds.graceDays)), kind: kind, reason: reason)
            let agencyName = try row.decode(column: "short_name", as: String.self)
            byAgency[agencyID, default: (agencyName, [])].items.append(item)
        }
        return byAgency.map { Digest(agencyID: $0.key, agency: $0.value.name, items: $0.value.items.sorted { ($0.kind, $0.period) < ($1.kind, $1.period) }) }
            .sorted { ($1.items.count, $0.agency) < ($0.items.count, $1.agency) }
    }

    /// The digest as plain text, the way it is printed or mailed.
    static func text(_ digest: Digest, catalog: Catalog) -> String {
        var lines = ["\(catalog.text("reminders.subject")) – \(digest.agency): \(digest.items.count)"]
        for item in digest.items {
            var line = "- [\(catalog.text("reminders.kind." + item.kind.rawValue))] \(item.period) \(item.indicator) (\(item.programme))"
            if let reason = item.reason { line += " – \(reason)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
