import Fluent
import Foundation
import PilarCore
import Vapor

/// Open311 GeoReport v2 under `/open311/v2`, with the region code as `jurisdiction_id`. Public reads
/// list only reports that are not confidential and never carry a reporter's identity; posting a report
/// needs an `api_key` (a Pilar API token). Request ids are database ids, not the citizens' tracking codes,
/// so a public listing never hands out the key to someone else's report.
struct Open311Controller: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open311 = routes.grouped("open311", "v2").access(.everyone)
        open311.get(":file", use: top)
        open311.post(":file", use: post)
        open311.get("services", ":file", use: definition)
        open311.get("requests", ":file", use: request)
        open311.get("tokens", ":file", use: token)
    }

    private func run(_ req: Request, _ format: Open311Format?, _ body: (Open311Format) async throws -> Response) async throws -> Response {
        guard let format else { return Open311Format.json.error(.notFound, "Unknown format: use .json or .xml") }
        do {
            return try await body(format)
        } catch let error as PilarError {
            let message = error.fields.first.map { "\($0.field): \(Catalog.for(.en).text($0.key))" } ?? Catalog.for(.en).text(error.messageKey)
            return format.error(error.status == .unprocessableEntity ? .badRequest : error.status, message + (error.detail.map { " (\($0))" } ?? ""))
        }
    }

    private func jurisdiction(_ req: Request) async throws -> RegionRepository.Summary {
        let code = Validate.trimmed((try? req.query.get(String.self, at: "jurisdiction_id")) ?? (try? req.content.get(String.self, at: "jurisdiction_id")))
        guard !code.isEmpty else { throw PilarError(status: .badRequest, code: "jurisdiction", messageKey: "error.open311_jurisdiction") }
        guard RegionCode(code) != nil, let region = try await RegionRepository(db: req.db).find(code) else {
            throw PilarError(status: .notFound, code: "jurisdiction", messageKey: "error.open311_jurisdiction_unknown")
        }
        return region
    }

    // MARK: GET services.json, requests.json

    @Sendable func top(req: Request) async throws -> Response {
        let file = Open311Format.split(req.parameters.get("file") ?? "")
        return try await run(req, file?.format) { format in
            switch file?.name {
            case "services": return try await services(req, format)
            case "requests": return try await requests(req, format)
            default: throw PilarError.notFound("resource")
            }
        }
    }

    private func services(_ req: Request, _ format: Open311Format) async throws -> Response {
        let region = try await jurisdiction(req)
        let categories = try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true)
            .sort(\.$serviceCode).all()
        let agencies = try await AgencyModel.query(on: req.db).filter(\.$regionCode == region.code).all().reduce(into: [Int: String]()) { $0[$1.id ?? 0] = $1.name }
        return format.response(categories.map { category in
            [("service_code", .text(category.serviceCode)), ("service_name", .text(category.name)), ("description", .text(category.description)),
             ("metadata", .bool(true)), ("type", .text("realtime")), ("keywords", .list([])), ("group", .text(agencies[category.agencyID]))]
        }, root: "services", element: "service")
    }

    @Sendable func definition(req: Request) async throws -> Response {
        let file = Open311Format.split(req.parameters.get("file") ?? "")
        return try await run(req, file?.format) { format in
            let region = try await jurisdiction(req)
            guard let code = file?.name, try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code)
                .filter(\.$serviceCode == code).filter(\.$active == true).count() > 0 else { throw PilarError.notFound("service_code") }
            // Two attributes, both defaulting to the safe side: hide the reporter, keep the report out of listings.
            let attributes: [(code: String, order: Int, id: String, en: String)] = [
                ("anonymous", 1, "Sembunyikan identitas pelapor", "Hide the reporter's identity"),
                ("confidential", 2, "Rahasiakan laporan dari daftar publik", "Keep the report out of public listings"),
            ]
            switch format {
            case .json:
                let list = attributes.map { a in
                    "{\"variable\":true,\"code\":\"\(a.code)\",\"datatype\":\"singlevaluelist\",\"required\":false,\"datatype_description\":\"true or false (default true)\",\"order\":\(a.order),\"description\":\"\(a.id) / \(a.en)\",\"values\":[{\"key\":\"true\",\"name\":\"Ya / Yes\"},{\"key\":\"false\",\"name\":\"Tidak / No\"}]}"
                }.joined(separator: ",")
                let response = Response(status: .ok, body: .init(string: "{\"service_code\":\(String(decoding: try JSONEncoder().encode(code), as: UTF8.self)),\"attributes\":[\(list)]}"))
                response.headers.contentType = .json
                return response
            case .xml:
                let list = attributes.map { a in
                    "<attribute><variable>true</variable><code>\(a.code)</code><datatype>singlevaluelist</datatype><required>false</required><datatype_description>true or false (default true)</datatype_description><order>\(a.order)</order><description>\(a.id) / \(a.en)</description><values><value><key>true</key><name>Ya / Yes</name></value><value><key>false</key><name>Tidak / No</name></value></values></attribute>"
                }.joined()
                let response = Response(status: .ok, body: .init(string: "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition><service_code>\(Open311Format.escape(code))</service_code><attributes>\(list)</attributes></service_definition>"))
                response.headers.contentType = HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
                return response
            }
        }
    }

    private func requests(_ req: Request, _ format: Open311Format) async throws -> Response {
        let region = try await jurisdiction(req)
        var filter = ComplaintRepository.Filter(publicOnly: true, limit: 1000)
        if let ids = try? req.query.get(String.self, at: "service_request_id") {
            let wanted = ids.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return try await records(req, format, region: region, ids: wanted)
        }
        filter.serviceCode = try? req.query.get(String.self, at: "service_code")
        let formatter = ISO8601DateFormatter()
        for (key, apply) in [("start_date", { (d: Date) in filter.from = d }), ("end_date", { (d: Date) in filter.until = d })] {
            if let raw = try? req.query.get(String.self, at: key) {
                guard let date = formatter.date(from: raw) else {
                    throw PilarError(status: .badRequest, code: "date", messageKey: "error.open311_date")
                }
                apply(date)
            }
        }
        // The spec's default window: the last 90 days when no dates are given.
        if filter.from == nil && filter.until == nil { filter.from = Date().addingTimeInterval(-90 * 86_400) }
        var statuses: Set<String>?
        if let raw = try? req.query.get(String.self, at: "status") {
            statuses = Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            guard statuses!.isSubset(of: ["open", "closed"]) else {
                throw PilarError(status: .badRequest, code: "status", messageKey: "error.open311_status")
            }
        }
        let rows = try await ComplaintRepository(db: req.db).list(region: region.code, filter)
            .filter { statuses?.contains($0.complaint.complaintState.open311Status) ?? true }
        return try await response(req, format, rows)
    }

    /// Public reports by id (never confidential ones), newest first.
    private func rows(_ req: Request, region: RegionRepository.Summary, ids: [Int]) async throws -> [ComplaintRepository.Row] {
        try await ComplaintRepository(db: req.db).list(region: region.code, .init(publicOnly: true, ids: ids, limit: 1000))
    }

    private func records(_ req: Request, _ format: Open311Format, region: RegionRepository.Summary, ids: [Int]) async throws -> Response {
        try await response(req, format, try await rows(req, region: region, ids: ids))
    }

    /// The requests in the spec's fields, with each one's latest public staff note read in one query.
    private func response(_ req: Request, _ format: Open311Format, _ rows: [ComplaintRepository.Row]) async throws -> Response {
        let ids = rows.compactMap(\.complaint.id)
        var notes: [Int: String] = [:]
        if !ids.isEmpty {
            for update in try await ComplaintUpdateModel.query(on: req.db).filter(\.$complaintID ~~ ids).filter(\.$isPublic == true)
                .filter(\.$byCitizen == false).sort(\.$at).all() {
                notes[update.complaintID] = update.note // sorted by time, so the last one stays
            }
        }
        let iso = ISO8601DateFormatter()
        return format.response(rows.map { record($0, note: notes[$0.complaint.id ?? 0], iso: iso) }, root: "service_requests", element: "request")
    }

    /// One request in the spec's fields. Only public step notes become `status_notes`; no identity, ever.
    private func record(_ row: ComplaintRepository.Row, note: String?, iso: ISO8601DateFormatter) -> Open311Format.Record {
        let complaint = row.complaint
        return [
            ("service_request_id", .text(String(complaint.id ?? 0))), ("status", .text(complaint.complaintState.open311Status)),
            ("status_notes", .text(note)), ("service_name", .text(row.category?.name)), ("service_code", .text(row.category?.serviceCode)),
            ("description", .text(complaint.description)), ("agency_responsible", .text(row.agencyName)), ("service_notice", .text(nil)),
            ("requested_datetime", .text(complaint.createdAt.map(iso.string))), ("updated_datetime", .text(complaint.updatedAt.map(iso.string))),
            ("expected_datetime", .text(complaint.createdAt.map { iso.string(from: $0.addingTimeInterval(Double(row.category?.targetDays ?? 14) * 86_400)) })),
            ("address", .text(complaint.address)), ("address_id", .text(nil)), ("zipcode", .text(nil)),
            ("lat", .number(complaint.latitude)), ("long", .number(complaint.longitude)), ("media_url", .text(nil)),
        ]
    }

    @Sendable func request(req: Request) async throws -> Response {
        let file = Open311Format.split(req.parameters.get("file") ?? "")
        return try await run(req, file?.format) { format in
            let region = try await jurisdiction(req)
            guard let id = file.flatMap({ Int($0.name) }) else { throw PilarError.notFound("service_request_id") }
            let found = try await rows(req, region: region, ids: [id])
            guard !found.isEmpty else { throw PilarError.notFound("service_request_id") }
            return try await response(req, format, found)
        }
    }

    /// Tokens are the citizens' tracking codes: the client that posted the report learns its id here.
    @Sendable func token(req: Request) async throws -> Response {
        let file = Open311Format.split(req.parameters.get("file") ?? "")
        return try await run(req, file?.format) { format in
            let region = try await jurisdiction(req)
            guard let code = file?.name.uppercased(),
                  let complaint = try await ComplaintModel.query(on: req.db).filter(\.$regionCode == region.code)
                    .filter(\.$trackingCode == code).first() else { throw PilarError.notFound("token") }
            return format.response([[("service_request_id", .text(String(complaint.id ?? 0))), ("token", .text(code))]],
                                   root: "service_requests", element: "request")
        }
    }

    // MARK: POST requests.json

    @Sendable func post(req: Request) async throws -> Response {
        let file = Open311Format.split(req.parameters.get("file") ?? "")
        return try await run(req, file?.format) { format in
            guard file?.name == "requests" else { throw PilarError.notFound("resource") }
            let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
            let key = text("api_key")
            let stored = key.isEmpty ? nil : try await APITokenModel.query(on: req.db).filter(\.$tokenHash == TokenDigest.of(key))
                .filter(\.$revokedAt == nil).first()
            // The same rule as the JSON API: a revoked token or a deactivated account's token is refused.
            guard let stored, try await AuthUser.load(userID: stored.userID, on: req.db) != nil else {
                throw PilarError(status: .forbidden, code: "api_key", messageKey: "error.open311_api_key")
            }
            try await CitizenGuard.admit(req, "open311", limit: 120)
            let region = try await jurisdiction(req)
            let name = [text("first_name"), text("last_name")].map(Validate.trimmed).filter { !$0.isEmpty }.joined(separator: " ")
            var input = ComplaintInput(classification: ComplaintClassification.complaint.rawValue, serviceCode: text("service_code"),
                                       description: text("description"), address: text("address_string"), latitude: text("lat"),
                                       longitude: text("long"), name: name, email: text("email"), phone: text("phone"))
            // Clients that send contact details pass them on the citizen's behalf. Anonymity and
            // confidentiality come from the service's attributes and default to hidden.
            input.consent = true
            let attribute = { (code: String) in (try? req.content.get(String.self, at: "attribute", code))?.lowercased() != "false" }
            let checked: ComplaintInput.Checked
            switch input.check() {
            case .success(let value): checked = value
            case .failure(let error): throw error
            }
            let submitted = try await ComplaintService(db: req.db).submit(checked, region: region.code, anonymous: attribute("anonymous"),
                                                                            confidential: attribute("confidential"))
            return format.response([[("service_request_id", .text(String(submitted.id))), ("token", .text(submitted.trackingCode)),
                                     ("service_notice", .text("Simpan kode pelacakan \(submitted.trackingCode) / keep tracking code \(submitted.trackingCode)")),
                                     ("account_id", .text(nil))]], root: "service_requests", element: "request", status: .created)
        }
    }
}
