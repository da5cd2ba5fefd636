import Vapor

/// Every route of the app. Each controller declares an access policy for each of its routes.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())

    let pages = app.grouped(CSRFMiddleware())
    try pages.register(collection: LoginController())
    try pages.register(collection: RegionsController())
    try pages.register(collection: AgenciesController())
    try pages.register(collection: UsersController())
    try pages.register(collection: TokensController())
    try pages.register(collection: AuditController())
    try pages.register(collection: ProgrammesController())
    try pages.register(collection: PlanEditorController())
    try pages.register(collection: ReportController())
    try pages.register(collection: VerificationController())
    try pages.register(collection: EvidenceController())
    try pages.register(collection: DashboardController())
    try pages.register(collection: RemindersController())
    try pages.register(collection: QuickWinsController())
    try pages.register(collection: MasterplanController())
    try pages.register(collection: ImportController())
    try pages.register(collection: RegionSettingsController())
    try pages.register(collection: ProgrammeImportController())

    let api = app.grouped("api", "v1")
    try api.register(collection: OpenAPIController())
    try api.register(collection: FrameworkAPIController())
    try api.register(collection: RegionsAPIController())
    try api.register(collection: AgenciesAPIController())
    try api.register(collection: TokensAPIController())
    try api.register(collection: ProgrammesAPIController())
    try api.register(collection: ValuesAPIController())
}
