import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Bahasa Indonesia and English")
struct LanguageTests {
    @Test("pages are Indonesian by default and English after the switch, which persists")
    func switchLanguage() async throws {
        try await withPilar(.sqlite) { app in
            let browser = Browser(app)
            let indonesian = try await browser.get("/login")
            #expect(indonesian.text.contains("<html lang=\"id\">"))
            #expect(indonesian.text.contains("Kata sandi"))
            let switched = try await browser.get("/lang/en?next=/login")
            #expect(switched.location == "/login")
            let english = try await browser.get("/login")
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("Password"))
            try await browser.login(email: Fixture.regionAdmin, password: Fixture.password)
            let agencies = try await browser.get("/regions/35.74/agencies")
            #expect(agencies.text.contains("Add an agency"))
            _ = try await browser.get("/lang/id?next=/")
            #expect(try await browser.get("/regions/35.74/agencies").text.contains("Tambah perangkat daerah"))
        }
    }

    @Test("both catalogs hold every key the templates use")
    func catalogsComplete() throws {
        let views = URL(fileURLWithPath: PilarResources.views)
        let files = FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "leaf" }
        #expect(files.count >= 10)
        var keys = Set<String>()
        // Leaf reads `#t("key"):` as a tag opening a body and fails the whole page at run time.
        let colonAfterTag = try Regex(#"#t\("[^"]*"\):"#)
        let pattern = try Regex(#"#t\("([a-z0-9_.\-]+)"\)"#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.matches(of: colonAfterTag).isEmpty, "\(file.lastPathComponent) has #t(…): which Leaf cannot parse")
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { keys.insert(String(key)) }
            }
        }
        #expect(keys.count > 50)
        let missing = keys.filter { CatalogEntries.all[$0] == nil }
        #expect(missing.isEmpty, "keys without translation: \(missing.sorted())")
        let blank = CatalogEntries.all.filter { $0.value.id.isEmpty || $0.value.en.isEmpty }.map(\.key)
        #expect(blank.isEmpty)
        for role in Role.allCases { #expect(CatalogEntries.all["role." + role.rawValue] != nil) }
        for kind in AgencyKind.allCases { #expect(CatalogEntries.all["agency.kind." + kind.rawValue] != nil) }
    }

    @Test("an unknown language is a clear not-found, not a broken page")
    func unknownLanguage() async throws {
        try await withPilar(.sqlite, demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/lang/fr")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("Data tidak ditemukan."))
        }
    }
}

import PilarCore
