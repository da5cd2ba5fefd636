import Fluent
import PilarCore
import Vapor

/// The citizen's side of reporting: the phone-first form, the tracking page reached with the code,
/// adding information and reopening. No account; the code is the key. Nothing here shows who reported.
struct PublicComplaintsController: RouteCollection {
    struct FormPage: Encodable {
        let regionCode: String
        let regionName: String
        let classifications: [Choice]
        let services: [Choice]
        let values: [String: String]
        let anonymous: Bool
        let confidential: Bool
        let consent: Bool
        let errors: [String: String]
        let hasErrors: Bool
    }

    struct TrackPage: Encodable {
        struct Step: Encodable {
            let at: String
            let stateKey: String
            let note: String
            let byCitizen: Bool
        }
        let code: String
        let regionName: String
        let classificationKey: String
        let service: String
        let stateKey: String
        let state: String
        let description: String
        let steps: [Step]
        let canReopen: Bool
        let noteError: String?
        let reopenError: String?
        let created: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let everyone = routes.access(.everyone)
        everyone.get("public", "regions", ":code", "report", use: form)
        let upload = everyone.on(.POST, "public", "regions", ":code", "report",
                                 body: .collect(maxSize: ByteCount(integerLiteral: UploadLimit.citizenReport)), use: submit)
        upload.userInfo[UploadLimit.userInfoKey] = UploadLimit.citizenReport
        everyone.get("track", use: lookup)
        everyone.get("track", ":tracking", use: track)
        everyone.post("track", ":tracking", "note", use: addNote)
    }

    @Sendable func form(req: Request) async throws -> View {
        let region = try await req.region()
        let service = (try? req.query.get(String.self, at: "service")) ?? ""
        return try await req.render("citizens/report", titleKey: "report.form_title", titleSuffix: region.name,
                                    try await formPage(req, region, values: ["serviceCode": service, "classification": "complaint"],
                                                       anonymous: true, confidential: true, consent: false, errors: [:]), needsCSRF: true)
    }

