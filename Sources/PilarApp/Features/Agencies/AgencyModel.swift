import Fluent
import Foundation

/// A perangkat daerah (regional agency). Deactivated rather than deleted: programmes, users and
/// audit entries keep pointing at it.
final class AgencyModel: Model, @unchecked Sendable {
    static let schema = "agencies"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "head_name") var headName: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
