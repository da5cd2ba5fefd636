import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

/// Walks every registered route with every role and with no login, and checks each answer against
/// the route's declared policy. A route added without a policy fails here.
@Suite("Access policy of every route")
struct AccessPolicyTests {
    @Test("every route declares who may use it")
    func everyRouteHasAPolicy() async throws {
        try await withPilar(.sqlite, demo: false) { app in
            let missing = app.routes.all.filter { $0.accessPolicy == nil }.map(\.description)
            #expect(missing.isEmpty, "routes without an access policy: \(missing)")
            #expect(app.routes.all.count > 30)
        }
    }

    @Test("each role is let through or refused exactly as declared", arguments: Backend.all)
    func walk(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let fixtures = try await AccessFixtures.make(app)
            var refusedChecks = 0
            for route in app.routes.all {
                let policy = try #require(route.accessPolicy)
                let path = fixtures.path(for: route)
                let isAPI = path.hasPrefix("/api/")
                for role in [Role?.none] + Role.allCases.map(Optional.some) {
                    let response = try await fixtures.call(route.method, path, as: role, api: isAPI)
                    let refused = Self.isRefused(response, api: isAPI)
                    let label = "\(route.method) \(path) as \(role?.rawValue ?? "anonymous") → \(response.status.code) \(response.location)"
                    if policy.allows(role) {
                        #expect(!refused, "allowed but refused: \(label)")
                        #expect(response.status.code < 500, "server error: \(label)")
                    } else {
                        #expect(refused, "should be refused: \(label)")
                        if role == nil {
                            #expect(isAPI ? response.status == .unauthorized : response.location.hasPrefix("/login?next="), "\(label)")
                        } else {
                            #expect(response.status == .forbidden, "\(label)")
                        }
                        refusedChecks += 1
                    }
                }
            }
            #expect(refusedChecks > 50)
        }
    }

    @Test("refused requests change nothing", arguments: Backend.all)
    func refusalsWriteNothing(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let fixtures = try await AccessFixtures.make(app)
            let before = try await fixtures.stateFingerprint()
            for route in app.routes.all where route.method != .GET {
                let policy = try #require(route.accessPolicy)
                let path = fixtures.path(for: route)
                for role in [Role?.none] + Role.allCases.map(Optional.some) where !policy.allows(role) {
                    _ = try await fixtures.call(route.method, path, as: role, api: path.hasPrefix("/api/"))
                }
            }
            #expect(try await fixtures.stateFingerprint() == before)
        }
    }

    static func isRefused(_ response: TestingHTTPResponse, api: Bool) -> Bool {
        if api {
            return (response.status == .unauthorized && response.errorCode == "unauthenticated")
                || (response.status == .forbidden && response.errorCode == "forbidden")
        }
        return response.status == .forbidden || (response.status == .seeOther && response.location.hasPrefix("/login?next="))
    }
}

/// The records and credentials the walk needs: ids to put in paths, a token per role.
struct AccessFixtures {
    let app: Application
    let agencyID: Int
    let targetUserID: Int
    let tokenID: Int
    let tokens: [Role: String]
    /// A programme led by the operator's agency (Dinkes), with its action plan and indicator.
    let programmeID: Int
    let actionPlanID: Int
    let indicatorID: Int
    /// Probolinggo's published evaluation, its cycle, and the shipped smart city method.
    let evaluationID: Int
    let cycleID: Int
    let methodID: Int
    /// A demo report dispatched to Dinkes, so the operator the walk signs in as may act on it.
    let complaintID: Int
    /// The demo's field-evaluation survey.
    let surveyID: Int

