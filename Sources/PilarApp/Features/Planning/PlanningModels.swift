import Fluent
import Foundation

/// A region's smart city masterplan (e.g. 2021-2026) with its vision, mission and Buku III summary.
final class MasterplanModel: Model, @unchecked Sendable {
    static let schema = "masterplans"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "title") var title: String
    @Field(key: "start_year") var startYear: Int
    @Field(key: "end_year") var endYear: Int
    @Field(key: "vision") var vision: String
    @Field(key: "mission") var mission: String
    @Field(key: "executive_summary") var executiveSummary: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// Buku I: the strategic analysis of one dimension within a masterplan.
final class DimensionAnalysisModel: Model, @unchecked Sendable {
    static let schema = "dimension_analyses"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "masterplan_id") var masterplanID: Int
    @Field(key: "dimension_code") var dimensionCode: String
    @Field(key: "current_condition") var currentCondition: String
    @Field(key: "issues") var issues: String
    @Field(key: "readiness_infrastructure") var readinessInfrastructure: String
    @Field(key: "readiness_superstructure") var readinessSuperstructure: String
    @Field(key: "readiness_structure") var readinessStructure: String
    @Field(key: "strengths") var strengths: String
    @Field(key: "weaknesses") var weaknesses: String
    @Field(key: "opportunities") var opportunities: String
    @Field(key: "threats") var threats: String

    init() {}
}

/// A programme or innovation from an agency's roadmap form.
final class ProgrammeModel: Model, @unchecked Sendable {
    static let schema = "programmes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @OptionalField(key: "masterplan_id") var masterplanID: Int?
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "lead_agency_id") var leadAgencyID: Int
    @Field(key: "dimension_code") var dimensionCode: String
    @Field(key: "horizon") var horizon: String
    @Field(key: "start_year") var startYear: Int
    @Field(key: "end_year") var endYear: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "legal_basis") var legalBasis: String?
    @OptionalField(key: "legal_basis_date") var legalBasisDate: String?
    /// Links to the agency's own apps, one per line.
    @Field(key: "links") var links: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

final class ProgrammeElementModel: Model, @unchecked Sendable {
    static let schema = "programme_elements"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "programme_id") var programmeID: Int
    @Field(key: "element_code") var elementCode: String

    init() {}
    init(programmeID: Int, elementCode: String) {
        self.programmeID = programmeID
        self.elementCode = elementCode
    }
}

final class ProgrammeCoAgencyModel: Model, @unchecked Sendable {
    static let schema = "programme_co_agencies"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "programme_id") var programmeID: Int
    @Field(key: "agency_id") var agencyID: Int

    init() {}
    init(programmeID: Int, agencyID: Int) {
        self.programmeID = programmeID
        self.agencyID = agencyID
    }
}

/// One year's budget line of a programme, in whole rupiah.
final class ProgrammeBudgetModel: Model, @unchecked Sendable {
    static let schema = "programme_budgets"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "programme_id") var programmeID: Int
    @Field(key: "year") var year: Int
    @Field(key: "amount") var amount: Int64
    @Field(key: "source") var source: String

    init() {}
}

/// A rencana aksi: how a programme reaches its objective (sasaran), owned by one agency.
final class ActionPlanModel: Model, @unchecked Sendable {
    static let schema = "action_plans"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "programme_id") var programmeID: Int
    @Field(key: "objective") var objective: String
    @Field(key: "activities") var activities: String
    @Field(key: "agency_id") var agencyID: Int
    @Field(key: "start_period") var startPeriod: String
    @Field(key: "end_period") var endPeriod: String

    init() {}
}
