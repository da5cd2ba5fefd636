import Fluent
import Foundation
import PilarCore
import Vapor

/// A read-only subset of the CKAN action API (`/api/3/action/…`), so portals that harvest CKAN
/// (data.go.id, regional Satu Data portals) can list and read Pilar's open datasets. Answers are
/// built here in CKAN's own envelope, errors included, rather than by Pilar's error middleware.
struct CKANController: RouteCollection {
    static let maxRows = 1000
    static let defaultRows = 10

    func boot(routes: any RoutesBuilder) throws {
        let action = routes.grouped("api", "3", "action").access(.everyone)
        action.get("package_list", use: packageList)
        action.get("package_show", use: packageShow)
        action.get("package_search", use: packageSearch)
        action.get("organization_list", use: organizationList)
    }

    // MARK: Shapes

    struct Organization: Encodable {
        let id: String
        let name: String
        let title: String
        let displayName: String
        let description: String
        let type = "organization"
        let isOrganization = true
        let state = "active"
        let packageCount: Int?

        enum CodingKeys: String, CodingKey {
            case id, name, title, description, type, state
            case displayName = "display_name"
            case isOrganization = "is_organization"
            case packageCount = "package_count"
        }
    }

    struct Resource: Encodable {
        let id: String
        let packageID: String
        let name: String
        let description: String
        let url: String
        let format: String
        let mimetype: String
        let position: Int
        let lastModified: String

        enum CodingKeys: String, CodingKey {
            case id, name, description, url, format, mimetype, position
            case packageID = "package_id"
            case lastModified = "last_modified"
        }
    }

    struct Extra: Encodable {
        let key: String
        let value: String
    }

    struct Tag: Encodable {
        let name: String
        let displayName: String

        enum CodingKeys: String, CodingKey {
            case name
            case displayName = "display_name"
        }
    }

    struct Package: Encodable {
        let id: String
        let name: String
        let title: String
        let notes: String
        let licenseID = "cc-by"
        let licenseTitle = OpenDataRepository.licenceTitle
        let licenseURL = OpenDataRepository.licenceURL
        let organization: Organization
        let ownerOrg: String
        let author: String
        let maintainer: String
        let metadataModified: String
        let state = "active"
        let type = "dataset"
        let isPrivate = false
        let isOpen = true
        let numResources: Int
        let numTags: Int
        let resources: [Resource]
        let extras: [Extra]
        let tags: [Tag]

        enum CodingKeys: String, CodingKey {
            case id, name, title, notes, organization, author, maintainer, state, type, resources, extras, tags
            case licenseID = "license_id"
            case licenseTitle = "license_title"
            case licenseURL = "license_url"
            case ownerOrg = "owner_org"
            case metadataModified = "metadata_modified"
            case isPrivate = "private"
            case isOpen = "isopen"
            case numResources = "num_resources"
            case numTags = "num_tags"
        }
    }

    struct SearchResult: Encodable {
        let count: Int
        let sort: String
        let facets: [String: String]
        let searchFacets: [String: String]
        let results: [Package]

        enum CodingKeys: String, CodingKey {
            case count, sort, facets, results
            case searchFacets = "search_facets"
        }
    }

    struct Envelope<Result: Encodable>: Encodable {
        let help: String
        let success: Bool
        let result: Result
    }

