import Fluent
import PilarCore
import Vapor

/// The demonstration region: Kota Probolinggo with ten agencies and one account per role.
enum DemoData {
    static let regionCode = "35.74"

    struct DemoAgency {
        let shortName: String
        let name: String
        let kind: AgencyKind
        let head: String
    }

    static let agencies: [DemoAgency] = [
        .init(shortName: "Diskominfo", name: "Dinas Komunikasi dan Informatika", kind: .office, head: "Kepala Dinas Kominfo"),
        .init(shortName: "Bappeda", name: "Badan Perencanaan Pembangunan Daerah", kind: .board, head: "Kepala Bappeda"),
        .init(shortName: "Dinkes", name: "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", kind: .office, head: "Kepala Dinas Kesehatan"),
        .init(shortName: "RSUD", name: "RSUD dr. Mohamad Saleh", kind: .hospital, head: "Direktur RSUD"),
        .init(shortName: "Dispar", name: "Dinas Kebudayaan dan Pariwisata", kind: .office, head: "Kepala Dinas Pariwisata"),
        .init(shortName: "DLH", name: "Dinas Lingkungan Hidup", kind: .office, head: "Kepala DLH"),
        .init(shortName: "Dishub", name: "Dinas Perhubungan", kind: .office, head: "Kepala Dinas Perhubungan"),
        .init(shortName: "DPMPTSP", name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", kind: .office, head: "Kepala DPMPTSP"),
        .init(shortName: "Dispendik", name: "Dinas Pendidikan", kind: .office, head: "Kepala Dinas Pendidikan"),
        .init(shortName: "Setda", name: "Sekretariat Daerah", kind: .secretariat, head: "Sekretaris Daerah"),
    ]

    struct DemoUser {
        let email: String
        let name: String
        let role: Role
        let agencyShortName: String?
    }

    static let users: [DemoUser] = [
        .init(email: "nasional@pilar.test", name: "Admin Nasional", role: .nationalAdmin, agencyShortName: nil),
        .init(email: "diskominfo@probolinggo.pilar.test", name: "Admin Diskominfo", role: .regionAdmin, agencyShortName: nil),
        .init(email: "bappeda@probolinggo.pilar.test", name: "Perencana Bappeda", role: .planner, agencyShortName: nil),
        .init(email: "dinkes@probolinggo.pilar.test", name: "Operator Dinkes", role: .agencyOperator, agencyShortName: "Dinkes"),
        .init(email: "dewan@probolinggo.pilar.test", name: "Anggota Dewan Smart City", role: .council, agencyShortName: nil),
        .init(email: "asesor@pilar.test", name: "Asesor Nasional", role: .assessor, agencyShortName: nil),
        .init(email: "tamu@probolinggo.pilar.test", name: "Tamu", role: .viewer, agencyShortName: nil),
    ]

    struct Report {
        var agenciesCreated = 0
        var usersCreated: [String] = []
        var usersExisting: [String] = []
        var programmesCreated = 0

        func summary(password: String, generated: Bool) -> String {
            var lines = ["Demo data for Kota Probolinggo (35.74): \(agenciesCreated) agencies, \(usersCreated.count) accounts and \(programmesCreated) programmes added."]
            lines.append("Demo accounts (sign in at http://127.0.0.1:8080/login):")
            for user in DemoData.users {
                let state = usersCreated.contains(user.email) ? "" : "  (already existed: password unchanged)"
                lines.append("  \(user.role.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(user.email)\(state)")
            }
            if !usersCreated.isEmpty {
                lines.append((generated ? "Generated password" : "Password") + " for the new accounts: \(password)")
            }
            return lines.joined(separator: "\n")
        }
    }

    static func generatedPassword() -> String {
        "demo-" + TokenDigest.random(bytes: 9)
    }

    static func seed(on app: Application, password: String) async throws -> Report {
        var report = Report()
        let db = app.db
        let regions = RegionRepository(db: db)
        guard let region = try await regions.find(regionCode) else { throw PilarError.notFound("region \(regionCode)") }
        if region.framework == nil {
            try await regions.setFramework(regionCode, framework: FrameworkDefinition.kominfo2021.code)
        }
        let agencyRepository = AgencyRepository(db: db)
        let existing = Set(try await agencyRepository.list(region: regionCode, includeInactive: true).map(\.shortName))
        for agency in agencies where !existing.contains(agency.shortName) {
            let values = AgencyValues(name: agency.name, shortName: agency.shortName, kind: agency.kind.rawValue,
                                      headName: agency.head, email: "\(agency.shortName.lowercased())@probolinggokota.go.id",
                                      phone: nil, address: nil)
            _ = try await agencyRepository.create(region: regionCode, values: values, actor: nil)
            report.agenciesCreated += 1
        }
        let byShortName = Dictionary(uniqueKeysWithValues: try await agencyRepository.list(region: regionCode, includeInactive: true).map { ($0.shortName, $0.id) })
        let service = UserService(db: db, app: app)
        for user in users {
            if try await UserModel.query(on: db).filter(\.$email == user.email).count() > 0 {
                report.usersExisting.append(user.email)
                continue
            }
            _ = try await service.create(
                .init(email: user.email, name: user.name, role: user.role.rawValue,
                      regionCode: user.role == .nationalAdmin ? nil : regionCode,
                      agencyID: user.agencyShortName.flatMap { byShortName[$0] }, password: password),
                actor: nil)
            report.usersCreated.append(user.email)
        }
        report.programmesCreated = try await DemoPlanning.seed(on: app, region: regionCode, actorLabel: "system (seed demo)")
        try await DemoEvaluation.seed(on: app, region: regionCode)
        try await DemoCitizens.seed(on: app, region: regionCode)
        try await DemoSurveys.seed(on: app, region: regionCode)
        return report
    }
}
