import Foundation
import PilarCore
import Testing

/// Midnight UTC (plus optional seconds) on a calendar day, for date assertions.
func utcDay(_ year: Int, _ month: Int, _ day: Int, seconds: TimeInterval = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    return calendar.date(from: DateComponents(year: year, month: month, day: day))!.addingTimeInterval(seconds)
}

/// A period from a code the test knows is valid.
func knownPeriod(_ code: String) -> Period {
    guard let period = Period(code) else { fatalError("test uses an invalid period code \(code)") }
    return period
}

@Suite("Period codes")
struct PeriodParsingTests {
    @Test("parses the four shapes and writes the same code back", arguments: [
        ("2025", Period.Frequency.yearly, 2025, 1),
        ("2025S1", .semester, 2025, 1), ("2025S2", .semester, 2025, 2),
        ("2025Q1", .quarterly, 2025, 1), ("2025Q4", .quarterly, 2025, 4),
        ("202501", .monthly, 2025, 1), ("202509", .monthly, 2025, 9), ("202512", .monthly, 2025, 12),
        ("2000", .yearly, 2000, 1), ("2100Q4", .quarterly, 2100, 4),
    ])
    func parses(code: String, frequency: Period.Frequency, year: Int, index: Int) throws {
        let parsed = try Period.parse(code)
        #expect(parsed.frequency == frequency)
        #expect(parsed.year == year)
        #expect(parsed.index == index)
        #expect(parsed.code == code)
        #expect(parsed.description == code)
        #expect(Period(code) == parsed)
    }

    @Test("refuses anything else and says why", arguments: [
        ("", PeriodError.empty),
        ("2025s1", .badFormat("2025s1")), ("2025q3", .badFormat("2025q3")),
        ("2025 ", .badFormat("2025 ")), (" 2025", .badFormat(" 2025")), ("2025S1\n", .badFormat("2025S1\n")),
        ("dua belas", .badFormat("dua belas")), ("20251", .badFormat("20251")), ("2025S01", .badFormat("2025S01")),
        ("2025-07", .badFormat("2025-07")), ("2025W1", .badFormat("2025W1")), ("25Q1", .badFormat("25Q1")),
        ("٢٠٢٥", .badFormat("٢٠٢٥")), ("1999xx", .badFormat("1999xx")),
        ("1999", .yearOutOfRange(1999)), ("2101", .yearOutOfRange(2101)), ("1999Q1", .yearOutOfRange(1999)),
        ("202513", .monthOutOfRange(13)), ("202500", .monthOutOfRange(0)),
        ("2025Q5", .quarterOutOfRange(5)), ("2025Q0", .quarterOutOfRange(0)),
        ("2025S3", .semesterOutOfRange(3)), ("2025S0", .semesterOutOfRange(0)),
    ])
    func refuses(code: String, error: PeriodError) {
        #expect(Period(code) == nil)
        #expect(throws: error) { try Period.parse(code) }
    }

    @Test("error messages name the problem")
    func messages() {
        #expect(PeriodError.yearOutOfRange(1999).description.contains("1999"))
        #expect(PeriodError.monthOutOfRange(13).description.contains("01–12"))
        #expect(PeriodError.badFormat("2025s1").description.contains("2025S1"))
        #expect(PeriodError.empty.description != PeriodError.badFormat("").description)
    }

    @Test("building from parts checks the index against the frequency")
    func parts() {
        #expect(Period(year: 2025, frequency: .monthly, index: 7)?.code == "202507")
        #expect(Period(year: 2025, frequency: .monthly, index: 13) == nil)
        #expect(Period(year: 2025, frequency: .quarterly, index: 5) == nil)
        #expect(Period(year: 2025, frequency: .semester, index: 3) == nil)
        #expect(Period(year: 2025, frequency: .yearly, index: 2) == nil)
        #expect(Period(year: 1999, frequency: .yearly, index: 1) == nil)
        #expect(Period(year: 2025, frequency: .yearly, index: 1)?.code == "2025")
    }

    @Test("encodes as its code and refuses bad codes when decoding")
    func codable() throws {
        let data = try JSONEncoder().encode([knownPeriod("2025S1"), knownPeriod("202507")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025S1","202507"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: data) == [knownPeriod("2025S1"), knownPeriod("202507")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Period].self, from: Data(#"["2025s1"]"#.utf8))
        }
    }
}

@Suite("Period arithmetic")
struct PeriodSequenceTests {
    @Test("containment follows the calendar", arguments: [
        ("2025", "2025S1", true), ("2025", "2025Q3", true), ("2025", "202507", true), ("2025", "2025", true),
        ("2025S2", "2025Q3", true), ("2025S2", "202510", true), ("2025S2", "2025Q2", false), ("2025S1", "202507", false),
        ("2025Q1", "202503", true), ("2025Q1", "202504", false), ("2025Q3", "2025S2", false),
        ("202507", "2025", false), ("2025", "2026S1", false), ("2024", "202412", true), ("2024", "202501", false),
    ])
    func containment(outer: String, inner: String, expected: Bool) {
        #expect(knownPeriod(outer).contains(knownPeriod(inner)) == expected)
    }