    private func formPage(_ req: Request, _ region: RegionRepository.Summary, values: [String: String], anonymous: Bool, confidential: Bool,
                          consent: Bool, errors: [String: String]) async throws -> FormPage {
        let categories = try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code).filter(\.$active == true)
            .sort(\.$name).all()
        return FormPage(regionCode: region.code, regionName: region.name,
                        classifications: ComplaintClassification.allCases.map {
                            Choice(value: $0.rawValue, label: req.catalog.text("complaint.class." + $0.rawValue), selected: values["classification"] == $0.rawValue)
                        },
                        services: categories.map { Choice(value: $0.serviceCode, label: $0.name, selected: values["serviceCode"] == $0.serviceCode) },
                        values: values, anonymous: anonymous, confidential: confidential, consent: consent, errors: errors, hasErrors: !errors.isEmpty)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let region = try await req.region()
        try await CitizenGuard.admit(req, "report", limit: CitizenGuard.reportsPerMinute)
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        let flag = { (key: String) in ["on", "true", "1", "yes"].contains(text(key)) }
        var input = ComplaintInput(classification: text("classification"), serviceCode: text("serviceCode"), description: text("description"),
                                   address: text("address"), latitude: text("latitude"), longitude: text("longitude"), name: text("name"),
                                   email: text("email"), phone: text("phone"))
        // Unticking is the only way to give up anonymity or confidentiality: a missing field means "keep hidden".
        input.anonymous = text("anonymous_shown") == "1" ? flag("anonymous") : true
        input.confidential = text("confidential_shown") == "1" ? flag("confidential") : true
        input.consent = flag("consent")
        if let file = try? req.content.get(File.self, at: "photo"), file.data.readableBytes > 0 {
            input.photo = (Array(file.data.readableBytesView), file.filename)
        }
        switch input.check() {
        case .failure(let error):
            return try await refuse(req, region, input, error)
        case .success(let checked):
            do {
                let submitted = try await ComplaintService(db: req.db).submit(checked, region: region.code, anonymous: input.anonymous,
                                                                                confidential: input.confidential)
                return req.redirect(to: "/track/\(submitted.trackingCode)?new=1", flash: "report.received")
            } catch let error as PilarError where error.status == .unprocessableEntity {
                return try await refuse(req, region, input, error)
            }
        }
    }

    private func refuse(_ req: Request, _ region: RegionRepository.Summary, _ input: ComplaintInput, _ error: PilarError) async throws -> Response {
        let values = ["classification": input.classification, "serviceCode": input.serviceCode, "description": input.description,
                      "address": input.address, "latitude": input.latitude, "longitude": input.longitude, "name": input.name,
                      "email": input.email, "phone": input.phone]
        return try await formError(req, error, template: "citizens/report", titleKey: "report.form_title",
                                   page: try await formPage(req, region, values: values, anonymous: input.anonymous,
                                                            confidential: input.confidential, consent: input.consent, errors: error.fields.byField))
    }

    @Sendable func lookup(req: Request) async throws -> Response {
        let code = Validate.trimmed(try? req.query.get(String.self, at: "code")).uppercased()
        if !code.isEmpty { return req.redirect(to: "/track/\(code)") }
        return try await req.render("citizens/track-lookup", titleKey: "track.title", ["ok": true]).encodeResponse(for: req)
    }

    private func complaint(_ req: Request) async throws -> ComplaintModel {
        let code = (req.parameters.get("tracking") ?? "").uppercased()
        guard code.count <= 20, let complaint = try await ComplaintModel.query(on: req.db).filter(\.$trackingCode == code).first() else {
            throw PilarError.notFound("tracking code")
        }
        return complaint
    }

    @Sendable func track(req: Request) async throws -> Response {
        let complaint = try await complaint(req)
        return try await renderTrack(req, complaint, noteError: nil, reopenError: nil, status: .ok)
    }

    private func renderTrack(_ req: Request, _ complaint: ComplaintModel, noteError: String?, reopenError: String?,
                             status: HTTPResponseStatus) async throws -> Response {
        let id = try complaint.requireID()
        let steps = try await ComplaintUpdateModel.query(on: req.db).filter(\.$complaintID == id).filter(\.$isPublic == true).sort(\.$at).all()
        let category = try await ComplaintCategoryModel.find(complaint.categoryID, on: req.db)
        let region = try await RegionRepository(db: req.db).find(complaint.regionCode)
        let canReopen = try await ComplaintService(db: req.db).mayReopen(complaint)
        let page = TrackPage(
            code: complaint.trackingCode, regionName: region?.name ?? "", classificationKey: "complaint.class." + complaint.classification,
            service: category?.name ?? "", stateKey: "complaint.state." + complaint.state, state: complaint.state,
            description: complaint.description,
            steps: steps.map { .init(at: ComplaintViews.time($0.at), stateKey: "complaint.state." + $0.state, note: $0.note, byCitizen: $0.byCitizen) },
            canReopen: canReopen, noteError: noteError, reopenError: reopenError,
            created: (try? req.query.get(String.self, at: "new")) == "1")
        return try await req.render("citizens/track", titleKey: "track.title", titleSuffix: complaint.trackingCode, page, needsCSRF: true)
            .encodeResponse(status: status, for: req)
    }

    @Sendable func addNote(req: Request) async throws -> Response {
        try await CitizenGuard.admit(req, "report", limit: CitizenGuard.reportsPerMinute)
        let complaint = try await complaint(req)
        let note = (try? req.content.get(String.self, at: "note")) ?? ""
        let reopen = (try? req.content.get(String.self, at: "intent")) == "reopen"
        do {
            try await ComplaintService(db: req.db).citizenNote(complaint, note: note, reopen: reopen)
            return req.redirect(to: "/track/\(complaint.trackingCode)", flash: reopen ? "track.reopened" : "track.noted")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            return try await renderTrack(req, complaint, noteError: error.fields.first?.key,
                                         reopenError: error.status == .conflict ? error.messageKey : nil, status: error.status)
        }
    }
}

enum ComplaintViews {
    /// A step's time as citizens read it, in Western Indonesia Time.
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let time = DateInput.jakarta.dateComponents([.hour, .minute], from: date)
        return DateInput.today(date) + String(format: " %02d:%02d WIB", time.hour ?? 0, time.minute ?? 0)
    }
}
