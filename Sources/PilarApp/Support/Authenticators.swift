import Crypto
import Fluent
import Vapor

enum SessionKeys {
    static let userID = "uid"
    static let csrf = "csrf"
    static let flash = "flash"
}

extension SessionsConfiguration {
    /// HttpOnly always, SameSite=Lax so cross-site posts carry no session, Secure behind TLS.
    static func pilar(secure: Bool) -> SessionsConfiguration {
        SessionsConfiguration(cookieName: "pilar-session") { id in
            HTTPCookies.Value(string: id.string, expires: Date(timeIntervalSinceNow: 60 * 60 * 12),
                              maxAge: nil, domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}

/// Pages authenticate by session cookie; the API never does, so it needs no CSRF defence.
struct SessionUserAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.isAPI, request.hasSession,
           let raw = request.session.data[SessionKeys.userID], let id = Int(raw) {
            if let user = try await AuthUser.load(userID: id, on: request.db) {
                request.auth.login(user)
            } else {
                // The account was deactivated or removed since: end the session.
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }
}

/// API calls carry `Authorization: Bearer <token>`; the token is looked up by its digest.
struct BearerTokenAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPI, let bearer = request.headers.bearerAuthorization {
            let digest = TokenDigest.of(bearer.token)
            guard let token = try await APITokenModel.query(on: request.db)
                .filter(\.$tokenHash == digest).filter(\.$revokedAt == nil).first(),
                  let user = try await AuthUser.load(userID: token.userID, tokenID: token.id, on: request.db)
            else {
                // A wrong or revoked token is an error even on open routes: the caller meant to sign in.
                throw PilarError(status: .unauthorized, code: "invalid_token", messageKey: "error.invalid_token")
            }
            // Recording use at most once a minute keeps reads from turning into writes.
            if (token.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-60) {
                token.lastUsedAt = Date()
                try await token.save(on: request.db)
            }
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}

enum TokenDigest {
    static func of(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
