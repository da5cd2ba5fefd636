import Vapor

/// `GET /api/v1/framework`: the smart city framework as reference data (public).
struct FrameworkAPIController: RouteCollection {
    static let defaultVersion = "kominfo-2021"

    struct Response: Content {
        let version: String
        let name: FrameworkRepository.Name
        let dimensions: [FrameworkRepository.Dimension]
        /// Every version the server knows, so clients can ask for another with `?version=`.
        let availableVersions: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("framework", use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let repository = FrameworkRepository(db: req.db)
        let code = (try? req.query.get(String.self, at: "version")) ?? Self.defaultVersion
        guard let framework = try await repository.find(code) else {
            throw PilarError.notFound("framework version \(code)")
        }
        return Response(version: framework.version, name: framework.name, dimensions: framework.dimensions,
                        availableVersions: try await repository.versions())
    }
}
