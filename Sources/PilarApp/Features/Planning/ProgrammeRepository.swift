import Fluent
import PilarCore
import SQLKit
import Vapor

/// Programmes with their elements, co-agencies and budgets. Lists through SQLKit; writes through
/// Fluent in one transaction with the audit entry.
struct ProgrammeRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// A programme as the API returns it and the audit trail stores it.
    struct Snapshot: Content, Equatable {
        let id: Int
        let regionCode: String
        let title: String
        let description: String
        let leadAgencyID: Int
        let coAgencyIDs: [Int]
        let dimensionCode: String
        let elementCodes: [String]
        let horizon: String
        let startYear: Int
        let endYear: Int
        let status: String
        let legalBasis: String?
        let legalBasisDate: String?
        let links: [String]
        let budgets: [BudgetLine]
    }

    struct Row: Content {
        let id: Int
        let title: String
        let dimensionCode: String
        let horizon: String
        let status: String
        let startYear: Int
        let endYear: Int
        let leadAgencyID: Int
        let leadAgency: String
    }

    struct Filter {
        var dimension: String?
        var agencyID: Int?
        var status: String?
        var horizon: String?
        var sort: Sort = .dimension
        var descending = false
    }

    /// Columns a person may sort the list by; anything else falls back to the default order.
    enum Sort: String, CaseIterable {
        case dimension, title, agency, horizon, years, status

        var column: any SQLExpression {
            switch self {
            case .dimension: return SQLColumn("dimension_code", table: "p")
            case .title: return SQLColumn("title", table: "p")
            case .agency: return SQLColumn("short_name", table: "a")
            case .horizon: return SQLColumn("horizon", table: "p")
            case .years: return SQLColumn("start_year", table: "p")
            case .status: return SQLColumn("status", table: "p")
            }
        }
    }

    func list(region: String, filter: Filter = Filter()) async throws -> [Row] {
        var query = sql.select()
            .column(SQLColumn("id", table: "p")).column(SQLColumn("title", table: "p"))
            .column(SQLColumn("dimension_code", table: "p")).column(SQLColumn("horizon", table: "p"))
            .column(SQLColumn("status", table: "p")).column(SQLColumn("start_year", table: "p"))
            .column(SQLColumn("end_year", table: "p")).column(SQLColumn("lead_agency_id", table: "p"))
            .column(SQLAlias(SQLColumn("short_name", table: "a"), as: SQLIdentifier("lead_agency")))
            .from(SQLAlias(SQLIdentifier("programmes"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("agencies"), as: SQLIdentifier("a")), method: SQLJoinMethod.inner,
                  on: SQLColumn("lead_agency_id", table: "p"), .equal, SQLColumn("id", table: "a"))
            .where(SQLColumn("region_code", table: "p"), .equal, SQLBind(region))
        if let dimension = filter.dimension { query = query.where(SQLColumn("dimension_code", table: "p"), .equal, SQLBind(dimension)) }
        if let agency = filter.agencyID {
            // Lead or co-agency: an agency's page lists everything it takes part in.
            query = query.where { group in
                group.where(SQLColumn("lead_agency_id", table: "p"), .equal, SQLBind(agency))
                    .orWhere(SQLColumn("id", table: "p"), .in, SQLSubquery.select { sub in
                        sub.column("programme_id").from("programme_co_agencies").where("agency_id", .equal, SQLBind(agency))
                    })
            }
        }
        if let status = filter.status { query = query.where(SQLColumn("status", table: "p"), .equal, SQLBind(status)) }
        if let horizon = filter.horizon { query = query.where(SQLColumn("horizon", table: "p"), .equal, SQLBind(horizon)) }
        return try await query.orderBy(filter.sort.column, filter.descending ? SQLDirection.descending : SQLDirection.ascending)
            .orderBy(SQLColumn("title", table: "p")).all().map { row in
            Row(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                dimensionCode: try row.decode(column: "dimension_code", as: String.self),
                horizon: try row.decode(column: "horizon", as: String.self), status: try row.decode(column: "status", as: String.self),
                startYear: try row.decode(column: "start_year", as: Int.self), endYear: try row.decode(column: "end_year", as: Int.self),
                leadAgencyID: try row.decode(column: "lead_agency_id", as: Int.self),
                leadAgency: try row.decode(column: "lead_agency", as: String.self))
        }
    }

    func find(_ id: Int) async throws -> Snapshot? {
        guard let model = try await ProgrammeModel.find(id, on: db) else { return nil }
        return try await snapshot(model)
    }

    func create(region: String, masterplanID: Int?, values: ProgrammeValues, actor: AuthUser?) async throws -> Snapshot {
        try await db.transaction { db in
            let model = ProgrammeModel()
            model.regionCode = region
            model.masterplanID = masterplanID
            Self.apply(values, to: model)
            try await model.create(on: db)
            let id = try model.requireID()
            try await Self.replaceChildren(id, values, on: db)
            let after = try await ProgrammeRepository(db: db).snapshot(model)
            try await AuditLog.record(.create, entity: "programme", id: String(id), region: region,
                                      before: Snapshot?.none, after: after, actor: actor, on: db)
            return after
        }
    }

    func update(_ id: Int, values: ProgrammeValues, actor: AuthUser) async throws -> Snapshot {
        guard let model = try await ProgrammeModel.find(id, on: db) else { throw PilarError.notFound("programme \(id)") }
        let before = try await snapshot(model)
        return try await db.transaction { db in
            Self.apply(values, to: model)
            try await model.save(on: db)
            try await Self.replaceChildren(id, values, on: db)
            let after = try await ProgrammeRepository(db: db).snapshot(model)
            if after != before {
                try await AuditLog.record(.update, entity: "programme", id: String(id), region: model.regionCode,
                                          before: before, after: after, actor: actor, on: db)
            }
            return after
        }
    }

    private static func apply(_ values: ProgrammeValues, to model: ProgrammeModel) {
        model.title = values.title
        model.description = values.description
        model.leadAgencyID = values.leadAgencyID
        model.dimensionCode = values.dimensionCode
        model.horizon = values.horizon.rawValue
        model.startYear = values.startYear
        model.endYear = values.endYear
        model.status = values.status.rawValue
        model.legalBasis = values.legalBasis
        model.legalBasisDate = values.legalBasisDate
        model.links = values.links
    }

    private static func replaceChildren(_ id: Int, _ values: ProgrammeValues, on db: any Database) async throws {
        try await ProgrammeElementModel.query(on: db).filter(\.$programmeID == id).delete()
        try await ProgrammeCoAgencyModel.query(on: db).filter(\.$programmeID == id).delete()
        try await ProgrammeBudgetModel.query(on: db).filter(\.$programmeID == id).delete()
        for code in values.elementCodes { try await ProgrammeElementModel(programmeID: id, elementCode: code).create(on: db) }
        for agency in values.coAgencyIDs { try await ProgrammeCoAgencyModel(programmeID: id, agencyID: agency).create(on: db) }
        for line in values.budgets {
            let budget = ProgrammeBudgetModel()
            budget.programmeID = id
            budget.year = line.year
            budget.amount = line.amount
            budget.source = line.source.rawValue
            try await budget.create(on: db)
        }
    }

    func snapshot(_ model: ProgrammeModel) async throws -> Snapshot {
        let id = try model.requireID()
        let elements = try await ProgrammeElementModel.query(on: db).filter(\.$programmeID == id).all().map(\.elementCode).sorted()
        let coAgencies = try await ProgrammeCoAgencyModel.query(on: db).filter(\.$programmeID == id).all().map(\.agencyID).sorted()
        let budgets = try await ProgrammeBudgetModel.query(on: db).filter(\.$programmeID == id).sort(\.$year).all().compactMap { row in
            BudgetSource(rawValue: row.source).map { BudgetLine(year: row.year, source: $0, amount: row.amount) }
        }
        return Snapshot(id: id, regionCode: model.regionCode, title: model.title, description: model.description,
                        leadAgencyID: model.leadAgencyID, coAgencyIDs: coAgencies, dimensionCode: model.dimensionCode,
                        elementCodes: elements, horizon: model.horizon, startYear: model.startYear, endYear: model.endYear,
                        status: model.status, legalBasis: model.legalBasis, legalBasisDate: model.legalBasisDate,
                        links: model.links.split(whereSeparator: \.isNewline).map(String.init), budgets: budgets)
    }

    /// The region's agencies and framework, which a programme's fields must fit.
    static func context(region: RegionRepository.Summary, on db: any Database) async throws -> ProgrammeContext {
        let agencies = try await AgencyRepository(db: db).list(region: region.code, includeInactive: false)
        var elements: [String: [String]] = [:]
        for dimension in try await FrameworkRepository(db: db).adopted(by: region)?.dimensions ?? [] {
            elements[dimension.code] = dimension.elements.map(\.code)
        }
        return ProgrammeContext(activeAgencyIDs: Set(agencies.map(\.id)), elementsByDimension: elements)
    }
}

extension Scope {
    /// Planners and admins edit every programme of their region; an operator only those their agency leads.
    static func requireProgrammeEditor(region: String, leadAgencyID: Int?, for user: AuthUser) throws {
        try requireRegion(region, for: user)
        switch user.role {
        case .nationalAdmin, .regionAdmin, .planner: return
        case .agencyOperator where leadAgencyID != nil && user.agencyID == leadAgencyID: return
        default: throw PilarError.forbidden
        }
    }
}
