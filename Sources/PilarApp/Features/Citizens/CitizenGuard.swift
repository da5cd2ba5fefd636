import Crypto
import Foundation
import PilarCore
import Vapor

/// Simple abuse resistance for citizen endpoints that need no account: a per-address budget of
/// requests per minute, kept in memory (a restart forgets it, which only ever favours citizens).
actor CitizenRateLimiter {
    private var windows: [String: RateWindow] = [:]

    func admit(_ key: String, limit: Int, seconds: TimeInterval = 60, now: Date = Date()) -> Bool {
        var window = windows[key] ?? RateWindow(now: now)
        let admitted = window.admit(limit: limit, seconds: seconds, now: now)
        windows[key] = window
        if windows.count > 50_000 { windows = windows.filter { now.timeIntervalSince($0.value.windowStart) < seconds } }
        return admitted
    }
}

extension Application {
    private struct LimiterKey: StorageKey { typealias Value = CitizenRateLimiter }

    var citizenLimiter: CitizenRateLimiter {
        if let limiter = storage[LimiterKey.self] { return limiter }
        let limiter = CitizenRateLimiter()
        storage[LimiterKey.self] = limiter
        return limiter
    }
}

enum CitizenGuard {
    static let voterCookie = "pilar_voter"
    /// Votes a single address may cast per minute: a family or an office behind one address fits.
    /// `PILAR_VOTES_PER_MINUTE` raises it where many citizens share one address (a carrier's NAT, a
    /// kiosk network) and for load tests.
    static let votesPerMinute = limit("PILAR_VOTES_PER_MINUTE", default: 30)
    /// Reports (and survey answers) a single address may send per minute; `PILAR_REPORTS_PER_MINUTE`.
    static let reportsPerMinute = limit("PILAR_REPORTS_PER_MINUTE", default: 10)

    private static func limit(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? value
    }

    static let tooMany = PilarError(status: .tooManyRequests, code: "rate_limited", messageKey: "error.rate_limited")

    static func admit(_ req: Request, _ bucket: String, limit: Int) async throws {
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        guard await req.application.citizenLimiter.admit("\(bucket):\(address)", limit: limit) else { throw tooMany }
    }

    /// The browser's anonymous voter id (a random value in a cookie), or nil before it has one.
    static func voter(_ req: Request) -> String? {
        guard let raw = req.cookies[voterCookie]?.string, raw.count == 32, raw.allSatisfy(\.isHexDigit) else { return nil }
        // Only a digest is stored, so the database cannot be joined back to a browser.
        return SHA256.hash(data: Data(raw.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Gives the browser a voter id if it has none; called when a page with the widget is shown.
    static func ensureVoterCookie(_ req: Request, _ response: Response) {
        guard voter(req) == nil else { return }
        let value = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        response.cookies[voterCookie] = HTTPCookies.Value(string: value, maxAge: 400 * 86_400, path: "/",
                                                         isSecure: req.application.pilarSettings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
