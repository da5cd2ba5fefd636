import Fluent
import Foundation
import PilarCore
import Vapor

/// The open data part of the public portal (Satu Data Indonesia, Perpres 39/2019): an index page, each
/// dataset as CSV and JSON with its metadata, and a DCAT-AP catalogue in JSON-LD for harvesters such as
/// data.go.id. Everything here is public; no dataset holds personal data (see `OpenDataRepository`).
struct OpenDataController: RouteCollection {
    struct IndexPage: Encodable {
        struct Dataset: Encodable {
            let identifier: String
            let title: String
            let description: String
            let temporal: String
            let modified: String
            let records: Int
            let keywords: String
            let csv: String
            let json: String
        }
        struct Region: Encodable {
            let code: String
            let name: String
            let source: String
            let metadata: String
            let datasets: [Dataset]
        }
        let regions: [Region]
        let hasRegions: Bool
        let national: Dataset
        let nationalSource: String
        let licence: String
        let licenceURL: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let everyone = routes.access(.everyone)
        everyone.get("data", use: index)
        everyone.get("data", ":file", use: nationalFile)
        everyone.get("data", "regions", ":code", ":file", use: regionFile)
    }

    // MARK: Page

    @Sendable func index(req: Request) async throws -> Response {
        let repository = OpenDataRepository(db: req.db)
        let regions = try await repository.regions()
        let datasets = try await repository.datasets(of: regions)
        let national = try await repository.nationalEvaluations()
        let english = req.language == .en
        let blocks = regions.map { region in
            IndexPage.Region(code: region.code, name: region.name, source: "Pilar – " + region.name,
                             metadata: "/data/regions/\(region.code)/metadata.json",
                             datasets: datasets.filter { $0.region == region }.map { Self.row($0, english: english) })
        }
        let page = IndexPage(regions: blocks, hasRegions: !blocks.isEmpty, national: Self.row(national, english: english),
                             nationalSource: national.metadata.source, licence: OpenDataRepository.licence,
                             licenceURL: OpenDataRepository.licenceURL)
        return try await req.render("opendata/index", titleKey: "opendata.title", page).encodeResponse(for: req)
    }

    private static func row(_ dataset: OpenDataRepository.Dataset, english: Bool) -> IndexPage.Dataset {
        let metadata = dataset.metadata
        return IndexPage.Dataset(identifier: metadata.identifier, title: metadata.title.text(english: english),
                                 description: metadata.description.text(english: english), temporal: metadata.temporal?.label ?? "–",
                                 modified: String(metadata.modifiedText.prefix(10)), records: metadata.records,
                                 keywords: metadata.keywords.joined(separator: ", "), csv: dataset.csvPath, json: dataset.jsonPath)
    }

    // MARK: Files

    enum Format: String {
        case csv, json
    }

    /// `programmes.csv` → (`programmes`, .csv); nil for anything else.
    static func split(_ file: String) -> (name: String, format: Format)? {
        guard let dot = file.lastIndex(of: ".") else { return nil }
        guard let format = Format(rawValue: String(file[file.index(after: dot)...])) else { return nil }
        return (String(file[..<dot]), format)
    }

    @Sendable func nationalFile(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        let repository = OpenDataRepository(db: req.db)
        let base = Self.baseURL(req)
        if file == "catalog.json" {
            let catalog = Self.catalog(try await repository.all(), base: base)
            return try Self.json(catalog, contentType: "application/ld+json; charset=utf-8")
        }
        guard let parts = Self.split(file), parts.name == OpenDataRepository.Kind.evaluations.rawValue else {
            throw PilarError.notFound("dataset")
        }
        return try Self.file(try await repository.nationalEvaluations(), format: parts.format, base: base)
    }

    @Sendable func regionFile(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let file = req.parameters.get("file") ?? ""
        let repository = OpenDataRepository(db: req.db)
        guard RegionCode(code) != nil, let region = try await repository.region(code) else { throw PilarError.notFound("region") }
        let base = Self.baseURL(req)
        if file == "metadata.json" {
            struct RegionMetadata: Encodable {
                let code: String
                let name: String
                let kode_wilayah: String
                let datasets: [OpenDataRepository.Metadata]
            }
            let datasets = try await repository.datasets(of: [region])
            return try Self.json(RegionMetadata(code: region.code, name: region.name, kode_wilayah: region.code,
                                                datasets: datasets.map { $0.metadata.absolute(base) }))
        }
        guard let parts = Self.split(file), let kind = OpenDataRepository.Kind(rawValue: parts.name) else {
            throw PilarError.notFound("dataset")
        }
        return try Self.file(try await repository.dataset(kind, region: region), format: parts.format, base: base)
    }

