import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import SQLKit
import Vapor

/// Settings that tests and deployments vary; read once from the environment.
public struct PilarSettings: Sendable {
    public var database: DatabaseLocation
    /// bcrypt cost; production keeps the default, tests lower it to stay fast.
    public var bcryptCost: Int
    /// Mark cookies `Secure`: on by default in production, where Pilar sits behind TLS.
    public var secureCookies: Bool
    /// A PostgreSQL schema to use instead of `public`, so parallel tests do not collide.
    public var postgresSchema: String?

    public init(database: DatabaseLocation, bcryptCost: Int = 12, secureCookies: Bool = false, postgresSchema: String? = nil) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.postgresSchema = postgresSchema
    }

    public static func fromEnvironment(_ environment: Environment) throws -> PilarSettings {
        let database = try DatabaseLocation.from(environment: Environment.get("DATABASE_URL"))
        let cost = Environment.get("PILAR_BCRYPT_COST").flatMap(Int.init) ?? 12
        let secure = Environment.get("PILAR_SECURE_COOKIES").map { $0 == "1" || $0 == "true" }
            ?? (environment == .production)
        return PilarSettings(database: database, bcryptCost: cost, secureCookies: secure)
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = PilarSettings }

    public var pilarSettings: PilarSettings {
        get { storage[SettingsKey.self] ?? PilarSettings(database: .sqlite(path: DatabaseLocation.defaultSQLitePath)) }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// Builds the application: database, sessions, middleware, views, routes and commands.
/// Migrations run here too, so every command (serve, seed, user) sees an up-to-date schema.
public func configure(_ app: Application, settings: PilarSettings) async throws {
    app.pilarSettings = settings
    try configureDatabase(app, settings: settings)

    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.sessions.use(.fluent)
    app.sessions.configuration = .pilar(secure: settings.secureCookies)

    app.views.use(.leaf)
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio,
        limits: [.toSandbox, .onlyLeafExtensions], // the bundle lives under .build, so hidden folders must be allowed
        sandboxDirectory: PilarResources.root,
        viewDirectory: PilarResources.views
    ))
    app.leaf.tags["t"] = TranslateTag()

    app.middleware = .init()
    // Headers outermost, so error pages and JSON errors carry them too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PilarErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: PilarResources.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionUserAuthenticator())
    app.middleware.use(BearerTokenAuthenticator())
    app.middleware.use(AccessPolicyMiddleware())

    app.routes.defaultMaxBodySize = "1mb"
    if case .sqlite = settings.database {
        try await applySQLitePragmas(app)
    }
    if let schema = settings.postgresSchema, let sql = app.db as? any SQLDatabase {
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }
    addMigrations(app)
    try await app.autoMigrate()

    try routes(app)
    registerCommands(app)
}

private func configureDatabase(_ app: Application, settings: PilarSettings) throws {
    switch settings.database {
    case .sqlite(let path):
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // WAL lets readers continue while one writer commits; the busy timeout makes a second
        // writer wait instead of failing at once with SQLITE_BUSY.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(10)), as: .sqlite)
    case .postgres(let url):
        var config = try SQLPostgresConfiguration(url: url)
        if let schema = settings.postgresSchema {
            config.searchPath = [schema]
        }
        app.databases.use(.postgres(configuration: config), as: .psql)
    }
}

/// WAL lets readers go on while one writer commits, and it is remembered by the file. The busy
/// timeout is per connection: the pool keeps one connection per event loop, so it is set on each
/// loop's connection. A writer then waits up to five seconds for another instead of failing.
private func applySQLitePragmas(_ app: Application) async throws {
    for eventLoop in app.eventLoopGroup.makeIterator() {
        let db = app.databases.database(.sqlite, logger: app.logger, on: eventLoop)
        guard let sql = db as? any SQLDatabase else { continue }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA busy_timeout=5000").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }
}
