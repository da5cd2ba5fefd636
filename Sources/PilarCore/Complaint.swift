import Foundation

/// How SP4N-LAPOR! classifies what citizens send.
public enum ComplaintClassification: String, CaseIterable, Sendable, Codable {
    case aspiration
    case complaint
    case information
}

/// Where a citizen's report stands, following the national channel's workflow.
public enum ComplaintState: String, CaseIterable, Sendable, Codable {
    case new
    case dispatched
    case postponed
    case notOurAuthority = "not-our-authority"
    case archived
    case inProgress = "in-progress"
    case resolved
    case closed

    /// Open311 knows only open and closed.
    public var open311Status: String {
        switch self {
        case .closed, .archived, .notOurAuthority: return "closed"
        default: return "open"
        }
    }

    /// Still waiting for someone to act, so it can be overdue.
    public var isPending: Bool { [.new, .dispatched, .postponed, .inProgress].contains(self) }
}

/// What staff can do to a report, and who: the region's admin triages and closes, the agency it was
/// dispatched to works on it.
public enum ComplaintAction: String, CaseIterable, Sendable, Codable {
    case dispatch
    case postpone
    case rejectAuthority = "not-our-authority"
    case archive
    case start
    case resolve
    case close
    case reopen
}

public enum ComplaintWorkflowError: Error, Equatable, Sendable {
    case notAllowed(from: ComplaintState, action: ComplaintAction)
    case reopenWindowPassed
}

public enum ComplaintWorkflow {
    /// The state an action leads to from a state, or an error when the step is not part of the workflow.
    public static func next(from state: ComplaintState, _ action: ComplaintAction) throws(ComplaintWorkflowError) -> ComplaintState {
        switch (state, action) {
        case (.new, .dispatch), (.postponed, .dispatch): return .dispatched
        case (.new, .postpone): return .postponed
        case (.new, .rejectAuthority), (.postponed, .rejectAuthority): return .notOurAuthority
        case (.new, .archive), (.postponed, .archive): return .archived
        case (.dispatched, .start): return .inProgress
        case (.dispatched, .resolve), (.inProgress, .resolve): return .resolved
        case (.resolved, .close): return .closed
        case (.resolved, .reopen), (.closed, .reopen): return .inProgress
        default: throw .notAllowed(from: state, action: action)
        }
    }

    /// A resolved or closed report may be reopened only within `windowDays` of its resolution.
    public static func mayReopen(resolvedAt: Date?, now: Date, windowDays: Int) -> Bool {
        guard let resolvedAt else { return false }
        return now.timeIntervalSince(resolvedAt) <= Double(windowDays) * 86_400
    }

    /// Overdue when still pending after the category's response target (in days).
    public static func isOverdue(state: ComplaintState, createdAt: Date, targetDays: Int, now: Date) -> Bool {
        state.isPending && now.timeIntervalSince(createdAt) > Double(targetDays) * 86_400
    }
}

/// Complaint figures that feed programmes' citizen-sourced outcome indicators.
public enum ComplaintFigures {
    /// Reports per 10,000 residents: comparable across regions of different size.
    public static func perTenThousand(count: Int, population: Int) -> Double? {
        guard population > 0 else { return nil }
        return Double(count) / Double(population) * 10_000
    }

    /// Median days from report to resolution; the mean of the two middle values for an even count.
    public static func medianDays(_ durations: [TimeInterval]) -> Double? {
        guard !durations.isEmpty else { return nil }
        let days = durations.map { $0 / 86_400 }.sorted()
        let middle = days.count / 2
        return days.count.isMultiple(of: 2) ? (days[middle - 1] + days[middle]) / 2 : days[middle]
    }

    /// A tracking code citizens can read out on the phone: no 0/O or 1/I, grouped for legibility.
    public static func trackingCode<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let characters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "LPR-" + String(characters[0..<5]) + "-" + String(characters[5..<10])
    }
}
