import Foundation
import PilarCore
import Vapor

struct PrivacyCommandGroup: AsyncCommandGroup {
    let help = "Citizens' personal data: `privacy purge` removes reporters' identities past retention; `privacy export --email E` prints one person's data."
    var commands: [String: any AnyAsyncCommand] { ["purge": PurgeCommand(), "export": ExportCommand()] }
}

/// Run daily (e.g. from cron): `pilar privacy purge [--dry-run]`.
struct PurgeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Only count the identities that would be removed") var dryRun: Bool
    }

    let help = "Remove reporters' identities from reports older than each region's retention period (reports are kept)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = try await PrivacyService(db: context.application.db).purge(dryRun: signature.dryRun)
        context.console.print(signature.dryRun ? "\(count) identities would be removed." : "\(count) identities removed.")
    }
}

/// `pilar privacy export --email E [--region CODE]`: JSON on standard output for a data subject request.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The citizen's e-mail address") var email: String?
        @Option(name: "region", help: "Only this region's reports") var region: String?
    }

    let help = "Print, as JSON, every report and contact detail held for one e-mail address."

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let export = try await PrivacyService(db: context.application.db).export(email: signature.email ?? "", region: signature.region)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            context.console.print(String(decoding: try encoder.encode(export), as: UTF8.self))
            try await AuditLog.record(.export, entity: "citizen_data", id: "subject-request", region: signature.region,
                                      before: [String: String]?.none, after: ["reports": String(export.reports.count)], actor: nil,
                                      actorLabel: "system (privacy export)", on: context.application.db)
        } catch is PilarError {
            context.console.error("Not exported: --email must be an e-mail address.")
            throw ExitCode(1)
        }
    }
}