    static func make(_ app: Application) async throws -> AccessFixtures {
        // A separate account to (de)activate, so the walk never locks out the roles it signs in as.
        let target = try await UserService(db: app.db, app: app).create(
            .init(email: "target@probolinggo.pilar.test", name: "Target", role: "viewer", regionCode: "35.74", agencyID: nil,
                  password: Fixture.password), actor: nil)
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            tokens[role] = try await APIClient.token(app, for: Fixture.email(for: role)).token
        }
        // The token the walk revokes belongs to the spare account, so every role's own token stays valid
        // for the whole walk (revoking the national admin's made its later API calls fail for the wrong reason).
        _ = try await APIClient.token(app, for: "target@probolinggo.pilar.test")
        let tokenID = try await APITokenModel.query(on: app.db).filter(\.$userID == target.id).first()!.requireID()
        let dinkes = try await app.agencyID("Dinkes")
        let programme = try await ProgrammeModel.query(on: app.db).filter(\.$leadAgencyID == dinkes).first()!
        let plan = try await ActionPlanModel.query(on: app.db).filter(\.$programmeID == programme.requireID()).first()!
        let indicator = try await IndicatorModel.query(on: app.db).filter(\.$actionPlanID == plan.requireID()).first()!
        let evaluation = try await EvaluationModel.query(on: app.db).filter(\.$regionCode == DemoData.regionCode)
            .filter(\.$state == "published").filter(\.$cycleID != nil).first()!
        let method = try await ScoringMethodModel.query(on: app.db).filter(\.$code == "smart-city-2022").first()!
        return AccessFixtures(app: app, agencyID: dinkes, targetUserID: target.id, tokenID: tokenID, tokens: tokens,
                              programmeID: try programme.requireID(), actionPlanID: try plan.requireID(),
                              indicatorID: try indicator.requireID(), evaluationID: try evaluation.requireID(),
                              cycleID: evaluation.cycleID!, methodID: try method.requireID(),
                              complaintID: try await ComplaintModel.query(on: app.db).filter(\.$agencyID == dinkes).first()!.requireID(),
                              surveyID: try await SurveyModel.query(on: app.db).filter(\.$regionCode == DemoData.regionCode).first()!.requireID())
    }

    /// A concrete path for a route pattern, with parameters a permitted caller can act on.
    func path(for route: Route) -> String {
        let parts = route.path.map { component -> String in
            switch component {
            case .constant(let value): return value
            case .parameter("code"): return DemoData.regionCode
            case .parameter("language"): return "en"
            case .parameter("id"):
                if route.path.first == .constant("users") { return String(targetUserID) }
                if route.path.contains(.constant("tokens")) { return String(tokenID) }
                if route.path.contains(.constant("evaluations")) { return String(evaluationID) }
                if route.path.contains(.constant("complaints")) { return String(complaintID) }
                if route.path.contains(.constant("surveys")) || route.path.first == .constant("s") { return String(surveyID) }
                if route.path.contains(.constant("cycles")) { return String(cycleID) }
                if route.path.contains(.constant("methods")) { return String(methodID) }
                if route.path.contains(.constant("programmes")) { return String(programmeID) }
                if route.path.contains(.constant("action-plans")) { return String(actionPlanID) }
                if route.path.contains(.constant("indicators")) { return String(indicatorID) }
                return String(agencyID)
            case .parameter(let name): return name
            case .anything: return "x"
            case .catchall: return "x/y"
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    func call(_ method: HTTPMethod, _ path: String, as role: Role?, api: Bool) async throws -> TestingHTTPResponse {
        if api {
            let client = APIClient(app: app, token: role.flatMap { tokens[$0] })
            return try await client.send(method, path, json: method == .GET ? nil : [String: String]())
        }
        let browser = Browser(app)
        if let role {
            try await browser.login(email: Fixture.email(for: role), password: Fixture.password)
        } else {
            _ = try await browser.get("/login") // a session and form token, like any visitor
        }
        return method == .GET ? try await browser.get(path) : try await browser.post(path)
    }

    /// Everything a refused request could have changed.
    func stateFingerprint() async throws -> [String] {
        var parts: [String] = []
        for table in ["agencies", "users", "api_tokens", "assessor_regions", "programmes", "action_plans", "indicators",
                      "indicator_targets", "indicator_values", "evidence_files", "scoring_methods", "evaluation_cycles",
                      "evaluations", "evaluation_scores", "evaluation_evidence", "satisfaction_votes", "complaint_categories",
                      "complaints", "complaint_reporters", "complaint_updates", "citizen_settings", "surveys", "survey_questions",
                      "survey_responses", "survey_answers"] {
            parts.append("\(table)=\(try await app.count(table))")
        }
        // Sign-ins are audited too; the walk signs in for every call, so only other entries count here.
        let changes = try await AuditEventModel.query(on: app.db).filter(\.$action != "login").count()
        parts.append("audit=\(changes)")
        let agencies = try await AgencyModel.query(on: app.db).sort(\.$id).all()
        parts += agencies.map { "\($0.id ?? 0):\($0.name):\($0.shortName):\($0.active)" }
        let users = try await UserModel.query(on: app.db).sort(\.$id).all()
        parts += users.map { "\($0.id ?? 0):\($0.email):\($0.active):\($0.passwordHash)" }
        let values = try await IndicatorValueModel.query(on: app.db).sort(\.$id).all()
        parts += values.map { "v\($0.id ?? 0):\($0.value):\($0.state)" }
        let evaluations = try await EvaluationModel.query(on: app.db).sort(\.$id).all()
        parts += evaluations.map { "e\($0.id ?? 0):\($0.state):\($0.indexValue ?? -1):\($0.remarks)" }
        let scores = try await EvaluationScoreModel.query(on: app.db).sort(\.$id).all()
        parts += scores.map { "s\($0.id ?? 0):\($0.selfScore ?? -1):\($0.verifiedScore ?? -1):\($0.narrative):\($0.reason)" }
        let complaints = try await ComplaintModel.query(on: app.db).sort(\.$id).all()
        parts += complaints.map { "c\($0.id ?? 0):\($0.state):\($0.agencyID ?? 0)" }
        let revoked = try await APITokenModel.query(on: app.db).filter(\.$revokedAt != nil).count()
        parts.append("revoked=\(revoked)")
        return parts
    }
}