    /// CKAN's error object: `message` and `__type`, plus one list of messages per faulty field.
    struct ErrorBody: Encodable {
        let message: String
        let type: String
        let fields: [String: [String]]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: OpenDataRepository.DynamicKey.self)
            try container.encode(message, forKey: OpenDataRepository.DynamicKey("message"))
            try container.encode(type, forKey: OpenDataRepository.DynamicKey("__type"))
            for (field, messages) in fields {
                try container.encode(messages, forKey: OpenDataRepository.DynamicKey(field))
            }
        }
    }

    struct Failure: Encodable {
        let help: String
        let success = false
        let error: ErrorBody
    }

    // MARK: Actions

    @Sendable func packageList(req: Request) async throws -> Response {
        let packages = try await Self.packages(req)
        return try Self.ok(req, action: "package_list", packages.map(\.name).sorted())
    }

    @Sendable func packageShow(req: Request) async throws -> Response {
        let id = Validate.trimmed(try? req.query.get(String.self, at: "id"))
        guard !id.isEmpty else {
            return try Self.failure(req, action: "package_show", status: .conflict, type: "Validation Error",
                                    message: "Missing value", fields: ["id": ["Missing value"]])
        }
        guard let found = try await Self.packages(req).first(where: { $0.name == id || $0.id == id }) else {
            return try Self.failure(req, action: "package_show", status: .notFound, type: "Not Found Error", message: "Not found")
        }
        return try Self.ok(req, action: "package_show", found)
    }

    @Sendable func packageSearch(req: Request) async throws -> Response {
        var fields: [String: [String]] = [:]
        let rows = Self.integer(req, "rows", default: Self.defaultRows, range: 0...Self.maxRows, into: &fields)
        let start = Self.integer(req, "start", default: 0, range: 0...Int(Int32.max), into: &fields)
        guard fields.isEmpty else {
            return try Self.failure(req, action: "package_search", status: .conflict, type: "Validation Error",
                                    message: "Invalid parameters", fields: fields)
        }
        let query = Validate.trimmed(try? req.query.get(String.self, at: "q")).lowercased()
        let terms = query == "*:*" ? [] : query.split(whereSeparator: \.isWhitespace).map(String.init)
        let matches = try await Self.packages(req).filter { entry in
            let haystack = ([entry.name, entry.id, entry.title, entry.notes] + entry.extras.map(\.value) + entry.tags.map(\.name))
                .joined(separator: " ").lowercased()
            return terms.allSatisfy { haystack.contains($0) }
        }.sorted { $0.name < $1.name }
        let page = Array(matches.dropFirst(start).prefix(rows))
        return try Self.ok(req, action: "package_search",
                           SearchResult(count: matches.count, sort: "name asc", facets: [:], searchFacets: [:], results: page))
    }

    @Sendable func organizationList(req: Request) async throws -> Response {
        let packages = try await Self.packages(req)
        var organizations: [String: Organization] = [:]
        var counts: [String: Int] = [:]
        for entry in packages {
            organizations[entry.organization.name] = entry.organization
            counts[entry.organization.name, default: 0] += 1
        }
        let names = organizations.keys.sorted()
        let allFields = ["true", "1", "yes"].contains((try? req.query.get(String.self, at: "all_fields"))?.lowercased() ?? "")
        if allFields {
            let full = names.compactMap { name -> Organization? in
                guard let o = organizations[name] else { return nil }
                return Organization(id: o.id, name: o.name, title: o.title, displayName: o.displayName, description: o.description,
                                    packageCount: counts[name] ?? 0)
            }
            return try Self.ok(req, action: "organization_list", full)
        }
        return try Self.ok(req, action: "organization_list", names)
    }

    // MARK: Building

    static func packages(_ req: Request) async throws -> [Package] {
        let base = OpenDataController.baseURL(req)
        return try await OpenDataRepository(db: req.db).all().map { Self.makePackage($0, base: base) }
    }

    static func makePackage(_ dataset: OpenDataRepository.Dataset, base: String) -> Package {
        let metadata = dataset.metadata
        let owner = dataset.organization
        let organization = Organization(
            id: owner.name, name: owner.name, title: owner.title, displayName: owner.title,
            description: dataset.region.map { "Data terbuka smart city \($0.name) (kode wilayah \($0.code))" }
                ?? "Data terbuka nasional Gerakan Menuju Smart City",
            packageCount: nil)
        let modified = metadata.modifiedText
        let resources = metadata.distributions.enumerated().map { position, distribution in
            Resource(id: metadata.identifier + "-" + distribution.format.lowercased(), packageID: metadata.identifier,
                     name: metadata.title.id + " (" + distribution.format + ")", description: metadata.description.id,
                     url: base + distribution.url, format: distribution.format, mimetype: distribution.mediaType,
                     position: position, lastModified: modified)
        }
        var extras = [
            Extra(key: "kode_wilayah", value: metadata.kodeWilayah ?? ""),
            Extra(key: "publisher", value: metadata.publisher),
            Extra(key: "source", value: metadata.source),
            Extra(key: "spatial", value: metadata.spatial),
            Extra(key: "title_en", value: metadata.title.en),
            Extra(key: "notes_en", value: metadata.description.en),
            Extra(key: "licence", value: OpenDataRepository.licence),
        ]
        if let temporal = metadata.temporal {
            extras.append(Extra(key: "temporal", value: temporal.label))
            extras.append(Extra(key: "temporal_start", value: temporal.startDay))
            extras.append(Extra(key: "temporal_end", value: temporal.endDay))
        }
        let tags = metadata.keywords.map { Tag(name: $0, displayName: $0) }
        return Package(id: metadata.identifier, name: dataset.ckanName, title: metadata.title.id, notes: metadata.description.id,
                       organization: organization, ownerOrg: owner.name, author: metadata.publisher, maintainer: metadata.publisher,
                       metadataModified: modified, numResources: resources.count, numTags: tags.count,
                       resources: resources, extras: extras, tags: tags)
    }

    /// An optional integer query parameter within `range`; a bad one is noted in `fields` the way CKAN words it.
    static func integer(_ req: Request, _ name: String, default fallback: Int, range: ClosedRange<Int>, into fields: inout [String: [String]]) -> Int {
        guard let raw = try? req.query.get(String.self, at: name), !Validate.trimmed(raw).isEmpty else { return fallback }
        guard let value = Int(Validate.trimmed(raw)) else {
            fields[name] = ["Invalid integer"]
            return fallback
        }
        if value < range.lowerBound {
            fields[name] = ["Must be a natural number"]
            return fallback
        }
        if value > range.upperBound {
            fields[name] = ["Must be less than or equal to \(range.upperBound)"]
            return fallback
        }
        return value
    }

    // MARK: Responses

    static func help(_ req: Request, action: String) -> String {
        OpenDataController.baseURL(req) + "/api/3/action/" + action
    }

    static func ok<T: Encodable>(_ req: Request, action: String, _ result: T) throws -> Response {
        try OpenDataController.json(Envelope(help: help(req, action: action), success: true, result: result))
    }

    static func failure(_ req: Request, action: String, status: HTTPResponseStatus, type: String, message: String,
                        fields: [String: [String]] = [:]) throws -> Response {
        try OpenDataController.json(Failure(help: help(req, action: action), error: ErrorBody(message: message, type: type, fields: fields)),
                                    status: status)
    }
}
