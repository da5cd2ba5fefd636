import Fluent
import SQLKit
import Vapor

/// Framework versions with their dimensions and elements, read in two queries.
struct FrameworkRepository {
    let db: any Database

    struct Name: Content, Equatable {
        let id: String
        let en: String
    }

    struct Element: Content {
        let code: String
        let name: Name
    }

    struct Dimension: Content {
        let code: String
        let name: Name
        var elements: [Element]
    }

    struct Framework: Content {
        let version: String
        let name: Name
        let dimensions: [Dimension]
    }

    /// The framework version a region has adopted, or nil while it has none.
    func adopted(by region: RegionRepository.Summary) async throws -> Framework? {
        guard let code = region.framework else { return nil }
        return try await find(code)
    }

    func versions() async throws -> [String] {
        try await FrameworkVersionModel.query(on: db).sort(\.$id).all().compactMap(\.id)
    }

    func find(_ code: String) async throws -> Framework? {
        guard let version = try await FrameworkVersionModel.find(code, on: db) else { return nil }
        let sql = db as! any SQLDatabase
        struct Row: Decodable {
            let dimension_code: String
            let dimension_id_name: String
            let dimension_en_name: String
            let element_code: String?
            let element_id_name: String?
            let element_en_name: String?
        }
        let rows = try await sql.raw("""
            SELECT d.code AS dimension_code, d.name_id AS dimension_id_name, d.name_en AS dimension_en_name,
                   e.code AS element_code, e.name_id AS element_id_name, e.name_en AS element_en_name
            FROM dimensions d LEFT JOIN elements e ON e.dimension_id = d.id
            WHERE d.framework_code = \(bind: code)
            ORDER BY d.position, e.position
            """).all(decoding: Row.self)
        var dimensions: [Dimension] = []
        for row in rows {
            if dimensions.last?.code != row.dimension_code {
                dimensions.append(Dimension(code: row.dimension_code,
                                            name: Name(id: row.dimension_id_name, en: row.dimension_en_name), elements: []))
            }
            if let code = row.element_code, let nameID = row.element_id_name, let nameEN = row.element_en_name {
                dimensions[dimensions.count - 1].elements.append(Element(code: code, name: Name(id: nameID, en: nameEN)))
            }
        }
        return Framework(version: code, name: Name(id: version.nameID, en: version.nameEN), dimensions: dimensions)
    }
}
