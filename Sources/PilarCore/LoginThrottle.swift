import Foundation

/// Lock-out after repeated failed logins: five failures lock the account for fifteen minutes.
/// Pure so the rule is testable without a clock or database.
public struct LoginThrottle: Sendable {
    public let maxFailures: Int
    public let lockDuration: TimeInterval

    public init(maxFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    public func isLocked(until lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return lockedUntil > now
    }

    /// The state after one more failure: the counter, and a lock when the limit is reached.
    public func afterFailure(failures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let next = failures + 1
        if next >= maxFailures {
            return (0, now.addingTimeInterval(lockDuration))
        }
        return (next, nil)
    }
}
