import Fluent
import PilarCore
import Vapor

/// Action plans under a programme and indicators under an action plan: forms and the indicator's page.
struct PlanEditorController: RouteCollection {
    struct ActionPlanFormPage: Encodable {
        let action: String
        let programmeID: Int
        let programmeTitle: String
        let values: ActionPlanInput
        let agencies: [Choice]
        let errors: [String: String]
    }

    struct IndicatorFormPage: Encodable {
        let action: String
        let cancelHref: String
        let planObjective: String
        let values: IndicatorInput
        let levels: [Choice]
        let directions: [Choice]
        let frequencies: [Choice]
        let errors: [String: String]
        let isNew: Bool
    }

    struct IndicatorPage: Encodable {
        struct Line: Encodable {
            let period: String
            let target: String
            let value: String
            let achievement: String
            let state: String
            let stateKey: String
        }
        let indicator: IndicatorRepository.IndicatorSnapshot
        let programmeID: Int
        let levelKey: String
        let directionKey: String
        let frequencyKey: String
        let status: String
        let statusKey: String
        let lines: [Line]
        let canEdit: Bool
        let canReport: Bool
        let reportingAgencyID: Int
    }

    static let editors = Set(ProgrammesController.editors)

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.roles(Self.editors)).get("programmes", ":id", "action-plans", "new", use: newPlan)
        routes.access(.roles(Self.editors)).post("programmes", ":id", "action-plans", use: createPlan)
        routes.access(.roles(Self.editors)).get("action-plans", ":id", "indicators", "new", use: newIndicator)
        routes.access(.roles(Self.editors)).post("action-plans", ":id", "indicators", use: createIndicator)
        routes.access(.signedIn).get("indicators", ":id", use: showIndicator)
        routes.access(.roles(Self.editors)).get("indicators", ":id", "edit", use: editIndicator)
        routes.access(.roles(Self.editors)).post("indicators", ":id", "edit", use: updateIndicator)
    }

    @Sendable func newPlan(req: Request) async throws -> View {
        let programme = try await req.visibleProgramme()
        try Scope.requireProgrammeEditor(region: programme.regionCode, leadAgencyID: programme.leadAgencyID, for: try req.user)
        let values = ActionPlanInput(agencyID: programme.leadAgencyID)
        return try await req.render("indicators/plan-form", titleKey: "actionplans.new", titleSuffix: programme.title,
                                    try await planPage(req, programme, values: values, errors: []))
    }

    @Sendable func createPlan(req: Request) async throws -> Response {
        let programme = try await req.visibleProgramme()
        let user = try req.user
        try Scope.requireProgrammeEditor(region: programme.regionCode, leadAgencyID: programme.leadAgencyID, for: user)
        let input = try req.content.decode(ActionPlanInput.self)
        do {
            let agencies = try await AgencyRepository(db: req.db).list(region: programme.regionCode, includeInactive: false)
            let values = try input.validated(activeAgencies: Set(agencies.map(\.id)))
            let plan = try await IndicatorRepository(db: req.db).createActionPlan(programme: programme, values: values, actor: user)
            return req.redirect(to: "/action-plans/\(plan.id)/indicators/new", flash: "actionplans.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "indicators/plan-form", titleKey: "actionplans.new",
                                       page: try await planPage(req, programme, values: input, errors: error.fields))
        }
    }

    @Sendable func newIndicator(req: Request) async throws -> View {
        let (plan, owner) = try await editablePlan(req)
        return try await req.render("indicators/indicator-form", titleKey: "indicators.new", titleSuffix: plan.objective,
                                    indicatorPage(req, action: "/action-plans/\(plan.id!)/indicators", cancel: "/programmes/\(owner.programmeID)",
                                                  objective: plan.objective, values: IndicatorInput(level: "output", direction: "higher", frequency: "semester"),
                                                  errors: [], isNew: true))
    }

    @Sendable func createIndicator(req: Request) async throws -> Response {
        let (plan, owner) = try await editablePlan(req)
        let input = try req.content.decode(IndicatorInput.self)
        do {
            let indicator = try await IndicatorRepository(db: req.db)
                .createIndicator(actionPlanID: plan.id!, region: owner.regionCode, values: try input.validated(), actor: try req.user)
            return req.redirect(to: "/indicators/\(indicator.id)", flash: "indicators.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "indicators/indicator-form", titleKey: "indicators.new",
                                       page: indicatorPage(req, action: "/action-plans/\(plan.id!)/indicators", cancel: "/programmes/\(owner.programmeID)",
                                                           objective: plan.objective, values: input, errors: error.fields, isNew: true))
        }
    }

    @Sendable func showIndicator(req: Request) async throws -> View {
        let (indicator, owner) = try await visibleIndicator(req)
        let user = try req.user
        let values = try await ValueRepository(db: req.db).values(ofIndicator: indicator.id)
        let direction = Direction(rawValue: indicator.direction) ?? .higherIsBetter
        let settings = try await RegionSettings.load(owner.regionCode, on: req.db)
        var periods = Set(indicator.targets.keys)
        values.forEach { periods.insert($0.period) }
        let sorted = periods.compactMap(Period.init).sorted()
        let lines = sorted.map { period -> IndicatorPage.Line in
            let target = indicator.targets[period.code]
            let value = values.first { $0.period == period.code }
            let percent = target.flatMap { t in value.flatMap { Achievement.percent(target: t, realisation: $0.value, direction: direction, lowerFormula: settings.formula) } }
            return .init(period: period.code, target: target.map(req.number) ?? "–",
                         value: value.map { req.number($0.value) } ?? "–",
                         achievement: percent.map { String(format: "%.1f %%", $0) } ?? "–",
                         state: value?.state ?? "empty", stateKey: "state." + (value?.state ?? "empty"))
        }
        let assessment = IndicatorAssessment(
            targets: Dictionary(uniqueKeysWithValues: indicator.targets.compactMap { key, value in Period(key).map { ($0, value) } }),
            // Drafts are still on the agency's desk; the status counts what has been reported, as the dashboard does.
            realisations: Dictionary(uniqueKeysWithValues: values.filter { $0.state != VerificationState.draft.rawValue }
                .compactMap { v in Period(v.period).map { ($0, v.value) } }),
            direction: direction, lowerFormula: settings.formula, today: Date(), thresholds: settings.thresholds)
        return try await req.render("indicators/show", titleKey: "indicators.detail", titleSuffix: indicator.name, IndicatorPage(
            indicator: indicator, programmeID: owner.programmeID, levelKey: "level." + indicator.level,
            directionKey: "direction." + indicator.direction, frequencyKey: "frequency." + indicator.frequency,
            status: assessment.status.rawValue, statusKey: "status." + assessment.status.rawValue, lines: lines,
            canEdit: (try? Scope.requirePlanEditor(owner, for: user)) != nil,
            canReport: (try? Scope.requireReporter(owner, for: user)) != nil, reportingAgencyID: owner.reportingAgencyID))
    }

    @Sendable func editIndicator(req: Request) async throws -> View {
        let (indicator, owner) = try await visibleIndicator(req)
        try Scope.requirePlanEditor(owner, for: try req.user)
        let values = IndicatorInput(level: indicator.level, name: indicator.name, unit: indicator.unit, direction: indicator.direction,
                                    baselineValue: indicator.baselineValue.map(req.number), baselinePeriod: indicator.baselinePeriod,
                                    frequency: indicator.frequency, dataSource: indicator.dataSource,
                                    targetText: indicator.targets.compactMap { k, v in Period(k).map { ($0, v) } }.sorted { $0.0 < $1.0 }
                                        .map { "\($0.0.code) \(req.number($0.1))" }.joined(separator: "\n"))
        return try await req.render("indicators/indicator-form", titleKey: "indicators.edit", titleSuffix: indicator.name,
                                    indicatorPage(req, action: "/indicators/\(indicator.id)/edit", cancel: "/indicators/\(indicator.id)",
                                                  objective: "", values: values, errors: [], isNew: false))
    }

    @Sendable func updateIndicator(req: Request) async throws -> Response {
        let (indicator, owner) = try await visibleIndicator(req)
        let user = try req.user
        try Scope.requirePlanEditor(owner, for: user)
        let input = try req.content.decode(IndicatorInput.self)
        do {
            _ = try await IndicatorRepository(db: req.db).updateIndicator(indicator.id, region: owner.regionCode, values: try input.validated(), actor: user)
            return req.redirect(to: "/indicators/\(indicator.id)", flash: "indicators.saved")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "indicators/indicator-form", titleKey: "indicators.edit",
                                       page: indicatorPage(req, action: "/indicators/\(indicator.id)/edit", cancel: "/indicators/\(indicator.id)",
                                                           objective: "", values: input, errors: error.fields, isNew: false))
        }
    }

    private func editablePlan(_ req: Request) async throws -> (ActionPlanModel, IndicatorRepository.Owner) {
        guard let id = req.parameters.get("id", as: Int.self), let plan = try await ActionPlanModel.find(id, on: req.db),
              let owner = try await IndicatorRepository(db: req.db).owner(ofActionPlan: id) else { throw PilarError.notFound("action plan") }
        try Scope.requirePlanEditor(owner, for: try req.user)
        return (plan, owner)
    }

    private func visibleIndicator(_ req: Request) async throws -> (IndicatorRepository.IndicatorSnapshot, IndicatorRepository.Owner) {
        guard let id = req.parameters.get("id", as: Int.self), let indicator = try await IndicatorRepository(db: req.db).find(id),
              let owner = try await IndicatorRepository(db: req.db).owner(ofIndicator: id) else { throw PilarError.notFound("indicator") }
        try Scope.requireRegion(owner.regionCode, for: try req.user)
        return (indicator, owner)
    }

    private func planPage(_ req: Request, _ programme: ProgrammeRepository.Snapshot, values: ActionPlanInput, errors: [FieldProblem]) async throws -> ActionPlanFormPage {
        let agencies = try await AgencyRepository(db: req.db).list(region: programme.regionCode, includeInactive: false)
        return ActionPlanFormPage(action: "/programmes/\(programme.id)/action-plans", programmeID: programme.id, programmeTitle: programme.title,
                                  values: values,
                                  agencies: agencies.map { Choice(value: String($0.id), label: "\($0.shortName) – \($0.name)", selected: $0.id == values.agencyID) },
                                  errors: errors.byField)
    }

    private func indicatorPage(_ req: Request, action: String, cancel: String, objective: String, values: IndicatorInput,
                               errors: [FieldProblem], isNew: Bool) -> IndicatorFormPage {
        let catalog = req.catalog
        return IndicatorFormPage(
            action: action, cancelHref: cancel, planObjective: objective, values: values,
            levels: IndicatorLevel.allCases.map { Choice(value: $0.rawValue, label: catalog.text("level." + $0.rawValue), selected: $0.rawValue == values.level) },
            directions: Direction.allCases.map { Choice(value: $0.rawValue, label: catalog.text("direction." + $0.rawValue), selected: $0.rawValue == values.direction) },
            frequencies: Period.Frequency.allCases.map { Choice(value: $0.rawValue, label: catalog.text("frequency." + $0.rawValue), selected: $0.rawValue == values.frequency) },
            errors: errors.byField, isNew: isNew)
    }
}

/// A region's status settings, with the defaults when it has not set its own.
struct RegionSettings {
    let thresholds: StatusThresholds
    let formula: LowerIsBetterFormula

    static func load(_ region: String, on db: any Database) async throws -> RegionSettings {
        guard let row = try await RegionSettingsModel.find(region, on: db),
              let thresholds = try? StatusThresholds(onTrackFrom: row.onTrackFrom, atRiskFrom: row.atRiskFrom, graceDays: row.graceDays) else {
            return RegionSettings(thresholds: StatusThresholds(), formula: .default)
        }
        return RegionSettings(thresholds: thresholds, formula: LowerIsBetterFormula(rawValue: row.lowerFormula) ?? .default)
    }
}
