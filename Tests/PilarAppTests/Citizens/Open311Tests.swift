import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Open311 GeoReport v2")
struct Open311Tests {
    static func form(_ fields: [String: String]) -> (HTTPHeaders, ByteBuffer) {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        return (headers, ByteBuffer(string: body))
    }

    @Test("services, a posted request, listings without confidential reports or identities, JSON and XML", arguments: Backend.all)
    func roundTrip(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let services = try await app.testing().sendRequest(.GET, "/open311/v2/services.json?jurisdiction_id=35.74")
            #expect(services.status == .ok)
            let list = try JSONSerialization.jsonObject(with: Data(services.body.readableBytesView)) as! [[String: Any]]
            #expect(list.contains { $0["service_code"] as? String == "sampah" && $0["metadata"] as? Bool == true })
            let xml = try await app.testing().sendRequest(.GET, "/open311/v2/services.xml?jurisdiction_id=35.74")
            #expect(xml.headers.contentType?.subType == "xml")
            #expect(xml.body.string.contains("<service><service_code>jalan-rusak</service_code>"))

            let token = try await APIClient.token(app, for: Fixture.email(for: .regionAdmin)).token!
            let (headers, body) = Self.form(["api_key": token, "jurisdiction_id": "35.74", "service_code": "jalan-rusak",
                                             "description": "Trotoar ambles di depan SD Negeri 1.", "lat": "-7.75", "long": "113.21",
                                             "email": "pelapor@contoh.id", "first_name": "Budi", "attribute[confidential]": "false"])
            let posted = try await app.testing().sendRequest(.POST, "/open311/v2/requests.json", headers: headers, body: body)
            #expect(posted.status == .created, "\(posted.body.string)")
            let created = try JSONSerialization.jsonObject(with: Data(posted.body.readableBytesView)) as! [[String: Any]]
            let id = try #require(created.first?["service_request_id"] as? String)
            let trackingCode = try #require(created.first?["token"] as? String)
            let complaint = try #require(try await ComplaintModel.find(Int(id), on: app.db))
            #expect(complaint.anonymous && !complaint.confidential)

            let one = try await app.testing().sendRequest(.GET, "/open311/v2/requests/\(id).json?jurisdiction_id=35.74")
            #expect(one.body.string.contains("\"status\":\"open\"") && one.body.string.contains("Trotoar ambles"))
            let tokenLookup = try await app.testing().sendRequest(.GET, "/open311/v2/tokens/\(trackingCode).xml?jurisdiction_id=35.74")
            #expect(tokenLookup.body.string.contains("<service_request_id>\(id)</service_request_id>"))

            let all = try await app.testing().sendRequest(.GET, "/open311/v2/requests.json?jurisdiction_id=35.74")
            let confidential = try await ComplaintModel.query(on: app.db).filter(\.$confidential == true).all()
            #expect(!confidential.isEmpty)
            for report in confidential { #expect(!all.body.string.contains(report.description)) }
            for identity in ["pelapor@contoh.id", "Budi", "warga1@contoh.id", "Warga Demo", trackingCode] {
                #expect(!all.body.string.contains(identity), "\(identity) leaked")
            }
            let closed = try await app.testing().sendRequest(.GET, "/open311/v2/requests.xml?jurisdiction_id=35.74&status=closed")
            #expect(closed.body.string.contains("<status>closed</status>") && !closed.body.string.contains("<status>open</status>"))
            let hidden = try await app.testing().sendRequest(.GET, "/open311/v2/requests/\(confidential[0].id!).json?jurisdiction_id=35.74")
            #expect(hidden.status == .notFound)
        }
    }

    @Test("errors in the spec's format: unknown service, bad key, missing jurisdiction, bad status, unknown format")
    func errors() async throws {
        try await withPilar(.sqlite) { app in
            let before = try await app.count("complaints")
            let token = try await APIClient.token(app, for: Fixture.email(for: .regionAdmin)).token!
            let (h1, b1) = Self.form(["api_key": token, "jurisdiction_id": "35.74", "service_code": "ufo", "description": "Ada benda aneh di langit.", "lat": "-7.7", "long": "113.2"])
            let unknown = try await app.testing().sendRequest(.POST, "/open311/v2/requests.json", headers: h1, body: b1)
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.hasPrefix("[{\"code\":400,\"description\":\"serviceCode:"))
            let (h2, b2) = Self.form(["api_key": "salah", "jurisdiction_id": "35.74", "service_code": "sampah", "description": "Sampah menumpuk lagi.", "lat": "-7.7", "long": "113.2"])
            let badKey = try await app.testing().sendRequest(.POST, "/open311/v2/requests.xml", headers: h2, body: b2)
            #expect(badKey.status == .forbidden && badKey.body.string.contains("<errors><error><code>403</code>"))
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/requests.json").status == .badRequest)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/requests.json?jurisdiction_id=35.74&status=lost").status == .badRequest)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/services.csv?jurisdiction_id=35.74").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/open311/v2/services.json?jurisdiction_id=99.99").status == .notFound)
            #expect(try await app.count("complaints") == before)
        }
    }
}
