import Foundation
import NIOHTTP1
@testable import PilarApp
import Testing
import VaporTesting

/// An API client with a bearer token, the way an integrator calls Pilar.
struct APIClient: Sendable {
    let app: Application
    let token: String?

    static func token(_ app: Application, for email: String, password: String = Fixture.password) async throws -> APIClient {
        let response = try await APIClient(app: app, token: nil)
            .send(.POST, "/api/v1/tokens", json: ["email": email, "password": password, "name": "test"])
        #expect(response.status == .created)
        let token = try JSONDecoder().decode(TokenRepository.Issued.self, from: response.body).token
        return APIClient(app: app, token: token)
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, json: nil as [String: String]?)
    }

    func send<Body: Encodable>(_ method: HTTPMethod, _ path: String, json: Body?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }
}

/// The JSON error body every API failure carries.
struct APIErrorBody: Decodable {
    struct Detail: Decodable {
        let code: String
        let message: String
        let fields: [Field]?
    }
    struct Field: Decodable {
        let field: String
        let message: String
    }
    let error: Detail
}

extension TestingHTTPResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    var errorCode: String? { (try? decode(APIErrorBody.self))?.error.code }
}

