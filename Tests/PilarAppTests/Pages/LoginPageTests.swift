import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Signing in and out")
struct LoginPageTests {
    @Test("a wrong password is refused on the page; the right one lands on the region home", arguments: Backend.all)
    func login(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let browser = Browser(app)
            let wrong = try await browser.login(email: Fixture.regionAdmin, password: "wrong-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("E-mail atau kata sandi salah."))
            #expect(wrong.text.contains("value=\"\(Fixture.regionAdmin)\""))

            let right = try await browser.login(email: Fixture.regionAdmin, password: Fixture.password)
            #expect(right.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.location == "/regions/35.74")
            let page = try await browser.get("/regions/35.74")
            #expect(page.status == .ok)
            #expect(page.text.contains("Kota Probolinggo"))
            #expect(page.text.contains("Smart Environment"))
        }
    }

    @Test("signing in issues a new session id, so a planted session is worthless")
    func sessionFixation() async throws {
        try await withPilar(.sqlite) { app in
            let browser = Browser(app)
            _ = try await browser.get("/login")
            let before = try #require(browser.cookies["pilar-session"])
            try await browser.login(email: Fixture.regionAdmin, password: Fixture.password)
            let after = try #require(browser.cookies["pilar-session"])
            #expect(before != after)
            let attacker = try await app.testing().sendRequest(.GET, "/regions/35.74", headers: ["Cookie": "pilar-session=\(before)"])
            #expect(attacker.status == .seeOther)
            #expect(attacker.location.hasPrefix("/login"))
        }
    }

    @Test("session cookies are HttpOnly and SameSite")
    func cookieFlags() async throws {
        try await withPilar(.sqlite, demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/login")
            let header = response.headers.first(name: .setCookie) ?? ""
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test("a form posted without its token is refused and changes nothing")
    func csrf() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            let before = try await app.count("agencies")
            let response = try await browser.post("/regions/35.74/agencies", form: ["name": "Badan X", "shortName": "BX", "kind": "badan"], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Formulir kedaluwarsa"))
            let forged = try await browser.post("/regions/35.74/agencies", form: ["name": "Badan X", "shortName": "BX", "kind": "badan", "csrf": "forged"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await app.count("agencies") == before)
        }
    }

    @Test("after signing out the pages ask for a login again")
    func logout() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            _ = try await browser.get("/regions/35.74")
            #expect(try await browser.post("/logout").location == "/login")
            let after = try await browser.get("/regions/35.74")
            #expect(after.location == "/login?next=/regions/35.74")
        }
    }

    @Test("the login page only sends people back to this site", arguments: ["//evil.example/x", "https://evil.example", "/\\evil.example"])
    func openRedirect(next: String) {
        #expect(LoginController.safeNext(next) == "/")
        #expect(LoginController.safeNext("/regions/35.74") == "/regions/35.74")
    }

    @Test("a deactivated account can no longer sign in, and its open session ends")
    func deactivated() async throws {
        try await withPilar(.sqlite) { app in
            let viewer = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            let admin = try await Browser.signedIn(app, as: Fixture.regionAdmin)
            _ = try await admin.get("/users")
            let id = try await app.userID(Fixture.email(for: .viewer))
            #expect(try await admin.post("/users/\(id)/deactivate").status == .seeOther)
            #expect(try await viewer.get("/regions/35.74").location.hasPrefix("/login"))
            #expect(try await Browser(app).login(email: Fixture.email(for: .viewer), password: Fixture.password).status == .unauthorized)
        }
    }

    @Test("changing the password needs the current one and a long new one")
    func changePassword() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            _ = try await browser.get("/account/password")
            let wrong = try await browser.post("/account/password", form: ["current": "nope", "new": "a-new-password-1", "confirm": "a-new-password-1"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Kata sandi saat ini salah."))
            let short = try await browser.post("/account/password", form: ["current": Fixture.password, "new": "short", "confirm": "short"])
            #expect(short.text.contains("Kata sandi minimal 10 karakter."))
            let ok = try await browser.post("/account/password", form: ["current": Fixture.password, "new": "a-new-password-1", "confirm": "a-new-password-1"])
            #expect(ok.status == .seeOther)
            #expect(try await Browser(app).login(email: Fixture.email(for: .planner), password: "a-new-password-1").status == .seeOther)
            #expect(try await Browser(app).login(email: Fixture.email(for: .planner), password: Fixture.password).status == .unauthorized)
        }
    }
}
