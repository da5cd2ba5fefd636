import Fluent
import Foundation

/// A version of the smart city framework (dimensions and elements), keyed by its code.
final class FrameworkVersionModel: Model, @unchecked Sendable {
    static let schema = "framework_versions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name_id") var nameID: String
    @Field(key: "name_en") var nameEN: String

    init() {}
    init(code: String, nameID: String, nameEN: String) {
        self.id = code
        self.nameID = nameID
        self.nameEN = nameEN
    }
}

final class DimensionModel: Model, @unchecked Sendable {
    static let schema = "dimensions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "framework_code") var frameworkCode: String
    @Field(key: "code") var code: String
    @Field(key: "position") var position: Int
    @Field(key: "name_id") var nameID: String
    @Field(key: "name_en") var nameEN: String

    init() {}
}

final class ElementModel: Model, @unchecked Sendable {
    static let schema = "elements"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "dimension_id") var dimensionID: Int
    @Field(key: "code") var code: String
    @Field(key: "position") var position: Int
    @Field(key: "name_id") var nameID: String
    @Field(key: "name_en") var nameEN: String

    init() {}
}
