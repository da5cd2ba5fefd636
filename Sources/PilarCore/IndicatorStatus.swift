/// Where an indicator stands, shown as a badge on dashboards. The raw values are what pages and
/// the API use.
public enum IndicatorStatus: String, Codable, Sendable, CaseIterable {
    /// Achievement at or above `StatusThresholds.onTrackFrom`.
    case onTrack = "on-track"
    /// Achievement from `atRiskFrom` up to `onTrackFrom`.
    case atRisk = "at-risk"
    /// Achievement below `atRiskFrom`.
    case late
    /// Nothing to judge yet: no targets, nothing reported or due, or no computable achievement.
    case noData = "no-data"
    /// The latest reporting deadline passed with no realisation reported.
    case stale

    /// How much a status calls for attention, highest first: late > stale > atRisk > onTrack, and
    /// noData lowest. Stale sits below late because a known miss is worse than a missing report,
    /// and above atRisk because a silent indicator cannot be assumed to be fine.
    var severity: Int {
        switch self {
        case .late: return 4
        case .stale: return 3
        case .atRisk: return 2
        case .onTrack: return 1
        case .noData: return 0
        }
    }

    /// A programme's status from its indicators': the most severe one (see `severity`). Indicators
    /// with no data are left out rather than counted as fine or as failing, so the programme is
    /// noData only when all its indicators are (or it has none).
    public static func rollup<S: Sequence<IndicatorStatus>>(_ statuses: S) -> IndicatorStatus {
        statuses.max { $0.severity < $1.severity } ?? .noData
    }
}
