extension Period {
    /// The following period of the same frequency (`2025Q4` → `2026Q1`, `202512` → `202601`); nil
    /// after the last period of 2100, since a period beyond the range could not be stored or parsed.
    public var next: Period? { Period(frequency: frequency, firstMonth: endMonth) }

    /// The preceding period of the same frequency (`2025S1` → `2024S2`); nil before 2000.
    public var previous: Period? { Period(frequency: frequency, firstMonth: firstMonth - frequency.months) }

    /// Whether every month of `other` lies within this period: `2025` contains `2025S1`, `2025Q3` and
    /// `202507`; `2025S2` contains `2025Q3` and `202510` but not `2025Q2`. A period contains itself,
    /// so "targets within the year" includes the yearly target; a finer period never contains a
    /// coarser one. Quarters and semesters nest, so no period is ever only partly inside another.
    public func contains(_ other: Period) -> Bool {
        firstMonth <= other.firstMonth && other.endMonth <= endMonth
    }

    /// Order for "latest": by end, and on the same end the finer period first, so `max(by:)` picks
    /// the coarser one (the year over its second semester).
    public static func endsEarlier(_ lhs: Period, _ rhs: Period) -> Bool {
        if lhs.endMonth != rhs.endMonth { return lhs.endMonth < rhs.endMonth }
        return lhs.frequency.months < rhs.frequency.months
    }

    /// The periods of `frequency` that make up this one, in order: a year gives 2 semesters, 4
    /// quarters or 12 months; a semester gives 2 quarters or 6 months. The same frequency gives
    /// `[self]`, and a coarser frequency gives an empty list, because nothing coarser fits inside.
    public func periods(of frequency: Frequency) -> [Period] {
        guard frequency.months <= self.frequency.months else { return [] }
        return stride(from: firstMonth, to: endMonth, by: frequency.months).compactMap {
            Period(frequency: frequency, firstMonth: $0)
        }
    }

    /// The period of `frequency` that contains this one, such as the year or semester of a month;
    /// nil when `frequency` is finer than this period's (a year lies in no single month).
    public func enclosing(_ frequency: Frequency) -> Period? {
        guard frequency.months >= self.frequency.months else { return nil }
        return Period(frequency: frequency, firstMonth: firstMonth - firstMonth % frequency.months)
    }
}
