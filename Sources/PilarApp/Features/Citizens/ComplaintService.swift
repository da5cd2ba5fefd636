import Fluent
import Foundation
import PilarCore
import Vapor

/// Every change to a citizen's report: submission (report, identity apart, photo, first step),
/// staff transitions with notes, the citizen's added information and reopening, and the audited
/// reading of an identity.
struct ComplaintService {
    let db: any Database

    static let unknownService = PilarError.invalid([.init(field: "serviceCode", key: "error.complaint_service")])

    struct Submitted {
        let id: Int
        let trackingCode: String
    }

    func submit(_ checked: ComplaintInput.Checked, region: String, anonymous: Bool, confidential: Bool) async throws -> Submitted {
        guard let category = try await ComplaintCategoryModel.query(on: db).filter(\.$regionCode == region)
            .filter(\.$serviceCode == checked.serviceCode).filter(\.$active == true).first() else { throw Self.unknownService }
        var generator = SystemRandomNumberGenerator()
        let complaint = ComplaintModel()
        complaint.regionCode = region
        complaint.trackingCode = ComplaintFigures.trackingCode(using: &generator)
        complaint.classification = checked.classification.rawValue
        complaint.categoryID = try category.requireID()
        complaint.description = checked.description
        complaint.latitude = checked.latitude
        complaint.longitude = checked.longitude
        complaint.address = checked.address
        // Anonymous with no identity given is the same thing; an identity given is kept only when asked.
        complaint.anonymous = anonymous || !checked.hasIdentity
        complaint.confidential = confidential
        complaint.state = ComplaintState.new.rawValue
        try await db.transaction { db in
            try await complaint.create(on: db)
            let id = try complaint.requireID()
            if checked.hasIdentity {
                let reporter = ComplaintReporterModel()
                reporter.complaintID = id
                reporter.name = checked.name
                reporter.email = checked.email
                reporter.phone = checked.phone
                try await reporter.create(on: db)
            }
            if let photo = checked.photo {
                let model = ComplaintPhotoModel()
                model.complaintID = id
                model.contentType = photo.type.contentType
                model.data = Data(photo.bytes)
                try await model.create(on: db)
            }
            try await Self.step(id, state: .new, note: "", isPublic: true, byCitizen: true, actor: "warga", on: db)
        }
        if let programme = category.programmeID { try await CitizenFeeds(db: db).refreshComplaints(programmeID: programme, at: Date()) }
        return Submitted(id: try complaint.requireID(), trackingCode: complaint.trackingCode)
    }

    static func step(_ id: Int, state: ComplaintState, note: String, isPublic: Bool, byCitizen: Bool, actor: String, on db: any Database) async throws {
        let update = ComplaintUpdateModel()
        update.complaintID = id
        update.state = state.rawValue
        update.note = note
        update.isPublic = isPublic
        update.byCitizen = byCitizen
        update.actorLabel = actor
        update.at = Date()
        try await update.create(on: db)
    }

    /// Who may take which step: the region admin triages, dispatches, closes and reopens; the agency a
    /// report was dispatched to starts and resolves it.
    static func allowed(_ action: ComplaintAction, user: AuthUser, complaint: ComplaintModel) -> Bool {
        switch user.role {
        case .regionAdmin: return user.regionCode == complaint.regionCode && action != .start
        case .agencyOperator: return [.start, .resolve].contains(action) && complaint.agencyID == user.agencyID && user.agencyID != nil
        default: return false
        }
    }

