import Crypto
import Fluent
import PilarCore
import SQLKit
import Vapor

/// Realisations: saving drafts (with evidence), moving them through verification, reading them back.
struct ValueRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Snapshot: Content, Equatable {
        let id: Int
        let indicatorID: Int
        let period: String
        let value: Double
        let note: String
        let state: String
        let returnedReason: String?
    }

    /// One value to save, already parsed; `evidence` is checked by the caller.
    struct Entry {
        let indicatorID: Int
        let period: Period
        let value: Double
        let note: String
        var evidence: [(filename: String, type: EvidenceType, bytes: [UInt8])] = []
    }

    enum EntryProblem: Error {
        /// The value is submitted, verified or approved and so cannot change any more.
        case locked(indicatorID: Int, state: VerificationState)
    }

    /// Saves all entries as drafts, or none: one transaction, audited per value. With `submit` the
    /// saved drafts move on to the region admin in the same transaction.
    func save(_ entries: [Entry], region: String, submit: Bool, actor: AuthUser) async throws -> [Snapshot] {
        try await db.transaction { db in
            var saved: [Snapshot] = []
            for entry in entries {
                let existing = try await IndicatorValueModel.query(on: db)
                    .filter(\.$indicatorID == entry.indicatorID).filter(\.$period == entry.period.code).first()
                let model = existing ?? IndicatorValueModel()
                let before = existing.map(Self.snapshot)
                if let existing, let state = VerificationState(rawValue: existing.state), !state.isEditable {
                    throw EntryProblem.locked(indicatorID: entry.indicatorID, state: state)
                }
                // Citizen-sourced figures are computed by Pilar from votes and complaints, never typed in.
                if try await IndicatorModel.find(entry.indicatorID, on: db)?.citizenSource != nil {
                    throw EntryProblem.locked(indicatorID: entry.indicatorID, state: .approved)
                }
                model.indicatorID = entry.indicatorID
                model.period = entry.period.code
                model.value = entry.value
                model.note = entry.note
                model.state = VerificationState.draft.rawValue
                model.updatedBy = actor.id
                if submit {
                    model.state = try VerificationFlow.apply(.submit, to: .draft, by: .agency).rawValue
                    model.returnedReason = nil
                }
                try await model.save(on: db)
                let valueID = try model.requireID()
                for file in entry.evidence {
                    let evidence = EvidenceFileModel()
                    evidence.valueID = valueID
                    evidence.filename = file.filename
                    evidence.contentType = file.type.contentType
                    evidence.size = file.bytes.count
                    evidence.sha256 = SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined()
                    evidence.data = Data(file.bytes)
                    evidence.uploadedBy = actor.id
                    try await evidence.create(on: db)
                }
                let after = Self.snapshot(model)
                if after != before || !entry.evidence.isEmpty {
                    try await AuditLog.record(existing == nil ? .create : .update, entity: "indicator_value", id: String(valueID),
                                              region: region, before: before, after: after, actor: actor, on: db)
                }
                saved.append(after)
            }
            return saved
        }
    }

    /// Applies one verification step to several values at once, all or none.
    func transition(_ ids: [Int], action: VerificationAction, actor: AuthUser, as role: VerificationActor,
                    reason: String?, region: String) async throws {
        try await db.transaction { db in
            for id in ids {
                guard let model = try await IndicatorValueModel.find(id, on: db),
                      let state = VerificationState(rawValue: model.state) else { throw PilarError.notFound("value \(id)") }
                let before = Self.snapshot(model)
                model.state = try VerificationFlow.apply(action, to: state, by: role, reason: reason).rawValue
                if action == .return { model.returnedReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) }
                model.updatedBy = actor.id
                try await model.save(on: db)
                try await AuditLog.record(.update, entity: "indicator_value", id: String(id),
                                          region: region, before: before, after: Self.snapshot(model), actor: actor, on: db)
            }
        }
    }

    func values(ofIndicator id: Int) async throws -> [Snapshot] {
        try await IndicatorValueModel.query(on: db).filter(\.$indicatorID == id).all().map(Self.snapshot).sorted {
            (Period($0.period) ?? Period(year: 2000, frequency: .yearly, index: 1)!) < (Period($1.period) ?? Period(year: 2000, frequency: .yearly, index: 1)!)
        }
    }

    struct EvidenceLine: Content {
        let id: Int
        let valueID: Int
        let filename: String
        let size: Int
    }

    func evidence(forValues ids: [Int]) async throws -> [EvidenceLine] {
        guard !ids.isEmpty else { return [] }
        return try await sql.select().column("id").column("value_id").column("filename").column("size")
            .from("evidence_files").where("value_id", .in, ids).orderBy("id").all().map {
                EvidenceLine(id: try $0.decode(column: "id", as: Int.self), valueID: try $0.decode(column: "value_id", as: Int.self),
                             filename: try $0.decode(column: "filename", as: String.self), size: try $0.decode(column: "size", as: Int.self))
            }
    }

    static func snapshot(_ model: IndicatorValueModel) -> Snapshot {
        Snapshot(id: model.id ?? 0, indicatorID: model.indicatorID, period: model.period, value: model.value, note: model.note,
                 state: model.state, returnedReason: model.returnedReason)
    }
}

extension VerificationActor {
    /// How a Pilar role acts in verification; nil for roles that only read.
    init?(_ role: Role) {
        switch role {
        case .agencyOperator, .planner: self = .agency
        case .regionAdmin, .nationalAdmin: self = .regionAdmin
        case .council: self = .council
        case .assessor, .viewer: return nil
        }
    }
}
