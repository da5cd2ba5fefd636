/// A region's settings for turning achievement into a status. Every value that exists is valid:
/// the initialiser and decoding both check the rules, so callers need not.
public struct StatusThresholds: Codable, Sendable, Equatable {
    /// Achievement (percent) from which an indicator is on track.
    public let onTrackFrom: Double
    /// Achievement (percent) from which an indicator is at risk rather than late.
    public let atRiskFrom: Double
    /// Days after a period ends before its realisation is due (regions report after closing).
    public let graceDays: Int

    /// The defaults a new region starts with: on track from 90%, at risk from 60%, 30 days' grace.
    public init() {
        onTrackFrom = 90
        atRiskFrom = 60
        graceDays = 30
    }

    /// Rules: both thresholds finite, `onTrackFrom > atRiskFrom ≥ 0`, and `graceDays ≥ 0`.
    public init(onTrackFrom: Double = 90, atRiskFrom: Double = 60, graceDays: Int = 30) throws(StatusThresholdsError) {
        guard onTrackFrom.isFinite, atRiskFrom.isFinite else { throw .notFinite }
        guard atRiskFrom >= 0 else { throw .negativeAtRisk(atRiskFrom) }
        guard onTrackFrom > atRiskFrom else {
            throw .onTrackNotAboveAtRisk(onTrackFrom: onTrackFrom, atRiskFrom: atRiskFrom)
        }
        guard graceDays >= 0 else { throw .negativeGraceDays(graceDays) }
        self.onTrackFrom = onTrackFrom
        self.atRiskFrom = atRiskFrom
        self.graceDays = graceDays
    }

    private enum CodingKeys: String, CodingKey {
        case onTrackFrom, atRiskFrom, graceDays
    }

    /// Missing keys take the defaults, so settings saved before a key existed still load; values
    /// that break the rules are refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = StatusThresholds()
        do {
            try self.init(
                onTrackFrom: container.decodeIfPresent(Double.self, forKey: .onTrackFrom) ?? defaults.onTrackFrom,
                atRiskFrom: container.decodeIfPresent(Double.self, forKey: .atRiskFrom) ?? defaults.atRiskFrom,
                graceDays: container.decodeIfPresent(Int.self, forKey: .graceDays) ?? defaults.graceDays
            )
        } catch let error as StatusThresholdsError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

/// Why status thresholds were refused.
public enum StatusThresholdsError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFinite
    case negativeAtRisk(Double)
    case onTrackNotAboveAtRisk(onTrackFrom: Double, atRiskFrom: Double)
    case negativeGraceDays(Int)

    public var description: String {
        switch self {
        case .notFinite:
            return "Thresholds must be numbers."
        case .negativeAtRisk(let value):
            return "The at-risk threshold (\(value)%) cannot be negative."
        case .onTrackNotAboveAtRisk(let onTrack, let atRisk):
            return "The on-track threshold (\(onTrack)%) must be above the at-risk threshold (\(atRisk)%)."
        case .negativeGraceDays(let days):
            return "The grace period (\(days) days) cannot be negative."
        }
    }
}
