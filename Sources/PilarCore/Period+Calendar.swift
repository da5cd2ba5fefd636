import Foundation

/// Dates of periods, on the Gregorian calendar in UTC.
///
/// UTC rather than the region's zone (WIB, WITA or WIT, seven to nine hours ahead) because periods
/// are reporting buckets, not instants: the answer must not change with the server's zone, and the
/// few hours' difference at a boundary is swamped by the grace period before anything is due.
extension Period {
    /// Midnight UTC on the first day of the period.
    public var startDate: Date { Self.date(ofMonth: firstMonth) }

    /// Midnight UTC on the first day of the *next* period: the end is exclusive, so a period is
    /// `startDate..<endDate` and consecutive periods meet without a gap or a one-second overlap.
    /// For the last day to show people, take the day before `endDate`.
    public var endDate: Date { Self.date(ofMonth: endMonth) }

    /// When the realisation is expected: `graceDays` whole days after the period ends, because
    /// regions report after a period closes. Negative grace counts as none.
    public func dueDate(graceDays: Int) -> Date {
        endDate.addingTimeInterval(TimeInterval(max(0, graceDays)) * 86_400)
    }

    /// Whether a realisation is due at `date`: true from `dueDate(graceDays:)` on. With a grace of
    /// 30 days, `2025Q1` (ending 1 April) is due from 1 May 2025, 00:00 UTC.
    public func isDue(at date: Date, graceDays: Int) -> Bool {
        date >= dueDate(graceDays: graceDays)
    }

    /// The period of `frequency` that `date` falls in (UTC), such as this month or this semester;
    /// nil only for dates outside the years 2000–2100.
    public static func current(_ frequency: Frequency, at date: Date) -> Period? {
        let parts = utc.dateComponents([.year, .month], from: date)
        guard let year = parts.year, let month = parts.month else { return nil }
        let index = (month - 1) / frequency.months + 1
        return Period(year: year, frequency: frequency, index: index)
    }

    /// Whether `date` falls within the period, start inclusive and end exclusive.
    public func contains(_ date: Date) -> Bool {
        startDate <= date && date < endDate
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// `month` is counted from January of year 0, as `firstMonth` is.
    private static func date(ofMonth month: Int) -> Date {
        let (year, monthOfYear) = month.quotientAndRemainder(dividingBy: 12)
        let parts = DateComponents(year: year, month: monthOfYear + 1, day: 1)
        // Every period lies in 2000–2101, where the Gregorian calendar has every first of a month.
        return utc.date(from: parts)!
    }
}
