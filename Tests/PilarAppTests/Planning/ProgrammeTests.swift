import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Programmes")
struct ProgrammeTests {
    struct ProgrammeList: Decodable { let count: Int; let programmes: [ProgrammeRepository.Row] }

    static func body(lead: Int, title: String = "Command center kota", elements: [String] = ["GOV-1"], horizon: String = "short",
                     start: Int = 2025, end: Int = 2027) -> [String: AnyEncodable] {
        ["title": .init(title), "description": .init("Pusat kendali"), "leadAgencyID": .init(lead), "dimensionCode": .init("GOV"),
         "elementCodes": .init(elements), "horizon": .init(horizon), "startYear": .init(start), "endYear": .init(end),
         "status": .init("planned"), "budgets": .init([BudgetLine(year: 2025, source: .apbd, amount: 500_000_000)])]
    }

    @Test("a planner adds a programme over the API; it is listed under its dimension and audited", arguments: Backend.all)
    func create(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let planner = try await APIClient.token(app, for: Fixture.email(for: .planner))
            let before = try await planner.get("/api/v1/regions/35.74/programmes?dimension=GOV").decode(ProgrammeList.self).count
            let response = try await planner.send(.POST, "/api/v1/regions/35.74/programmes", json: Self.body(lead: try await app.agencyID("Diskominfo")))
            #expect(response.status == .created)
            let programme = try response.decode(ProgrammeRepository.Snapshot.self)
            #expect(programme.elementCodes == ["GOV-1"])
            #expect(programme.budgets == [BudgetLine(year: 2025, source: .apbd, amount: 500_000_000)])
            let after = try await planner.get("/api/v1/regions/35.74/programmes?dimension=GOV").decode(ProgrammeList.self)
            #expect(after.count == before + 1)
            #expect(after.programmes.contains { $0.title == "Command center kota" && $0.leadAgency == "Diskominfo" })
            #expect(try await AuditRepository(db: app.db).history(entity: "programme", id: String(programme.id)).first?.action == "create")
        }
    }

    @Test("elements outside the dimension, years beyond the horizon and budgets outside the years are refused")
    func invalid() async throws {
        try await withPilar(.sqlite) { app in
            let planner = try await APIClient.token(app, for: Fixture.email(for: .planner))
            let before = try await app.count("programmes")
            var body = Self.body(lead: try await app.agencyID("Diskominfo"), elements: ["ENV-1"], horizon: "quick-win", start: 2025, end: 2027)
            body["budgets"] = .init([BudgetLine(year: 2030, source: .apbn, amount: 1)])
            let response = try await planner.send(.POST, "/api/v1/regions/35.74/programmes", json: body)
            #expect(response.status == .unprocessableEntity)
            let fields = Set(try response.decode(APIErrorBody.self).error.fields?.map(\.field) ?? [])
            #expect(fields == ["elementCodes", "endYear", "budgetText"])
            #expect(try await app.count("programmes") == before)
        }
    }

    @Test("an operator creates programmes only for their own agency and edits only those")
    func operatorScope() async throws {
        try await withPilar(.sqlite) { app in
            let operatorClient = try await APIClient.token(app, for: Fixture.operatorEmail)
            let dishub = try await app.agencyID("Dishub")
            #expect(try await operatorClient.send(.POST, "/api/v1/regions/35.74/programmes", json: Self.body(lead: dishub)).status == .forbidden)
            var own = Self.body(lead: 0)
            own.removeValue(forKey: "leadAgencyID") // defaults to the operator's agency
            let created = try await operatorClient.send(.POST, "/api/v1/regions/35.74/programmes", json: own)
            #expect(created.status == .created)
            #expect(try created.decode(ProgrammeRepository.Snapshot.self).leadAgencyID == (try await app.agencyID("Dinkes")))
            let other = try await ProgrammeModel.query(on: app.db).filter(\.$leadAgencyID == dishub).first()!
            #expect(try await operatorClient.send(.PUT, "/api/v1/programmes/\(other.id!)", json: Self.body(lead: dishub)).status == .forbidden)
        }
    }

    @Test("the roadmap form re-shows problems in the user's language and keeps what was typed")
    func form() async throws {
        try await withPilar(.sqlite) { app in
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .planner))
            #expect(try await browser.get("/regions/35.74/programmes/new").status == .ok)
            let response = try await browser.post("/regions/35.74/programmes", form: [
                "title": "Wifi taman", "leadAgencyID": String(try await app.agencyID("Diskominfo")), "dimensionCode": "SOC",
                "elementCodes[]": "SOC-1", "horizon": "short", "startYear": "2025", "endYear": "2026", "status": "planned",
                "budgetText": "2025 APBD 1,5 juta",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Setiap baris: tahun, sumber"))
            #expect(response.text.contains("value=\"Wifi taman\""))
            let ok = try await browser.post("/regions/35.74/programmes", form: [
                "title": "Wifi taman", "leadAgencyID": String(try await app.agencyID("Diskominfo")), "dimensionCode": "SOC",
                "elementCodes[]": "SOC-1", "horizon": "short", "startYear": "2025", "endYear": "2026", "status": "planned",
                "budgetText": "2025 APBD 150.000.000",
            ])
            #expect(ok.status == .seeOther)
            let page = try await browser.get(ok.location)
            #expect(page.text.contains("Rp 150.000.000"))
            #expect(page.text.contains("SOC-1 Interaksi komunitas"))
        }
    }
}

/// Lets tests build JSON bodies of mixed types.
struct AnyEncodable: Encodable {
    private let encodeValue: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

@Suite("Programme list sorting")
struct ProgrammeSortTests {
    @Test("column headers sort the list both ways and keep the filters")
    func sort() async throws {
        try await withPilar(.sqlite) { app in
            let asc = try await ProgrammeRepository(db: app.db).list(region: "35.74", filter: .init(sort: .agency))
            #expect(asc.map(\.leadAgency) == asc.map(\.leadAgency).sorted())
            let desc = try await ProgrammeRepository(db: app.db).list(region: "35.74", filter: .init(sort: .years, descending: true))
            #expect(desc.map(\.startYear) == desc.map(\.startYear).sorted(by: >))
            let browser = try await Browser.signedIn(app, as: Fixture.email(for: .viewer))
            let page = try await browser.get("/regions/35.74/programmes?dimension=ENV&sort=title&dir=asc")
            #expect(page.text.contains("href=\"?dimension=ENV&amp;sort=title&amp;dir=desc\" id=\"sort-title\""))
            let titles = page.text.components(separatedBy: "<td><a href=\"/programmes/").dropFirst().map { $0.components(separatedBy: ">")[1].components(separatedBy: "<")[0] }
            #expect(titles.count == 4)
            #expect(titles == titles.sorted())
        }
    }
}
