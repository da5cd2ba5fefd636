/// What a signed-in person may do. The raw values are the identifiers used by the CLI and the API.
public enum Role: String, CaseIterable, Sendable, Codable {
    case nationalAdmin = "national-admin"
    case regionAdmin = "region-admin"
    case planner = "planner"
    case agencyOperator = "agency-operator"
    case council = "council"
    case assessor = "assessor"
    case viewer = "viewer"

    /// Roles whose account belongs to exactly one region.
    public var isRegionBound: Bool {
        switch self {
        case .regionAdmin, .planner, .agencyOperator, .council, .viewer: return true
        case .nationalAdmin, .assessor: return false
        }
    }

    /// Agency operators act for one agency; nobody else is bound to an agency.
    public var isAgencyBound: Bool { self == .agencyOperator }
}
