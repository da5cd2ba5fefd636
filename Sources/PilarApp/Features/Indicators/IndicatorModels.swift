import Fluent
import Foundation

/// An output, outcome or impact indicator of an action plan.
final class IndicatorModel: Model, @unchecked Sendable {
    static let schema = "indicators"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "action_plan_id") var actionPlanID: Int
    @Field(key: "level") var level: String
    @Field(key: "name") var name: String
    @Field(key: "unit") var unit: String
    @Field(key: "direction") var direction: String
    @OptionalField(key: "baseline_value") var baselineValue: Double?
    @OptionalField(key: "baseline_period") var baselinePeriod: String?
    @Field(key: "frequency") var frequency: String
    @Field(key: "data_source") var dataSource: String
    /// Set for indicators Pilar computes from citizens (votes, complaints); agencies do not report them.
    @OptionalField(key: "citizen_source") var citizenSource: String?

    init() {}
}

final class IndicatorTargetModel: Model, @unchecked Sendable {
    static let schema = "indicator_targets"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "indicator_id") var indicatorID: Int
    @Field(key: "period") var period: String
    @Field(key: "value") var value: Double

    init() {}
}

/// A realisation: the value an agency reports for a period, and where it is in verification.
final class IndicatorValueModel: Model, @unchecked Sendable {
    static let schema = "indicator_values"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "indicator_id") var indicatorID: Int
    @Field(key: "period") var period: String
    @Field(key: "value") var value: Double
    @Field(key: "note") var note: String
    @Field(key: "state") var state: String
    /// The last return's reason, shown to the agency until it resubmits.
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "updated_by") var updatedBy: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// An evidence file attached to a realisation. Stored in the database so every instance sees it.
final class EvidenceFileModel: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "value_id") var valueID: Int
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @OptionalField(key: "uploaded_by") var uploadedBy: Int?
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?

    init() {}
}

/// Per-region settings for how achievement turns into a status.
final class RegionSettingsModel: Model, @unchecked Sendable {
    static let schema = "region_settings"

    @ID(custom: "region_code", generatedBy: .user) var id: String?
    @Field(key: "on_track_from") var onTrackFrom: Double
    @Field(key: "at_risk_from") var atRiskFrom: Double
    @Field(key: "grace_days") var graceDays: Int
    @Field(key: "lower_formula") var lowerFormula: String

    init() {}
}
