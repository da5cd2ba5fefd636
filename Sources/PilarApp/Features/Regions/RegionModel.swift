import Fluent
import Foundation

/// A province or kabupaten/kota, keyed by its Kemendagri code (e.g. `35.74`).
final class RegionModel: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "province_code") var provinceCode: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "population") var population: Int?
    @OptionalField(key: "area_km2") var areaKm2: Double?
    /// The framework version the region plans against; nil until it joins the programme.
    @OptionalField(key: "framework_code") var frameworkCode: String?

    init() {}
}
