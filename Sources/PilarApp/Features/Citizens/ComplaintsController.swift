import Fluent
import PilarCore
import Vapor

/// Staff handling of reports: the region's list with filters and overdue summary, one report with its
/// steps and the actions the reader may take, the audited look at the reporter's identity, and the photo.
struct ComplaintsController: RouteCollection {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let id: Int
            let code: String
            let created: String
            let classificationKey: String
            let service: String
            let agency: String
            let stateKey: String
            let state: String
            let overdue: Bool
            let confidential: Bool
        }
        struct Overdue: Encodable {
            let agency: String
            let count: Int
        }
        let regionCode: String
        let regionName: String
        let rows: [Row]
        let hasRows: Bool
        let overdue: [Overdue]
        let hasOverdue: Bool
        let states: [Choice]
        let overdueOnly: Bool
        let canManageCategories: Bool
    }

    struct DetailPage: Encodable {
        struct Step: Encodable {
            let at: String
            let stateKey: String
            let note: String
            let actor: String
            let isPublic: Bool
        }
        let id: Int
        let code: String
        let regionCode: String
        let classificationKey: String
        let service: String
        let agency: String
        let stateKey: String
        let state: String
        let description: String
        let address: String
        let location: String?
        let anonymous: Bool
        let confidential: Bool
        let hasPhoto: Bool
        let steps: [Step]
        let actions: [Choice]
        let hasActions: Bool
        let agencies: [Choice]
        let canReadIdentity: Bool
        let identity: [String: String]?
        let errors: [String: String]
        let errorKey: String?
        let note: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.access(.roles(Set(ComplaintAccess.staff)))
        staff.get("regions", ":code", "complaints", use: list)
        staff.get("complaints", ":id", use: show)
        staff.get("complaints", ":id", "photo", use: photo)
        routes.access(.regionAdmin, .agencyOperator).post("complaints", ":id", "transition", use: transition)
        routes.access(.regionAdmin, .agencyOperator).post("complaints", ":id", "identity", use: identity)
    }

    @Sendable func list(req: Request) async throws -> View {
        let region = try await req.region()
        let user = try req.user
        try Scope.requireRegion(region.code, for: user)
        var filter = ComplaintRepository.Filter()
        filter.state = (try? req.query.get(String.self, at: "state")).flatMap(ComplaintState.init(rawValue:))
        filter.overdueOnly = (try? req.query.get(String.self, at: "overdue")) == "1"
        // An operator sees the reports dispatched to their own agency only.
        if user.role == .agencyOperator { filter.agencyID = user.agencyID ?? -1 }
        let repository = ComplaintRepository(db: req.db)
        let rows = try await repository.list(region: region.code, filter)
        let overdue = user.role == .agencyOperator ? [] : try await repository.overdueByAgency(region: region.code)
        let page = ListPage(
            regionCode: region.code, regionName: region.name,
            rows: rows.map { row in
                ListPage.Row(id: row.complaint.id ?? 0, code: row.complaint.trackingCode, created: ComplaintViews.time(row.complaint.createdAt),
                             classificationKey: "complaint.class." + row.complaint.classification, service: row.category?.name ?? "",
                             agency: row.agencyName ?? "—", stateKey: "complaint.state." + row.complaint.state, state: row.complaint.state,
                             overdue: row.overdue, confidential: row.complaint.confidential)
            }, hasRows: !rows.isEmpty,
            overdue: overdue.map { .init(agency: $0.agency, count: $0.count) }, hasOverdue: !overdue.isEmpty,
            states: ComplaintState.allCases.map { Choice(value: $0.rawValue, label: req.catalog.text("complaint.state." + $0.rawValue), selected: $0 == filter.state) },
            overdueOnly: filter.overdueOnly, canManageCategories: user.role == .regionAdmin)
        return try await req.render("citizens/complaints", titleKey: "complaints.title", titleSuffix: region.name, page)
    }

    private func visible(_ req: Request) async throws -> ComplaintModel {
        guard let id = req.parameters.get("id", as: Int.self), let complaint = try await ComplaintModel.find(id, on: req.db) else {
            throw PilarError.notFound("complaint")
        }
        guard ComplaintAccess.maySee(try req.user, complaint) else { throw PilarError.forbidden }
        return complaint
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.render("citizens/complaint", titleKey: "complaints.detail", try await detail(req, try await visible(req)))
    }

    private func detail(_ req: Request, _ complaint: ComplaintModel, identity: ComplaintReporterModel?? = nil,
                        errors: [String: String] = [:], errorKey: String? = nil, note: String = "") async throws -> DetailPage {
        let user = try req.user
        let id = try complaint.requireID()
        let steps = try await ComplaintUpdateModel.query(on: req.db).filter(\.$complaintID == id).sort(\.$at).all()
        let category = try await ComplaintCategoryModel.find(complaint.categoryID, on: req.db)
        let agencies = try await AgencyModel.query(on: req.db).filter(\.$regionCode == complaint.regionCode).filter(\.$active == true)
            .sort(\.$shortName).all()
        let agency = agencies.first { $0.id == complaint.agencyID }
        let hasPhoto = try await ComplaintPhotoModel.query(on: req.db).filter(\.$complaintID == id).count() > 0
        let actions = ComplaintAction.allCases.filter { action in
            ComplaintService.allowed(action, user: user, complaint: complaint)
                && (try? ComplaintWorkflow.next(from: complaint.complaintState, action)) != nil
        }
        var shown: [String: String]?
        if case .some(let reporter) = identity {
            shown = reporter.map { ["name": $0.purgedAt == nil ? $0.name : "", "email": $0.email, "phone": $0.phone] } ?? [:]
        }
        return DetailPage(
            id: id, code: complaint.trackingCode, regionCode: complaint.regionCode, classificationKey: "complaint.class." + complaint.classification,
            service: category?.name ?? "", agency: agency?.name ?? "—", stateKey: "complaint.state." + complaint.state, state: complaint.state,
            description: complaint.description, address: complaint.address,
            location: complaint.latitude.flatMap { lat in complaint.longitude.map { "\(lat), \($0)" } },
            anonymous: complaint.anonymous, confidential: complaint.confidential, hasPhoto: hasPhoto,
            steps: steps.map { .init(at: ComplaintViews.time($0.at), stateKey: "complaint.state." + $0.state, note: $0.note,
                                     actor: $0.byCitizen ? req.catalog.text("complaint.citizen") : $0.actorLabel, isPublic: $0.isPublic) },
            actions: actions.map { Choice(value: $0.rawValue, label: req.catalog.text("complaint.action." + $0.rawValue), selected: false) },
            hasActions: !actions.isEmpty,
            agencies: agencies.map { Choice(value: String($0.id ?? 0), label: $0.shortName, selected: $0.id == category?.agencyID) },
            canReadIdentity: ComplaintAccess.mayReadIdentity(user, complaint) && !complaint.anonymous, identity: shown,
            errors: errors, errorKey: errorKey, note: note)
    }

    @Sendable func transition(req: Request) async throws -> Response {
        let complaint = try await visible(req)
        let text = { (key: String) in (try? req.content.get(String.self, at: key)) ?? "" }
        guard let action = ComplaintAction(rawValue: text("action")) else {
            let error = PilarError.invalid([.init(field: "action", key: "error.complaint_action")])
            return try await formError(req, error, template: "citizens/complaint", titleKey: "complaints.detail",
                                       page: try await detail(req, complaint, errors: error.fields.byField, note: text("note")))
        }
        do {
            try await ComplaintService(db: req.db).transition(complaint, action: action, note: text("note"),
                                                              isPublic: text("public") == "on", agencyID: Int(text("agencyID")), actor: try req.user)
            return req.redirect(to: "/complaints/\(try complaint.requireID())", flash: "complaints.saved")
        } catch let error as PilarError where [.unprocessableEntity, .conflict].contains(error.status) {
            let fresh = try await ComplaintModel.find(complaint.id, on: req.db) ?? complaint
            return try await formError(req, error, template: "citizens/complaint", titleKey: "complaints.detail",
                                       page: try await detail(req, fresh, errors: error.fields.byField,
                                                              errorKey: error.status == .conflict ? error.messageKey : nil, note: text("note")))
        }
    }

    /// A POST, not a link: reading an identity is an act that is recorded, never a side effect of browsing.
    @Sendable func identity(req: Request) async throws -> View {
        let complaint = try await visible(req)
        let reporter = try await ComplaintService(db: req.db).revealIdentity(complaint, to: try req.user)
        return try await req.render("citizens/complaint", titleKey: "complaints.detail", try await detail(req, complaint, identity: .some(reporter)))
    }

    @Sendable func photo(req: Request) async throws -> Response {
        let complaint = try await visible(req)
        guard let photo = try await ComplaintPhotoModel.query(on: req.db).filter(\.$complaintID == complaint.requireID()).first() else {
            throw PilarError.notFound("photo")
        }
        let response = Response(status: .ok, body: .init(data: photo.data))
        response.headers.contentType = HTTPMediaType(type: "image", subType: photo.contentType == "image/png" ? "png" : "jpeg")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
