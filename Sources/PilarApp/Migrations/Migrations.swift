import Fluent
import Vapor

/// Every migration in order. Numbered by feature so later issues append without reordering.
func addMigrations(_ app: Application) {
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(M001CreateFramework())
    app.migrations.add(M002LoadShippedFrameworks())
    app.migrations.add(M003CreateRegions())
    app.migrations.add(M004LoadRegions())
    app.migrations.add(M005CreateAgencies())
    app.migrations.add(M006CreateUsers())
    app.migrations.add(M007CreateAPITokens())
    app.migrations.add(M008CreateAuditEvents())
    app.migrations.add(M009CreatePlanning())
    app.migrations.add(M010CreateIndicators())
    app.migrations.add(M011CreateEvaluation())
    app.migrations.add(M012LoadShippedMethods())
    app.migrations.add(M013CreateCitizens())
    app.migrations.add(M014CreateSurveys())
}
