import Foundation
import PilarCore
import Vapor

extension Request {
    /// An index or score as published: always two decimals, with the reader's decimal mark.
    func score(_ value: Double?) -> String {
        guard let value else { return "–" }
        let text = String(format: "%.2f", ScoringMethod.publish(value))
        return language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A typed-back score for a form field: as entered, or the stored figure in the reader's notation.
    func scoreField(_ value: Double?) -> String {
        value.map { number($0) } ?? ""
    }

    var english: Bool { language == .en }
}

/// One line of a method's tree as pages show it (weights table, simulation result).
struct MethodLine: Encodable {
    let code: String
    let name: String
    let depth: Int
    let isLeaf: Bool
    let weight: String
    let share: String
    let score: String
    let contribution: String
}

extension MethodLine {
    static func tree(_ method: ScoringMethod, _ req: Request) -> [MethodLine] {
        let total = method.items.reduce(0) { $0 + $1.totalWeight }
        func walk(_ item: ScoringItem, _ depth: Int) -> [MethodLine] {
            [MethodLine(code: item.code, name: item.name.text(english: req.english), depth: depth, isLeaf: item.isLeaf,
                        weight: req.number(item.totalWeight), share: percent(item.totalWeight / total, req), score: "", contribution: "")]
                + item.children.flatMap { walk($0, depth + 1) }
        }
        return method.items.flatMap { walk($0, 0) }
    }

    static func result(_ result: ScoringResult, _ req: Request) -> [MethodLine] {
        result.lines.map {
            MethodLine(code: $0.code, name: $0.name.text(english: req.english), depth: $0.depth, isLeaf: $0.isLeaf,
                       weight: req.number($0.weight), share: percent($0.share, req), score: req.score($0.score),
                       contribution: String(format: "%.3f", $0.contribution).replacingOccurrences(of: ".", with: req.english ? "." : ","))
        }
    }

    static func percent(_ share: Double, _ req: Request) -> String {
        req.number((share * 1000).rounded() / 10) + " %"
    }
}

/// A method as a choice in forms and lists.
struct MethodChoice: Encodable {
    let id: Int
    let label: String
    let name: String
    let effectiveFrom: String
    let items: Int
    let scale: String
    let selected: Bool
}

extension MethodChoice {
    init(_ stored: EvaluationRepository.StoredMethod, _ req: Request, selected: Bool = false) {
        let m = stored.method
        self.init(id: stored.id, label: m.label, name: m.name.text(english: req.english), effectiveFrom: m.effectiveFrom,
                  items: m.leaves.count, scale: "\(req.number(m.scale.min))–\(req.number(m.scale.max))", selected: selected)
    }
}

/// The evaluation charts several pages draw: the index trend from a published history, and the radar
/// of dimension scores in the framework's order.
enum EvaluationCharts {
    static func trend(_ history: [EvaluationRepository.HistoryEntry], _ req: Request) -> String {
        SVGChart.trend(history.compactMap { entry in
            EvaluationRules.timePosition(period: entry.period).map { SVGChart.TrendPoint(label: entry.period, position: $0, value: entry.index) }
        }, scale: 1...5, title: req.catalog.text("evaluation.trend"))
    }

    /// An evaluation's dimension scores in the framework's order (codes it does not know last), with
    /// each dimension's name in the reader's language.
    static func dimensionScores(_ detail: EvaluationRepository.Detail, framework: FrameworkRepository.Framework?,
                                english: Bool) -> [(name: String, score: EvaluationScoreModel)] {
        let dimensions = framework?.dimensions ?? []
        let order = dimensions.map { "dimension." + $0.code }
        let names = Dictionary(uniqueKeysWithValues: dimensions.map { ("dimension." + $0.code, english ? $0.name.en : $0.name.id) })
        return detail.scores.values.filter { $0.kind == EvaluationScoreModel.Kind.dimension.rawValue }
            .sorted { (order.firstIndex(of: $0.itemCode) ?? 99, $0.itemCode) < (order.firstIndex(of: $1.itemCode) ?? 99, $1.itemCode) }
            .map { (names[$0.itemCode] ?? String($0.itemCode.dropFirst("dimension.".count)), $0) }
    }

    /// The radar of those scores on the method's scale: verified where the reader may see it, else the
    /// region's own. Nil when the evaluation has no dimension scores.
    static func radar(_ detail: EvaluationRepository.Detail, framework: FrameworkRepository.Framework?, showVerified: Bool,
                      title: String, _ req: Request) -> String? {
        let scores = dimensionScores(detail, framework: framework, english: req.english)
        guard !scores.isEmpty else { return nil }
        let scale = detail.method.map { $0.method.scale.min...$0.method.scale.max } ?? 1...5
        return SVGChart.radar(axes: scores.map { (label: $0.name, value: (showVerified ? $0.score.verifiedScore : nil) ?? $0.score.selfScore) },
                              scale: scale, title: title)
    }
}
