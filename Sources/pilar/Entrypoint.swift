import Logging
import PilarApp
import Vapor

/// `pilar serve | seed demo | user create | migrate | routes`: everything else lives in PilarApp.
@main
enum Entrypoint {
    static func main() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: PilarSettings.fromEnvironment(environment))
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            if let exit = error as? ExitCode { Foundation.exit(exit.code) }
            app.logger.report(error: error)
            throw error
        }
        try await app.asyncShutdown()
    }
}
