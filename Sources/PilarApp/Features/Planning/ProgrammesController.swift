import Fluent
import PilarCore
import Vapor

/// Programme pages: the region's roadmap list, the roadmap form, and a programme's page.
struct ProgrammesController: RouteCollection {
    static let editors: [Role] = [.nationalAdmin, .regionAdmin, .planner, .agencyOperator]

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "programmes", use: list)
        routes.access(.roles(Set(Self.editors))).get("regions", ":code", "programmes", "new", use: newForm)
        routes.access(.roles(Set(Self.editors))).post("regions", ":code", "programmes", use: create)
        routes.access(.signedIn).get("programmes", ":id", use: show)
        routes.access(.roles(Set(Self.editors))).get("programmes", ":id", "edit", use: editForm)
        routes.access(.roles(Set(Self.editors))).post("programmes", ":id", "edit", use: update)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        var filter = ProgrammeRepository.Filter()
        filter.dimension = (try? req.query.get(String.self, at: "dimension")).flatMap(\.nilIfEmpty)
        filter.status = (try? req.query.get(String.self, at: "status")).flatMap(\.nilIfEmpty)
        filter.horizon = (try? req.query.get(String.self, at: "horizon")).flatMap(\.nilIfEmpty)
        filter.agencyID = try? req.query.get(Int.self, at: "agency")
        filter.sort = (try? req.query.get(String.self, at: "sort")).flatMap(ProgrammeRepository.Sort.init(rawValue:)) ?? .dimension
        filter.descending = (try? req.query.get(String.self, at: "dir")) == "desc"
        let rows = try await ProgrammeRepository(db: req.db).list(region: region.code, filter: filter)
        let dimensions = try await Self.dimensionChoices(region, req: req, selected: filter.dimension)
        let names = Dictionary(uniqueKeysWithValues: dimensions.map { ($0.value, $0.label) })
        let catalog = req.catalog
        if let format = Export.requested(req) {
            return try Export.response(
                format: format, filename: "program-\(region.code)", sheet: "program",
                header: ["id", catalog.text("programme.title"), catalog.text("programme.dimension"), catalog.text("programme.lead_agency"),
                         catalog.text("programme.horizon"), catalog.text("programme.start_year"), catalog.text("programme.end_year"),
                         catalog.text("programme.status")],
                rows: rows.map { [.number(Double($0.id)), .text($0.title), .text($0.dimensionCode), .text($0.leadAgency),
                                  .text(catalog.text("horizon." + $0.horizon)), .number(Double($0.startYear)), .number(Double($0.endYear)),
                                  .text(catalog.text("programme.status." + $0.status))] })
        }
        return try await req.render("programmes/list", titleKey: "programmes.title", titleSuffix: region.name, ProgrammeListPage(
            regionCode: region.code, regionName: region.name,
            rows: rows.map {
                .init(id: $0.id, title: $0.title, dimension: names[$0.dimensionCode] ?? $0.dimensionCode,
                      horizonKey: "horizon." + $0.horizon, statusKey: "programme.status." + $0.status, status: $0.status,
                      years: $0.startYear == $0.endYear ? "\($0.startYear)" : "\($0.startYear)–\($0.endYear)", leadAgency: $0.leadAgency)
            },
            canCreate: Self.editors.contains(user.role),
            dimensions: dimensions,
            statuses: ProgrammeStatus.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("programme.status." + $0.rawValue), selected: $0.rawValue == filter.status) },
            horizons: Horizon.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("horizon." + $0.rawValue), selected: $0.rawValue == filter.horizon) },
            exportQuery: req.url.query ?? "",
            sortLinks: Self.sortLinks(req, current: filter.sort, descending: filter.descending))).encodeResponse(for: req)
    }

    @Sendable func newForm(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireProgrammeEditor(region: region.code, leadAgencyID: user.agencyID, for: user)
        let values = ProgrammeInput(leadAgencyID: user.agencyID, horizon: Horizon.short.rawValue,
                                    startYear: Calendar.current.component(.year, from: Date()),
                                    endYear: Calendar.current.component(.year, from: Date()), status: ProgrammeStatus.planned.rawValue)
        return try await req.render("programmes/form", titleKey: "programmes.new", titleSuffix: region.name,
                                    try await formPage(req, region: region, action: "/regions/\(region.code)/programmes",
                                                       cancel: "/regions/\(region.code)/programmes", isNew: true, values: values))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        var input = try req.content.decode(ProgrammeInput.self)
        // An operator's programme is led by their own agency unless they say otherwise.
        if user.role == .agencyOperator, input.leadAgencyID == nil { input.leadAgencyID = user.agencyID }
        try Scope.requireProgrammeEditor(region: region.code, leadAgencyID: input.leadAgencyID, for: user)
        do {
            let values = try input.validated(in: try await ProgrammeRepository.context(region: region, on: req.db))
            let masterplan = try await MasterplanModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$startYear, .descending).first()
            let programme = try await ProgrammeRepository(db: req.db).create(region: region.code, masterplanID: masterplan?.id, values: values, actor: user)
            return req.redirect(to: "/programmes/\(programme.id)", flash: "programmes.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "programmes/form", titleKey: "programmes.new",
                                       page: try await formPage(req, region: region, action: "/regions/\(region.code)/programmes",
                                                                cancel: "/regions/\(region.code)/programmes", isNew: true, values: input, errors: error.fields))
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let programme = try await req.visibleProgramme()
        let user = try req.user
        guard let region = try await RegionRepository(db: req.db).find(programme.regionCode) else { throw PilarError.notFound }
        let agencies = Dictionary(uniqueKeysWithValues: try await AgencyRepository(db: req.db)
            .list(region: region.code, includeInactive: true).map { ($0.id, $0) })
        let english = req.language == .en
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let dimension = framework?.dimensions.first { $0.code == programme.dimensionCode }
        let elementNames = Dictionary(uniqueKeysWithValues: (dimension?.elements ?? []).map { ($0.code, english ? $0.name.en : $0.name.id) })
        let plans = try await ActionPlanModel.query(on: req.db).filter(\.$programmeID == programme.id).sort(\.$id).all()
        var planLines: [ProgrammeDetailPage.Plan] = []
        for plan in plans {
            let indicators = try await IndicatorModel.query(on: req.db).filter(\.$actionPlanID == plan.id!).sort(\.$id).all()
            planLines.append(.init(id: plan.id!, objective: plan.objective, agency: agencies[plan.agencyID]?.shortName ?? "",
                                   timeline: "\(plan.startPeriod) – \(plan.endPeriod)",
                                   indicators: indicators.map { .init(id: $0.id!, name: $0.name, levelKey: "level." + $0.level, unit: $0.unit) }))
        }
        let history = try await AuditRepository(db: req.db).history(entity: "programme", id: String(programme.id))
        let canEdit = (try? Scope.requireProgrammeEditor(region: region.code, leadAgencyID: programme.leadAgencyID, for: user)) != nil
        return try await req.render("programmes/show", titleKey: "programmes.detail", titleSuffix: programme.title, ProgrammeDetailPage(
            programme: programme, horizonKey: "horizon." + programme.horizon, statusKey: "programme.status." + programme.status,
            dimension: dimension.map { "\($0.code) · \(english ? $0.name.en : $0.name.id)" } ?? programme.dimensionCode,
            elements: programme.elementCodes.map { "\($0) \(elementNames[$0] ?? "")" },
            leadAgency: agencies[programme.leadAgencyID]?.name ?? "",
            coAgencies: programme.coAgencyIDs.compactMap { agencies[$0]?.shortName },
            budgets: programme.budgets.map { .init(year: $0.year, source: $0.source.rawValue, amount: "Rp " + Format.integer(Int($0.amount))) },
            budgetTotal: "Rp " + Format.integer(Int(programme.budgets.reduce(0) { $0 + $1.amount })),
            plans: planLines, canEdit: canEdit, history: history.map(AuditRow.init)))
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let programme = try await req.visibleProgramme()
        let user = try req.user
        try Scope.requireProgrammeEditor(region: programme.regionCode, leadAgencyID: programme.leadAgencyID, for: user)
        guard let region = try await RegionRepository(db: req.db).find(programme.regionCode) else { throw PilarError.notFound }
        return try await req.render("programmes/form", titleKey: "programmes.edit", titleSuffix: programme.title,
                                    try await formPage(req, region: region, action: "/programmes/\(programme.id)/edit",
                                                       cancel: "/programmes/\(programme.id)", isNew: false, values: ProgrammeInput(programme)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let programme = try await req.visibleProgramme()
        let user = try req.user
        try Scope.requireProgrammeEditor(region: programme.regionCode, leadAgencyID: programme.leadAgencyID, for: user)
        guard let region = try await RegionRepository(db: req.db).find(programme.regionCode) else { throw PilarError.notFound }
        var input = try req.content.decode(ProgrammeInput.self)
        if input.leadAgencyID == nil { input.leadAgencyID = programme.leadAgencyID }
        // An operator may not hand their programme to another agency.
        if user.role == .agencyOperator, input.leadAgencyID != programme.leadAgencyID { throw PilarError.forbidden }
        do {
            let values = try input.validated(in: try await ProgrammeRepository.context(region: region, on: req.db))
            _ = try await ProgrammeRepository(db: req.db).update(programme.id, values: values, actor: user)
            return req.redirect(to: "/programmes/\(programme.id)", flash: "programmes.saved")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "programmes/form", titleKey: "programmes.edit",
                                       page: try await formPage(req, region: region, action: "/programmes/\(programme.id)/edit",
                                                                cancel: "/programmes/\(programme.id)", isNew: false, values: input, errors: error.fields))
        }
    }

    private func formPage(_ req: Request, region: RegionRepository.Summary, action: String, cancel: String, isNew: Bool,
                          values: ProgrammeInput, errors: [FieldProblem] = []) async throws -> ProgrammeFormPage {
        let user = try req.user
        let agencies = try await AgencyRepository(db: req.db).list(region: region.code, includeInactive: false)
        let leadChoices = agencies.filter { user.role != .agencyOperator || $0.id == user.agencyID }
        let english = req.language == .en
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let chosenElements = Set(values.elementCodes ?? [])
        let coAgencies = Set(values.coAgencyIDs ?? [])
        return ProgrammeFormPage(
            action: action, cancelHref: cancel, isNew: isNew, regionName: region.name, values: values,
            agencies: leadChoices.map { Choice(value: String($0.id), label: "\($0.shortName) – \($0.name)", selected: $0.id == values.leadAgencyID) },
            coAgencies: agencies.map { Choice(value: String($0.id), label: $0.shortName, selected: coAgencies.contains($0.id)) },
            dimensions: (framework?.dimensions ?? []).map {
                Choice(value: $0.code, label: "\($0.code) · \(english ? $0.name.en : $0.name.id)", selected: $0.code == values.dimensionCode)
            },
            elements: (framework?.dimensions ?? []).flatMap { dimension in
                dimension.elements.map { .init(code: $0.code, label: "\($0.code) \(english ? $0.name.en : $0.name.id)",
                                               dimension: dimension.code, checked: chosenElements.contains($0.code)) }
            },
            horizons: Horizon.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("horizon." + $0.rawValue), selected: $0.rawValue == values.horizon) },
            statuses: ProgrammeStatus.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("programme.status." + $0.rawValue), selected: $0.rawValue == values.status) },
            errors: errors.byField, hasErrors: !errors.isEmpty)
    }

    /// Each column header links to the same list sorted by it, keeping the filters; the current
    /// column's link flips the direction.
    static func sortLinks(_ req: Request, current: ProgrammeRepository.Sort, descending: Bool) -> [String: String] {
        let kept = (req.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("sort=") && !$0.hasPrefix("dir=") && !$0.hasPrefix("format=") }
        var links: [String: String] = [:]
        for sort in ProgrammeRepository.Sort.allCases {
            let dir = sort == current && !descending ? "desc" : "asc"
            links[sort.rawValue] = "?" + (kept + ["sort=\(sort.rawValue)", "dir=\(dir)"]).joined(separator: "&")
        }
        return links
    }

    static func dimensionChoices(_ region: RegionRepository.Summary, req: Request, selected: String?) async throws -> [Choice] {
        let english = req.language == .en
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        return (framework?.dimensions ?? []).map {
            Choice(value: $0.code, label: "\($0.code) · \(english ? $0.name.en : $0.name.id)", selected: $0.code == selected)
        }
    }
}

extension Request {
    /// The programme named by the `id` path parameter, after checking the caller may see its region.
    func visibleProgramme() async throws -> ProgrammeRepository.Snapshot {
        guard let id = parameters.get("id", as: Int.self) else { throw PilarError.notFound("programme") }
        guard let programme = try await ProgrammeRepository(db: db).find(id) else { throw PilarError.notFound("programme \(id)") }
        try Scope.requireRegion(programme.regionCode, for: try user)
        return programme
    }
}
