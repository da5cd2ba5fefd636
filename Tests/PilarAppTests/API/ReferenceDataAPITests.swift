import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Reference data API: health, framework, regions")
struct ReferenceDataAPITests {
    struct Health: Decodable { let status: String; let database: String }
    struct Framework: Decodable {
        struct Dimension: Decodable { let code: String; let elements: [Element] }
        struct Element: Decodable { let code: String; let name: [String: String] }
        let version: String
        let dimensions: [Dimension]
    }
    struct RegionList: Decodable { let count: Int; let regions: [RegionRepository.Summary] }

    @Test("health names the database in use", arguments: Backend.all)
    func health(backend: Backend) async throws {
        try await withPilar(backend, demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/health")
            #expect(response.status == .ok)
            #expect(try response.decode(Health.self).database == backend.name)
            #expect(try response.decode(Health.self).status == "ok")
        }
    }

    @Test("the framework lists six dimensions with their eighteen elements in both languages", arguments: Backend.all)
    func framework(backend: Backend) async throws {
        try await withPilar(backend, demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/framework")
            #expect(response.status == .ok)
            let framework = try response.decode(Framework.self)
            #expect(framework.version == "kominfo-2021")
            #expect(framework.dimensions.map(\.code) == ["GOV", "BRD", "ECO", "LIV", "SOC", "ENV"])
            #expect(framework.dimensions.flatMap(\.elements).count == 18)
            #expect(framework.dimensions[0].elements[0].name == ["id": "Pelayanan publik", "en": "Public service"])

            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/framework?version=kominfo-1999")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }

    @Test("regions filter by kind and province", arguments: Backend.all)
    func regions(backend: Backend) async throws {
        try await withPilar(backend, demo: false) { app in
            let all = try await app.testing().sendRequest(.GET, "/api/v1/regions").decode(RegionList.self)
            #expect(all.count == 552)
            let cities = try await app.testing().sendRequest(.GET, "/api/v1/regions?kind=kota&province=35").decode(RegionList.self)
            #expect(cities.count == 9)
            #expect(cities.regions.contains { $0.code == "35.74" && $0.name == "Kota Probolinggo" })
            #expect(cities.regions.allSatisfy { $0.kind == "kota" && $0.provinceCode == "35" })
            let search = try await app.testing().sendRequest(.GET, "/api/v1/regions?q=probolinggo").decode(RegionList.self)
            #expect(Set(search.regions.map(\.code)) == ["35.13", "35.74"])
        }
    }

    @Test("one region by its Kemendagri code; bad and unknown codes are told apart", arguments: Backend.all)
    func region(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/regions/35.74")
            #expect(response.status == .ok)
            let region = try response.decode(RegionRepository.Summary.self)
            #expect(region.name == "Kota Probolinggo")
            #expect(region.kind == "kota")
            #expect(region.framework == "kominfo-2021")

            let bad = try await app.testing().sendRequest(.GET, "/api/v1/regions/probolinggo")
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_region_code")
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/regions/35.98")
            #expect(unknown.status == .notFound)
        }
    }

    @Test("bad filters are refused with the field named", arguments: ["kind=desa", "province=jatim", "province=35.74"])
    func badFilters(query: String) async throws {
        try await withPilar(.sqlite, demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/regions?\(query)")
            #expect(response.status == .unprocessableEntity)
            let body = try response.decode(APIErrorBody.self)
            #expect(body.error.code == "validation_failed")
            #expect(body.error.fields?.first?.field == String(query.prefix { $0 != "=" }))
        }
    }
}

@Suite("Error answers")
struct ErrorAnswerTests {
    @Test("errors carry the security headers and API 401s say how to authenticate")
    func headers() async throws {
        try await withPilar(.sqlite, demo: false) { app in
            let page = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
            let api = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(api.headers.first(name: "Content-Security-Policy") != nil)
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/regions/35.98")
            #expect(try missing.decode(APIErrorBody.self).error.message == "Not found. (region 35.98)")
        }
    }
}
