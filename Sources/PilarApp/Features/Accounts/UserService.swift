import Fluent
import PilarCore
import Vapor

/// Creating accounts and checking passwords, shared by the pages, the API and the CLI.
struct UserService {
    let db: any Database
    let app: Application
    let throttle = LoginThrottle()

    /// bcrypt is slow on purpose, so it runs on the thread pool rather than an event loop.
    private func hash(_ password: String) async throws -> String {
        let hasher = app.password.sync
        return try await app.threadPool.runIfActive { try hasher.hash(password) }
    }

    private func verify(_ password: String, _ digest: String) async throws -> Bool {
        let hasher = app.password.sync
        return try await app.threadPool.runIfActive { try hasher.verify(password, created: digest) }
    }

    struct NewUser {
        var email: String
        var name: String
        var role: String
        var regionCode: String?
        var agencyID: Int?
        var password: String
    }

    /// A user as the audit trail records it (never the password hash).
    struct Snapshot: Codable, Equatable {
        let id: Int
        let email: String
        let name: String
        let role: String
        let regionCode: String?
        let agencyID: Int?
        let assessorRegions: [String]
        let active: Bool
    }

    /// Validates and creates an account. Region-bound roles need a region; an agency operator needs
    /// an active agency of that region; an assessor's `regionCode` becomes their first assignment.
    func create(_ new: NewUser, actor: AuthUser?) async throws -> Snapshot {
        var problems: [FieldProblem] = []
        let email = Validate.trimmed(new.email).lowercased()
        let name = Validate.trimmed(new.name)
        if !Validate.isEmail(email) { problems.append(FieldProblem(field: "email", key: "error.email")) }
        Validate.required(name, field: "name", max: 200, into: &problems)
        if let problem = Validate.passwordProblem(new.password) { problems.append(FieldProblem(field: "password", key: problem)) }
        let role = Role(rawValue: new.role)
        if role == nil { problems.append(FieldProblem(field: "role", key: "error.role")) }
        let regionCode = new.regionCode.map(Validate.trimmed).flatMap(\.nilIfEmpty)
        var agencyID = new.agencyID
        if let role {
            if role.isRegionBound || role == .assessor {
                if let regionCode {
                    if try await RegionRepository(db: db).find(regionCode) == nil {
                        problems.append(FieldProblem(field: "regionCode", key: "error.region_unknown"))
                    }
                } else if role.isRegionBound {
                    problems.append(FieldProblem(field: "regionCode", key: "error.region_required"))
                }
            }
            if role.isAgencyBound {
                if let id = agencyID, let agency = try await AgencyModel.find(id, on: db), agency.active, agency.regionCode == regionCode {
                    // fine
                } else {
                    problems.append(FieldProblem(field: "agencyID", key: "error.agency_required"))
                }
            } else {
                agencyID = nil
            }
        }
        guard problems.isEmpty, let role else { throw PilarError.invalid(problems) }
        if try await UserModel.query(on: db).filter(\.$email == email).count() > 0 {
            throw PilarError.conflict("error.email_taken", field: "email")
        }
        let hash = try await self.hash(new.password)
        let boundAgency = agencyID
        return try await db.transaction { db in
            let user = UserModel()
            user.email = email
            user.name = name
            user.passwordHash = hash
            user.role = role.rawValue
            user.regionCode = role.isRegionBound ? regionCode : nil
            user.agencyID = boundAgency
            user.active = true
            user.failedLogins = 0
            try await user.create(on: db)
            let id = try user.requireID()
            var assignments: [String] = []
            if role == .assessor, let regionCode {
                try await AssessorAssignmentModel(userID: id, regionCode: regionCode).create(on: db)
                assignments = [regionCode]
            }
            let snapshot = Snapshot(id: id, email: email, name: name, role: role.rawValue, regionCode: user.regionCode,
                                    agencyID: boundAgency, assessorRegions: assignments, active: true)
            try await AuditLog.record(.create, entity: "user", id: String(id), region: user.regionCode,
                                      before: Snapshot?.none, after: snapshot, actor: actor, on: db)
            return snapshot
        }
    }

    enum LoginResult {
        case success(UserModel)
        case invalid
        case locked
    }

    /// Checks a password with lock-out. Unknown e-mail and wrong password answer the same, and the
    /// hash is computed either way so timing does not reveal which accounts exist.
    func authenticate(email: String, password: String) async throws -> LoginResult {
        let email = Validate.trimmed(email).lowercased()
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first(), user.active else {
            _ = try? await hash(password) // same cost as a verify
            return .invalid
        }
        let now = Date()
        if throttle.isLocked(until: user.lockedUntil, now: now) { return .locked }
        if try await verify(password, user.passwordHash) {
            if user.failedLogins != 0 || user.lockedUntil != nil {
                user.failedLogins = 0
                user.lockedUntil = nil
                try await user.save(on: db)
            }
            return .success(user)
        }
        let next = throttle.afterFailure(failures: user.failedLogins, now: now)
        user.failedLogins = next.failures
        user.lockedUntil = next.lockedUntil
        try await user.save(on: db)
        return next.lockedUntil == nil ? .invalid : .locked
    }

    func changePassword(userID: Int, current: String, new: String, actor: AuthUser) async throws {
        guard let user = try await UserModel.find(userID, on: db) else { throw PilarError.notFound }
        guard try await verify(current, user.passwordHash) else {
            throw PilarError.invalid([FieldProblem(field: "current", key: "error.password_wrong")])
        }
        if let problem = Validate.passwordProblem(new) {
            throw PilarError.invalid([FieldProblem(field: "new", key: problem)])
        }
        user.passwordHash = try await hash(new)
        try await db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record(.update, entity: "user", id: String(userID), region: user.regionCode,
                                      before: ["password": "(set)"], after: ["password": "(changed)"], actor: actor, on: db)
        }
    }

    func setActive(_ id: Int, _ active: Bool, actor: AuthUser) async throws {
        guard let user = try await UserModel.find(id, on: db) else { throw PilarError.notFound("user \(id)") }
        guard user.active != active else { return }
        let before = ["active": String(user.active)]
        user.active = active
        try await db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record(active ? .reactivate : .deactivate, entity: "user", id: String(id), region: user.regionCode,
                                      before: before, after: ["active": String(active)], actor: actor, on: db)
        }
    }
}

extension Request {
    var userService: UserService { UserService(db: db, app: application) }
}
