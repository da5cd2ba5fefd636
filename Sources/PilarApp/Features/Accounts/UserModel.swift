import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @OptionalField(key: "region_code") var regionCode: String?
    @OptionalField(key: "agency_id") var agencyID: Int?
    @Field(key: "active") var active: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// The regions an assessor is assigned to verify.
final class AssessorAssignmentModel: Model, @unchecked Sendable {
    static let schema = "assessor_regions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: Int
    @Field(key: "region_code") var regionCode: String

    init() {}
    init(userID: Int, regionCode: String) {
        self.userID = userID
        self.regionCode = regionCode
    }
}
