import Vapor

/// Synchroniser-token CSRF defence for pages: each session holds a random token; every unsafe
/// request from a page must echo it in the `csrf` form field (or `X-CSRF-Token` header).
enum CSRF {
    static func token(for request: Request) -> String {
        if let existing = request.session.data[SessionKeys.csrf] { return existing }
        let fresh = TokenDigest.random(bytes: 24)
        request.session.data[SessionKeys.csrf] = fresh
        return fresh
    }

    struct Field: Decodable { let csrf: String? }

    static func verify(_ request: Request) throws {
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.decode(Field.self))?.csrf
        guard request.hasSession, let expected = request.session.data[SessionKeys.csrf],
              let sent, constantTimeEqual(sent, expected) else {
            throw PilarError.csrf
        }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Checks the token on every unsafe page request, before any handler can change anything.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.isAPI, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            try CSRF.verify(request)
        }
        return try await next.respond(to: request)
    }
}
