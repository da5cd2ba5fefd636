import Foundation

/// A name in both languages of the app.
public struct BilingualText: Sendable, Codable, Equatable {
    public let id: String
    public let en: String

    public init(_ id: String, _ en: String) {
        self.id = id
        self.en = en
    }

    public func text(english: Bool) -> String { english ? en : id }
}

/// One node of a scoring method: a group (domain, aspect) or a scored item (component, indicator).
/// Only leaves carry a weight and receive a score; a group's weight is the sum of its leaves, so a
/// weighted mean over the tree equals the weighted mean over the leaves whatever the nesting.
public struct ScoringItem: Sendable, Codable, Equatable {
    public let code: String
    public let name: BilingualText
    public let weight: Double
    public let children: [ScoringItem]

    public init(code: String, name: BilingualText, weight: Double = 0, children: [ScoringItem] = []) {
        self.code = code
        self.name = name
        self.weight = weight
        self.children = children
    }

    public var isLeaf: Bool { children.isEmpty }

    public var leaves: [ScoringItem] { isLeaf ? [self] : children.flatMap(\.leaves) }

    public var totalWeight: Double { isLeaf ? weight : children.reduce(0) { $0 + $1.totalWeight } }
}

/// A named band of the index, e.g. SPBE's "Baik" from 2.6 up to (not including) 3.5.
public struct PredicateBand: Sendable, Codable, Equatable {
    public let code: String
    public let name: BilingualText
    /// The lowest index (inclusive) in this band; the band ends where the next higher one starts.
    public let from: Double

    public init(code: String, name: BilingualText, from: Double) {
        self.code = code
        self.name = name
        self.from = from
    }
}

/// The range of scores an item may receive.
public struct ScoreScale: Sendable, Codable, Equatable {
    public let min: Double
    public let max: Double

    public init(min: Double, max: Double) throws {
        guard min.isFinite, max.isFinite, min >= 0, max > min, max <= 1000 else { throw ScoringError.badScale }
        self.min = min
        self.max = max
    }

    public func contains(_ score: Double) -> Bool { score.isFinite && score >= min && score <= max }
}

public enum ScoringError: Error, Equatable, Sendable {
    case badScale
    case noItems
    case badWeight(item: String)
    case duplicateCode(String)
    case badBands
    case missingScore(item: String)
    case outOfScale(item: String, score: Double)
    case unknownItem(String)
}

/// A scoring method as data: which items are scored, how much each weighs, on which scale and with
/// which predicate bands. Methods are versioned; a published result names the version it used forever,
/// so changing weights next year never rewrites last year's index.
public struct ScoringMethod: Sendable, Codable, Equatable {
    public let code: String
    public let version: Int
    public let name: BilingualText
    /// The first day (yyyy-MM-dd) from which cycles may use this version.
    public let effectiveFrom: String
    public let scale: ScoreScale
    public let items: [ScoringItem]
    /// Highest band first or in any order; empty when the method has no confirmed bands.
    public let bands: [PredicateBand]
    /// Where the method comes from (regulation, guideline), shown with every result.
    public let source: String

    public init(code: String, version: Int, name: BilingualText, effectiveFrom: String, scale: ScoreScale,
                items: [ScoringItem], bands: [PredicateBand] = [], source: String) throws {
        self.code = code
        self.version = version
        self.name = name
        self.effectiveFrom = effectiveFrom
        self.scale = scale
        self.items = items
        self.bands = bands.sorted { $0.from > $1.from }
        self.source = source
        try validate()
    }

    public var leaves: [ScoringItem] { items.flatMap(\.leaves) }

    public var label: String { "\(code) v\(version)" }

    /// Refuses a method whose results could not be trusted: no items, a non-positive weight,
    /// two items with one code, or bands outside the scale.
    public func validate() throws {
        guard !leaves.isEmpty else { throw ScoringError.noItems }
        var seen = Set<String>()
        for item in items.flatMap(Self.allNodes) {
            guard seen.insert(item.code).inserted else { throw ScoringError.duplicateCode(item.code) }
            if item.isLeaf, !(item.weight.isFinite && item.weight > 0) { throw ScoringError.badWeight(item: item.code) }
        }
        guard Set(bands.map(\.from)).count == bands.count,
              bands.allSatisfy({ $0.from >= scale.min && $0.from <= scale.max }) else { throw ScoringError.badBands }
    }

    private static func allNodes(_ item: ScoringItem) -> [ScoringItem] { [item] + item.children.flatMap(allNodes) }

