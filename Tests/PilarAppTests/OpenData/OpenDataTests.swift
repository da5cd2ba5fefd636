import Fluent
import Foundation
@testable import PilarApp
import Testing
import VaporTesting

@Suite("Open data")
struct OpenDataTests {
    static let host = "data.pilar.test"
    static let region = DemoData.regionCode
    static let kinds = ["programmes", "indicator-values", "evaluations", "complaint-statistics"]
    static let columns: [String: [String]] = [
        "programmes": ["id", "region_code", "region_name", "dimension_code", "title", "lead_agency", "horizon", "status", "start_year", "end_year"],
        "indicator-values": ["region_code", "programme_id", "programme_title", "indicator_id", "indicator_name", "level", "unit", "period",
                             "target", "value", "citizen_source", "status"],
        "evaluations": ["region_code", "region_name", "period", "method", "index_value", "predicate", "legacy"],
        "complaint-statistics": ["region_code", "semester", "service_code", "service_name", "received", "open", "resolved", "closed",
                                 "declined", "median_days_to_resolution"],
    ]

    // MARK: Datasets

    @Test("each dataset of a region: CSV and JSON hold the same rows, the agreed header and the metadata", arguments: Backend.all)
    func datasetsAgree(backend: Backend) async throws {
        try await withPilar(backend) { app in
            var rowCounts: [String: Int] = [:]
            for kind in Self.kinds {
                let csv = try await Self.get(app, "/data/regions/\(Self.region)/\(kind).csv")
                #expect(csv.status == .ok, "\(kind).csv")
                #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
                #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"\(Self.region)-\(kind).csv\"")
                #expect(csv.headers.first(name: "X-Dataset-Licence") == "CC-BY-4.0")
                #expect(csv.headers.first(name: "X-Kode-Wilayah") == Self.region)
                #expect(csv.headers.first(name: "X-Dataset-Source") == "Pilar - Kota Probolinggo")
                #expect(csv.headers.first(name: "X-Dataset-Modified").flatMap { ISO8601DateFormatter().date(from: $0) } != nil)
                #expect(csv.text.hasSuffix("\r\n"))
                let table = try CSVTable.parse(csv.text)
                let header = try #require(table.first)
                #expect(header == Self.columns[kind], "\(kind) header")

                let json = try await Self.get(app, "/data/regions/\(Self.region)/\(kind).json")
                #expect(json.status == .ok, "\(kind).json")
                #expect(json.headers.first(name: .contentType)?.hasPrefix("application/json") == true)
                let document = try Self.object(json)
                let metadata = try #require(document["metadata"] as? [String: Any])
                let data = try #require(document["data"] as? [[String: Any]])
                #expect(table.count - 1 == data.count, "\(kind): CSV and JSON row counts")
                #expect(metadata["identifier"] as? String == "\(Self.region)-\(kind)")
                #expect(metadata["licence"] as? String == "CC-BY-4.0")
                #expect(metadata["licence_url"] as? String == "https://creativecommons.org/licenses/by/4.0/")
                #expect(metadata["kode_wilayah"] as? String == Self.region)
                #expect((metadata["modified"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil)
                #expect(metadata["source"] as? String == "Pilar – Kota Probolinggo")
                #expect(metadata["publisher"] as? String == "Kota Probolinggo")
                let title = metadata["title"] as? [String: Any]
                #expect(title?["id"] is String && title?["en"] is String)
                #expect(((metadata["keywords"] as? [String]) ?? []).contains("Kota Probolinggo"))
                #expect(metadata["columns"] as? [String] == header)
                #expect(Self.number(metadata["records"]) == Double(data.count))
                let distributions = metadata["distributions"] as? [[String: Any]] ?? []
                #expect(distributions.compactMap { $0["url"] as? String }.sorted()
                    == ["http://\(Self.host)/data/regions/\(Self.region)/\(kind).csv", "http://\(Self.host)/data/regions/\(Self.region)/\(kind).json"])
                if !data.isEmpty {
                    #expect(metadata["temporal"] is String)
                }
                for (line, row) in zip(table.dropFirst(), data) {
                    #expect(Set(row.keys) == Set(header))
                    for (column, field) in zip(header, line) {
                        #expect(Self.agrees(field, row[column]), "\(kind).\(column): CSV \(field) but JSON \(String(describing: row[column]))")
                    }
                }
                rowCounts[kind] = data.count
            }
            let programmes = try await ProgrammeModel.query(on: app.db).filter(\.$regionCode == Self.region).count()
            #expect(programmes > 0 && rowCounts["programmes"] == programmes)
            let evaluations = try await EvaluationModel.query(on: app.db).filter(\.$regionCode == Self.region).filter(\.$state == "published").count()
            #expect(evaluations > 0 && rowCounts["evaluations"] == evaluations)
            #expect((rowCounts["indicator-values"] ?? 0) > 0)
            #expect((rowCounts["complaint-statistics"] ?? 0) > 0)
        }
    }

    @Test("indicator values: exactly the approved ones, with their figures; a value approved later appears", arguments: Backend.all)
    func onlyApprovedValues(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let programmeIDs = try await ProgrammeModel.query(on: app.db).filter(\.$regionCode == Self.region).all().compactMap(\.id)
            let planIDs = try await ActionPlanModel.query(on: app.db).filter(\.$programmeID ~~ programmeIDs).all().compactMap(\.id)
            let indicatorIDs = Set(try await IndicatorModel.query(on: app.db).filter(\.$actionPlanID ~~ planIDs).all().compactMap(\.id))
            let values = try await IndicatorValueModel.query(on: app.db).all().filter { indicatorIDs.contains($0.indicatorID) }
            #expect(values.contains { $0.state != "approved" }, "the demo has values not yet approved")
            let approved = values.filter { $0.state == "approved" }
            #expect(!approved.isEmpty)
            let expected = Dictionary(approved.map { ("\($0.indicatorID)|\($0.period)", $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(try await Self.publishedValues(app) == expected)

            // Approving one more value publishes it; nothing else changes.
            let pending = try #require(values.first { $0.state != "approved" })
            pending.state = "approved"
            try await pending.save(on: app.db)
            var more = expected
            more["\(pending.indicatorID)|\(pending.period)"] = pending.value
            #expect(try await Self.publishedValues(app) == more)
        }
    }

    @Test("complaint statistics count every report, confidential ones included, and add up")
    func complaintStatistics() async throws {
        try await withPilar(.sqlite) { app in
            let document = try Self.object(try await Self.get(app, "/data/regions/\(Self.region)/complaint-statistics.json"))
            let rows = try #require(document["data"] as? [[String: Any]])
            let total = try await ComplaintModel.query(on: app.db).filter(\.$regionCode == Self.region).count()
            let confidential = try await ComplaintModel.query(on: app.db).filter(\.$regionCode == Self.region).filter(\.$confidential == true).count()
            #expect(confidential > 0)
            #expect(rows.compactMap { Self.number($0["received"]) }.reduce(0, +) == Double(total))
            for row in rows {
                let parts = ["open", "resolved", "closed", "declined"].compactMap { Self.number(row[$0]) }.reduce(0, +)
                #expect(parts == Self.number(row["received"]))
                #expect((row["semester"] as? String).flatMap { Period($0) }?.frequency == .semester)
            }
            // The demo resolves a permit report within days, so a median exists for that category.
            let permits = rows.filter { $0["service_code"] as? String == "perizinan" }
            #expect(permits.contains { (Self.number($0["median_days_to_resolution"]) ?? 0) > 0 })
        }
    }

    @Test("evaluations: the national dataset holds every published result; a region's only its own")
    func evaluations() async throws {
        try await withPilar(.sqlite) { app in
            let published = try await EvaluationModel.query(on: app.db).filter(\.$state == "published").all()
            let national = try Self.object(try await Self.get(app, "/data/evaluations.json"))
            let rows = try #require(national["data"] as? [[String: Any]])
            #expect(rows.count == published.count)
            #expect(Set(rows.compactMap { $0["region_code"] as? String }).count >= 21)
            let metadata = try #require(national["metadata"] as? [String: Any])
            #expect(metadata["identifier"] as? String == "nasional-evaluations")
            #expect(metadata["kode_wilayah"] is NSNull)
            #expect(metadata["licence"] as? String == "CC-BY-4.0")

            let csv = try await Self.get(app, "/data/evaluations.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: "X-Kode-Wilayah") == nil)
            #expect(csv.headers.first(name: "X-Dataset-Licence") == "CC-BY-4.0")
            let table = try CSVTable.parse(csv.text)
            #expect(table.first == Self.columns["evaluations"])
            #expect(table.count - 1 == rows.count)

            let mine = rows.filter { $0["region_code"] as? String == Self.region }
            let regional = try Self.object(try await Self.get(app, "/data/regions/\(Self.region)/evaluations.json"))
            #expect((regional["data"] as? [[String: Any]])?.count == mine.count)
            let legacy = try #require(mine.first { $0["period"] as? String == "2019" })
            #expect(legacy["legacy"] as? Bool == true)
            #expect(Self.number(legacy["index_value"]) == 3.17)
            #expect(legacy["method"] is NSNull)
            #expect(mine.contains { ($0["method"] as? String)?.hasPrefix("smart-city-2022 v") == true && $0["legacy"] as? Bool == false })
            // Results not yet published (the open cycle) stay out.
            let unpublished = try await EvaluationModel.query(on: app.db).filter(\.$state != "published").all()
            for evaluation in unpublished {
                #expect(!rows.contains { $0["region_code"] as? String == evaluation.regionCode && $0["period"] as? String == evaluation.period })
            }
        }
    }

    @Test("unknown datasets, formats and regions answer 404; the index page lists every dataset")
    func notFoundAndIndex() async throws {
        try await withPilar(.sqlite) { app in
            var paths = ["/data/regions/\(Self.region)/nope.csv", "/data/regions/\(Self.region)/programmes.xml", "/data/regions/\(Self.region)/programmes",
                         "/data/regions/99.99/programmes.csv", "/data/regions/abc/programmes.csv", "/data/evaluations.xml", "/data/programmes.csv",
                         "/data/nothing", "/data/regions/\(Self.region)/metadata.csv"]
            if let outside = try await RegionModel.query(on: app.db).filter(\.$frameworkCode == nil).first()?.id {
                paths.append("/data/regions/\(outside)/programmes.csv")
            }
            for path in paths {
                #expect(try await Self.get(app, path).status == .notFound, "\(path)")
            }
            let browser = Browser(app)
            let page = try await browser.get("/data")
            #expect(page.status == .ok)
            #expect(page.text.contains("Data terbuka"))
            for kind in Self.kinds {
                #expect(page.text.contains("data-dataset=\"\(Self.region)-\(kind)\""))
                #expect(page.text.contains("href=\"/data/regions/\(Self.region)/\(kind).csv\""))
                #expect(page.text.contains("href=\"/data/regions/\(Self.region)/\(kind).json\""))
            }
            #expect(page.text.contains("data-dataset=\"nasional-evaluations\""))
            #expect(page.text.contains("href=\"/data/catalog.json\""))
            _ = try await browser.get("/lang/en?next=/data")
            #expect(try await browser.get("/data").text.contains("Smart city programmes – Kota Probolinggo"))

            let metadata = try Self.object(try await Self.get(app, "/data/regions/\(Self.region)/metadata.json"))
            #expect(metadata["kode_wilayah"] as? String == Self.region)
            #expect((metadata["datasets"] as? [[String: Any]])?.count == Self.kinds.count)
        }
    }

    // MARK: DCAT

    @Test("DCAT-AP catalogue: JSON-LD with a dataset per published table, each with absolute download URLs that answer", arguments: Backend.all)
    func catalog(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let response = try await Self.get(app, "/data/catalog.json")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("application/ld+json") == true)
            let catalog = try Self.object(response)
            #expect(catalog["@type"] as? String == "dcat:Catalog")
            let context = try #require(catalog["@context"] as? [String: Any])
            for prefix in ["dcat", "dct", "foaf", "vcard"] { #expect(context[prefix] is String, "\(prefix) prefix") }
            #expect(catalog["dct:title"] != nil && catalog["dct:description"] != nil && catalog["dct:publisher"] != nil)
            #expect(catalog["dct:license"] as? String == "https://creativecommons.org/licenses/by/4.0/")
            let datasets = try #require(catalog["dcat:dataset"] as? [[String: Any]])
            let regions = try await RegionModel.query(on: app.db).filter(\.$frameworkCode != nil).count()
            #expect(datasets.count == regions * Self.kinds.count + 1)
            let identifiers = datasets.compactMap { $0["dct:identifier"] as? String }
            #expect(Set(identifiers).count == datasets.count)
            #expect(identifiers.contains("\(Self.region)-programmes") && identifiers.contains("nasional-evaluations"))
            for dataset in datasets {
                let identifier = dataset["dct:identifier"] as? String ?? "?"
                #expect(dataset["@type"] as? String == "dcat:Dataset")
                #expect(dataset["dct:title"] != nil && dataset["dct:description"] != nil && dataset["dct:publisher"] != nil)
                #expect((dataset["dcat:keyword"] as? [String])?.isEmpty == false)
                #expect(dataset["dct:modified"] is String)
                #expect(dataset["dct:license"] as? String == "https://creativecommons.org/licenses/by/4.0/")
                #expect((dataset["dct:spatial"] as? [String: Any])?["dct:identifier"] is String, "\(identifier) spatial")
                let distributions = try #require(dataset["dcat:distribution"] as? [[String: Any]], "\(identifier)")
                #expect(Set(distributions.compactMap { $0["dcat:mediaType"] as? String }) == ["text/csv", "application/json"])
                for distribution in distributions {
                    let url = try #require(distribution["dcat:downloadURL"] as? String)
                    let prefix = "http://\(Self.host)/"
                    #expect(url.hasPrefix(prefix), "\(url)")
                    let download = try await Self.get(app, String(url.dropFirst(prefix.count - 1)))
                    #expect(download.status == .ok, "\(url)")
                    let mediaType = distribution["dcat:mediaType"] as? String ?? "?"
                    #expect(download.headers.first(name: .contentType)?.hasPrefix(mediaType) == true, "\(url)")
                    #expect(distribution["dct:format"] as? String == (mediaType == "text/csv" ? "CSV" : "JSON"))
                }
            }
            // Behind a TLS proxy the links say https.
            let secure = try Self.object(try await Self.get(app, "/data/catalog.json", forwardedProto: "https"))
            var urls: [String] = []
            for dataset in secure["dcat:dataset"] as? [[String: Any]] ?? [] {
                for distribution in dataset["dcat:distribution"] as? [[String: Any]] ?? [] {
                    if let url = distribution["dcat:downloadURL"] as? String { urls.append(url) }
                }
            }
            #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("https://\(Self.host)/") })
        }
    }

    // MARK: CKAN

    @Test("CKAN: envelopes, package_show of every listed name, not-found and validation errors, search and paging", arguments: Backend.all)
    func ckan(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let list = try Self.object(try await Self.get(app, "/api/3/action/package_list"))
            #expect(list["success"] as? Bool == true)
            #expect(list["help"] as? String == "http://\(Self.host)/api/3/action/package_list")
            let names = try #require(list["result"] as? [String])
            let regions = try await RegionModel.query(on: app.db).filter(\.$frameworkCode != nil).count()
            #expect(names.count == regions * Self.kinds.count + 1)
            #expect(names.contains("kota-probolinggo-35-74-programmes") && names.contains("nasional-evaluations"))
            #expect(names == names.sorted())

            for name in names {
                let shown = try await Self.get(app, "/api/3/action/package_show?id=\(name)")
                #expect(shown.status == .ok, "\(name)")
                let body = try Self.object(shown)
                #expect(body["success"] as? Bool == true)
                #expect(body["help"] as? String == "http://\(Self.host)/api/3/action/package_show")
                let result = try #require(body["result"] as? [String: Any])
                #expect(result["name"] as? String == name)
                #expect(result["license_id"] as? String == "cc-by")
                #expect((result["title"] as? String)?.isEmpty == false)
                #expect(result["notes"] is String && result["metadata_modified"] is String)
                #expect(((result["organization"] as? [String: Any])?["name"] as? String)?.isEmpty == false)
                #expect((result["tags"] as? [[String: Any]])?.isEmpty == false)
                let extras = result["extras"] as? [[String: Any]] ?? []
                #expect(extras.contains { $0["key"] as? String == "kode_wilayah" })
                let resources = try #require(result["resources"] as? [[String: Any]])
                #expect(Set(resources.compactMap { $0["format"] as? String }) == ["CSV", "JSON"])
                for resource in resources {
                    let url = try #require(resource["url"] as? String)
                    #expect(resource["mimetype"] is String && resource["id"] is String && resource["name"] is String)
                    #expect(try await Self.get(app, String(url.dropFirst("http://\(Self.host)".count))).status == .ok, "\(url)")
                }
            }
            let byIdentifier = try Self.object(try await Self.get(app, "/api/3/action/package_show?id=\(Self.region)-programmes"))
            let shown = try #require(byIdentifier["result"] as? [String: Any])
            #expect(shown["name"] as? String == "kota-probolinggo-35-74-programmes")
            let shownExtras = shown["extras"] as? [[String: Any]] ?? []
            let kodeWilayah = shownExtras.first { $0["key"] as? String == "kode_wilayah" }
            #expect(kodeWilayah?["value"] as? String == Self.region)
            #expect((shown["organization"] as? [String: Any])?["name"] as? String == "kota-probolinggo-35-74")

            let missing = try await Self.get(app, "/api/3/action/package_show?id=tidak-ada")
            #expect(missing.status == .notFound)
            let missingBody = try Self.object(missing)
            #expect(missingBody["success"] as? Bool == false)
            #expect(missingBody["help"] is String)
            #expect((missingBody["error"] as? [String: Any])?["__type"] as? String == "Not Found Error")
            #expect((missingBody["error"] as? [String: Any])?["message"] as? String == "Not found")
            let noID = try await Self.get(app, "/api/3/action/package_show")
            #expect(noID.status == .conflict)
            let noIDBody = try Self.object(noID)
            #expect((noIDBody["error"] as? [String: Any])?["__type"] as? String == "Validation Error")

            let everything = try Self.object(try await Self.get(app, "/api/3/action/package_search?rows=1000"))
            #expect(everything["success"] as? Bool == true)
            let all = try #require(everything["result"] as? [String: Any])
            #expect(Self.number(all["count"]) == Double(names.count))
            #expect((all["results"] as? [[String: Any]])?.count == names.count)
            let firstPage = try #require(try Self.object(try await Self.get(app, "/api/3/action/package_search"))["result"] as? [String: Any])
            #expect((firstPage["results"] as? [[String: Any]])?.count == min(10, names.count))
            #expect(Self.number(firstPage["count"]) == Double(names.count))

            let complaints = try #require(try Self.object(try await Self.get(app, "/api/3/action/package_search?q=PENGADUAN"))["result"] as? [String: Any])
            let found = (complaints["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Self.number(complaints["count"]) == Double(regions))
            #expect(!found.isEmpty && found.allSatisfy { $0.hasSuffix("complaint-statistics") })
            let probolinggo = names.filter { $0.contains("probolinggo") }
            let paged = try #require(try Self.object(try await Self.get(app, "/api/3/action/package_search?q=probolinggo&rows=1&start=1"))["result"] as? [String: Any])
            #expect(Self.number(paged["count"]) == Double(probolinggo.count))
            #expect(probolinggo.count > 1)
            #expect((paged["results"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == Array(probolinggo.dropFirst().prefix(1)))
            let none = try #require(try Self.object(try await Self.get(app, "/api/3/action/package_search?q=zzzz-tidak-ada"))["result"] as? [String: Any])
            #expect(Self.number(none["count"]) == 0)

            for bad in ["rows=abc", "rows=1001", "rows=-1", "start=-5", "start=x"] {
                let refused = try await Self.get(app, "/api/3/action/package_search?\(bad)")
                #expect(refused.status == .conflict, "\(bad)")
                let body = try Self.object(refused)
                #expect(body["success"] as? Bool == false)
                let error = body["error"] as? [String: Any]
                #expect(error?["__type"] as? String == "Validation Error", "\(bad)")
                let field = String(bad.prefix { $0 != "=" })
                #expect((error?[field] as? [String])?.isEmpty == false, "\(bad)")
            }

            let organizations = try Self.object(try await Self.get(app, "/api/3/action/organization_list"))
            #expect(organizations["success"] as? Bool == true)
            #expect((organizations["result"] as? [String])?.contains("kota-probolinggo-35-74") == true)
            let full = try Self.object(try await Self.get(app, "/api/3/action/organization_list?all_fields=true"))
            let probolinggoOrganization = (full["result"] as? [[String: Any]])?.first { $0["name"] as? String == "kota-probolinggo-35-74" }
            #expect(Self.number(probolinggoOrganization?["package_count"]) == Double(Self.kinds.count))
            #expect(probolinggoOrganization?["title"] as? String == "Kota Probolinggo")
        }
    }

    // MARK: Privacy

    @Test("no personal data: report texts, reporters and tracking codes appear in no open-data answer", arguments: Backend.all)
    func privacySweep(backend: Backend) async throws {
        try await withPilar(backend) { app in
            let receivedBefore = try await Self.received(app)
            let input = ComplaintInput(classification: "complaint", serviceCode: "layanan-kesehatan",
                                       description: "Zqxrahasia: petugas puskesmas Wonoasih menolak pasien lansia tanpa alasan.",
                                       address: "Jl. Zqxalamat No. 7", latitude: "", longitude: "",
                                       name: "Zqxnama Pelapor", email: "zqx.pelapor@contoh.id", phone: "0812-7777-9191",
                                       anonymous: false, confidential: true, consent: true)
            let checked = try input.check().get()
            let submitted = try await ComplaintService(db: app.db).submit(checked, region: Self.region, anonymous: false, confidential: true)
            #expect(try await ComplaintReporterModel.query(on: app.db).filter(\.$complaintID == submitted.id).count() == 1)
            // Counted, though confidential.
            #expect(try await Self.received(app) == receivedBefore + 1)

            var paths = ["/data", "/data/evaluations.csv", "/data/evaluations.json", "/data/catalog.json", "/data/regions/\(Self.region)/metadata.json",
                         "/api/3/action/package_list", "/api/3/action/organization_list", "/api/3/action/organization_list?all_fields=true",
                         "/api/3/action/package_search", "/api/3/action/package_search?rows=1000", "/api/3/action/package_search?q=pengaduan"]
            for kind in Self.kinds {
                paths.append("/data/regions/\(Self.region)/\(kind).csv")
                paths.append("/data/regions/\(Self.region)/\(kind).json")
            }
            let names = try #require(try Self.object(try await Self.get(app, "/api/3/action/package_list"))["result"] as? [String])
            paths += names.map { "/api/3/action/package_show?id=\($0)" }

            let reporters = try await ComplaintReporterModel.query(on: app.db).all()
            let trackingCodes = try await ComplaintModel.query(on: app.db).all().map(\.trackingCode)
            let demoTexts = DemoCitizens.reports.map { $0.description }
            var secrets = ["zqx", "Wonoasih", "0812-7777-9191", "LPR-", "@contoh.id", "Warga Demo"]
            secrets += reporters.flatMap { [$0.name, $0.email, $0.phone] }.filter { !$0.isEmpty }
            secrets += trackingCodes + demoTexts
            #expect(trackingCodes.contains(submitted.trackingCode))

            for path in paths {
                let response = try await Self.get(app, path)
                #expect(response.status == .ok, "\(path)")
                let text = response.body.string.lowercased()
                for secret in secrets {
                    #expect(!text.contains(secret.lowercased()), "\(path) contains \(secret)")
                }
            }
        }
    }

    // MARK: Helpers

    static func get(_ app: Application, _ path: String, forwardedProto: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Host": host]
        if let forwardedProto { headers.add(name: "X-Forwarded-Proto", value: forwardedProto) }
        return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    static func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
                     "not a JSON object: \(response.body.string.prefix(300))")
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as Double: return number
        case let number as Int: return Double(number)
        case let number as NSNumber: return number.doubleValue
        default: return nil
        }
    }

    /// Whether a CSV field says what the JSON value says: the same text, the same number, the same
    /// truth value, or empty for null.
    static func agrees(_ field: String, _ value: Any?) -> Bool {
        guard let value, !(value is NSNull) else { return field.isEmpty }
        if let text = value as? String { return text == field }
        if field == "true" || field == "false", let flag = value as? Bool { return flag == (field == "true") }
        if let numeric = Self.number(value), let parsed = Double(field) { return abs(numeric - parsed) < 1e-9 }
        return false
    }

    /// Approved values as the open data publishes them: `indicator|period` → value.
    static func publishedValues(_ app: Application) async throws -> [String: Double] {
        let document = try object(try await get(app, "/data/regions/\(region)/indicator-values.json"))
        let data = try #require(document["data"] as? [[String: Any]])
        var result: [String: Double] = [:]
        for row in data {
            #expect(row["status"] as? String == "approved")
            #expect(["output", "outcome", "impact"].contains(row["level"] as? String ?? ""))
            let indicator = try #require(number(row["indicator_id"]))
            let period = try #require(row["period"] as? String)
            result["\(Int(indicator))|\(period)"] = number(row["value"])
        }
        return result
    }

    /// Reports received in all semesters, by the complaint statistics.
    static func received(_ app: Application) async throws -> Double {
        let document = try object(try await get(app, "/data/regions/\(region)/complaint-statistics.json"))
        let data = try #require(document["data"] as? [[String: Any]])
        return data.compactMap { number($0["received"]) }.reduce(0, +)
    }
}