    func transition(_ complaint: ComplaintModel, action: ComplaintAction, note rawNote: String, isPublic: Bool, agencyID: Int?,
                    actor: AuthUser) async throws {
        guard Self.allowed(action, user: actor, complaint: complaint) else { throw PilarError.forbidden }
        let note = Validate.trimmed(rawNote)
        var problems: [FieldProblem] = []
        if note.isEmpty { problems.append(.init(field: "note", key: "error.complaint_note")) }
        if note.count > 2000 { problems.append(.init(field: "note", key: "error.too_long")) }
        var agency: Int?
        if action == .dispatch {
            if let agencyID, try await AgencyModel.query(on: db).filter(\.$id == agencyID).filter(\.$regionCode == complaint.regionCode)
                .filter(\.$active == true).count() > 0 {
                agency = agencyID
            } else {
                problems.append(.init(field: "agencyID", key: "error.complaint_agency"))
            }
        }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        let next: ComplaintState
        do {
            next = try ComplaintWorkflow.next(from: complaint.complaintState, action)
        } catch {
            throw PilarError.conflict("error.complaint_step")
        }
        if action == .reopen, try await !mayReopen(complaint) { throw PilarError.conflict("error.complaint_reopen_window") }
        let before = complaint.state
        complaint.state = next.rawValue
        if let agency { complaint.agencyID = agency }
        if next == .resolved { complaint.resolvedAt = Date() }
        let id = try complaint.requireID()
        try await db.transaction { db in
            try await complaint.save(on: db)
            try await Self.step(id, state: next, note: note, isPublic: isPublic, byCitizen: false, actor: actor.label, on: db)
            try await AuditLog.record(.update, entity: "complaint", id: String(id), region: complaint.regionCode,
                                      before: ["state": before], after: ["state": next.rawValue, "action": action.rawValue],
                                      actor: actor, on: db)
        }
        if let programme = try await ComplaintCategoryModel.find(complaint.categoryID, on: db)?.programmeID {
            try await CitizenFeeds(db: db).refreshComplaints(programmeID: programme, at: Date())
        }
    }

    /// Whether the report is resolved or closed and still within its region's reopening window.
    func mayReopen(_ complaint: ComplaintModel, now: Date = Date()) async throws -> Bool {
        guard (try? ComplaintWorkflow.next(from: complaint.complaintState, .reopen)) != nil else { return false }
        let window = try await CitizenSettingsModel.load(complaint.regionCode, on: db).reopenDays
        return ComplaintWorkflow.mayReopen(resolvedAt: complaint.resolvedAt, now: now, windowDays: window)
    }

    /// The citizen adds information, or reopens a resolved report within the region's window.
    func citizenNote(_ complaint: ComplaintModel, note rawNote: String, reopen: Bool) async throws {
        let note = Validate.trimmed(rawNote)
        if note.isEmpty || note.count > 2000 {
            throw PilarError.invalid([.init(field: "note", key: note.isEmpty ? "error.complaint_note" : "error.too_long")])
        }
        let id = try complaint.requireID()
        var state = complaint.complaintState
        if reopen {
            guard try await mayReopen(complaint), let next = try? ComplaintWorkflow.next(from: state, .reopen) else {
                throw PilarError.conflict("error.complaint_reopen_window")
            }
            state = next
        }
        let newState = state
        try await db.transaction { db in
            if reopen {
                complaint.state = newState.rawValue
                try await complaint.save(on: db)
            }
            try await Self.step(id, state: newState, note: note, isPublic: true, byCitizen: true, actor: "warga", on: db)
        }
    }

    /// The reporter's identity for someone who must act on the report; never for an anonymous report,
    /// and every read is written to the audit trail.
    func revealIdentity(_ complaint: ComplaintModel, to user: AuthUser) async throws -> ComplaintReporterModel? {
        guard ComplaintAccess.mayReadIdentity(user, complaint) else { throw PilarError.forbidden }
        guard !complaint.anonymous else { return nil }
        let id = try complaint.requireID()
        let reporter = try await ComplaintReporterModel.query(on: db).filter(\.$complaintID == id).first()
        try await AuditLog.record(.read, entity: "complaint_reporter", id: String(id), region: complaint.regionCode,
                                  before: [String: String]?.none, after: ["read": reporter == nil ? "none" : "identity"], actor: user, on: db)
        return reporter
    }
}

/// Who sees what of a report among staff.
enum ComplaintAccess {
    static let staff: [Role] = [.nationalAdmin, .regionAdmin, .agencyOperator, .council]

    static func maySee(_ user: AuthUser, _ complaint: ComplaintModel) -> Bool {
        switch user.role {
        case .nationalAdmin: return true
        case .regionAdmin, .council: return user.regionCode == complaint.regionCode
        case .agencyOperator: return user.regionCode == complaint.regionCode && complaint.agencyID != nil && complaint.agencyID == user.agencyID
        default: return false
        }
    }

    /// Only those who must act: the region's admin who triages, and the agency the report went to.
    static func mayReadIdentity(_ user: AuthUser, _ complaint: ComplaintModel) -> Bool {
        (user.role == .regionAdmin && user.regionCode == complaint.regionCode)
            || (user.role == .agencyOperator && complaint.agencyID != nil && complaint.agencyID == user.agencyID)
    }
}
