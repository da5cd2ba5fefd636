import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Satisfaction widget")
struct VoteTests {
    static func programmeWithoutVotes(_ app: Application) async throws -> Int {
        // The demo votes on the first twelve programmes; the last one has none.
        try await ProgrammeModel.query(on: app.db).filter(\.$regionCode == "35.74").sort(\.$id, .descending).first()!.requireID()
    }

    @Test("one vote per browser per item and day; shares shown; the programme's citizen indicator follows", arguments: Backend.all)
    func vote(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let id = try await Self.programmeWithoutVotes(app)
            let citizen = Browser(app)
            let page = try await citizen.get("/public/programmes/\(id)")
            #expect(page.status == .ok)
            #expect(citizen.cookies["pilar_voter"] != nil)
            #expect(try await citizen.post("/public/programmes/\(id)/vote", form: ["answer": "puas"]).status == .seeOther)
            let again = try await citizen.post("/public/programmes/\(id)/vote", form: ["answer": "tidak-puas"])
            #expect(again.status == .seeOther)
            #expect(try await citizen.get(again.location).text.contains("sudah memberi suara"))
            let other = Browser(app)
            _ = try await other.get("/public/programmes/\(id)")
            #expect(try await other.post("/public/programmes/\(id)/vote", form: ["answer": "tidak-puas"]).status == .seeOther)
            let votes = try await SatisfactionVoteModel.query(on: app.db).filter(\.$itemID == String(id)).all()
            #expect(votes.map(\.answer).sorted() == ["puas", "tidak-puas"])
            #expect(votes.allSatisfy { $0.voter.count == 64 && $0.voter != citizen.cookies["pilar_voter"] })
            let shown = try await other.get("/public/programmes/\(id)")
            #expect(shown.text.contains("<tr data-answer=\"puas\"><th scope=\"row\">Puas</th><td class=\"num percent\">50 %</td><td class=\"num count\">1</td>"))
            // The programme now has a citizen-sourced outcome indicator at 50 % that agencies cannot write.
            let plans = try await ActionPlanModel.query(on: app.db).filter(\.$programmeID == id).all().compactMap(\.id)
            let indicator = try #require(try await IndicatorModel.query(on: app.db).filter(\.$citizenSource == "votes")
                .filter(\.$actionPlanID ~~ plans).first())
            let value = try #require(try await IndicatorValueModel.query(on: app.db).filter(\.$indicatorID == indicator.requireID()).first())
            #expect(value.value == 50 && value.state == "approved")
            let operatorAPI = try await APIClient.token(app, for: Fixture.email(for: .regionAdmin))
            let typed = try await operatorAPI.send(.POST, "/api/v1/indicators/\(indicator.id!)/values", json: ["period": value.period, "value": "99"])
            #expect(typed.status != .ok && typed.status != .created)
            #expect(try await IndicatorValueModel.find(value.id, on: app.db)?.value == 50)
        }
    }

    @Test("bad votes change nothing: no cookie, an unknown answer, a flood from one address")
    func badVotes() async throws {
        try await withPilar(.sqlite) { app in
            let id = try await Self.programmeWithoutVotes(app)
            let noCookie = Browser(app)
            _ = try await noCookie.get("/login")
            let refused = try await noCookie.post("/public/programmes/\(id)/vote", form: ["answer": "puas"])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Aktifkan cookie"))
            let citizen = Browser(app)
            _ = try await citizen.get("/public/programmes/\(id)")
            #expect(try await citizen.post("/public/programmes/\(id)/vote", form: ["answer": "lumayan"]).status == .unprocessableEntity)
            #expect(try await app.count("satisfaction_votes") == (try await Self.demoVotes(app)))
            // A flood: fresh browsers from one address, more than the per-minute budget.
            var statuses: [HTTPStatus] = []
            for _ in 0..<(CitizenGuard.votesPerMinute + 5) {
                let bot = Browser(app)
                _ = try await bot.get("/public/programmes/\(id)")
                statuses.append(try await bot.post("/public/programmes/\(id)/vote", form: ["answer": "tidak-puas"]).status)
            }
            // The two refused votes above used two units of the address's budget.
            let budget = CitizenGuard.votesPerMinute - 2
            #expect(statuses.prefix(budget).allSatisfy { $0 == .seeOther })
            #expect(statuses.dropFirst(budget).allSatisfy { $0 == .tooManyRequests })
            #expect(try await SatisfactionVoteModel.query(on: app.db).filter(\.$itemID == String(id)).count() == budget)
        }
    }

    static func demoVotes(_ app: Application) async throws -> Int {
        try await SatisfactionVoteModel.query(on: app.db).filter(\.$voter != "").count()
    }
}
