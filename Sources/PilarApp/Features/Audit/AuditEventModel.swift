import Fluent
import Foundation

/// One change: who, when, what, and the record's values before and after (JSON).
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: Int?
    @Field(key: "actor_label") var actorLabel: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "region_code") var regionCode: String?
    @OptionalField(key: "before_json") var beforeJSON: String?
    @OptionalField(key: "after_json") var afterJSON: String?

    init() {}
}
