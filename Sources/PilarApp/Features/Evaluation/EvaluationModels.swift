import Fluent
import Foundation
import PilarCore

/// One version of a scoring method; the tree, scale and bands are stored as the JSON of
/// `ScoringMethod`, because a method is read whole and never queried inside.
final class ScoringMethodModel: Model, @unchecked Sendable {
    static let schema = "scoring_methods"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "version") var version: Int
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "definition") var definition: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(_ method: ScoringMethod) throws {
        code = method.code
        version = method.version
        effectiveFrom = method.effectiveFrom
        definition = String(decoding: try JSONEncoder().encode(method), as: UTF8.self)
    }

    func method() throws -> ScoringMethod {
        try JSONDecoder().decode(ScoringMethod.self, from: Data(definition.utf8))
    }
}

final class EvaluationCycleModel: Model, @unchecked Sendable {
    static let schema = "evaluation_cycles"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "period") var period: String
    @Field(key: "year") var year: Int
    @Field(key: "stage") var stage: Int
    @Field(key: "method_id") var methodID: Int
    @Field(key: "self_from") var selfFrom: String
    @Field(key: "self_until") var selfUntil: String
    @Field(key: "verify_until") var verifyUntil: String
    @Field(key: "publish_on") var publishOn: String
    @Field(key: "state") var state: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}
}

/// A region's evaluation in a cycle, or a legacy published total without a cycle.
final class EvaluationModel: Model, @unchecked Sendable {
    static let schema = "evaluations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @OptionalField(key: "cycle_id") var cycleID: Int?
    @Field(key: "region_code") var regionCode: String
    @Field(key: "period") var period: String
    @OptionalField(key: "method_id") var methodID: Int?
    @Field(key: "state") var state: String
    @Field(key: "legacy") var legacy: Bool
    /// The published index, rounded to two decimals; nil until publication.
    @OptionalField(key: "index_value") var indexValue: Double?
    @OptionalField(key: "exact_index") var exactIndex: Double?
    @OptionalField(key: "predicate") var predicate: String?
    /// The assessors' overall remarks, shown to the region with the result.
    @Field(key: "remarks") var remarks: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    var evaluationState: EvaluationState { EvaluationState(rawValue: state) ?? .selfAssessment }
}

/// A self-score and a verified score side by side, for one method item or one smart dimension.
final class EvaluationScoreModel: Model, @unchecked Sendable {
    static let schema = "evaluation_scores"

    enum Kind: String { case item, dimension }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "evaluation_id") var evaluationID: Int
    @Field(key: "item_code") var itemCode: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "self_score") var selfScore: Double?
    @Field(key: "narrative") var narrative: String
    @OptionalField(key: "verified_score") var verifiedScore: Double?
    /// Why the verified score differs from the self-score; required whenever it does.
    @Field(key: "reason") var reason: String
    @Field(key: "field_notes") var fieldNotes: String
    /// For dimensions: programmes planned and actually running at submission.
    @OptionalField(key: "planned") var planned: Int?
    @OptionalField(key: "running") var running: Int?

    init() {}

    init(evaluationID: Int, itemCode: String, kind: Kind) {
        self.evaluationID = evaluationID
        self.itemCode = itemCode
        self.kind = kind.rawValue
        narrative = ""
        reason = ""
        fieldNotes = ""
    }
}

/// What a self-score rests on: a programme, an indicator (with its values and their files) or a link.
final class EvaluationEvidenceModel: Model, @unchecked Sendable {
    static let schema = "evaluation_evidence"

    enum Kind: String, CaseIterable { case programme, indicator, link }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "evaluation_id") var evaluationID: Int
    @Field(key: "item_code") var itemCode: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "ref_id") var refID: Int?
    @OptionalField(key: "url") var url: String?

    init() {}

    init(evaluationID: Int, itemCode: String, kind: Kind, refID: Int? = nil, url: String? = nil) {
        self.evaluationID = evaluationID
        self.itemCode = itemCode
        self.kind = kind.rawValue
        self.refID = refID
        self.url = url
    }
}
