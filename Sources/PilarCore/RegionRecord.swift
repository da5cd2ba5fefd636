/// One row of the shipped regions reference data.
public struct RegionRecord: Sendable, Equatable {
    public let code: RegionCode
    public let kind: RegionKind
    public let provinceCode: String?
    public let name: String
    public let population: Int?
    public let areaKm2: Double?
}

public enum RegionDataError: Error, Equatable, CustomStringConvertible {
    case badHeader(String)
    case badRow(line: Int, reason: String)

    public var description: String {
        switch self {
        case .badHeader(let header): return "unexpected header: \(header)"
        case .badRow(let line, let reason): return "line \(line): \(reason)"
        }
    }
}

/// Reads `regions.csv` (code,kind,province_code,name,population_2025,area_km2).
/// The file has no quoted fields; a row that does not fit is an error rather than silently dropped,
/// because a missing region would surface much later as a confusing 404.
public enum RegionCSV {
    public static let header = "code,kind,province_code,name,population_2025,area_km2"

    public static func parse(_ text: String) throws -> [RegionRecord] {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == header else {
            throw RegionDataError.badHeader(lines.first ?? "")
        }
        lines.removeFirst()
        return try lines.enumerated().map { index, line in try parseRow(line, lineNumber: index + 2) }
    }

    static func parseRow(_ line: String, lineNumber: Int) throws -> RegionRecord {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6 else {
            throw RegionDataError.badRow(line: lineNumber, reason: "expected 6 fields, found \(fields.count)")
        }
        guard let code = RegionCode(fields[0]) else {
            throw RegionDataError.badRow(line: lineNumber, reason: "bad code \(fields[0])")
        }
        guard let kind = RegionKind(rawValue: fields[1]) else {
            throw RegionDataError.badRow(line: lineNumber, reason: "bad kind \(fields[1])")
        }
        guard kind == code.impliedKind else {
            throw RegionDataError.badRow(line: lineNumber, reason: "kind \(kind.rawValue) does not match code \(code)")
        }
        let province = fields[2].isEmpty ? nil : fields[2]
        if !code.isProvince, province != code.provinceCode {
            throw RegionDataError.badRow(line: lineNumber, reason: "province \(fields[2]) does not match code \(code)")
        }
        return RegionRecord(
            code: code, kind: kind, provinceCode: province, name: fields[3],
            population: Int(fields[4]), areaKm2: Double(fields[5])
        )
    }
}
