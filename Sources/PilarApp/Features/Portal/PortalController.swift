import Fluent
import Foundation
import PilarCore
import Vapor

/// The public portal: a national landing page (regions in the programme, the latest ranking, search)
/// and a page per region with its index, trend, dimensions, programmes, quick wins, citizens' channels
/// and contacts. No sign-in, no JavaScript; every figure says where it comes from and when.
struct PortalController: RouteCollection {
    struct LandingPage: Encodable {
        struct Region: Encodable {
            let code: String
            let name: String
            let index: String
            let period: String
        }
        struct Ranked: Encodable {
            let rank: Int
            let code: String
            let name: String
            let index: String
        }
        let query: String
        let searched: Bool
        let results: [Region]
        let hasResults: Bool
        let regions: [Region]
        let ranking: [Ranked]
        let hasRanking: Bool
        let rankingPeriod: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.everyone).get("portal", use: landing)
        routes.access(.everyone).get("portal", ":code", use: region)
    }

    @Sendable func landing(req: Request) async throws -> View {
        try await Self.landing(req)
    }

    /// Also what `/` shows to visitors who are not signed in.
    static func landing(_ req: Request) async throws -> View {
        let repository = PortalRepository(db: req.db)
        let latest = try await repository.latestIndices()
        let regions = try await repository.regionsInProgramme().map {
            LandingPage.Region(code: $0.code, name: $0.name, index: req.score($0.index), period: $0.period ?? "–")
        }
        let query = Validate.trimmed(try? req.query.get(String.self, at: "q"))
        var results: [LandingPage.Region] = []
        if !query.isEmpty {
            // Only kabupaten/kota: provinces are not in the programme.
            results = try await RegionRepository(db: req.db).list(.init(search: String(query.prefix(60)))).filter { $0.kind != "provinsi" }.prefix(50).map {
                LandingPage.Region(code: $0.code, name: $0.name, index: req.score(latest[$0.code]?.index), period: latest[$0.code]?.period ?? "–")
            }
        }
        var ranked: [LandingPage.Ranked] = []
        var period = ""
        let evaluation = EvaluationRepository(db: req.db)
        if let cycle = try await evaluation.cycles().first(where: { $0.published > 0 }),
           let model = try await EvaluationCycleModel.find(cycle.id, on: req.db) {
            period = cycle.period
            ranked = try await evaluation.ranking(cycle: model).prefix(10).map {
                LandingPage.Ranked(rank: $0.rank, code: $0.regionCode, name: $0.regionName, index: req.score($0.index))
            }
        }
        return try await req.render("portal/landing", titleKey: "portal.title",
                                    LandingPage(query: query, searched: !query.isEmpty, results: results, hasResults: !results.isEmpty,
                                                regions: regions, ranking: ranked, hasRanking: !ranked.isEmpty, rankingPeriod: period))
    }

    @Sendable func region(req: Request) async throws -> Response {
        let region = try await req.region()
        guard region.kind != "provinsi" else { throw PilarError.notFound("region \(region.code)") }
        // Quick wins carry the vote form, so the page needs a form token and the browser a voter id.
        let response = try await req.render("portal/region", titleKey: "portal.region", titleSuffix: region.name,
                                            try await PortalRegionPage.make(req, region), needsCSRF: true).encodeResponse(for: req)
        CitizenGuard.ensureVoterCookie(req, response)
        return response
    }
}
