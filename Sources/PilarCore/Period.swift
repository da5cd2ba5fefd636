/// A reporting period named by a DHIS2-style code: `2025` (year), `2025S1`/`2025S2` (semester, the
/// evaluation stage), `2025Q1`…`2025Q4` (quarter) and `202501`…`202512` (month).
///
/// Indicator targets and realisations are keyed by these codes, so the code is the identity: two
/// periods are equal exactly when their codes are. Every period starts on the first of a month and
/// covers whole months, which keeps containment and ordering simple month arithmetic.
///
/// Years run 2000…2100. The bound is a plausibility check on typed input, and it is also the range
/// the type can hold, so every value round-trips through its code (see `next` and `current`).
public struct Period: Hashable, Sendable {
    /// How long a period is. Cases run from the finest to the coarsest.
    public enum Frequency: String, CaseIterable, Sendable, Codable {
        case monthly, quarterly, semester, yearly

        /// Months in one period of this frequency; each divides twelve, so periods never straddle years.
        public var months: Int {
            switch self {
            case .monthly: return 1
            case .quarterly: return 3
            case .semester: return 6
            case .yearly: return 12
            }
        }

        /// Periods of this frequency in one year.
        public var periodsPerYear: Int { 12 / months }
    }

    /// Years a period may fall in.
    public static let years: ClosedRange<Int> = 2000...2100

    public let year: Int
    public let frequency: Frequency
    /// The position within the year, from 1: the month, quarter or semester number; always 1 for a year.
    public let index: Int

    /// Builds a period from its parts; nil when the year is outside `years` or the index does not
    /// exist for the frequency (month 13, quarter 5, semester 3).
    public init?(year: Int, frequency: Frequency, index: Int) {
        guard Self.years.contains(year), (1...frequency.periodsPerYear).contains(index) else { return nil }
        self.year = year
        self.frequency = frequency
        self.index = index
    }

    /// The canonical code, which is also how the period is stored and encoded.
    public var code: String {
        switch frequency {
        case .yearly: return "\(year)"
        case .semester: return "\(year)S\(index)"
        case .quarterly: return "\(year)Q\(index)"
        case .monthly: return index < 10 ? "\(year)0\(index)" : "\(year)\(index)"
        }
    }

    /// Months since January of year 0 to the first month of the period; the basis of ordering,
    /// containment and stepping.
    var firstMonth: Int { year * 12 + (index - 1) * frequency.months }

    /// One past the last month of the period, in the same count as `firstMonth`.
    var endMonth: Int { firstMonth + frequency.months }

    /// The period of `frequency` whose first month is `month` (counted as in `firstMonth`), if that
    /// month starts one and the year is in range.
    init?(frequency: Frequency, firstMonth month: Int) {
        let (year, monthOfYear) = month.quotientAndRemainder(dividingBy: 12)
        guard month >= 0, monthOfYear % frequency.months == 0 else { return nil }
        self.init(year: year, frequency: frequency, index: monthOfYear / frequency.months + 1)
    }
}

extension Period: CustomStringConvertible {
    public var description: String { code }
}

extension Period: Comparable {
    /// Earlier start first; periods starting together go coarser first (`2025` < `2025S1` <
    /// `2025Q1` < `202501`), so a year heads the list of what it contains, as in a report.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.firstMonth != rhs.firstMonth { return lhs.firstMonth < rhs.firstMonth }
        return lhs.frequency.months > rhs.frequency.months
    }
}

extension Period: Codable {
    /// Encoded as its code string, the same text people type and the database stores.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        do {
            self = try Period.parse(code)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
