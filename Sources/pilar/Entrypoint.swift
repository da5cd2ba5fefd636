import Logging
import PilarApp
import Vapor

/// `pilar serve | seed demo | user create | migrate | routes`: everything else lives in PilarApp.
@main
enum Entrypoint {
    static func main() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let settings: PilarSettings
        do {
            settings = try PilarSettings.fromEnvironment(environment)
        } catch let error as DatabaseLocation.Invalid {
            // A configuration mistake deserves one clear line, not a crash report.
            FileHandle.standardError.write(Data("pilar: \(error.description)\n".utf8))
            Foundation.exit(2)
        }
        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: settings)
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
