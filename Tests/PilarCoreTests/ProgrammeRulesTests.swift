import PilarCore
import Testing

@Suite("Programme rules")
struct ProgrammeRulesTests {
    @Test("years must be plausible, ordered and fit the horizon")
    func years() {
        #expect(ProgrammeRules.checkYears(start: 2022, end: 2026, horizon: .short).isEmpty)
        #expect(ProgrammeRules.checkYears(start: 2022, end: 2027, horizon: .short) == [FieldProblem(field: "endYear", key: "error.horizon_span")])
        #expect(ProgrammeRules.checkYears(start: 2024, end: 2024, horizon: .quickWin).isEmpty)
        #expect(ProgrammeRules.checkYears(start: 2024, end: 2023, horizon: .long) == [FieldProblem(field: "endYear", key: "error.end_before_start")])
        #expect(ProgrammeRules.checkYears(start: 1990, end: 2024, horizon: .long) == [FieldProblem(field: "startYear", key: "error.year")])
        #expect(ProgrammeRules.checkYears(start: 2024, end: nil, horizon: .long) == [FieldProblem(field: "endYear", key: "error.year")])
    }
}

@Suite("Budget lines")
struct BudgetLineTests {
    @Test("one line per year and source, thousands grouped the Indonesian way")
    func parse() {
        let parsed = BudgetLine.parseLines("2025 APBD 150.000.000\n2026 apbn 75 000 000\n")
        #expect(parsed.badLine == nil)
        #expect(parsed.lines == [BudgetLine(year: 2025, source: .apbd, amount: 150_000_000), BudgetLine(year: 2026, source: .apbn, amount: 75_000_000)])
    }

    @Test("a line that does not read as year, source and whole rupiah is named", arguments: [
        "2025 APBD", "dua ribu APBD 100", "2025 DAK 100", "2025 APBD 1,5", "2025 APBD -100", "1999 APBD 100",
    ])
    func bad(line: String) {
        #expect(BudgetLine.parseLines("2024 CSR 10\n" + line).badLine == 2)
    }
}
