/// Whether a bigger realisation is better (coverage, services online) or worse (stunting cases,
/// days to issue a permit). The raw values are what forms and the API use.
public enum Direction: String, Codable, Sendable, CaseIterable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
}

/// How a lower-is-better indicator's achievement is computed. Indonesian performance reports
/// (LKjIP/SAKIP) use both, and a region keeps whichever its own reports use, so the setting is per
/// region and defaults to `inverseRatio`.
public enum LowerIsBetterFormula: String, Codable, Sendable, CaseIterable {
    /// target ÷ realisation × 100. Reaching half the target (a better result) reads 200%; twice the
    /// target reads 50%. It grows without bound as the realisation approaches zero, hence the cap.
    case inverseRatio = "inverse-ratio"
    /// (2 × target − realisation) ÷ target × 100, that is 100 + (target − realisation) ÷ target × 100:
    /// each percent below the target adds a point, each percent above takes one off. A realisation
    /// of zero reads 200%, and twice the target or more reads 0%.
    case complement

    public static let `default`: LowerIsBetterFormula = .inverseRatio
}

/// Indicator achievement (*capaian*) per the SAKIP convention: realisation ÷ target × 100 for
/// higher-is-better indicators, and the region's `LowerIsBetterFormula` otherwise.
public enum Achievement {
    /// The usual ceiling, so one zero-case or a tiny target does not dwarf every other indicator in
    /// a chart or an average.
    public static let defaultCap: Double = 200

    /// The achievement in percent, not rounded (rounding is for display), within `0...cap`.
    ///
    /// Edge cases, decided here so every page and export agrees:
    /// - Any input that is NaN or infinite → nil.
    /// - A negative target → nil. Ratios of negative numbers read backwards (a growth target of −2
    ///   met with −1 would score 50%); record such indicators as a positive amount of decline.
    /// - A target of zero → 100 when the realisation is also zero (the target was met exactly),
    ///   otherwise nil: no ratio to a zero target means anything, so nothing is invented.
    /// - Lower is better with a negative realisation → nil: counts, rates and durations are not
    ///   negative, so it is a data error and must not be rewarded.
    /// - Lower is better with a realisation of zero and a positive target → the best score: `cap`
    ///   under `inverseRatio` (nil if there is no cap, as target ÷ 0 has no value), 200 under
    ///   `complement` (then capped).
    /// - Results below zero (a negative realisation on a higher-is-better indicator, or more than
    ///   twice the target under `complement`) → 0: achievement is a degree of attainment, and
    ///   every negative number means the same "not achieved" as zero.
    /// - `cap`: results above it are cut to it; nil leaves them uncapped.
    public static func percent(
        target: Double,
        realisation: Double,
        direction: Direction,
        lowerFormula: LowerIsBetterFormula = .default,
        cap: Double? = defaultCap
    ) -> Double? {
        guard target.isFinite, realisation.isFinite, target >= 0 else { return nil }
        if target == 0 { return realisation == 0 ? 100 : nil }

        let raw: Double
        switch direction {
        case .higherIsBetter:
            raw = realisation / target * 100
        case .lowerIsBetter:
            guard realisation >= 0 else { return nil }
            switch lowerFormula {
            case .inverseRatio:
                if realisation == 0 { return cap }
                raw = target / realisation * 100
            case .complement:
                raw = (2 * target - realisation) / target * 100
            }
        }
        let floored = max(0, raw)
        // Only a huge realisation over a tiny target overflows; that is "far above", i.e. the cap.
        guard floored.isFinite else { return cap }
        guard let cap else { return floored }
        return min(floored, cap)
    }
}
