import Vapor

/// Token management page: create a named token (shown once), list, revoke.
struct TokensController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            let id: Int
            let name: String
            let prefix: String
            let createdAt: String
            let lastUsedAt: String
            let revoked: Bool
        }

        let rows: [Row]
        let issued: TokenRepository.Issued?
        let errors: [String: String]
    }

    struct Form: Content { let name: String? }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("tokens", use: index)
        signedIn.post("tokens", use: create)
        signedIn.post("tokens", ":id", "revoke", use: revoke)
    }

    @Sendable func index(req: Request) async throws -> View {
        try await req.render("tokens/index", titleKey: "tokens.title", try await page(req, issued: nil, errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.user
        do {
            let name = try TokenRepository.validName(try req.content.decode(Form.self).name)
            let issued = try await TokenRepository(db: req.db).issue(for: user, name: name)
            // Rendered directly (not redirected) because the secret must never sit in a session or URL.
            let view = try await req.render("tokens/index", titleKey: "tokens.title", try await page(req, issued: issued, errors: [:]))
            let response = try await view.encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "tokens/index", titleKey: "tokens.title",
                                       page: try await page(req, issued: nil, errors: ["name": error.fields[0].key]))
        }
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw PilarError.notFound }
        try await TokenRepository(db: req.db).revoke(id, by: try req.user)
        return req.redirect(to: "/tokens", flash: "tokens.revoked")
    }

    private func page(_ req: Request, issued: TokenRepository.Issued?, errors: [String: String]) async throws -> Page {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let rows = try await TokenRepository(db: req.db).list(for: try req.user).map {
            Page.Row(id: $0.id, name: $0.name, prefix: $0.prefix,
                     createdAt: $0.createdAt.map(formatter.string) ?? "", lastUsedAt: $0.lastUsedAt.map(formatter.string) ?? "–",
                     revoked: $0.revoked)
        }
        return Page(rows: rows, issued: issued, errors: errors)
    }
}
