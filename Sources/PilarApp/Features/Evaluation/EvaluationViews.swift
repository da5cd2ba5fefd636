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
