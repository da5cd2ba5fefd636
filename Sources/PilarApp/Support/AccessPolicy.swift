import PilarCore
import Vapor

/// Who may call a route. Every route declares one; the access middleware refuses routes without.
/// Finer rules (a region's users see only that region, an operator edits only their agency) are
/// checked by the handlers through `Scope`, because they depend on the record being touched.
public enum AccessPolicy: Sendable, Equatable {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in account.
    case signedIn
    /// Only these roles.
    case roles(Set<Role>)

    static let userInfoKey = "pilar.access-policy"

    public func allows(_ role: Role?) -> Bool {
        switch self {
        case .everyone: return true
        case .signedIn: return role != nil
        case .roles(let allowed): return role.map(allowed.contains) ?? false
        }
    }

    public var requiresSignIn: Bool { self != .everyone }
}

extension Route {
    public var accessPolicy: AccessPolicy? { userInfo[AccessPolicy.userInfoKey] as? AccessPolicy }
}

/// A routes builder that stamps its policy on every route registered through it.
struct PolicyRoutesBuilder: RoutesBuilder {
    let root: any RoutesBuilder
    let policy: AccessPolicy

    func add(_ route: Route) {
        route.userInfo[AccessPolicy.userInfoKey] = policy
        root.add(route)
    }
}

extension RoutesBuilder {
    func access(_ policy: AccessPolicy) -> any RoutesBuilder {
        PolicyRoutesBuilder(root: self, policy: policy)
    }

    func access(_ roles: Role...) -> any RoutesBuilder {
        PolicyRoutesBuilder(root: self, policy: .roles(Set(roles)))
    }
}

/// Enforces each route's declared policy before its handler runs.
struct AccessPolicyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else {
            return try await next.respond(to: request) // no route: let the 404 happen
        }
        guard let policy = route.accessPolicy else {
            request.logger.error("route without access policy refused: \(route.description)")
            throw PilarError.forbidden
        }
        let user = request.auth.get(AuthUser.self)
        if policy.requiresSignIn, user == nil {
            throw PilarError.unauthenticated
        }
        guard policy.allows(user?.role) else {
            throw PilarError.forbidden
        }
        return try await next.respond(to: request)
    }
}
