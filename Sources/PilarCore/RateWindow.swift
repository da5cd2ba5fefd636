import Foundation

/// A fixed-window request budget per key (e.g. per client address): at most `limit` events in each
/// window of `seconds`. Pure value logic; the app keeps one per key in memory.
public struct RateWindow: Sendable, Equatable {
    public private(set) var windowStart: Date
    public private(set) var count: Int

    public init(now: Date) {
        windowStart = now
        count = 0
    }

    /// Counts one event; false when it is over the budget (and then it is not counted).
    public mutating func admit(limit: Int, seconds: TimeInterval, now: Date) -> Bool {
        if now.timeIntervalSince(windowStart) >= seconds {
            windowStart = now
            count = 0
        }
        guard count < limit else { return false }
        count += 1
        return true
    }
}
