/// A Kemendagri region code: `NN` for a province, `NN.NN` for a kabupaten (01-69) or kota (71-99).
public struct RegionCode: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: String

    public init?(_ raw: String) {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        value = raw
    }

    public var isProvince: Bool { !value.contains(".") }
    public var provinceCode: String { String(value.prefix(2)) }

    /// The kind implied by the code itself: regency numbers run 01-69, city numbers 71-99.
    public var impliedKind: RegionKind {
        guard let local = value.split(separator: ".").dropFirst().first, let number = Int(local) else {
            return .province
        }
        return number >= 71 ? .city : .regency
    }

    public var description: String { value }
    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }
}

public enum RegionKind: String, CaseIterable, Sendable, Codable {
    case province = "provinsi"
    case regency = "kabupaten"
    case city = "kota"
}
