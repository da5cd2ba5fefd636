import Fluent
import PilarCore
import Vapor

/// The signed-in person as the rest of the app sees them: role and the scope it is bound to.
struct AuthUser: Authenticatable, Sendable {
    let id: Int
    let email: String
    let name: String
    let role: Role
    let regionCode: String?
    let agencyID: Int?
    /// For assessors: the regions they are assigned to verify.
    let assessorRegions: [String]
    /// Set when the request came with an API token rather than a session.
    let tokenID: Int?

    var label: String { "\(name) <\(email)>" }

    /// Whether this person may read a region's records.
    func canSee(region code: String) -> Bool {
        switch role {
        case .nationalAdmin: return true
        case .assessor: return assessorRegions.contains(code)
        default: return regionCode == code
        }
    }

    /// The region whose home page this person lands on, if there is exactly one.
    var homeRegion: String? {
        switch role {
        case .nationalAdmin: return nil
        case .assessor: return assessorRegions.count == 1 ? assessorRegions[0] : nil
        default: return regionCode
        }
    }

    static func load(userID: Int, tokenID: Int? = nil, on db: any Database) async throws -> AuthUser? {
        guard let user = try await UserModel.find(userID, on: db), user.active,
              let role = Role(rawValue: user.role) else { return nil }
        let regions = role == .assessor
            ? try await AssessorAssignmentModel.query(on: db).filter(\.$userID == userID).all().map(\.regionCode).sorted()
            : []
        return AuthUser(id: userID, email: user.email, name: user.name, role: role,
                        regionCode: user.regionCode, agencyID: user.agencyID,
                        assessorRegions: regions, tokenID: tokenID)
    }
}

/// Record-level rules: a region's users see only that region; editing agency data needs the right
/// role in that region (or, for an operator, that very agency).
enum Scope {
    static func requireRegion(_ code: String, for user: AuthUser) throws {
        guard user.canSee(region: code) else { throw PilarError.forbidden }
    }

    /// Who may create, edit and deactivate agencies: the region's admin and the national admin.
    static func requireAgencyAdmin(region code: String, for user: AuthUser) throws {
        try requireRegion(code, for: user)
        guard user.role == .nationalAdmin || user.role == .regionAdmin else { throw PilarError.forbidden }
    }
}

extension Request {
    /// The signed-in user; routes whose policy requires sign-in can rely on it.
    var user: AuthUser {
        get throws {
            guard let user = auth.get(AuthUser.self) else { throw PilarError.unauthenticated }
            return user
        }
    }
}
