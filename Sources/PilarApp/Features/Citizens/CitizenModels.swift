import Fluent
import Foundation
import PilarCore

final class SatisfactionVoteModel: Model, @unchecked Sendable {
    static let schema = "satisfaction_votes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    /// `programme` or `service` (a complaint category a region offers as a public service).
    @Field(key: "item_kind") var itemKind: String
    @Field(key: "item_id") var itemID: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "answer") var answer: String
    @Field(key: "day") var day: String
    @Field(key: "period") var period: String
    @Field(key: "voter") var voter: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A kind of report a region accepts, mapped to the agency that answers it: Open311's "service".
final class ComplaintCategoryModel: Model, @unchecked Sendable {
    static let schema = "complaint_categories"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "service_code") var serviceCode: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "agency_id") var agencyID: Int
    @OptionalField(key: "programme_id") var programmeID: Int?
    /// Days within which the report should be resolved; later ones are overdue.
    @Field(key: "target_days") var targetDays: Int
    @Field(key: "active") var active: Bool

    init() {}
}

/// A citizen's report without its reporter: everything here may be shown to staff, and to the
/// public unless confidential.
final class ComplaintModel: Model, @unchecked Sendable {
    static let schema = "complaints"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "tracking_code") var trackingCode: String
    @Field(key: "classification") var classification: String
    @Field(key: "category_id") var categoryID: Int
    @OptionalField(key: "agency_id") var agencyID: Int?
    @Field(key: "description") var description: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @Field(key: "address") var address: String
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "confidential") var confidential: Bool
    @Field(key: "state") var state: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}

    var complaintState: ComplaintState { ComplaintState(rawValue: state) ?? .new }
}

/// The reporter's identity, kept apart from the report; every read is audited and the retention
/// command blanks it after the region's retention period.
final class ComplaintReporterModel: Model, @unchecked Sendable {
    static let schema = "complaint_reporters"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "complaint_id") var complaintID: Int
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "phone") var phone: String
    @OptionalField(key: "purged_at") var purgedAt: Date?

    init() {}
}

final class ComplaintPhotoModel: Model, @unchecked Sendable {
    static let schema = "complaint_photos"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "complaint_id") var complaintID: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "data") var data: Data

    init() {}
}

/// One step on a report, with the note staff wrote; `public` notes are shown to the reporter when
/// tracking. Additional information from the citizen is a step too.
final class ComplaintUpdateModel: Model, @unchecked Sendable {
    static let schema = "complaint_updates"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "complaint_id") var complaintID: Int
    @Field(key: "state") var state: String
    @Field(key: "note") var note: String
    @Field(key: "public") var isPublic: Bool
    @Field(key: "by_citizen") var byCitizen: Bool
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "at") var at: Date

    init() {}
}

final class CitizenSettingsModel: Model, @unchecked Sendable {
    static let schema = "citizen_settings"

    @ID(custom: "region_code", generatedBy: .user) var id: String?
    @Field(key: "reopen_days") var reopenDays: Int
    @Field(key: "retention_days") var retentionDays: Int

    init() {}

    static let defaultReopenDays = 14
    /// Two years: long enough to answer follow-ups and audits, short enough to honour purpose limitation.
    static let defaultRetentionDays = 730

    static func load(_ region: String, on db: any Database) async throws -> (reopenDays: Int, retentionDays: Int) {
        let row = try await CitizenSettingsModel.find(region, on: db)
        return (row?.reopenDays ?? defaultReopenDays, row?.retentionDays ?? defaultRetentionDays)
    }
}
