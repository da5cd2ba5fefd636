import Fluent
import PilarCore
import Vapor

/// Region pages: the national list and each region's home.
struct RegionsController: RouteCollection {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let code: String
            let name: String
            let kindKey: String
            let population: String
            let inProgramme: Bool
        }
        let rows: [Row]
        let kind: String
        let province: String
        let q: String
        let provinces: [Choice]
        let total: Int
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct HomePage: Encodable {
        struct Dimension: Encodable {
            let code: String
            let name: String
            let elements: [String]
        }
        let code: String
        let name: String
        let kindKey: String
        let population: String
        let area: String
        let framework: String?
        let frameworks: [Choice]
        let canChooseFramework: Bool
        let activeAgencies: Int
        let users: Int
        let dimensions: [Dimension]
        let recent: [AuditRow]
        let showAudit: Bool
    }

    struct FrameworkForm: Content { let framework: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.nationalAdmin, .assessor).get("regions", use: list)
        routes.access(.signedIn).get("regions", ":code", use: home)
        routes.access(.nationalAdmin, .regionAdmin).post("regions", ":code", "framework", use: chooseFramework)
    }

    @Sendable func list(req: Request) async throws -> View {
        let user = try req.user
        var filter = RegionRepository.Filter()
        let kind = (try? req.query.get(String.self, at: "kind")) ?? ""
        let province = (try? req.query.get(String.self, at: "province")) ?? ""
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        filter.kind = RegionKind(rawValue: kind)
        filter.province = RegionCode(province).map(\.value)
        filter.search = q
        if user.role == .assessor { filter.codes = user.assessorRegions }
        let repository = RegionRepository(db: req.db)
        let regions = try await repository.list(filter)
        let provinces = try await repository.list(.init(kind: .province)).map {
            Choice(value: $0.code, label: $0.name, selected: $0.code == province)
        }
        let rows = regions.filter { $0.kind != RegionKind.province.rawValue || filter.kind == .province }.map {
            ListPage.Row(code: $0.code, name: $0.name, kindKey: "region.kind." + $0.kind,
                         population: Format.integer($0.population), inProgramme: $0.framework != nil)
        }
        return try await req.render("regions/list", titleKey: "regions.title",
                                    ListPage(rows: rows, kind: kind, province: province, q: q, provinces: provinces, total: rows.count))
    }

    @Sendable func home(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let frameworkRepository = FrameworkRepository(db: req.db)
        let english = req.language == .en
        let framework = try await frameworkRepository.adopted(by: region)
        let dimensions = framework?.dimensions.map { dimension in
            HomePage.Dimension(code: dimension.code, name: english ? dimension.name.en : dimension.name.id,
                               elements: dimension.elements.map { "\($0.code) \(english ? $0.name.en : $0.name.id)" })
        } ?? []
        let canChoose = user.role == .nationalAdmin || user.role == .regionAdmin
        let frameworks = try await frameworkRepository.versions().map {
            Choice(value: $0, label: $0, selected: $0 == region.framework)
        }
        let agencies = try await AgencyModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true).count()
        let users = try await UserModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true).count()
        let showAudit = canChoose
        let recent = showAudit ? try await AuditRepository(db: req.db).recent(region: region.code, entity: nil, beforeID: nil, limit: 8, includeLogins: false) : []
        return try await req.render("regions/home", titleKey: "region.title", titleSuffix: region.name,
                                    HomePage(code: region.code, name: region.name, kindKey: "region.kind." + region.kind,
                                             population: Format.integer(region.population),
                                             area: region.areaKm2.map { Format.decimal($0) + " km²" } ?? "–",
                                             framework: region.framework, frameworks: frameworks, canChooseFramework: canChoose,
                                             activeAgencies: agencies, users: users, dimensions: dimensions,
                                             recent: recent.map(AuditRow.init), showAudit: showAudit))
    }

    @Sendable func chooseFramework(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let chosen = try req.content.decode(FrameworkForm.self).framework ?? ""
        guard try await FrameworkVersionModel.find(chosen, on: req.db) != nil else {
            throw PilarError.invalid([FieldProblem(field: "framework", key: "error.framework_unknown")])
        }
        guard chosen != region.framework else { return req.redirect(to: "/regions/\(region.code)") }
        try await req.db.transaction { db in
            try await RegionRepository(db: db).setFramework(region.code, framework: chosen)
            try await AuditLog.record(.update, entity: "region", id: region.code, region: region.code,
                                      before: ["framework": region.framework ?? ""], after: ["framework": chosen], actor: user, on: db)
        }
        return req.redirect(to: "/regions/\(region.code)", flash: "region.framework_saved")
    }
}

/// Numbers as Indonesian readers expect them: dots group thousands.
enum Format {
    static func integer(_ value: Int?) -> String {
        guard let value else { return "–" }
        let digits = String(value)
        var out = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { out.append(".") }
            out.append(character)
        }
        return String(out.reversed())
    }

    static func decimal(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        let whole = cents / 100, fraction = cents % 100
        return integer(whole) + "," + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
