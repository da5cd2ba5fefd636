import Foundation
import NIOHTTP1
@testable import PilarApp
import Testing
import VaporTesting

/// A signed-in (or anonymous) person using the pages: keeps cookies and the form token like a
/// browser does, so tests go through the same CSRF and session checks as real users.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?

    init(_ app: Application) {
        self.app = app
    }

    static func signedIn(_ app: Application, as email: String, password: String = Fixture.password) async throws -> Browser {
        let browser = Browser(app)
        let response = try await browser.login(email: email, password: password)
        #expect(response.status == .seeOther, "login as \(email) failed with \(response.status)")
        return browser
    }

    @discardableResult
    func login(email: String, password: String) async throws -> TestingHTTPResponse {
        _ = try await get("/login")
        return try await post("/login", form: ["email": email, "password": password])
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form; the page's CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(_ path: String, form: [String: String] = [:], csrf includeToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if includeToken, let csrf { fields["csrf"] = csrf }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with files, as a browser does for forms with `enctype="multipart/form-data"`.
    @discardableResult
    func postMultipart(_ path: String, fields: [String: String], files: [String: (filename: String, bytes: [UInt8])] = [:]) async throws -> TestingHTTPResponse {
        let boundary = "----pilar-test-boundary"
        var body = ByteBuffer()
        var all = fields
        if let csrf { all["csrf"] = csrf }
        for (name, value) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, file) in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.expires.map({ $0 < Date() }) ?? false || value.string.isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = value.string
            }
        }
        let html = response.body.string
        if let range = html.range(of: "name=\"csrf\" value=\"") {
            let rest = html[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { csrf = String(rest[..<end]) }
        }
        return response
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
    }
}

extension TestingHTTPResponse {
    var location: String { headers.first(name: .location) ?? "" }
    var text: String { body.string }
}