    struct Document: Encodable {
        let metadata: OpenDataRepository.Metadata
        let data: [OpenDataRepository.Row]
    }

    static func file(_ dataset: OpenDataRepository.Dataset, format: Format, base: String) throws -> Response {
        let response: Response
        switch format {
        case .json:
            response = try Self.json(Document(metadata: dataset.metadata.absolute(base), data: dataset.jsonRows))
        case .csv:
            let lines = [CSVTable.line(dataset.columns)] + dataset.rows.map { CSVTable.line($0.map(\.csv)) }
            response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(dataset.identifier).csv\"")
            response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        }
        let metadata = dataset.metadata
        response.headers.replaceOrAdd(name: "X-Dataset-Identifier", value: headerText(metadata.identifier))
        response.headers.replaceOrAdd(name: "X-Dataset-Licence", value: OpenDataRepository.licence)
        response.headers.replaceOrAdd(name: "X-Dataset-Licence-URL", value: OpenDataRepository.licenceURL)
        response.headers.replaceOrAdd(name: "X-Dataset-Source", value: headerText(metadata.source))
        response.headers.replaceOrAdd(name: "X-Dataset-Modified", value: metadata.modifiedText)
        if let code = metadata.kodeWilayah {
            response.headers.replaceOrAdd(name: "X-Kode-Wilayah", value: code)
        }
        return response
    }

    /// Header values stay ASCII: the en dash becomes a hyphen, anything else outside ASCII a question mark.
    static func headerText(_ text: String) -> String {
        String(text.replacingOccurrences(of: "–", with: "-").map { $0.isASCII && !$0.isNewline ? $0 : "?" })
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: status, body: .init(data: try encoder.encode(value)))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        // Public data without credentials: any web page may read it.
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }

    /// `http://<host>` from the request, `https` when a proxy says the client used TLS. A Host header
    /// with unexpected characters is ignored rather than copied into links.
    static func baseURL(_ req: Request) -> String {
        let allowed: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        var host = "localhost"
        if let sent = req.headers.first(name: .host), !sent.isEmpty, sent.count <= 255, sent.allSatisfy({ allowed.contains($0) }) {
            host = sent
        }
        let scheme = req.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https" ? "https" : "http"
        return scheme + "://" + host
    }

    // MARK: DCAT-AP catalogue

    struct Literal: Encodable {
        let language: String
        let value: String

        enum CodingKeys: String, CodingKey {
            case language = "@language"
            case value = "@value"
        }

        static func both(_ text: OpenDataRepository.Text) -> [Literal] {
            [Literal(language: "id", value: text.id), Literal(language: "en", value: text.en)]
        }
    }

    struct Agent: Encodable {
        let type = "foaf:Organization"
        let name: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name = "foaf:name"
        }
    }

    struct Contact: Encodable {
        let type = "vcard:Organization"
        let name: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name = "vcard:fn"
        }
    }

    struct Location: Encodable {
        let type = "dct:Location"
        let identifier: String
        let label: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case identifier = "dct:identifier"
            case label = "dct:title"
        }
    }

    struct PeriodOfTime: Encodable {
        let type = "dct:PeriodOfTime"
        let start: String
        let end: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case start = "dcat:startDate"
            case end = "dcat:endDate"
        }
    }

    struct CatalogDistribution: Encodable {
        let type = "dcat:Distribution"
        let title: String
        let downloadURL: String
        let accessURL: String
        let mediaType: String
        let format: String
        let license: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case title = "dct:title"
            case downloadURL = "dcat:downloadURL"
            case accessURL = "dcat:accessURL"
            case mediaType = "dcat:mediaType"
            case format = "dct:format"
            case license = "dct:license"
        }
    }

    struct CatalogDataset: Encodable {
        let id: String
        let type = "dcat:Dataset"
        let identifier: String
        let title: [Literal]
        let description: [Literal]
        let keywords: [String]
        let publisher: Agent
        let contactPoint: Contact
        let modified: String
        let spatial: Location
        let temporal: PeriodOfTime?
        let license: String
        let source: String
        let distributions: [CatalogDistribution]

        enum CodingKeys: String, CodingKey {
            case id = "@id"
            case type = "@type"
            case identifier = "dct:identifier"
            case title = "dct:title"
            case description = "dct:description"
            case keywords = "dcat:keyword"
            case publisher = "dct:publisher"
            case contactPoint = "dcat:contactPoint"
            case modified = "dct:modified"
            case spatial = "dct:spatial"
            case temporal = "dct:temporal"
            case license = "dct:license"
            case source = "dct:source"
            case distributions = "dcat:distribution"
        }
    }

    struct DCATCatalog: Encodable {
        let context: [String: ContextEntry]
        let id: String
        let type = "dcat:Catalog"
        let title: [Literal]
        let description: [Literal]
        let publisher: Agent
        let license: String
        let homepage: String
        let modified: String
        let datasets: [CatalogDataset]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id = "@id"
            case type = "@type"
            case title = "dct:title"
            case description = "dct:description"
            case publisher = "dct:publisher"
            case license = "dct:license"
            case homepage = "foaf:homepage"
            case modified = "dct:modified"
            case datasets = "dcat:dataset"
        }
    }

    /// A prefix (`"dcat": "http://www.w3.org/ns/dcat#"`) or a term whose values are IRIs (`{"@type":"@id"}`).
    enum ContextEntry: Encodable {
        case prefix(String)
        case iri

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .prefix(let namespace):
                var container = encoder.singleValueContainer()
                try container.encode(namespace)
            case .iri:
                var container = encoder.container(keyedBy: OpenDataRepository.DynamicKey.self)
                try container.encode("@id", forKey: OpenDataRepository.DynamicKey("@type"))
            }
        }
    }

    static func catalog(_ datasets: [OpenDataRepository.Dataset], base: String) -> DCATCatalog {
        let licence = OpenDataRepository.licenceURL
        let entries: [CatalogDataset] = datasets.map { dataset in
            let metadata = dataset.metadata
            let distributions = metadata.distributions.map { distribution in
                CatalogDistribution(title: metadata.title.id + " (" + distribution.format + ")", downloadURL: base + distribution.url,
                                    accessURL: base + distribution.url, mediaType: distribution.mediaType, format: distribution.format,
                                    license: licence)
            }
            return CatalogDataset(
                id: base + "/data#" + metadata.identifier, identifier: metadata.identifier,
                title: Literal.both(metadata.title), description: Literal.both(metadata.description), keywords: metadata.keywords,
                publisher: Agent(name: metadata.publisher), contactPoint: Contact(name: metadata.publisher),
                modified: metadata.modifiedText,
                spatial: Location(identifier: metadata.kodeWilayah ?? "ID", label: metadata.spatial),
                temporal: metadata.temporal.map { PeriodOfTime(start: $0.startDay, end: $0.endDay) },
                license: licence, source: metadata.source, distributions: distributions)
        }
        let modified = datasets.map(\.metadata.modified).max() ?? Date()
        let context: [String: ContextEntry] = [
            "dcat": .prefix("http://www.w3.org/ns/dcat#"),
            "dct": .prefix("http://purl.org/dc/terms/"),
            "foaf": .prefix("http://xmlns.com/foaf/0.1/"),
            "vcard": .prefix("http://www.w3.org/2006/vcard/ns#"),
            "dcat:downloadURL": .iri,
            "dcat:accessURL": .iri,
            "dct:license": .iri,
            "foaf:homepage": .iri,
        ]
        return DCATCatalog(
            context: context, id: base + "/data/catalog.json",
            title: [Literal(language: "id", value: "Data terbuka Pilar"), Literal(language: "en", value: "Pilar open data")],
            description: [
                Literal(language: "id", value: "Dataset publik Gerakan Menuju Smart City dari Pilar (Satu Data Indonesia, Perpres 39/2019): program, capaian indikator yang disetujui, hasil evaluasi yang diterbitkan dan statistik pengaduan warga. Tanpa data pribadi."),
                Literal(language: "en", value: "Public datasets of the Movement Towards Smart City from Pilar (Satu Data Indonesia, Perpres 39/2019): programmes, approved indicator results, published evaluation results and citizens' report statistics. No personal data."),
            ],
            publisher: Agent(name: "Pilar – " + OpenDataRepository.nationalPublisher), license: licence, homepage: base + "/data",
            modified: ISO8601DateFormatter().string(from: modified), datasets: entries)
    }
}
