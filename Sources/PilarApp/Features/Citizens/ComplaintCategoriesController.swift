import Fluent
import PilarCore
import Vapor

/// The region admin's set-up of citizen channels: report categories (Open311 services) mapped to the
/// agency that answers and optionally a programme, with a response target; and the reopen window and
/// retention period for reporters' identities.
struct ComplaintCategoriesController: RouteCollection {
    struct Page: Encodable {
        struct Row: Encodable {
            let serviceCode: String
            let name: String
            let agency: String
            let programme: String
            let targetDays: Int
            let publicLink: String
        }
        let regionCode: String
        let regionName: String
        let rows: [Row]
        let agencies: [Choice]
        let programmes: [Choice]
        let values: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let reopenDays: String
        let retentionDays: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let admins = routes.access(.regionAdmin)
        admins.get("regions", ":code", "complaint-categories", use: show)
        admins.post("regions", ":code", "complaint-categories", use: create)
        admins.post("regions", ":code", "citizen-settings", use: saveSettings)
    }

    private func page(_ req: Request, _ region: RegionRepository.Summary, values: [String: String], errors: [String: String],
                      settings: (String, String)? = nil) async throws -> Page {
        let categories = try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$serviceCode).all()
        let agencies = try await AgencyModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true).sort(\.$shortName).all()
        let programmes = try await ProgrammeModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$title).all()
        let agencyNames = agencies.reduce(into: [Int: String]()) { $0[$1.id ?? 0] = $1.shortName }
        let programmeNames = programmes.reduce(into: [Int: String]()) { $0[$1.id ?? 0] = $1.title }
        let stored = try await CitizenSettingsModel.load(region.code, on: req.db)
        return Page(regionCode: region.code, regionName: region.name,
                    rows: categories.map { .init(serviceCode: $0.serviceCode, name: $0.name, agency: agencyNames[$0.agencyID] ?? "",
                                                 programme: $0.programmeID.flatMap { programmeNames[$0] } ?? "–", targetDays: $0.targetDays,
                                                 publicLink: "/public/regions/\(region.code)/services/\($0.serviceCode)") },
                    agencies: agencies.map { Choice(value: String($0.id ?? 0), label: $0.shortName, selected: values["agencyID"] == String($0.id ?? 0)) },
                    programmes: programmes.map { Choice(value: String($0.id ?? 0), label: $0.title, selected: values["programmeID"] == String($0.id ?? 0)) },
                    values: values, errors: errors, hasErrors: !errors.isEmpty,
                    reopenDays: settings?.0 ?? String(stored.reopenDays), retentionDays: settings?.1 ?? String(stored.retentionDays))
    }

    @Sendable func show(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        return try await req.render("citizens/categories", titleKey: "categories.title", titleSuffix: region.name,
                                    try await page(req, region, values: ["targetDays": "5"], errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let text = { (key: String) in Validate.trimmed((try? req.content.get(String.self, at: key)) ?? "") }
        let values = ["serviceCode": text("serviceCode"), "name": text("name"), "description": text("description"),
                      "agencyID": text("agencyID"), "programmeID": text("programmeID"), "targetDays": text("targetDays")]
        var problems: [FieldProblem] = []
        let code = values["serviceCode"]!.lowercased()
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(.init(field: "serviceCode", key: "error.method_code"))
        } else if try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$serviceCode == code).count() > 0 {
            problems.append(.init(field: "serviceCode", key: "error.category_exists"))
        }
        Validate.required(values["name"], field: "name", max: 120, into: &problems)
        Validate.optional(values["description"], field: "description", max: 1000, into: &problems)
        let agency = Int(values["agencyID"]!)
        let agencyKnown = try await agency.asyncMap { try await AgencyModel.query(on: req.db).filter(\.$id == $0).filter(\.$regionCode == region.code).count() > 0 } ?? false
        if !agencyKnown {
            problems.append(.init(field: "agencyID", key: "error.complaint_agency"))
        }
        let programme = Int(values["programmeID"]!)
        if let programme, try await ProgrammeModel.query(on: req.db).filter(\.$id == programme).filter(\.$regionCode == region.code).count() == 0 {
            problems.append(.init(field: "programmeID", key: "error.evidence_region"))
        }
        let days = Int(values["targetDays"]!).flatMap { (1...365).contains($0) ? $0 : nil }
        if days == nil { problems.append(.init(field: "targetDays", key: "error.target_days")) }
        guard problems.isEmpty, let agency, let days else {
            let error = PilarError.invalid(problems)
            return try await formError(req, error, template: "citizens/categories", titleKey: "categories.title",
                                       page: try await page(req, region, values: values, errors: error.fields.byField))
        }
        let category = ComplaintCategoryModel()
        category.regionCode = region.code
        category.serviceCode = code
        category.name = values["name"]!
        category.description = values["description"]!
        category.agencyID = agency
        category.programmeID = programme
        category.targetDays = days
        category.active = true
        try await req.db.transaction { db in
            try await category.create(on: db)
            try await AuditLog.record(.create, entity: "complaint_category", id: String(try category.requireID()), region: region.code,
                                      before: [String: String]?.none, after: values, actor: user, on: db)
        }
        return req.redirect(to: "/regions/\(region.code)/complaint-categories", flash: "categories.saved")
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let reopenText = Validate.trimmed((try? req.content.get(String.self, at: "reopenDays")) ?? "")
        let retentionText = Validate.trimmed((try? req.content.get(String.self, at: "retentionDays")) ?? "")
        let reopen = Int(reopenText).flatMap { (0...90).contains($0) ? $0 : nil }
        // At least 30 days, so a report can be followed up; at most ten years.
        let retention = Int(retentionText).flatMap { (30...3650).contains($0) ? $0 : nil }
        guard let reopen, let retention else {
            var problems: [FieldProblem] = []
            if reopen == nil { problems.append(.init(field: "reopenDays", key: "error.reopen_days")) }
            if retention == nil { problems.append(.init(field: "retentionDays", key: "error.retention_days")) }
            let error = PilarError.invalid(problems)
            return try await formError(req, error, template: "citizens/categories", titleKey: "categories.title",
                                       page: try await page(req, region, values: ["targetDays": "5"], errors: error.fields.byField,
                                                            settings: (reopenText, retentionText)))
        }
        let before = try await CitizenSettingsModel.load(region.code, on: req.db)
        let model = try await CitizenSettingsModel.find(region.code, on: req.db) ?? CitizenSettingsModel()
        model.id = region.code
        model.reopenDays = reopen
        model.retentionDays = retention
        try await req.db.transaction { db in
            try await model.save(on: db)
            try await AuditLog.record(.update, entity: "citizen_settings", id: region.code, region: region.code,
                                      before: ["reopenDays": String(before.reopenDays), "retentionDays": String(before.retentionDays)],
                                      after: ["reopenDays": String(reopen), "retentionDays": String(retention)], actor: user, on: db)
        }
        return req.redirect(to: "/regions/\(region.code)/complaint-categories", flash: "categories.settings_saved")
    }
}