    /// The band an index falls in, judged on the published (rounded) index.
    public func band(for index: Double) -> PredicateBand? {
        let published = Self.publish(index)
        return bands.first { published >= $0.from } ?? bands.last
    }

    /// Computes the index from a score for every leaf. Nothing is rounded here: rounding happens once,
    /// at publication, so that intermediate results never accumulate rounding error.
    public func evaluate(_ scores: [String: Double]) throws -> ScoringResult {
        let leafCodes = Set(leaves.map(\.code))
        if let unknown = scores.keys.sorted().first(where: { !leafCodes.contains($0) }) {
            throw ScoringError.unknownItem(unknown)
        }
        for leaf in leaves {
            guard let score = scores[leaf.code] else { throw ScoringError.missingScore(item: leaf.code) }
            guard scale.contains(score) else { throw ScoringError.outOfScale(item: leaf.code, score: score) }
        }
        var lines: [ScoringResult.Line] = []
        let total = items.reduce(0) { $0 + $1.totalWeight }
        for item in items { collect(item, depth: 0, parent: nil, scores: scores, total: total, into: &lines) }
        let index = leaves.reduce(0) { $0 + $1.weight * scores[$1.code]! } / total
        return ScoringResult(index: index, published: Self.publish(index), band: band(for: index), lines: lines)
    }

    @discardableResult
    private func collect(_ item: ScoringItem, depth: Int, parent: String?, scores: [String: Double], total: Double,
                         into lines: inout [ScoringResult.Line]) -> Double {
        let position = lines.count
        let score: Double
        if item.isLeaf {
            score = scores[item.code]!
        } else {
            var weighted = 0.0
            lines.append(.init(code: item.code, name: item.name, depth: depth, parent: parent, weight: 0, share: 0, score: 0, contribution: 0, isLeaf: false))
            for child in item.children {
                weighted += collect(child, depth: depth + 1, parent: item.code, scores: scores, total: total, into: &lines) * child.totalWeight
            }
            score = weighted / item.totalWeight
        }
        let line = ScoringResult.Line(code: item.code, name: item.name, depth: depth, parent: parent, weight: item.totalWeight,
                                      share: item.totalWeight / total, score: score,
                                      contribution: score * item.totalWeight / total, isLeaf: item.isLeaf)
        if item.isLeaf { lines.append(line) } else { lines[position] = line }
        return score
    }

    /// Two decimals, halves away from zero, as indices are published (3.165 → 3.17). The nudge keeps a
    /// value written as 3.165 (stored in binary as 3.16499…) from rounding down.
    public static func publish(_ value: Double) -> Double {
        ((value * 100) + (value >= 0 ? 1e-7 : -1e-7)).rounded(.toNearestOrAwayFromZero) / 100
    }

    /// This method with other leaf weights, a new version and effective date: how a national admin
    /// defines e.g. a region's 10/20/30/30/10 from the shipped 10/20/30/20/20.
    public func revised(code: String? = nil, version: Int, name: BilingualText, effectiveFrom: String, scale: ScoreScale,
                        weights: [String: Double], bands: [PredicateBand]? = nil) throws -> ScoringMethod {
        // A mistyped code would otherwise leave its weight unchanged without a word.
        let leafCodes = Set(leaves.map(\.code))
        if let unknown = weights.keys.sorted().first(where: { !leafCodes.contains($0) }) { throw ScoringError.unknownItem(unknown) }
        func reweigh(_ item: ScoringItem) -> ScoringItem {
            item.isLeaf
                ? ScoringItem(code: item.code, name: item.name, weight: weights[item.code] ?? item.weight)
                : ScoringItem(code: item.code, name: item.name, children: item.children.map(reweigh))
        }
        return try ScoringMethod(code: code ?? self.code, version: version, name: name, effectiveFrom: effectiveFrom, scale: scale,
                                 items: items.map(reweigh), bands: bands ?? self.bands, source: source)
    }
}

/// What a method makes of a set of scores: the exact index, the published one and a line per node.
public struct ScoringResult: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let code: String
        public let name: BilingualText
        public let depth: Int
        public let parent: String?
        /// The node's weight (a group's is the sum of its leaves).
        public let weight: Double
        /// The node's weight as a share of all weights (0…1).
        public let share: Double
        public let score: Double
        /// How much this node adds to the index: score × share.
        public let contribution: Double
        public let isLeaf: Bool
    }

    public let index: Double
    public let published: Double
    public let band: PredicateBand?
    public let lines: [Line]
}
