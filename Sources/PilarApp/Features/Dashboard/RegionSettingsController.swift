import Fluent
import PilarCore
import Vapor

/// A region's rules for turning achievement into a status: thresholds, grace days before a period
/// counts as overdue, and the lower-is-better formula. Defaults apply until an admin saves.
struct RegionSettingsController: RouteCollection {
    struct Page: Encodable {
        let regionCode: String
        let regionName: String
        let onTrackFrom: String
        let atRiskFrom: String
        let graceDays: String
        let formulas: [Choice]
        let errorKey: String?
    }

    struct Form: Content {
        let onTrackFrom: String?
        let atRiskFrom: String?
        let graceDays: String?
        let lowerFormula: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.nationalAdmin, .regionAdmin).get("regions", ":code", "settings", use: show)
        routes.access(.nationalAdmin, .regionAdmin).post("regions", ":code", "settings", use: save)
    }

    @Sendable func show(req: Request) async throws -> View {
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let settings = try await RegionSettings.load(region.code, on: req.db)
        return try await req.render("dashboard/settings", titleKey: "settings.title", titleSuffix: region.name,
                                    page(req, region, onTrack: req.number(settings.thresholds.onTrackFrom),
                                         atRisk: req.number(settings.thresholds.atRiskFrom),
                                         grace: String(settings.thresholds.graceDays), formula: settings.formula.rawValue, error: nil))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let form = try req.content.decode(Form.self)
        let onTrack = NumberInput.parse(form.onTrackFrom ?? ""), atRisk = NumberInput.parse(form.atRiskFrom ?? "")
        let grace = Int((form.graceDays ?? "").trimmingCharacters(in: .whitespaces))
        let formula = LowerIsBetterFormula(rawValue: form.lowerFormula ?? "")
        guard let onTrack, let atRisk, let grace, let formula,
              let thresholds = try? StatusThresholds(onTrackFrom: onTrack, atRiskFrom: atRisk, graceDays: grace), grace <= 365 else {
            let view = try await req.render("dashboard/settings", titleKey: "settings.title", titleSuffix: region.name,
                                            page(req, region, onTrack: form.onTrackFrom ?? "", atRisk: form.atRiskFrom ?? "",
                                                 grace: form.graceDays ?? "", formula: form.lowerFormula ?? "", error: "settings.invalid"))
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
        let before = try await RegionSettings.load(region.code, on: req.db)
        let model = try await RegionSettingsModel.find(region.code, on: req.db) ?? RegionSettingsModel()
        model.id = region.code
        model.onTrackFrom = thresholds.onTrackFrom
        model.atRiskFrom = thresholds.atRiskFrom
        model.graceDays = thresholds.graceDays
        model.lowerFormula = formula.rawValue
        try await req.db.transaction { db in
            try await model.save(on: db)
            try await AuditLog.record(.update, entity: "region_settings", id: region.code, region: region.code,
                                      before: Self.snapshot(before.thresholds, before.formula), after: Self.snapshot(thresholds, formula),
                                      actor: user, on: db)
        }
        return req.redirect(to: "/regions/\(region.code)/settings", flash: "settings.saved")
    }

    private static func snapshot(_ t: StatusThresholds, _ f: LowerIsBetterFormula) -> [String: String] {
        ["onTrackFrom": String(t.onTrackFrom), "atRiskFrom": String(t.atRiskFrom), "graceDays": String(t.graceDays), "lowerFormula": f.rawValue]
    }

    private func page(_ req: Request, _ region: RegionRepository.Summary, onTrack: String, atRisk: String, grace: String,
                      formula: String, error: String?) -> Page {
        Page(regionCode: region.code, regionName: region.name, onTrackFrom: onTrack, atRiskFrom: atRisk, graceDays: grace,
             formulas: LowerIsBetterFormula.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("formula." + $0.rawValue), selected: $0.rawValue == formula) },
             errorKey: error)
    }
}
