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
            // A large upload arrives streamed; the token is in the body, so collect it first, within
            // the route's own limit (uploads declare theirs), before anything reads the form.
            if request.body.data == nil {
                let limit = request.route?.userInfo[UploadLimit.userInfoKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
                _ = try await request.body.collect(max: limit).get()
            }
            try CSRF.verify(request)
        }
        return try await next.respond(to: request)
    }
}

/// Routes that accept files declare how large a body they take.
enum UploadLimit {
    static let userInfoKey = "pilar.upload-limit"
    /// Twenty evidence files of the maximum size would exceed this; a grid rarely carries more than a few.
    static let reportForm = 30 * 1024 * 1024
    /// A citizen's report: one photo of at most 2 MB plus the text fields. Larger bodies are cut off
    /// here so the form can say the photo is too large instead of the connection failing.
    static let citizenReport = 3 * 1024 * 1024
}
