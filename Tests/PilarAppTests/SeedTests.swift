import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Demo data")
struct SeedTests {
    @Test("seeding twice changes nothing the second time", arguments: Backend.all)
    func idempotent(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let counts = { () async throws -> [Int] in
                [try await app.count("agencies"), try await app.count("users"), try await app.count("audit_events"), try await app.count("assessor_regions")]
            }
            let first = try await counts()
            #expect(first[0] == 10)
            #expect(first[1] == 7)
            let report = try await DemoData.seed(on: app, password: "another-password")
            #expect(report.agenciesCreated == 0)
            #expect(report.usersCreated.isEmpty)
            #expect(try await counts() == first)
            #expect(try await Browser(app).login(email: Fixture.regionAdmin, password: Fixture.password).status == .seeOther)
        }
    }

    @Test("every role has a demo account, bound as its role requires")
    func roles() async throws {
        try await withPilar(.sqlite) { app in
            for role in Role.allCases {
                let id = try await app.userID(Fixture.email(for: role))
                let user = try #require(try await AuthUser.load(userID: id, on: app.db))
                #expect(user.role == role)
                #expect(user.canSee(region: "35.74"))
                #expect(user.canSee(region: "35.73") == (role == .nationalAdmin))
                #expect((user.agencyID != nil) == (role == .agencyOperator))
            }
        }
    }
}

import PilarCore
