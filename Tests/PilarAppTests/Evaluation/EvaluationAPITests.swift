import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Evaluation API")
struct EvaluationAPITests {
    typealias Result = EvaluationAPIController.SimulationResult

    @Test("simulation: the weighted index, SPBE predicates, and scores the method refuses", arguments: Backend.all)
    func simulate(backend: Backend) async throws {
        try await withPilar(backend, demo: false) { app in
            let api = APIClient(app: app, token: nil)
            // (3×10 + 3.5×20 + 2.5×30 + 4×20 + 3×20) / 100 = 3.15
            let result = try await api.send(.POST, "/api/v1/methods/smart-city-2022/simulate",
                                            json: ["scores": ["baseline": 3, "output": 3.5, "outcome": 2.5, "impact": 4, "quickWin": 3]])
            #expect(result.status == .ok)
            let body = try result.decode(Result.self)
            #expect(body.index == 3.15)
            #expect(body.predicate == nil)
            #expect(body.items.first { $0.code == "outcome" }?.share == 0.3)

            var spbe: [String: Double] = [:]
            for n in 1...47 { spbe["I\(n)"] = 3 }
            let spbeResult = try await api.send(.POST, "/api/v1/methods/spbe-2020/simulate", json: ["scores": spbe]).decode(Result.self)
            #expect(spbeResult.index == 3)
            #expect(spbeResult.predicate == "Baik")
            #expect(spbeResult.items.contains { $0.code == "D4" && abs($0.share - 0.455) < 1e-9 })

            let outside = try await api.send(.POST, "/api/v1/methods/smart-city-2022/simulate",
                                             json: ["scores": ["baseline": 3, "output": 6, "outcome": 2.5, "impact": 4, "quickWin": 3]])
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.text.contains("scores.output"))
            let missing = try await api.send(.POST, "/api/v1/methods/smart-city-2022/simulate", json: ["scores": ["baseline": 3]])
            #expect(missing.status == .unprocessableEntity)
            let unknown = try await api.send(.POST, "/api/v1/methods/nope/simulate", json: ["scores": ["baseline": 3]])
            #expect(unknown.status == .notFound)
            let malformed = try await api.send(.POST, "/api/v1/methods/1/simulate", json: ["scores": "tinggi"])
            #expect(malformed.status == .badRequest)
        }
    }

    @Test("self-assessment and verification over the API keep the same rules as the pages", arguments: Backend.all)
    func writeRoutes(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let id = try await EvaluationFlowTests.openCycle(app)
            let planner = try await APIClient.token(app, for: Fixture.email(for: .planner))
            let programme = try await ProgrammeModel.query(on: app.db).filter(\.$regionCode == "35.74").first()!.requireID()
            let items: [String: AnyEncodable] = [
                "baseline": AnyEncodable(["score": AnyEncodable(3.4), "narrative": AnyEncodable("Kemajuan"), "programmes": AnyEncodable([programme]),
                                          "links": AnyEncodable(["https://probolinggokota.go.id/smart-city"])]),
                "output": AnyEncodable(["score": AnyEncodable(3.2), "narrative": AnyEncodable("Perwali")]),
                "outcome": AnyEncodable(["score": AnyEncodable(2.9), "narrative": AnyEncodable("Masterplan")]),
                "impact": AnyEncodable(["score": AnyEncodable(3.0), "narrative": AnyEncodable("Survei")]),
                "quickWin": AnyEncodable(["score": AnyEncodable(3.5), "narrative": AnyEncodable("MPP")]),
            ]
            let badLink = try await planner.send(.PUT, "/api/v1/evaluations/\(id)/self-assessment",
                                                 json: ["items": AnyEncodable(["baseline": AnyEncodable(["score": AnyEncodable(3), "links": AnyEncodable(["javascript:alert(1)"])])]),
                                                        "submit": AnyEncodable(false)])
            #expect(badLink.status == .unprocessableEntity)
            #expect(badLink.text.contains("links_baseline"))
            let saved = try await planner.send(.PUT, "/api/v1/evaluations/\(id)/self-assessment", json: ["items": AnyEncodable(items), "submit": AnyEncodable(true)])
            #expect(saved.status == .ok, "\(saved.text)")
            let snapshot = try saved.decode(EvaluationSnapshot.self)
            #expect(snapshot.state == "submitted")
            #expect(snapshot.items.first { $0.code == "baseline" }?.evidence.count == 2)
            #expect(snapshot.items.filter { $0.kind == "dimension" }.count == 6)
            let again = try await planner.send(.PUT, "/api/v1/evaluations/\(id)/self-assessment", json: ["items": AnyEncodable(items), "submit": AnyEncodable(true)])
            #expect(again.status == .conflict)
            #expect(again.errorCode == "evaluation_locked")

            let assessor = try await APIClient.token(app, for: Fixture.email(for: .assessor))
            let verified: [String: AnyEncodable] = [
                "baseline": AnyEncodable(["score": AnyEncodable(3.4)]), "output": AnyEncodable(["score": AnyEncodable(3.0)]),
                "outcome": AnyEncodable(["score": AnyEncodable(2.9)]), "impact": AnyEncodable(["score": AnyEncodable(3.0)]),
                "quickWin": AnyEncodable(["score": AnyEncodable(3.5)]),
            ]
            let noReason = try await assessor.send(.PUT, "/api/v1/evaluations/\(id)/verification", json: ["items": AnyEncodable(verified), "complete": AnyEncodable(true)])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("reason_output"))
            var withReason = verified
            withReason["output"] = AnyEncodable(["score": AnyEncodable(3.0), "reason": AnyEncodable("Anggaran 2026 belum ditetapkan.")])
            let done = try await assessor.send(.PUT, "/api/v1/evaluations/\(id)/verification", json: ["items": AnyEncodable(withReason), "complete": AnyEncodable(true)])
            #expect(done.status == .ok, "\(done.text)")
            #expect(try done.decode(EvaluationSnapshot.self).items.first { $0.code == "output" }?.verifiedScore == 3.0)
            // The region reads its evaluation but not the verification until publication.
            let regionRead = try await planner.get("/api/v1/evaluations/\(id)").decode(EvaluationSnapshot.self)
            #expect(regionRead.items.allSatisfy { $0.verifiedScore == nil && $0.reason == nil })
        }
    }

    @Test("ranking: standard competition ranks, peer groups and the previous index; CSV matches the page")
    func ranking() async throws {
        try await withPilar(.sqlite) { app in
            let api = APIClient(app: app, token: nil)
            let cycles = try await api.get("/api/v1/cycles").decode([EvaluationRepository.CycleSummary].self)
            let latest = try #require(cycles.first { $0.state == "published" })
            #expect(latest.published == 21)
            let ranking = try await api.get("/api/v1/cycles/\(latest.id)/ranking").decode(EvaluationAPIController.RankingResponse.self)
            #expect(ranking.entries.count == 21)
            for (a, b) in zip(ranking.entries, ranking.entries.dropFirst()) {
                #expect(a.index >= b.index)
                #expect(a.index == b.index ? a.rank == b.rank : b.rank > a.rank)
            }
            let mine = try #require(ranking.entries.first { $0.regionCode == "35.74" })
            #expect(mine.index == 3.08 && mine.previousIndex == 2.88)
            #expect(mine.populationBand == "200k-500k")
            let peers = ranking.entries.filter { $0.kind == "kota" && $0.populationBand == "200k-500k" }
            #expect(mine.peerRank == 1 + peers.filter { $0.index > mine.index }.count)
            let csv = try await Browser(app).get("/ranking?cycle=\(latest.id)&kind=kota&format=csv")
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.count == 1 + ranking.entries.filter { $0.kind == "kota" }.count)
            #expect(lines.contains { $0.contains("35.74,Kota Probolinggo") && $0.contains(",3.08,") })
            let page = try await Browser(app).get("/ranking?cycle=\(latest.id)&kind=kabupaten")
            #expect(!page.text.contains("data-region=\"35.74\""))
            #expect(page.text.contains("data-region=\"35.22\""))
            #expect(page.text.contains("<svg"))
            #expect(try await api.get("/api/v1/cycles/999/ranking").status == .notFound)
        }
    }
}
