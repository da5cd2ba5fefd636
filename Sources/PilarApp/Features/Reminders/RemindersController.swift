import PilarCore
import Vapor

/// The reminder page of one agency: what is overdue, what was returned, what sits in drafts.
struct RemindersController: RouteCollection {
    struct Page: Encodable {
        let agencyID: Int
        let agency: String
        let items: [ReminderService.Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("agencies", ":id", "reminders", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let agency = try await req.visibleAgency()
        let digests = try await ReminderService(db: req.db).digests(region: agency.regionCode, agency: agency.id)
        return try await req.render("reminders/agency", titleKey: "reminders.title", titleSuffix: agency.shortName,
                                    Page(agencyID: agency.id, agency: agency.shortName, items: digests.first?.items ?? []))
    }
}

/// `pilar remind [--region CODE] [--send]`: prints each agency's digest and, with `--send`, mails it to
/// the agency's e-mail address through the host's sendmail (see `ReminderMailer`).
struct RemindCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "region", help: "Kemendagri code of the region (default: every region with programmes)") var region: String?
        @Option(name: "lang", help: "id or en (default id)") var lang: String?
        @Flag(name: "send", help: "Mail each digest to its agency's e-mail address through sendmail (PILAR_SENDMAIL)") var send: Bool
    }

    let help = "Print the reminder digest of overdue, returned and draft values per agency."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        var regions: [String]
        if let region = signature.region {
            guard RegionCode(region) != nil else { context.console.error("--region: not a Kemendagri code: \(region)"); throw ExitCode(2) }
            regions = [region]
        } else {
            regions = Array(Set(try await ProgrammeModel.query(on: db).all().map(\.regionCode))).sorted()
        }
        let catalog = Catalog.for(Language(rawValue: signature.lang ?? "id") ?? .id)
        var mailer: ReminderMailer?
        if signature.send {
            guard let configured = ReminderMailer.fromEnvironment() else {
                context.console.error("--send: no sendmail program (install postfix, msmtp-mta or nullmailer, or set PILAR_SENDMAIL)")
                throw ExitCode(1)
            }
            mailer = configured
        }
        var total = 0, mailed = 0, noAddress: [String] = []
        for region in regions {
            for digest in try await ReminderService(db: db).digests(region: region) where !digest.items.isEmpty {
                let text = ReminderService.text(digest, catalog: catalog)
                context.console.print(text)
                context.console.print("")
                total += 1
                guard let mailer else { continue }
                guard let address = try await AgencyModel.find(digest.agencyID, on: db)?.email, !address.isEmpty else {
                    noAddress.append(digest.agency)
                    continue
                }
                try mailer.send(to: address, subject: "\(catalog.text("reminders.subject")) – \(digest.agency)", body: text)
                mailed += 1
            }
        }
        context.console.print("\(total) digest(s)." + (mailer == nil ? "" : " Mailed \(mailed)."))
        if !noAddress.isEmpty { context.console.warning("No e-mail address for: \(noAddress.joined(separator: ", "))") }
    }
}
