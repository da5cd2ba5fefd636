import PilarCore
import Vapor

/// `pilar user create --email E --name N --role R [--region CODE] [--agency ID]`, password on stdin.
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail address used to sign in") var email: String?
        @Option(name: "name", help: "Full name") var name: String?
        @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String?
        @Option(name: "region", help: "Kemendagri code of the region, e.g. 35.74 (assessors: first assigned region)") var region: String?
        @Option(name: "agency", help: "Agency id (agency operators only)") var agency: Int?
    }

    let help = "Create an account. The password is read from standard input."

    func run(using context: CommandContext, signature: Signature) async throws {
        // Read from stdin so the password never appears in the shell history or the process list.
        let password: String
        if isatty(STDIN_FILENO) == 1 {
            password = context.console.ask("Password (at least 10 characters):", isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        let service = UserService(db: context.application.db, app: context.application)
        do {
            let user = try await service.create(
                .init(email: signature.email ?? "", name: signature.name ?? "", role: signature.role ?? "",
                      regionCode: signature.region, agencyID: signature.agency, password: password),
                actor: nil)
            context.console.print("Created \(user.role) \(user.email) (id \(user.id)).")
        } catch let error as PilarError {
            let catalog = Catalog.english
            let flags = ["regionCode": "region", "agencyID": "agency"]
            let details = error.fields.map { "  --\(flags[$0.field] ?? $0.field): \(catalog.text($0.key))" }.joined(separator: "\n")
            context.console.error("Not created: \(catalog.text(error.messageKey))\n\(details)")
            throw ExitCode(1)
        }
    }
}

public struct ExitCode: Error, CustomStringConvertible {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { "exit \(code)" }
}
