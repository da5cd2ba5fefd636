import Fluent
import PilarCore
import SQLKit
import Vapor

/// Action plans and indicators with their targets, and who owns them.
struct IndicatorRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Where an indicator sits: its region, the agency responsible for reporting it (the action
    /// plan's), and the programme's lead agency.
    struct Owner: Equatable {
        let regionCode: String
        let programmeID: Int
        let reportingAgencyID: Int
        let leadAgencyID: Int
    }

    struct IndicatorSnapshot: Content, Equatable {
        let id: Int
        let actionPlanID: Int
        let level: String
        let name: String
        let unit: String
        let direction: String
        let baselineValue: Double?
        let baselinePeriod: String?
        let frequency: String
        let dataSource: String
        let targets: [String: Double]
    }

    struct ActionPlanSnapshot: Content, Equatable {
        let id: Int
        let programmeID: Int
        let objective: String
        let activities: String
        let agencyID: Int
        let startPeriod: String
        let endPeriod: String
    }

    func owner(ofIndicator id: Int) async throws -> Owner? {
        try await sql.raw("""
            SELECT p.region_code, p.id AS programme_id, a.agency_id, p.lead_agency_id
            FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE i.id = \(bind: id)
            """).first().map(Self.owner)
    }

    func owner(ofActionPlan id: Int) async throws -> Owner? {
        try await sql.raw("""
            SELECT p.region_code, p.id AS programme_id, a.agency_id, p.lead_agency_id
            FROM action_plans a JOIN programmes p ON p.id = a.programme_id WHERE a.id = \(bind: id)
            """).first().map(Self.owner)
    }

    /// Owners and reporting frequency of many indicators in one query (the bulk API checks every item).
    func owners(ofIndicators ids: [Int]) async throws -> [Int: (owner: Owner, frequency: String)] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int: (owner: Owner, frequency: String)] = [:]
        for row in try await sql.raw("""
            SELECT i.id, i.frequency, p.region_code, p.id AS programme_id, a.agency_id, p.lead_agency_id
            FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id JOIN programmes p ON p.id = a.programme_id
            WHERE i.id IN \(SQLBind.group(ids))
            """).all() {
            result[try row.decode(column: "id", as: Int.self)] = (try Self.owner(row), try row.decode(column: "frequency", as: String.self))
        }
        return result
    }

    /// The reporting frequency of each indicator an agency reports.
    func frequencies(reportedBy agency: Int) async throws -> [Int: String] {
        var result: [Int: String] = [:]
        for row in try await sql.raw("""
            SELECT i.id, i.frequency FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id WHERE a.agency_id = \(bind: agency)
            """).all() {
            result[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "frequency", as: String.self)
        }
        return result
    }

    private static func owner(_ row: any SQLRow) throws -> Owner {
        Owner(regionCode: try row.decode(column: "region_code", as: String.self),
              programmeID: try row.decode(column: "programme_id", as: Int.self),
              reportingAgencyID: try row.decode(column: "agency_id", as: Int.self),
              leadAgencyID: try row.decode(column: "lead_agency_id", as: Int.self))
    }

    func createActionPlan(programme: ProgrammeRepository.Snapshot, values: ActionPlanInput.Values, actor: AuthUser?) async throws -> ActionPlanSnapshot {
        try await db.transaction { db in
            let plan = ActionPlanModel()
            plan.programmeID = programme.id
            plan.objective = values.objective
            plan.activities = values.activities
            plan.agencyID = values.agencyID
            plan.startPeriod = values.start.code
            plan.endPeriod = values.end.code
            try await plan.create(on: db)
            let snapshot = ActionPlanSnapshot(id: try plan.requireID(), programmeID: programme.id, objective: plan.objective,
                                              activities: plan.activities, agencyID: plan.agencyID,
                                              startPeriod: plan.startPeriod, endPeriod: plan.endPeriod)
            try await AuditLog.record(.create, entity: "action_plan", id: String(snapshot.id), region: programme.regionCode,
                                      before: ActionPlanSnapshot?.none, after: snapshot, actor: actor, on: db)
            return snapshot
        }
    }

    func createIndicator(actionPlanID: Int, region: String, values: IndicatorInput.Values, actor: AuthUser?) async throws -> IndicatorSnapshot {
        try await db.transaction { db in
            let indicator = IndicatorModel()
            indicator.actionPlanID = actionPlanID
            Self.apply(values, to: indicator)
            try await indicator.create(on: db)
            let id = try indicator.requireID()
            try await Self.replaceTargets(id, values.targets, on: db)
            let after = try await IndicatorRepository(db: db).snapshot(indicator)
            try await AuditLog.record(.create, entity: "indicator", id: String(id), region: region,
                                      before: IndicatorSnapshot?.none, after: after, actor: actor, on: db)
            return after
        }
    }

    func updateIndicator(_ id: Int, region: String, values: IndicatorInput.Values, actor: AuthUser) async throws -> IndicatorSnapshot {
        guard let indicator = try await IndicatorModel.find(id, on: db) else { throw PilarError.notFound("indicator \(id)") }
        let before = try await snapshot(indicator)
        return try await db.transaction { db in
            Self.apply(values, to: indicator)
            try await indicator.save(on: db)
            try await Self.replaceTargets(id, values.targets, on: db)
            let after = try await IndicatorRepository(db: db).snapshot(indicator)
            if after != before {
                try await AuditLog.record(.update, entity: "indicator", id: String(id), region: region,
                                          before: before, after: after, actor: actor, on: db)
            }
            return after
        }
    }

    private static func apply(_ values: IndicatorInput.Values, to indicator: IndicatorModel) {
        indicator.level = values.level.rawValue
        indicator.name = values.name
        indicator.unit = values.unit
        indicator.direction = values.direction.rawValue
        indicator.baselineValue = values.baselineValue
        indicator.baselinePeriod = values.baselinePeriod?.code
        indicator.frequency = values.frequency.rawValue
        indicator.dataSource = values.dataSource
    }

    private static func replaceTargets(_ id: Int, _ targets: [Period: Double], on db: any Database) async throws {
        try await IndicatorTargetModel.query(on: db).filter(\.$indicatorID == id).delete()
        for (period, value) in targets.sorted(by: { $0.key < $1.key }) {
            let target = IndicatorTargetModel()
            target.indicatorID = id
            target.period = period.code
            target.value = value
            try await target.create(on: db)
        }
    }

    func snapshot(_ indicator: IndicatorModel) async throws -> IndicatorSnapshot {
        let id = try indicator.requireID()
        let targets = try await IndicatorTargetModel.query(on: db).filter(\.$indicatorID == id).all()
        return IndicatorSnapshot(id: id, actionPlanID: indicator.actionPlanID, level: indicator.level, name: indicator.name,
                                 unit: indicator.unit, direction: indicator.direction, baselineValue: indicator.baselineValue,
                                 baselinePeriod: indicator.baselinePeriod, frequency: indicator.frequency, dataSource: indicator.dataSource,
                                 targets: Dictionary(uniqueKeysWithValues: targets.map { ($0.period, $0.value) }))
    }

    func find(_ id: Int) async throws -> IndicatorSnapshot? {
        guard let indicator = try await IndicatorModel.find(id, on: db) else { return nil }
        return try await snapshot(indicator)
    }
}

extension Scope {
    /// Planners and admins shape every plan of their region; an operator those of programmes their agency leads
    /// or action plans it carries out.
    static func requirePlanEditor(_ owner: IndicatorRepository.Owner, for user: AuthUser) throws {
        try requireRegion(owner.regionCode, for: user)
        switch user.role {
        case .nationalAdmin, .regionAdmin, .planner: return
        case .agencyOperator where user.agencyID == owner.leadAgencyID || user.agencyID == owner.reportingAgencyID: return
        default: throw PilarError.forbidden
        }
    }

    /// Reporting a realisation: the responsible agency's operator, or the region's planners and admins for it.
    static func requireReporter(_ owner: IndicatorRepository.Owner, for user: AuthUser) throws {
        try requireRegion(owner.regionCode, for: user)
        switch user.role {
        case .nationalAdmin, .regionAdmin, .planner: return
        case .agencyOperator where user.agencyID == owner.reportingAgencyID: return
        default: throw PilarError.forbidden
        }
    }
}
