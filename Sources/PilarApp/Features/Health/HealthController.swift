import Fluent
import SQLKit
import Vapor

/// `GET /health` for load balancers and uptime checks: 200 when the database answers, 503 when not.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("health", use: health)
    }

    @Sendable func health(req: Request) async throws -> Response {
        let kind = req.application.pilarSettings.database.kind
        let reachable: Bool
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("SELECT 1").run()
            reachable = true
        } catch {
            req.logger.warning("health check: database unreachable: \(error)")
            reachable = false
        }
        let response = Response(status: reachable ? .ok : .serviceUnavailable)
        try response.content.encode(Status(status: reachable ? "ok" : "unavailable", database: kind))
        return response
    }
}
