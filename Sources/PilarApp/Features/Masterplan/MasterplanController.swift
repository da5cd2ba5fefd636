import Fluent
import PilarCore
import Vapor

/// The masterplan and its three books: Buku I (strategic analysis per dimension, written by
/// planners), Buku II (programmes per dimension and element, with a roadmap drawn from the
/// programmes themselves) and Buku III (executive summary). Each book prints and downloads as PDF.
struct MasterplanController: RouteCollection {
    static let writers: Set<Role> = [.nationalAdmin, .regionAdmin, .planner]

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get("regions", ":code", "masterplan", use: index)
        routes.access(.roles(Self.writers)).post("regions", ":code", "masterplans", use: create)
        routes.access(.signedIn).get("masterplans", ":id", "books", ":book", use: book)
        routes.access(.roles(Self.writers)).get("masterplans", ":id", "edit", use: editForm)
        routes.access(.roles(Self.writers)).post("masterplans", ":id", "edit", use: update)
        routes.access(.roles(Self.writers)).get("masterplans", ":id", "analysis", ":dimension", use: analysisForm)
        routes.access(.roles(Self.writers)).post("masterplans", ":id", "analysis", ":dimension", use: saveAnalysis)
    }

    struct IndexPage: Encodable {
        struct Plan: Encodable { let id: Int; let title: String; let years: String; let vision: String }
        let regionCode: String
        let regionName: String
        let plans: [Plan]
        let canCreate: Bool
        let values: MasterplanInput
        let errors: [String: String]
    }

    @Sendable func index(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        return try await req.render("masterplan/index", titleKey: "masterplan.title", titleSuffix: region.name,
                                    try await indexPage(req, region, values: MasterplanInput(), errors: []))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        let input = try req.content.decode(MasterplanInput.self)
        do {
            let values = try input.validated()
            let plan = MasterplanModel()
            plan.regionCode = region.code
            Self.apply(values, to: plan)
            try await req.db.transaction { db in
                try await plan.create(on: db)
                try await AuditLog.record(.create, entity: "masterplan", id: String(try plan.requireID()), region: region.code,
                                          before: MasterplanInput?.none, after: values, actor: user, on: db)
            }
            return req.redirect(to: "/masterplans/\(plan.id!)/books/3", flash: "masterplan.created")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "masterplan/index", titleKey: "masterplan.title",
                                       page: try await indexPage(req, region, values: input, errors: error.fields))
        }
    }

    @Sendable func book(req: Request) async throws -> Response {
        let raw = req.parameters.get("book") ?? ""
        let wantsPDF = raw.hasSuffix(".pdf")
        guard let number = Int(wantsPDF ? String(raw.dropLast(4)) : raw), (1...3).contains(number) else { throw PilarError.notFound("book") }
        let (plan, region) = try await visiblePlan(req)
        let page = try await BookBuilder(req: req, plan: plan, region: region).page(number, print: wantsPDF)
        let titleKey = "masterplan.book\(number)"
        guard wantsPDF else {
            return try await req.render("masterplan/book", titleKey: titleKey, titleSuffix: plan.title, page).encodeResponse(for: req)
        }
        let context = try await PageContext.make(req, titleKey: titleKey, titleSuffix: plan.title, page: page)
        let html = String(buffer: try await req.view.render("masterplan/book-print", context).data)
        do {
            let pdf = try await PDFRenderer.pdf(fromHTML: html, on: req.application)
            let response = Response(status: .ok, body: .init(data: pdf))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"buku-\(number)-\(region.code).pdf\"")
            return response
        } catch is PDFRenderer.Unavailable {
            throw PilarError(status: .serviceUnavailable, code: "pdf_unavailable", messageKey: "masterplan.pdf_unavailable")
        }
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let (plan, _) = try await visiblePlan(req)
        let values = MasterplanInput(title: plan.title, startYear: plan.startYear, endYear: plan.endYear, vision: plan.vision,
                                     mission: plan.mission, executiveSummary: plan.executiveSummary)
        return try await req.render("masterplan/edit", titleKey: "masterplan.edit", titleSuffix: plan.title,
                                    EditPage(id: plan.id!, values: values, errors: [:]))
    }

    struct EditPage: Encodable {
        let id: Int
        let values: MasterplanInput
        let errors: [String: String]
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (plan, region) = try await visiblePlan(req)
        let user = try req.user
        let input = try req.content.decode(MasterplanInput.self)
        do {
            let values = try input.validated()
            let before = MasterplanInput(title: plan.title, startYear: plan.startYear, endYear: plan.endYear, vision: plan.vision,
                                         mission: plan.mission, executiveSummary: plan.executiveSummary)
            Self.apply(values, to: plan)
            try await req.db.transaction { db in
                try await plan.save(on: db)
                try await AuditLog.record(.update, entity: "masterplan", id: String(plan.id!), region: region.code,
                                          before: before, after: values, actor: user, on: db)
            }
            return req.redirect(to: "/masterplans/\(plan.id!)/books/3", flash: "masterplan.saved")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "masterplan/edit", titleKey: "masterplan.edit",
                                       page: EditPage(id: plan.id!, values: input, errors: error.fields.byField))
        }
    }

    struct AnalysisPage: Encodable {
        struct Field: Encodable { let name: String; let labelKey: String; let value: String; let errorKey: String? }
        let id: Int
        let dimension: String
        let dimensionName: String
        let fields: [Field]
    }

    @Sendable func analysisForm(req: Request) async throws -> View {
        let (plan, region) = try await visiblePlan(req)
        let (code, name) = try await dimension(req, region: region)
        let existing = try await DimensionAnalysisModel.query(on: req.db).filter(\.$masterplanID == plan.id!).filter(\.$dimensionCode == code).first()
        return try await req.render("masterplan/analysis", titleKey: "masterplan.book1", titleSuffix: name,
                                    analysisPage(plan.id!, code, name, values: existing.map(Self.input) ?? AnalysisInput(), errors: []))
    }

    @Sendable func saveAnalysis(req: Request) async throws -> Response {
        let (plan, region) = try await visiblePlan(req)
        let user = try req.user
        let (code, name) = try await dimension(req, region: region)
        let input = try req.content.decode(AnalysisInput.self)
        do {
            let values = try input.validated()
            let existing = try await DimensionAnalysisModel.query(on: req.db).filter(\.$masterplanID == plan.id!).filter(\.$dimensionCode == code).first()
            let model = existing ?? DimensionAnalysisModel()
            let before = existing.map(Self.input)
            model.masterplanID = plan.id!
            model.dimensionCode = code
            model.currentCondition = Validate.trimmed(values.currentCondition)
            model.issues = Validate.trimmed(values.issues)
            model.readinessInfrastructure = Validate.trimmed(values.readinessInfrastructure)
            model.readinessSuperstructure = Validate.trimmed(values.readinessSuperstructure)
            model.readinessStructure = Validate.trimmed(values.readinessStructure)
            model.strengths = Validate.trimmed(values.strengths)
            model.weaknesses = Validate.trimmed(values.weaknesses)
            model.opportunities = Validate.trimmed(values.opportunities)
            model.threats = Validate.trimmed(values.threats)
            try await req.db.transaction { db in
                try await model.save(on: db)
                try await AuditLog.record(existing == nil ? .create : .update, entity: "dimension_analysis", id: "\(plan.id!)/\(code)",
                                          region: region.code, before: before, after: Self.input(model), actor: user, on: db)
            }
            return req.redirect(to: "/masterplans/\(plan.id!)/books/1#\(code)", flash: "masterplan.saved")
        } catch let error as PilarError where !error.fields.isEmpty {
            return try await formError(req, error, template: "masterplan/analysis", titleKey: "masterplan.book1",
                                       page: analysisPage(plan.id!, code, name, values: input, errors: error.fields))
        }
    }

    private func analysisPage(_ id: Int, _ code: String, _ name: String, values: AnalysisInput, errors: [FieldProblem]) -> AnalysisPage {
        let texts = [values.currentCondition, values.issues, values.readinessInfrastructure, values.readinessSuperstructure,
                     values.readinessStructure, values.strengths, values.weaknesses, values.opportunities, values.threats]
        let problems = errors.byField
        return AnalysisPage(id: id, dimension: code, dimensionName: name, fields: zip(AnalysisInput.fields, texts).map {
            .init(name: $0.0, labelKey: "analysis." + $0.0, value: $0.1 ?? "", errorKey: problems[$0.0])
        })
    }

    static func input(_ model: DimensionAnalysisModel) -> AnalysisInput {
        AnalysisInput(currentCondition: model.currentCondition, issues: model.issues, readinessInfrastructure: model.readinessInfrastructure,
                      readinessSuperstructure: model.readinessSuperstructure, readinessStructure: model.readinessStructure,
                      strengths: model.strengths, weaknesses: model.weaknesses, opportunities: model.opportunities, threats: model.threats)
    }

    private static func apply(_ values: MasterplanInput, to plan: MasterplanModel) {
        plan.title = values.title ?? ""
        plan.startYear = values.startYear ?? 2021
        plan.endYear = values.endYear ?? 2026
        plan.vision = values.vision ?? ""
        plan.mission = values.mission ?? ""
        plan.executiveSummary = values.executiveSummary ?? ""
    }

    private func dimension(_ req: Request, region: RegionRepository.Summary) async throws -> (String, String) {
        let code = req.parameters.get("dimension") ?? ""
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        guard let dimension = framework?.dimensions.first(where: { $0.code == code }) else { throw PilarError.notFound("dimension \(code)") }
        return (code, req.language == .en ? dimension.name.en : dimension.name.id)
    }

    /// The masterplan named by `id`; writers must belong to its region (checked here too).
    private func visiblePlan(_ req: Request) async throws -> (MasterplanModel, RegionRepository.Summary) {
        guard let id = req.parameters.get("id", as: Int.self), let plan = try await MasterplanModel.find(id, on: req.db),
              let region = try await RegionRepository(db: req.db).find(plan.regionCode) else { throw PilarError.notFound("masterplan") }
        try Scope.requireRegion(region.code, for: try req.user)
        return (plan, region)
    }

    private func indexPage(_ req: Request, _ region: RegionRepository.Summary, values: MasterplanInput, errors: [FieldProblem]) async throws -> IndexPage {
        let plans = try await MasterplanModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$startYear, .descending).all()
        return IndexPage(regionCode: region.code, regionName: region.name,
                         plans: plans.map { .init(id: $0.id!, title: $0.title, years: "\($0.startYear)–\($0.endYear)", vision: $0.vision) },
                         canCreate: Self.writers.contains(try req.user.role), values: values,
                         errors: errors.byField)
    }
}
