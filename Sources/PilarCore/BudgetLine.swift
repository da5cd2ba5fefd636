/// One year's money for a programme, as typed in the roadmap form: `2025 APBD 150000000`.
public struct BudgetLine: Equatable, Sendable, Codable {
    public let year: Int
    public let source: BudgetSource
    /// Whole rupiah.
    public let amount: Int64

    public init(year: Int, source: BudgetSource, amount: Int64) {
        self.year = year
        self.source = source
        self.amount = amount
    }

    /// Parses one line per budget entry. Amounts may group thousands with dots or spaces
    /// (`150.000.000`), as Indonesian forms do; decimals are refused because budgets are whole rupiah.
    public static func parseLines(_ text: String) -> (lines: [BudgetLine], badLine: Int?) {
        var lines: [BudgetLine] = []
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).map(String.init)
            guard words.count >= 3, let year = Int(words[0]), (2000...2100).contains(year),
                  let source = BudgetSource.allCases.first(where: { $0.rawValue.lowercased() == words[1].lowercased() })
            else { return (lines, index + 1) }
            let digits = words[2...].joined().replacingOccurrences(of: ".", with: "")
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let amount = Int64(digits) else {
                return (lines, index + 1)
            }
            lines.append(BudgetLine(year: year, source: source, amount: amount))
        }
        return (lines, nil)
    }

    public var formatted: String { "\(year) \(source.rawValue) \(amount)" }
}
