import Vapor

/// `POST /api/v1/tokens`: exchange an e-mail and password for a named API token, and `GET /api/v1/me`.
struct TokensAPIController: RouteCollection {
    struct Request_: Content {
        let email: String?
        let password: String?
        let name: String?
    }

    struct Me: Content {
        let id: Int
        let email: String
        let name: String
        let role: String
        let regionCode: String?
        let agencyID: Int?
        let assessorRegions: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).post("tokens", use: create)
        routes.access(.signedIn).get("me", use: me)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(Request_.self)
        let name = try TokenRepository.validName(body.name)
        switch try await req.userService.authenticate(email: body.email ?? "", password: body.password ?? "") {
        case .success(let model):
            guard let user = try await AuthUser.load(userID: try model.requireID(), on: req.db) else { throw PilarError.unauthenticated }
            let issued = try await TokenRepository(db: req.db).issue(for: user, name: name)
            let response = try await issued.encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") // the secret must not be cached
            return response
        case .invalid:
            throw PilarError(status: .unauthorized, code: "invalid_credentials", messageKey: "login.invalid")
        case .locked:
            throw PilarError(status: .tooManyRequests, code: "account_locked", messageKey: "login.locked")
        }
    }

    @Sendable func me(req: Request) async throws -> Me {
        let user = try req.user
        return Me(id: user.id, email: user.email, name: user.name, role: user.role.rawValue, regionCode: user.regionCode,
                  agencyID: user.agencyID, assessorRegions: user.assessorRegions)
    }
}
