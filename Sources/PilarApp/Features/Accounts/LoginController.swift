import PilarCore
import Vapor

/// Sign in, sign out, change password, and the language switch.
struct LoginController: RouteCollection {
    struct LoginPage: Encodable {
        let email: String
        let next: String
        let errorKey: String?
    }

    struct LoginForm: Content {
        let email: String?
        let password: String?
        let next: String?
    }

    struct PasswordPage: Encodable {
        let errors: [String: String]
        let done: Bool
    }

    struct PasswordForm: Content {
        let current: String?
        let new: String?
        let confirm: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.everyone)
        open.get(use: home)
        open.get("login", use: loginForm)
        open.post("login", use: login)
        open.get("lang", ":language", use: switchLanguage)
        routes.access(.signedIn).post("logout", use: logout)
        routes.access(.signedIn).get("account", "password", use: passwordForm)
        routes.access(.signedIn).post("account", "password", use: changePassword)
    }

    /// `/` sends people where their work is.
    @Sendable func home(req: Request) async throws -> Response {
        // Visitors who are not signed in get the public portal; staff sign in from there.
        guard let user = req.auth.get(AuthUser.self) else { return try await PortalController.landing(req).encodeResponse(for: req) }
        // An operator's first question is "what does my agency still owe?".
        if user.role == .agencyOperator, let agency = user.agencyID { return req.redirect(to: "/agencies/\(agency)/reminders") }
        if let region = user.homeRegion { return req.redirect(to: "/regions/\(region)") }
        return req.redirect(to: "/regions")
    }

    @Sendable func loginForm(req: Request) async throws -> View {
        let next = Self.safeNext(try? req.query.get(String.self, at: "next"))
        return try await req.render("login", titleKey: "login.title", LoginPage(email: "", next: next, errorKey: nil), needsCSRF: true)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        let result = try await req.userService.authenticate(email: form.email ?? "", password: form.password ?? "")
        switch result {
        case .success(let user):
            // A new session id on sign-in, so a session fixed before login is worthless after it.
            if let old = req.session.id {
                try await req.application.sessions.driver.deleteSession(old, for: req).get()
            }
            let csrf = req.session.data[SessionKeys.csrf]
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data[SessionKeys.userID] = String(try user.requireID())
            req.session.data[SessionKeys.csrf] = csrf
            try await AuditLog.record(.login, entity: "user", id: String(try user.requireID()), region: user.regionCode,
                                      before: [String: String]?.none, after: [String: String]?.none, actor: nil,
                                      actorLabel: "\(user.name) <\(user.email)>", on: req.db)
            return req.redirect(to: next)
        case .invalid, .locked:
            let key = result.isLocked ? "login.locked" : "login.invalid"
            let view = try await req.render("login", titleKey: "login.title",
                                            LoginPage(email: form.email ?? "", next: next, errorKey: key), needsCSRF: true)
            let response = try await view.encodeResponse(for: req)
            response.status = result.isLocked ? .tooManyRequests : .unauthorized
            return response
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(AuthUser.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    @Sendable func switchLanguage(req: Request) async throws -> Response {
        guard let language = Language(rawValue: req.parameters.get("language") ?? "") else { throw PilarError.notFound }
        let response = req.redirect(to: Self.safeNext(try? req.query.get(String.self, at: "next")))
        response.cookies[Language.cookieName] = HTTPCookies.Value(
            string: language.rawValue, expires: Date(timeIntervalSinceNow: 60 * 60 * 24 * 365),
            path: "/", isSecure: req.application.pilarSettings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func passwordForm(req: Request) async throws -> View {
        try await req.render("account/password", titleKey: "password.title", PasswordPage(errors: [:], done: false))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let user = try req.user
        let form = try req.content.decode(PasswordForm.self)
        do {
            guard form.new == form.confirm else {
                throw PilarError.invalid([FieldProblem(field: "confirm", key: "error.password_mismatch")])
            }
            try await req.userService.changePassword(userID: user.id, current: form.current ?? "", new: form.new ?? "", actor: user)
            return req.redirect(to: "/account/password", flash: "password.changed")
        } catch let error as PilarError where !error.fields.isEmpty {
            let errors = error.fields.byField
            return try await formError(req, error, template: "account/password", titleKey: "password.title",
                                       page: PasswordPage(errors: errors, done: false))
        }
    }

    /// Only local paths: `next` must never send someone to another site after signing in.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), !raw.contains("://") else { return "/" }
        return raw
    }
}

extension UserService.LoginResult {
    var isLocked: Bool {
        if case .locked = self { return true }
        return false
    }
}
