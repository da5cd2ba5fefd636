import Vapor

/// `pilar seed demo [--password P]`: loads the demo region. Idempotent: what exists is left alone.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "password", help: "Password for the demo accounts (generated and printed when omitted)")
        var password: String?
    }

    let help = "Load demo data for Kota Probolinggo (35.74), with one account per role."

    func run(using context: CommandContext, signature: Signature) async throws {
        let password = signature.password ?? DemoData.generatedPassword()
        let report = try await DemoData.seed(on: context.application, password: password)
        context.console.print(report.summary(password: password, generated: signature.password == nil))
    }
}
