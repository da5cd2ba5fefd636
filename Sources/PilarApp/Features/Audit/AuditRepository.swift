import PilarCore
import Fluent
import SQLKit
import Vapor

/// Reads the audit trail: a record's history, or a region's recent changes.
struct AuditRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Entry: Content {
        let id: Int
        let at: Date
        let actor: String
        let action: String
        let entityType: String
        let entityID: String
        let regionCode: String?
        let before: String?
        let after: String?
    }

    func history(entity: String, id: String) async throws -> [Entry] {
        try await sql.select().column("*").from("audit_events")
            .where("entity_type", .equal, entity).where("entity_id", .equal, id)
            .orderBy("id", .descending).limit(200)
            .all().map(Self.entry)
    }

    /// Newest first, a page at a time; `region` nil means every region (national admin).
    func recent(region: String?, entity: String?, beforeID: Int?, limit: Int = 50, includeLogins: Bool = true) async throws -> [Entry] {
        var query = sql.select().column("*").from("audit_events")
        if !includeLogins { query = query.where("action", .notEqual, "login") }
        if let region { query = query.where("region_code", .equal, region) }
        if let entity, !entity.isEmpty { query = query.where("entity_type", .equal, entity) }
        if let beforeID { query = query.where("id", .lessThan, beforeID) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.entry)
    }

    private static func entry(_ row: any SQLRow) throws -> Entry {
        Entry(
            id: try row.decode(column: "id", as: Int.self),
            at: try row.decode(column: "at", as: Date.self),
            actor: try row.decode(column: "actor_label", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            entityType: try row.decode(column: "entity_type", as: String.self),
            entityID: try row.decode(column: "entity_id", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String?.self),
            before: try row.decode(column: "before_json", as: String?.self),
            after: try row.decode(column: "after_json", as: String?.self)
        )
    }
}

/// One line of history as pages show it: which fields changed from what to what.
struct AuditRow: Encodable {
    struct Change: Encodable {
        let field: String
        let before: String
        let after: String
    }

    let at: String
    let actor: String
    let actionKey: String
    let entity: String
    let changes: [Change]

    init(_ entry: AuditRepository.Entry) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        at = formatter.string(from: entry.at) + " UTC"
        actor = entry.actor
        actionKey = "audit.action." + entry.action
        entity = entry.entityType + " #" + entry.entityID
        let before = Self.fields(entry.before)
        let after = Self.fields(entry.after)
        changes = Set(before.keys).union(after.keys).sorted().compactMap { key in
            let old = before[key] ?? "", new = after[key] ?? ""
            return old == new ? nil : Change(field: key, before: old, after: new)
        }
    }

    private static func fields(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONDecoder().decode([String: Scalar].self, from: Data(json.utf8)) else { return [:] }
        return object.mapValues(\.text)
    }

    /// Snapshots are flat objects of strings, numbers, booleans and nulls; anything else shows as JSON.
    private enum Scalar: Decodable {
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .text("") }
            else if let value = try? container.decode(Bool.self) { self = .text(value ? "true" : "false") }
            else if let value = try? container.decode(Int.self) { self = .text(String(value)) }
            else if let value = try? container.decode(Double.self) { self = .text(String(value)) }
            else if let value = try? container.decode(String.self) { self = .text(value) }
            else if let value = try? container.decode([String].self) { self = .text(value.joined(separator: ", ")) }
            else if let value = try? container.decode([Int].self) { self = .text(value.map(String.init).joined(separator: ", ")) }
            else if let value = try? container.decode([BudgetLine].self) { self = .text(value.map(\.formatted).joined(separator: "; ")) }
            else { self = .text("…") }
        }

        var text: String {
            switch self { case .text(let value): return value }
        }
    }
}
