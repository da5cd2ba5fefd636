import Fluent
import SQLKit
import Vapor

/// Agencies: lists through SQLKit, changes through Fluent inside a transaction with their audit entry.
struct AgencyRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    func list(region: String, includeInactive: Bool) async throws -> [AgencySnapshot] {
        var query = sql.select().column("*").from("agencies").where("region_code", .equal, region)
        if !includeInactive { query = query.where("active", .equal, true) }
        return try await query.orderBy("short_name").all().map(Self.snapshot)
    }

    func find(_ id: Int) async throws -> AgencySnapshot? {
        try await AgencyModel.find(id, on: db).map(Self.snapshot)
    }

    func create(region: String, values: AgencyValues, actor: AuthUser?) async throws -> AgencySnapshot {
        try await ensureUniqueShortName(values.shortName, region: region, except: nil)
        return try await db.transaction { db in
            let model = AgencyModel()
            model.regionCode = region
            model.active = true
            Self.apply(values, to: model)
            try await model.create(on: db)
            let after = Self.snapshot(model)
            try await AuditLog.record(.create, entity: "agency", id: String(after.id), region: region,
                                      before: AgencySnapshot?.none, after: after, actor: actor, on: db)
            return after
        }
    }

    func update(_ id: Int, values: AgencyValues, actor: AuthUser) async throws -> AgencySnapshot {
        guard let model = try await AgencyModel.find(id, on: db) else { throw PilarError.notFound("agency \(id)") }
        try await ensureUniqueShortName(values.shortName, region: model.regionCode, except: id)
        let before = Self.snapshot(model)
        Self.apply(values, to: model)
        let after = Self.snapshot(model)
        guard after != before else { return before } // nothing changed: no write, no audit noise
        return try await db.transaction { db in
            try await model.save(on: db)
            try await AuditLog.record(.update, entity: "agency", id: String(id), region: model.regionCode,
                                      before: before, after: after, actor: actor, on: db)
            return after
        }
    }

    func setActive(_ id: Int, _ active: Bool, actor: AuthUser) async throws -> AgencySnapshot {
        guard let model = try await AgencyModel.find(id, on: db) else { throw PilarError.notFound("agency \(id)") }
        let before = Self.snapshot(model)
        guard model.active != active else { return before }
        model.active = active
        let after = Self.snapshot(model)
        return try await db.transaction { db in
            try await model.save(on: db)
            try await AuditLog.record(active ? .reactivate : .deactivate, entity: "agency", id: String(id),
                                      region: model.regionCode, before: before, after: after, actor: actor, on: db)
            return after
        }
    }

    /// Short names identify agencies in menus and imports, so they are unique within a region.
    private func ensureUniqueShortName(_ shortName: String, region: String, except id: Int?) async throws {
        var query = AgencyModel.query(on: db).filter(\.$regionCode == region).filter(\.$shortName == shortName)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw PilarError.conflict("error.agency_short_name_taken", field: "shortName")
        }
    }

    private static func apply(_ values: AgencyValues, to model: AgencyModel) {
        model.name = values.name
        model.shortName = values.shortName
        model.kind = values.kind
        model.headName = values.headName
        model.email = values.email
        model.phone = values.phone
        model.address = values.address
    }

    static func snapshot(_ model: AgencyModel) -> AgencySnapshot {
        AgencySnapshot(id: model.id ?? 0, regionCode: model.regionCode, name: model.name, shortName: model.shortName,
                       kind: model.kind, headName: model.headName, email: model.email, phone: model.phone,
                       address: model.address, active: model.active)
    }

    private static func snapshot(_ row: any SQLRow) throws -> AgencySnapshot {
        AgencySnapshot(
            id: try row.decode(column: "id", as: Int.self),
            regionCode: try row.decode(column: "region_code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            shortName: try row.decode(column: "short_name", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            headName: try row.decode(column: "head_name", as: String?.self),
            email: try row.decode(column: "email", as: String?.self),
            phone: try row.decode(column: "phone", as: String?.self),
            address: try row.decode(column: "address", as: String?.self),
            active: try row.decode(column: "active", as: Bool.self)
        )
    }
}

extension Request {
    /// The agency named by the `id` path parameter, after checking the caller may see its region.
    func visibleAgency() async throws -> AgencySnapshot {
        guard let id = parameters.get("id", as: Int.self) else { throw PilarError.notFound("agency") }
        guard let agency = try await AgencyRepository(db: db).find(id) else { throw PilarError.notFound("agency \(id)") }
        try Scope.requireRegion(agency.regionCode, for: try user)
        return agency
    }
}

extension Scope {
    /// Admins edit every agency of their region; an operator edits only their own agency's profile.
    static func requireAgencyEditor(_ agency: AgencySnapshot, for user: AuthUser) throws {
        try requireRegion(agency.regionCode, for: user)
        switch user.role {
        case .nationalAdmin, .regionAdmin: return
        case .agencyOperator where user.agencyID == agency.id: return
        default: throw PilarError.forbidden
        }
    }
}
