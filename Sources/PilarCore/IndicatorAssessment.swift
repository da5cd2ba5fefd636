import Foundation

/// An indicator's status, with the period and achievement it rests on so a page can say why
/// ("late: 2025S1 at 45%").
public struct IndicatorAssessment: Sendable, Equatable {
    public let status: IndicatorStatus
    /// The period the status is about: the one reported late for `stale`, the one measured
    /// otherwise; nil when there is nothing to point at.
    public let period: Period?
    /// Achievement in percent for the measured period, unrounded; nil unless one was computed.
    public let achievement: Double?

    public init(status: IndicatorStatus, period: Period?, achievement: Double?) {
        self.status = status
        self.period = period
        self.achievement = achievement
    }

    /// Decides an indicator's status. Pure: the caller supplies today's date and the region's
    /// settings, and passes only the realisations it wants counted (e.g. verified ones).
    ///
    /// Rules, in order:
    /// 1. No targets → `noData`.
    /// 2. Take the latest reporting deadline that has passed: the end of the latest-ending period
    ///    with a target that is due (ended plus `graceDays`). If no period with a target ending
    ///    then has a realisation → `stale`. A year and its second semester end together, so a
    ///    realisation for either one answers that deadline.
    /// 3. Otherwise measure the latest period that has both a target and a realisation (latest
    ///    end; on a tie the coarser, because a year's figure sums up its semester's). A realisation
    ///    reported before its period is due counts: it is the newest information there is.
    ///    Achievement ≥ `onTrackFrom` → `onTrack`, ≥ `atRiskFrom` → `atRisk`, else `late`.
    /// 4. No such period (targets exist but none is due yet, and nothing has been reported) →
    ///    `noData`; likewise when the achievement cannot be computed (see `Achievement.percent`),
    ///    as for a realisation against a target of zero.
    ///
    /// A realisation counts only against the target for the same period code: months are not
    /// summed into a quarter, because whether an indicator adds up, averages or takes the last
    /// value depends on the indicator.
    public init(
        targets: [Period: Double],
        realisations: [Period: Double],
        direction: Direction,
        lowerFormula: LowerIsBetterFormula = .default,
        today: Date,
        thresholds: StatusThresholds = StatusThresholds()
    ) {
        guard !targets.isEmpty else {
            self.init(status: .noData, period: nil, achievement: nil)
            return
        }

        let due = targets.keys.filter { $0.isDue(at: today, graceDays: thresholds.graceDays) }
        if let deadline = due.map(\.endMonth).max() {
            let closing = due.filter { $0.endMonth == deadline }
            if !closing.contains(where: { realisations[$0] != nil }) {
                self.init(status: .stale, period: closing.max(by: Period.endsEarlier), achievement: nil)
                return
            }
        }

        let measured = targets.keys.filter { realisations[$0] != nil }.max(by: Period.endsEarlier)
        guard let period = measured, let target = targets[period], let realisation = realisations[period] else {
            self.init(status: .noData, period: nil, achievement: nil)
            return
        }
        guard let achievement = Achievement.percent(
            target: target, realisation: realisation, direction: direction, lowerFormula: lowerFormula
        ) else {
            self.init(status: .noData, period: period, achievement: nil)
            return
        }
        self.init(status: thresholds.status(forAchievement: achievement), period: period, achievement: achievement)
    }
}

extension StatusThresholds {
    /// The status an achievement (percent) earns: ≥ `onTrackFrom` on track, ≥ `atRiskFrom` at
    /// risk, below that late. The thresholds themselves count as reached.
    public func status(forAchievement percent: Double) -> IndicatorStatus {
        if percent >= onTrackFrom { return .onTrack }
        if percent >= atRiskFrom { return .atRisk }
        return .late
    }
}
