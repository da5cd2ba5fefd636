import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Agencies API")
struct AgenciesAPITests {
    struct AgencyList: Decodable { let count: Int; let agencies: [AgencySnapshot] }

    @Test("a region admin creates an agency; it is listed and its creation audited", arguments: Backend.all)
    func create(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let admin = try await APIClient.token(app, for: Fixture.regionAdmin)
            let response = try await admin.send(.POST, "/api/v1/regions/35.74/agencies", json: [
                "name": "Badan Pendapatan Daerah", "shortName": "Bapenda", "kind": "badan", "email": "bapenda@probolinggokota.go.id",
            ])
            #expect(response.status == .created)
            let agency = try response.decode(AgencySnapshot.self)
            #expect(response.location == "/api/v1/agencies/\(agency.id)")
            #expect(agency.active)

            let list = try await admin.get("/api/v1/regions/35.74/agencies").decode(AgencyList.self)
            #expect(list.count == 11)
            #expect(list.agencies.contains { $0.shortName == "Bapenda" })

            let history = try await AuditRepository(db: app.db).history(entity: "agency", id: String(agency.id))
            #expect(history.count == 1)
            #expect(history[0].action == "create")
            #expect(history[0].actor.contains(Fixture.regionAdmin))
            #expect(history[0].after?.contains("Bapenda") == true)
        }
    }

    @Test("bad input is refused with every problem named and nothing saved", arguments: Backend.all)
    func invalid(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let admin = try await APIClient.token(app, for: Fixture.regionAdmin)
            let before = try await app.count("agencies")
            let response = try await admin.send(.POST, "/api/v1/regions/35.74/agencies", json: [
                "name": " ", "shortName": String(repeating: "x", count: 41), "kind": "ministry", "email": "not-mail", "phone": "call me",
            ])
            #expect(response.status == .unprocessableEntity)
            let body = try response.decode(APIErrorBody.self)
            #expect(Set(body.error.fields?.map(\.field) ?? []) == ["name", "shortName", "kind", "email", "phone"])
            #expect(body.error.fields?.first { $0.field == "email" }?.message == "Not a valid e-mail address.")

            let duplicate = try await admin.send(.POST, "/api/v1/regions/35.74/agencies", json: ["name": "Lagi", "shortName": "Dinkes", "kind": "dinas"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorCode == "conflict")

            let malformed = try await app.testing().sendRequest(.POST, "/api/v1/regions/35.74/agencies",
                                                                  headers: ["Authorization": "Bearer \(admin.token!)", "Content-Type": "application/json"],
                                                                  body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad_request")
            #expect(try await app.count("agencies") == before)
        }
    }

    @Test("a region's users see only their region; another region's admin is refused", arguments: Backend.all)
    func scoping(backend: Backend) async throws {
        try await withPilar(backend) { app in
            _ = try await UserService(db: app.db, app: app).create(
                .init(email: "admin@malang.pilar.test", name: "Admin Malang", role: "region-admin", regionCode: "35.73", agencyID: nil,
                      password: Fixture.password), actor: nil)
            let malang = try await APIClient.token(app, for: "admin@malang.pilar.test")
            #expect(try await malang.get("/api/v1/regions/35.74/agencies").status == .forbidden)
            let dinkes = try await app.agencyID("Dinkes")
            #expect(try await malang.get("/api/v1/agencies/\(dinkes)").status == .forbidden)
            let patch = try await malang.send(.PATCH, "/api/v1/agencies/\(dinkes)", json: ["name": "Hijacked"])
            #expect(patch.status == .forbidden)
            #expect(try await malang.send(.POST, "/api/v1/regions/35.74/agencies", json: ["name": "X", "shortName": "X", "kind": "dinas"]).status == .forbidden)
            #expect(try await malang.get("/api/v1/regions/35.73/agencies").status == .ok)

            let assessor = try await APIClient.token(app, for: Fixture.email(for: .assessor))
            #expect(try await assessor.get("/api/v1/regions/35.74/agencies").status == .ok)
            #expect(try await assessor.get("/api/v1/regions/35.73/agencies").status == .forbidden)
            #expect(try await AgencyModel.find(dinkes, on: app.db)?.name.contains("Hijacked") == false)
        }
    }

    @Test("an operator edits only their own agency's profile and cannot deactivate it", arguments: Backend.all)
    func operatorScope(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let operatorClient = try await APIClient.token(app, for: Fixture.operatorEmail)
            let dinkes = try await app.agencyID("Dinkes")
            let dishub = try await app.agencyID("Dishub")
            let own = try await operatorClient.send(.PATCH, "/api/v1/agencies/\(dinkes)", json: ["phone": "(0335) 421 111"])
            #expect(own.status == .ok)
            #expect(try own.decode(AgencySnapshot.self).phone == "(0335) 421 111")
            #expect(try await operatorClient.send(.PATCH, "/api/v1/agencies/\(dishub)", json: ["phone": "1"]).status == .forbidden)
            #expect(try await operatorClient.send(.PATCH, "/api/v1/agencies/\(dinkes)", json: ["active": false]).status == .forbidden)
            #expect(try await AgencyModel.find(dinkes, on: app.db)?.active == true)
        }
    }

    @Test("deactivating keeps the agency but hides it from the default list", arguments: Backend.all)
    func deactivate(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let admin = try await APIClient.token(app, for: Fixture.regionAdmin)
            let dispar = try await app.agencyID("Dispar")
            let response = try await admin.send(.PATCH, "/api/v1/agencies/\(dispar)", json: ["active": false])
            #expect(response.status == .ok)
            #expect(try response.decode(AgencySnapshot.self).active == false)
            let list = try await admin.get("/api/v1/regions/35.74/agencies").decode(AgencyList.self)
            #expect(!list.agencies.contains { $0.id == dispar })
            let all = try await admin.get("/api/v1/regions/35.74/agencies?includeInactive=true").decode(AgencyList.self)
            #expect(all.agencies.contains { $0.id == dispar && !$0.active })
            let history = try await AuditRepository(db: app.db).history(entity: "agency", id: String(dispar))
            #expect(history.first?.action == "deactivate")
            #expect(history.first?.before?.contains("\"active\":true") == true)
            #expect(history.first?.after?.contains("\"active\":false") == true)
        }
    }
}
