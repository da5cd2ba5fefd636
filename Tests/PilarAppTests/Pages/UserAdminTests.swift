import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Account administration")
struct UserAdminTests {
    @Test("a region admin adds an operator for an agency, who can then sign in", arguments: Backend.all)
    func addOperator(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            _ = try await admin.get("/users/new")
            let dlh = try await app.agencyID("DLH")
            let created = try await admin.post("/users", form: [
                "email": "Operator.DLH@probolinggo.pilar.test", "name": "Operator DLH", "role": "agency-operator",
                "agencyID": String(dlh), "password": "operator-pass-1",
            ])
            #expect(created.status == .seeOther)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$email == "operator.dlh@probolinggo.pilar.test").first())
            #expect(user.regionCode == "35.74")
            #expect(user.agencyID == dlh)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(!user.passwordHash.contains("operator-pass-1"))
            let newcomer = try await Browser.signedIn(app, as: "operator.dlh@probolinggo.pilar.test", password: "operator-pass-1")
            #expect(try await newcomer.get("/").location == "/agencies/\(dlh)/reminders")
        }
    }

    @Test("a region admin cannot grant national roles nor reach other regions' accounts")
    func regionAdminLimits() async throws {
        try await withPilar(.sqlite) { app in
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            _ = try await admin.get("/users/new")
            let before = try await app.count("users")
            let response = try await admin.post("/users", form: [
                "email": "boss@pilar.test", "name": "Boss", "role": "national-admin", "password": "boss-password-1",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Anda tidak dapat memberi peran ini."))
            #expect(!response.text.contains("boss-password-1"))
            #expect(try await app.count("users") == before)
            let national = try await app.userID(Fixture.email(for: .nationalAdmin))
            #expect(try await admin.post("/users/\(national)/deactivate").status == .forbidden)
            #expect(try await UserModel.find(national, on: app.db)?.active == true)
        }
    }

    @Test("an operator needs an agency of their own region; e-mails are unique")
    func validation() async throws {
        try await withPilar(.sqlite) { app in
            let service = UserService(db: app.db, app: app)
            await #expect(throws: PilarError.self) {
                try await service.create(.init(email: "x@probolinggo.pilar.test", name: "X", role: "agency-operator", regionCode: "35.74",
                                               agencyID: nil, password: "long-enough-1"), actor: nil)
            }
            do {
                _ = try await service.create(.init(email: Fixture.regionAdmin.uppercased(), name: "Dup", role: "viewer", regionCode: "35.74",
                                                   agencyID: nil, password: "long-enough-1"), actor: nil)
                Issue.record("a duplicate e-mail was accepted")
            } catch let error as PilarError {
                #expect(error.status == .conflict)
            }
            do {
                _ = try await service.create(.init(email: "y@pilar.test", name: "Y", role: "planner", regionCode: nil,
                                                   agencyID: nil, password: "long-enough-1"), actor: nil)
                Issue.record("a planner without region was accepted")
            } catch let error as PilarError {
                #expect(error.fields.map(\.field) == ["regionCode"])
            }
        }
    }
}
