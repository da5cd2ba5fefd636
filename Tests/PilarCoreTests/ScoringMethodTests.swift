import Foundation
import Testing
@testable import PilarCore

private func near(_ a: Double, _ b: Double, within tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

@Suite("Scoring methods")
struct ScoringMethodTests {
    /// The worked example of docs/methodology.md, by hand with weights 10/20/30/20/20:
    /// (10×3 + 20×3.5 + 30×2.5 + 20×4 + 20×3) / 100 = (30 + 70 + 75 + 80 + 60) / 100 = 315 / 100 = 3.15.
    static let example: [String: Double] = ["baseline": 3, "output": 3.5, "outcome": 2.5, "impact": 4, "quickWin": 3]

    static func method(_ items: [ScoringItem], bands: [PredicateBand] = []) throws -> ScoringMethod {
        try ScoringMethod(code: "test", version: 1, name: BilingualText("Uji", "Test"), effectiveFrom: "2024-01-01",
                          scale: ScoreScale(min: 1, max: 5), items: items, bands: bands, source: "test")
    }

    @Test("smart-city-2022 weighs baseline, output, outcome, impact and quick win 10/20/30/20/20")
    func smartCityWeights() {
        let method = ScoringMethod.smartCity2022
        #expect(method.leaves.map(\.code) == ["baseline", "output", "outcome", "impact", "quickWin"])
        #expect(method.leaves.map(\.weight) == [10, 20, 30, 20, 20])
        #expect(method.scale.min == 1 && method.scale.max == 5)
        #expect(method.bands.isEmpty)
    }

    @Test("the index is the weighted mean of the leaf scores: 3, 3.5, 2.5, 4, 3 give 3.15")
    func workedExample() throws {
        let result = try ScoringMethod.smartCity2022.evaluate(Self.example)
        #expect(near(result.index, 3.15))
        #expect(result.published == 3.15)
        #expect(result.band == nil)
        let impact = try #require(result.lines.first { $0.code == "impact" })
        #expect(near(impact.share, 0.20))
        #expect(near(impact.contribution, 0.80))
        #expect(near(result.lines.map(\.contribution).reduce(0, +), result.index))
    }

    @Test("published indices have two decimals, halves away from zero")
    func publishRounding() {
        #expect(ScoringMethod.publish(3.165) == 3.17)
        #expect(ScoringMethod.publish(2.734999) == 2.73)
        #expect(ScoringMethod.publish(3.175) == 3.18)
        #expect(ScoringMethod.publish(3.17) == 3.17)
        #expect(ScoringMethod.publish(3.1649) == 3.16)
        #expect(ScoringMethod.publish(2.0) == 2.0)
    }

    @Test("a score outside the scale is refused")
    func outOfScale() {
        var scores = Self.example
        scores["impact"] = 5.5
        #expect(throws: ScoringError.outOfScale(item: "impact", score: 5.5)) {
            try ScoringMethod.smartCity2022.evaluate(scores)
        }
        scores["impact"] = 0.99
        #expect(throws: ScoringError.outOfScale(item: "impact", score: 0.99)) {
            try ScoringMethod.smartCity2022.evaluate(scores)
        }
        scores["impact"] = Double.infinity
        #expect(throws: ScoringError.self) {
            try ScoringMethod.smartCity2022.evaluate(scores)
        }
        scores["impact"] = 5
        #expect(throws: Never.self) { try ScoringMethod.smartCity2022.evaluate(scores) }
    }

    @Test("a missing item and an item the method does not have are refused")
    func missingAndUnknown() {
        var missing = Self.example
        missing["quickWin"] = nil
        #expect(throws: ScoringError.missingScore(item: "quickWin")) {
            try ScoringMethod.smartCity2022.evaluate(missing)
        }
        var unknown = Self.example
        unknown["innovation"] = 3
        #expect(throws: ScoringError.unknownItem("innovation")) {
            try ScoringMethod.smartCity2022.evaluate(unknown)
        }
        #expect(throws: ScoringError.missingScore(item: "baseline")) {
            try ScoringMethod.smartCity2022.evaluate([:])
        }
    }

    @Test("spbe-2020 has 4 domains, 8 aspects and 47 indicators in the regulation's order")
    func spbeStructure() {
        let method = ScoringMethod.spbe2020
        #expect(method.code == "spbe-2020" && method.version == 1)
        #expect(method.items.map(\.code) == ["D1", "D2", "D3", "D4"])
        let aspects = method.items.flatMap(\.children)
        #expect(aspects.map(\.code) == (1...8).map { "A\($0)" })
        #expect(aspects.map(\.leaves.count) == [10, 4, 4, 2, 8, 3, 10, 6])
        #expect(method.leaves.count == 47)
        #expect(method.leaves.map(\.code) == (1...47).map { "I\($0)" })
        #expect(method.leaves.allSatisfy { !$0.name.id.isEmpty && !$0.name.en.isEmpty })
        #expect(Set(method.leaves.map(\.name.id)).count == 47)
        #expect(method.leaves[0].name.id == "Kebijakan Internal Arsitektur SPBE Pemerintah Daerah")
        #expect(method.leaves[41].name.id == "Layanan Pengaduan Pelayanan Publik")
    }

    @Test("spbe-2020 weights sum to 100: domains 13 / 25 / 16.5 / 45.5")
    func spbeWeights() {
        let method = ScoringMethod.spbe2020
        #expect(near(method.leaves.reduce(0) { $0 + $1.weight }, 100))
        let domains = method.items.map(\.totalWeight)
        for (actual, expected) in zip(domains, [13, 25, 16.5, 45.5]) { #expect(near(actual, expected)) }
        let perIndicator = Dictionary(grouping: method.leaves, by: { Int($0.code.dropFirst())! }).mapValues { $0[0].weight }
        #expect(perIndicator[1] == 1.30 && perIndicator[10] == 1.30)
        #expect(perIndicator[11] == 2.50 && perIndicator[20] == 2.50)
        #expect(perIndicator[21] == 1.50 && perIndicator[31] == 1.50)
        #expect(perIndicator[32] == 2.75 && perIndicator[41] == 2.75)
        #expect(perIndicator[42] == 3.00 && perIndicator[47] == 3.00)
    }

    @Test("every indicator at level 3 gives index 3, predicate Baik")
    func spbeAllThree() throws {
        let method = ScoringMethod.spbe2020
        let result = try method.evaluate(Dictionary(uniqueKeysWithValues: method.leaves.map { ($0.code, 3.0) }))
        #expect(near(result.index, 3))
        #expect(result.published == 3)
        #expect(result.band?.code == "baik")
        #expect(result.band?.name == BilingualText("Baik", "Good"))
        #expect(result.lines.count == 4 + 8 + 47)
    }

    @Test("predicate bands start at 4.2, 3.5, 2.6, 1.8 and are judged on the published index")
    func spbeBands() {
        let method = ScoringMethod.spbe2020
        #expect(method.bands.map(\.code) == ["memuaskan", "sangat-baik", "baik", "cukup", "kurang"])
        #expect(method.band(for: 5.0)?.code == "memuaskan")
        #expect(method.band(for: 4.2)?.code == "memuaskan")
        #expect(method.band(for: 4.19)?.code == "sangat-baik")
        #expect(method.band(for: 4.195)?.code == "memuaskan") // published as 4.20
        #expect(method.band(for: 4.194)?.code == "sangat-baik") // published as 4.19
        #expect(method.band(for: 3.5)?.code == "sangat-baik")
        #expect(method.band(for: 3.49)?.code == "baik")
        #expect(method.band(for: 2.6)?.code == "baik")
        #expect(method.band(for: 2.59)?.code == "cukup")
        #expect(method.band(for: 1.8)?.code == "cukup")
        #expect(method.band(for: 1.79)?.code == "kurang")
        #expect(method.band(for: 1.0)?.code == "kurang")
    }

    /// Aspect 7 (ten indicators × 2.75 = 27.5) all at level 2, aspect 8 (six × 3.00 = 18) all at 5, the
    /// rest at 3. Domain 4 = (27.5×2 + 18×5) / 45.5 = 145 / 45.5 ≈ 3.1868, which is neither the plain mean
    /// of its aspects (3.5) nor of its indicators (50 / 16 = 3.125). Index = (54.5×3 + 145) / 100 = 3.085.
    @Test("a group's score is the weighted mean of its leaves")
    func groupScores() throws {
        let method = ScoringMethod.spbe2020
        var scores: [String: Double] = [:]
        for number in 1...47 { scores["I\(number)"] = (32...41).contains(number) ? 2.0 : (42...47).contains(number) ? 5.0 : 3.0 }
        let result = try method.evaluate(scores)
        func line(_ code: String) throws -> ScoringResult.Line { try #require(result.lines.first { $0.code == code }) }

        let a7 = try line("A7")
        #expect(near(a7.score, 2) && near(a7.weight, 27.5) && near(a7.share, 0.275))
        #expect(a7.depth == 1 && a7.parent == "D4" && !a7.isLeaf)
        let a8 = try line("A8")
        #expect(near(a8.score, 5) && near(a8.weight, 18))
        let d4 = try line("D4")
        #expect(near(d4.score, 145 / 45.5))
        #expect(near(d4.weight, 45.5) && d4.depth == 0 && d4.parent == nil)
        #expect(near(d4.contribution, 1.45))
        let i32 = try line("I32")
        #expect(i32.depth == 2 && i32.parent == "A7" && i32.isLeaf && near(i32.score, 2))

        #expect(near(result.index, 3.085))
        #expect(result.published == 3.09)
        #expect(result.band?.code == "baik")
        let topLevel = result.lines.filter { $0.depth == 0 }
        #expect(topLevel.map(\.code) == ["D1", "D2", "D3", "D4"])
        #expect(near(topLevel.map(\.contribution).reduce(0, +), result.index))
        // Groups come before their children, in tree order.
        let codes = result.lines.map(\.code)
        #expect(codes.firstIndex(of: "D4")! < codes.firstIndex(of: "A7")!)
        #expect(codes.firstIndex(of: "A7")! < codes.firstIndex(of: "I32")!)
    }

    @Test("a revised version reweighs leaves; the original and its results stay as they were")
    func revisedVersion() throws {
        let original = ScoringMethod.smartCity2022
        let revised = try original.revised(version: 2, name: BilingualText("Indeks daerah", "Regional index"),
                                           effectiveFrom: "2024-01-01", scale: ScoreScale(min: 1, max: 5),
                                           weights: ["impact": 30, "quickWin": 10])
        #expect(revised.leaves.map(\.weight) == [10, 20, 30, 30, 10])
        #expect(revised.code == original.code && revised.version == 2)
        #expect(revised.label == "smart-city-2022 v2" && original.label == "smart-city-2022 v1")
        #expect(revised.effectiveFrom == "2024-01-01")
        #expect(original.leaves.map(\.weight) == [10, 20, 30, 20, 20])

        // (30 + 70 + 75 + 30×4 + 10×3) / 100 = 325 / 100 = 3.25 against 3.15 under version 1.
        let before = try original.evaluate(Self.example)
        let after = try revised.evaluate(Self.example)
        #expect(near(after.index, 3.25))
        #expect(after.published != before.published)
        #expect(before.published == 3.15)

        let renamed = try original.revised(code: "smart-city-probolinggo", version: 1, name: original.name,
                                           effectiveFrom: "2021-01-01", scale: original.scale, weights: [:])
        #expect(renamed.code == "smart-city-probolinggo" && renamed.leaves == original.leaves)
        #expect(renamed.source == original.source)

        let spbe = ScoringMethod.spbe2020
        let spbe2 = try spbe.revised(version: 2, name: spbe.name, effectiveFrom: "2025-01-01", scale: spbe.scale, weights: ["I42": 4])
        #expect(spbe2.bands == spbe.bands)
        #expect(near(spbe2.items[3].totalWeight, 46.5) && near(spbe.items[3].totalWeight, 45.5))
    }

    @Test("methods that could not be trusted are refused")
    func refusals() throws {
        #expect(throws: ScoringError.badWeight(item: "a")) {
            try Self.method([ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 0)])
        }
        #expect(throws: ScoringError.badWeight(item: "b")) {
            try Self.method([ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 1),
                             ScoringItem(code: "b", name: BilingualText("B", "B"), weight: -2)])
        }
        #expect(throws: ScoringError.badWeight(item: "impact")) {
            try ScoringMethod.smartCity2022.revised(version: 2, name: ScoringMethod.smartCity2022.name, effectiveFrom: "2024-01-01",
                                                    scale: ScoreScale(min: 1, max: 5), weights: ["impact": 0])
        }
        #expect(throws: ScoringError.duplicateCode("a")) {
            try Self.method([ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 1),
                             ScoringItem(code: "g", name: BilingualText("G", "G"), children: [
                                 ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 1),
                             ])])
        }
        #expect(throws: ScoringError.duplicateCode("g")) {
            try Self.method([ScoringItem(code: "g", name: BilingualText("G", "G"), children: [
                ScoringItem(code: "g", name: BilingualText("G", "G"), weight: 1),
            ])])
        }
        #expect(throws: ScoringError.noItems) { try Self.method([]) }
        #expect(throws: ScoringError.badBands) {
            try Self.method([ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 1)],
                            bands: [PredicateBand(code: "top", name: BilingualText("Atas", "Top"), from: 6)])
        }
        #expect(throws: ScoringError.badScale) { try ScoreScale(min: 5, max: 1) }
        // A group without a weight of its own is fine: its weight is that of its leaves.
        let grouped = try Self.method([ScoringItem(code: "g", name: BilingualText("G", "G"), children: [
            ScoringItem(code: "a", name: BilingualText("A", "A"), weight: 2),
            ScoringItem(code: "b", name: BilingualText("B", "B"), weight: 6),
        ])])
        #expect(grouped.items[0].totalWeight == 8)
        let weighted = try grouped.evaluate(["a": 1, "b": 5])
        #expect(near(weighted.index, 4)) // (2×1 + 6×5) / 8
    }

    @Test("shipped methods have unique codes and survive storage as JSON")
    func shipped() throws {
        let codes = ScoringMethod.shipped.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes == ["smart-city-2022", "spbe-2020"])
        for method in ScoringMethod.shipped {
            #expect(throws: Never.self) { try method.validate() }
            let stored = try JSONEncoder().encode(method)
            #expect(try JSONDecoder().decode(ScoringMethod.self, from: stored) == method)
            #expect(!method.source.isEmpty)
        }
    }
}
