import Fluent
import Vapor

/// Issues, lists and revokes API tokens. The secret is returned once and stored only as a digest.
struct TokenRepository {
    let db: any Database

    struct Issued: Content {
        let id: Int
        let name: String
        let token: String
        let prefix: String
    }

    struct Listed: Encodable {
        let id: Int
        let name: String
        let prefix: String
        let createdAt: Date?
        let lastUsedAt: Date?
        let revoked: Bool
    }

    static func validName(_ raw: String?) throws -> String {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw PilarError.invalid([.init(field: "name", key: name.isEmpty ? "error.required" : "error.too_long")])
        }
        return name
    }

    func issue(for user: AuthUser, name: String) async throws -> Issued {
        let secret = "pilar_" + TokenDigest.random()
        let model = APITokenModel()
        model.userID = user.id
        model.name = name
        model.tokenHash = TokenDigest.of(secret)
        model.prefix = String(secret.prefix(12))
        try await db.transaction { db in
            try await model.create(on: db)
            try await AuditLog.record(.create, entity: "api_token", id: String(try model.requireID()), region: user.regionCode,
                                      before: [String: String]?.none, after: ["name": name, "prefix": model.prefix, "owner": user.email],
                                      actor: user, on: db)
        }
        return Issued(id: try model.requireID(), name: name, token: secret, prefix: model.prefix)
    }

    func list(for user: AuthUser) async throws -> [Listed] {
        try await APITokenModel.query(on: db).filter(\.$userID == user.id).sort(\.$id, .descending).all().map {
            Listed(id: $0.id ?? 0, name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt,
                   lastUsedAt: $0.lastUsedAt, revoked: $0.revokedAt != nil)
        }
    }

    /// Owners revoke their own tokens; nobody revokes someone else's through this path.
    func revoke(_ id: Int, by user: AuthUser) async throws {
        guard let token = try await APITokenModel.find(id, on: db), token.userID == user.id else {
            throw PilarError.notFound("token \(id)")
        }
        guard token.revokedAt == nil else { return }
        token.revokedAt = Date()
        try await db.transaction { db in
            try await token.save(on: db)
            try await AuditLog.record(.revoke, entity: "api_token", id: String(id), region: user.regionCode,
                                      before: ["revoked": "false"], after: ["revoked": "true"], actor: user, on: db)
        }
    }
}
