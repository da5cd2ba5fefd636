@_exported import PilarCore
import Fluent
import Foundation
@testable import PilarApp
import SQLKit
import Testing
import VaporTesting

/// A database the suites run against: always SQLite; PostgreSQL too when `PILAR_TEST_POSTGRES_URL` is set.
struct Backend: Sendable, CustomTestStringConvertible {
    let name: String
    let postgresURL: String?

    var testDescription: String { name }

    static let sqlite = Backend(name: "sqlite", postgresURL: nil)

    static var all: [Backend] {
        var backends = [sqlite]
        if let url = ProcessInfo.processInfo.environment["PILAR_TEST_POSTGRES_URL"], !url.isEmpty {
            backends.append(Backend(name: "postgres", postgresURL: url))
        }
        return backends
    }
}

enum Fixture {
    static let password = "test-password-123"
    static let regionAdmin = "diskominfo@probolinggo.pilar.test"
    static let operatorEmail = "dinkes@probolinggo.pilar.test"

    static func email(for role: Role) -> String {
        DemoData.users.first { $0.role == role }!.email
    }
}

/// Runs `test` against a fresh, migrated database (a temporary SQLite file, or a PostgreSQL schema
/// of its own so suites can run in parallel), with the demo region loaded unless told otherwise.
func withPilar(_ backend: Backend, demo: Bool = true, _ test: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
    var settings: PilarSettings
    var sqlitePath: String?
    if let url = backend.postgresURL {
        settings = PilarSettings(database: .postgres(url: url), bcryptCost: 4, postgresSchema: "test_\(suffix)")
    } else {
        let path = NSTemporaryDirectory() + "pilar-test-\(suffix).sqlite"
        sqlitePath = path
        settings = PilarSettings(database: .sqlite(path: path), bcryptCost: 4)
    }
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings)
        if demo { _ = try await DemoData.seed(on: app, password: Fixture.password) }
        try await test(app)
    } catch {
        await cleanUp(app, settings: settings, sqlitePath: sqlitePath)
        throw error
    }
    await cleanUp(app, settings: settings, sqlitePath: sqlitePath)
}

private func cleanUp(_ app: Application, settings: PilarSettings, sqlitePath: String?) async {
    if let schema = settings.postgresSchema, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    if let path = sqlitePath {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }
}

extension Application {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    func count(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    func agencyID(_ shortName: String, region: String = DemoData.regionCode) async throws -> Int {
        try await AgencyModel.query(on: db).filter(\.$regionCode == region).filter(\.$shortName == shortName).first()!.requireID()
    }

    func userID(_ email: String) async throws -> Int {
        try await UserModel.query(on: db).filter(\.$email == email).first()!.requireID()
    }
}
