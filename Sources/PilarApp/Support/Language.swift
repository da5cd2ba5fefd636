import Leaf
import Vapor

/// Bahasa Indonesia first, English second.
enum Language: String, CaseIterable, Sendable {
    case id
    case en

    static let cookieName = "pilar-lang"

    var other: Language { self == .id ? .en : .id }
}

extension Request {
    /// The reader's language: their choice (cookie) or Indonesian.
    var language: Language {
        cookies[Language.cookieName].flatMap { Language(rawValue: $0.string) } ?? .id
    }

    var catalog: Catalog { Catalog.for(language) }
}

/// One lookup for every user-facing string. Keys are stable; a missing key shows itself as the key
/// (and a test checks both catalogs define the same keys), so gaps are noticed rather than blank.
struct Catalog: Sendable {
    let language: Language
    let entries: [String: String]

    func text(_ key: String) -> String { entries[key] ?? key }

    static func `for`(_ language: Language) -> Catalog {
        language == .id ? indonesian : english
    }

    static let indonesian = Catalog(language: .id, entries: CatalogEntries.all.mapValues(\.id))
    static let english = Catalog(language: .en, entries: CatalogEntries.all.mapValues(\.en))
}

/// `#t("key")` in templates: the page context carries `lang`, the tag looks the key up.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(1)
        guard let key = ctx.parameters[0].string else { return .string("") }
        let language = ctx.data["lang"]?.string.flatMap(Language.init(rawValue:)) ?? .id
        return .string(Catalog.for(language).text(key))
    }
}