    @Test("subdivides into finer periods in order")
    func subdivides() {
        let year = knownPeriod("2025")
        #expect(year.periods(of: .semester).map(\.code) == ["2025S1", "2025S2"])
        #expect(year.periods(of: .quarterly).map(\.code) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"])
        let months = year.periods(of: .monthly)
        #expect(months.count == 12)
        #expect(months.first?.code == "202501")
        #expect(months.last?.code == "202512")
        #expect(knownPeriod("2025S2").periods(of: .quarterly).map(\.code) == ["2025Q3", "2025Q4"])
        #expect(knownPeriod("2025Q2").periods(of: .monthly).map(\.code) == ["202504", "202505", "202506"])
        #expect(knownPeriod("2025Q2").periods(of: .quarterly) == [knownPeriod("2025Q2")])
        #expect(knownPeriod("2025Q2").periods(of: .semester).isEmpty)
    }

    @Test("finds the enclosing year, semester or quarter")
    func enclosing() {
        #expect(knownPeriod("202507").enclosing(.semester)?.code == "2025S2")
        #expect(knownPeriod("202507").enclosing(.quarterly)?.code == "2025Q3")
        #expect(knownPeriod("202506").enclosing(.quarterly)?.code == "2025Q2")
        #expect(knownPeriod("2025Q2").enclosing(.yearly)?.code == "2025")
        #expect(knownPeriod("2025").enclosing(.monthly) == nil)
    }

    @Test("steps across year boundaries", arguments: [
        ("2025", "2026"), ("2025S2", "2026S1"), ("2025S1", "2025S2"), ("2025Q4", "2026Q1"),
        ("2025Q1", "2025Q2"), ("202512", "202601"), ("202509", "202510"),
    ])
    func steps(from: String, to: String) {
        #expect(knownPeriod(from).next == knownPeriod(to))
        #expect(knownPeriod(to).previous == knownPeriod(from))
    }

    @Test("does not step outside 2000–2100")
    func edges() {
        #expect(knownPeriod("2100Q4").next == nil)
        #expect(knownPeriod("210012").next == nil)
        #expect(knownPeriod("2000").previous == nil)
        #expect(knownPeriod("200001").previous == nil)
        #expect(knownPeriod("2000S2").previous == knownPeriod("2000S1"))
    }

    @Test("orders by start, coarser first")
    func ordering() {
        let expected = ["2024", "202412", "2025", "2025S1", "2025Q1", "202501", "202502", "202503",
                        "2025Q2", "202504", "2025S2", "2025Q3", "202507", "2026"]
        let shuffled = expected.reversed().map(knownPeriod)
        #expect(shuffled.sorted().map(\.code) == expected)
        #expect(knownPeriod("2025Q4") < knownPeriod("2026"))
        #expect(!(knownPeriod("2025S1") < knownPeriod("2025S1")))
    }
}

@Suite("Period dates")
struct PeriodCalendarTests {
    @Test("starts on the first day and ends at the next period's start")
    func bounds() {
        #expect(knownPeriod("2025Q1").startDate == utcDay(2025, 1, 1))
        #expect(knownPeriod("2025Q1").endDate == utcDay(2025, 4, 1))
        #expect(knownPeriod("2025").endDate == utcDay(2026, 1, 1))
        #expect(knownPeriod("2025S2").startDate == utcDay(2025, 7, 1))
        #expect(knownPeriod("202512").endDate == utcDay(2026, 1, 1))
        #expect(knownPeriod("202402").endDate.timeIntervalSince(knownPeriod("202402").startDate) == 29 * 86_400)
        #expect(knownPeriod("202502").endDate == knownPeriod("202503").startDate)
    }

    @Test("contains dates from the start up to, not including, the end")
    func containsDates() {
        let quarter = knownPeriod("2025Q1")
        #expect(quarter.contains(utcDay(2025, 1, 1)))
        #expect(quarter.contains(utcDay(2025, 4, 1, seconds: -1)))
        #expect(!quarter.contains(utcDay(2025, 4, 1)))
        #expect(!quarter.contains(utcDay(2024, 12, 31)))
    }

    @Test("is due once ended plus the grace days")
    func due() {
        let quarter = knownPeriod("2025Q1")
        #expect(quarter.dueDate(graceDays: 30) == utcDay(2025, 5, 1))
        #expect(!quarter.isDue(at: utcDay(2025, 5, 1, seconds: -1), graceDays: 30))
        #expect(quarter.isDue(at: utcDay(2025, 5, 1), graceDays: 30))
        #expect(!quarter.isDue(at: utcDay(2025, 3, 15), graceDays: 0))
        #expect(quarter.isDue(at: utcDay(2025, 4, 1), graceDays: 0))
        #expect(quarter.isDue(at: utcDay(2025, 4, 1), graceDays: -5))
        #expect(!knownPeriod("2025").isDue(at: utcDay(2026, 1, 30), graceDays: 30))
        #expect(knownPeriod("2025").isDue(at: utcDay(2026, 1, 31), graceDays: 30))
    }

    @Test("finds the current period of each frequency")
    func current() {
        let midJuly = utcDay(2025, 7, 15, seconds: 12 * 3600)
        #expect(Period.current(.yearly, at: midJuly)?.code == "2025")
        #expect(Period.current(.semester, at: midJuly)?.code == "2025S2")
        #expect(Period.current(.quarterly, at: midJuly)?.code == "2025Q3")
        #expect(Period.current(.monthly, at: midJuly)?.code == "202507")
        #expect(Period.current(.monthly, at: utcDay(2026, 1, 1, seconds: -1))?.code == "202512")
        #expect(Period.current(.monthly, at: utcDay(2026, 1, 1))?.code == "202601")
        #expect(Period.current(.semester, at: utcDay(2025, 6, 30))?.code == "2025S1")
        #expect(Period.current(.yearly, at: utcDay(1990, 1, 1)) == nil)
    }
}
