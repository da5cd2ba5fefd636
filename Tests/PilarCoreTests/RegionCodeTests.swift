import PilarCore
import Testing

@Suite("Kemendagri region codes")
struct RegionCodeTests {
    @Test("accepts provinces, regencies and cities and tells them apart")
    func kinds() throws {
        #expect(try #require(RegionCode("35")).impliedKind == .province)
        #expect(try #require(RegionCode("35.22")).impliedKind == .regency)
        #expect(try #require(RegionCode("35.74")).impliedKind == .city)
        #expect(RegionCode("35.74")?.provinceCode == "35")
    }

    @Test("refuses anything that is not NN or NN.NN", arguments: ["", "3", "357", "35.7", "35.744", "35-74", "aa.bb", "35.74.01", "٣٥.٧٤", " 35.74"])
    func rejects(raw: String) {
        #expect(RegionCode(raw) == nil)
    }
}

@Suite("Shipped regions reference data")
struct RegionCSVTests {
    static func shipped() throws -> [RegionRecord] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PilarApp/Resources/data/regions.csv")
        return try RegionCSV.parse(String(contentsOf: url, encoding: .utf8))
    }

    @Test("holds 38 provinces and 514 kabupaten/kota (416 + 98)")
    func counts() throws {
        let records = try Self.shipped()
        #expect(records.filter { $0.kind == .province }.count == 38)
        #expect(records.filter { $0.kind == .regency }.count == 416)
        #expect(records.filter { $0.kind == .city }.count == 98)
        #expect(Set(records.map(\.code)).count == records.count)
    }

    @Test("knows the demo city and every region's province exists")
    func probolinggo() throws {
        let records = try Self.shipped()
        let city = try #require(records.first { $0.code.value == "35.74" })
        #expect(city.name == "Kota Probolinggo")
        #expect((city.population ?? 0) > 200_000)
        let provinces = Set(records.filter { $0.kind == .province }.map(\.code.value))
        #expect(records.filter { $0.kind != .province }.allSatisfy { provinces.contains($0.provinceCode ?? "") })
    }

    @Test("a row that does not fit is an error with its line number")
    func badRows() {
        let header = RegionCSV.header
        #expect(throws: RegionDataError.badRow(line: 2, reason: "kind kota does not match code 35.22")) {
            try RegionCSV.parse("\(header)\n35.22,kota,35,X,1,1\n")
        }
        #expect(throws: RegionDataError.badHeader("code,name")) {
            try RegionCSV.parse("code,name\n")
        }
        #expect(throws: RegionDataError.self) {
            try RegionCSV.parse("\(header)\n35.74,kota,35,Kota Probolinggo\n")
        }
    }
}

import Foundation
