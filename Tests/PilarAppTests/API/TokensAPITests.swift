import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("API tokens")
struct TokensAPITests {
    struct Me: Decodable { let email: String; let role: String; let regionCode: String? }

    @Test("a token carries its owner's identity and is stored only as a digest", arguments: Backend.all)
    func issue(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let client = try await APIClient.token(app, for: Fixture.operatorEmail)
            let token = try #require(client.token)
            #expect(token.hasPrefix("pilar_"))
            let me = try await client.get("/api/v1/me").decode(Me.self)
            #expect(me.email == Fixture.operatorEmail)
            #expect(me.role == "agency-operator")
            #expect(me.regionCode == "35.74")
            let stored = try await APITokenModel.query(on: app.db).all()
            #expect(!stored.contains { $0.tokenHash == token || $0.tokenHash.contains(token) })
            #expect(stored.contains { $0.tokenHash == TokenDigest.of(token) })
        }
    }

    @Test("wrong credentials, missing name and unknown tokens get JSON errors")
    func refusals() async throws {
        try await withPilar(.sqlite) { app in
            let anonymous = APIClient(app: app, token: nil)
            let wrong = try await anonymous.send(.POST, "/api/v1/tokens", json: ["email": Fixture.regionAdmin, "password": "nope-nope-nope", "name": "x"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "invalid_credentials")
            let unnamed = try await anonymous.send(.POST, "/api/v1/tokens", json: ["email": Fixture.regionAdmin, "password": Fixture.password])
            #expect(unnamed.status == .unprocessableEntity)
            let forged = try await APIClient(app: app, token: "pilar_forged").get("/api/v1/me")
            #expect(forged.status == .unauthorized)
            #expect(forged.errorCode == "invalid_token")
            #expect(try await anonymous.get("/api/v1/me").errorCode == "unauthenticated")
            #expect(try await app.count("api_tokens") == 0)
        }
    }

    @Test("five wrong passwords lock the account, even against the right one", arguments: Backend.all)
    func lockout(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let anonymous = APIClient(app: app, token: nil)
            var statuses: [UInt] = []
            for _ in 1...5 {
                statuses.append(try await anonymous.send(.POST, "/api/v1/tokens",
                                                         json: ["email": Fixture.regionAdmin, "password": "wrong-password", "name": "x"]).status.code)
            }
            #expect(statuses == [401, 401, 401, 401, 429])
            let right = try await anonymous.send(.POST, "/api/v1/tokens", json: ["email": Fixture.regionAdmin, "password": Fixture.password, "name": "x"])
            #expect(right.status == .tooManyRequests)
            #expect(right.errorCode == "account_locked")
            // Once the lock has passed, the right password works again.
            let user = try await UserModel.query(on: app.db).filter(\.$email == Fixture.regionAdmin).first()!
            user.lockedUntil = Date().addingTimeInterval(-1)
            try await user.save(on: app.db)
            #expect(try await anonymous.send(.POST, "/api/v1/tokens", json: ["email": Fixture.regionAdmin, "password": Fixture.password, "name": "x"]).status == .created)
        }
    }

    @Test("a revoked token stops working at once", arguments: Backend.all)
    func revoke(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let client = try await APIClient.token(app, for: Fixture.regionAdmin)
            #expect(try await client.get("/api/v1/me").status == .ok)
            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let tokenID = try await APITokenModel.query(on: app.db).first()!.requireID()
            let page = try await browser.get("/tokens")
            #expect(page.text.contains("pilar_"))
            let revoke = try await browser.post("/tokens/\(tokenID)/revoke")
            #expect(revoke.status == .seeOther)
            let after = try await client.get("/api/v1/me")
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "invalid_token")
        }
    }

    @Test("someone else's token cannot be revoked")
    func othersToken() async throws {
        try await withPilar(.sqlite) { app in
            let client = try await APIClient.token(app, for: Fixture.operatorEmail)
            let tokenID = try await APITokenModel.query(on: app.db).first()!.requireID()
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            _ = try await admin.get("/tokens")
            #expect(try await admin.post("/tokens/\(tokenID)/revoke").status == .notFound)
            #expect(try await client.get("/api/v1/me").status == .ok)
        }
    }
}
