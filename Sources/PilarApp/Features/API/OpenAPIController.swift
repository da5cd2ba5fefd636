import Vapor

/// Serves the OpenAPI 3 document that describes every `/api/v1` route. It is written by hand and
/// kept honest by a test that compares it with the registered routes.
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("openapi.json", use: document)
    }

    @Sendable func document(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: try Self.text()))
        response.headers.contentType = .json
        return response
    }

    static func text() throws -> String {
        try String(contentsOfFile: PilarResources.root + "openapi.json", encoding: .utf8)
    }
}
