/// Why a period code was refused, so a form or an import can tell the person what to fix.
public enum PeriodError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    /// Not one of the four shapes; carries the code as given.
    case badFormat(String)
    case yearOutOfRange(Int)
    case monthOutOfRange(Int)
    case quarterOutOfRange(Int)
    case semesterOutOfRange(Int)

    public var description: String {
        switch self {
        case .empty:
            return "The period code is empty."
        case .badFormat(let code):
            return "“\(code)” is not a period code; use 2025 (year), 2025S1 (semester), 2025Q3 (quarter) or 202507 (month)."
        case .yearOutOfRange(let year):
            return "The year \(year) is outside \(Period.years.lowerBound)–\(Period.years.upperBound)."
        case .monthOutOfRange(let month):
            return "Month \(month) does not exist; months run 01–12."
        case .quarterOutOfRange(let quarter):
            return "Quarter \(quarter) does not exist; quarters run Q1–Q4."
        case .semesterOutOfRange(let semester):
            return "Semester \(semester) does not exist; semesters are S1 and S2."
        }
    }
}

extension Period {
    /// Parses a code strictly: exactly the canonical shapes, ASCII digits, upper-case `S` and `Q`, no
    /// surrounding spaces. Codes are keys, so `2025s1` or `2025 ` must not become a second spelling
    /// of the same period; trimming typed input is the form's job, not the parser's.
    public init?(_ code: String) {
        guard let period = try? Self.parse(code) else { return nil }
        self = period
    }

    /// Like `init?(_:)`, but says what is wrong. The shape is checked before the numbers, so
    /// `dua belas` is a bad format while `1999` and `2025Q5` name the number that is out of range.
    public static func parse(_ code: String) throws(PeriodError) -> Period {
        if code.isEmpty { throw .empty }
        let chars = Array(code.utf8)
        guard chars.count == 4 || chars.count == 6, chars[0..<4].allSatisfy(isDigit) else {
            throw .badFormat(code)
        }
        let year = number(chars[0..<4])
        guard years.contains(year) else {
            // The year is checked first only when the rest has a valid shape, so a long garbage
            // string is reported as such rather than as a year problem.
            if chars.count == 4 || isValidSuffix(chars[4...]) { throw .yearOutOfRange(year) }
            throw .badFormat(code)
        }
        if chars.count == 4 {
            return Period(year: year, frequency: .yearly, index: 1)!
        }
        let (frequency, index) = try suffix(chars[4...], code: code)
        guard let period = Period(year: year, frequency: frequency, index: index) else {
            switch frequency {
            case .monthly: throw .monthOutOfRange(index)
            case .quarterly: throw .quarterOutOfRange(index)
            case .semester, .yearly: throw .semesterOutOfRange(index)
            }
        }
        return period
    }

    private static func suffix(_ rest: ArraySlice<UInt8>, code: String) throws(PeriodError) -> (Frequency, Int) {
        guard isValidSuffix(rest) else { throw .badFormat(code) }
        let first = rest[rest.startIndex]
        let second = rest[rest.startIndex + 1]
        switch first {
        case UInt8(ascii: "S"): return (.semester, number([second]))
        case UInt8(ascii: "Q"): return (.quarterly, number([second]))
        default: return (.monthly, number(rest))
        }
    }

    /// Two characters after the year: `S` or `Q` and a digit, or two digits.
    private static func isValidSuffix(_ rest: ArraySlice<UInt8>) -> Bool {
        guard rest.count == 2, let first = rest.first, let second = rest.last, isDigit(second) else { return false }
        return first == UInt8(ascii: "S") || first == UInt8(ascii: "Q") || isDigit(first)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func number<C: Collection<UInt8>>(_ digits: C) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
