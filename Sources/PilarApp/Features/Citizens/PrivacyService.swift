import Fluent
import Foundation
import PilarCore

/// UU 27/2022 duties for citizens' identities in reports: removing them after the region's retention
/// period while keeping the reports, and exporting everything held about one person on request.
struct PrivacyService {
    let db: any Database

    /// Blanks the identities of reports older than their region's retention period. Returns how many.
    func purge(now: Date = Date(), dryRun: Bool = false) async throws -> Int {
        let reporters = try await ComplaintReporterModel.query(on: db).filter(\.$purgedAt == nil).all()
        guard !reporters.isEmpty else { return 0 }
        let complaints = try await ComplaintModel.query(on: db).filter(\.$id ~~ reporters.map(\.complaintID)).all()
            .reduce(into: [Int: ComplaintModel]()) { $0[$1.id ?? 0] = $1 }
        var retention: [String: Int] = [:]
        var purged = 0
        for reporter in reporters {
            guard let complaint = complaints[reporter.complaintID], let created = complaint.createdAt else { continue }
            if retention[complaint.regionCode] == nil {
                retention[complaint.regionCode] = try await CitizenSettingsModel.load(complaint.regionCode, on: db).retentionDays
            }
            guard now.timeIntervalSince(created) > Double(retention[complaint.regionCode]!) * 86_400 else { continue }
            purged += 1
            if dryRun { continue }
            reporter.name = ""
            reporter.email = ""
            reporter.phone = ""
            reporter.purgedAt = now
            try await db.transaction { db in
                try await reporter.save(on: db)
                try await AuditLog.record(.purge, entity: "complaint_reporter", id: String(reporter.complaintID), region: complaint.regionCode,
                                          before: [String: String]?.none, after: ["purged": "identity"], actor: nil,
                                          actorLabel: "system (retention)", on: db)
            }
        }
        return purged
    }

    struct Export: Codable {
        struct Report: Codable {
            let trackingCode: String
            let region: String
            let classification: String
            let description: String
            let address: String
            let state: String
            let createdAt: Date?
            let anonymous: Bool
            let confidential: Bool
            let name: String
            let email: String
            let phone: String
            let steps: [String]
        }
        let email: String
        let generatedAt: Date
        let reports: [Report]
    }

    /// Everything held about the person with this e-mail address: their reports and contact details.
    func export(email raw: String, region: String? = nil) async throws -> Export {
        let email = Validate.trimmed(raw).lowercased()
        guard Validate.isEmail(email) else { throw PilarError.invalid([.init(field: "email", key: "error.email")]) }
        let reporters = try await ComplaintReporterModel.query(on: db).all().filter { $0.email.lowercased() == email }
        var reports: [Export.Report] = []
        for reporter in reporters {
            guard let complaint = try await ComplaintModel.find(reporter.complaintID, on: db),
                  region == nil || complaint.regionCode == region else { continue }
            let steps = try await ComplaintUpdateModel.query(on: db).filter(\.$complaintID == reporter.complaintID).sort(\.$at).all()
            reports.append(.init(trackingCode: complaint.trackingCode, region: complaint.regionCode, classification: complaint.classification,
                                 description: complaint.description, address: complaint.address, state: complaint.state,
                                 createdAt: complaint.createdAt, anonymous: complaint.anonymous, confidential: complaint.confidential,
                                 name: reporter.name, email: reporter.email, phone: reporter.phone,
                                 steps: steps.filter(\.isPublic).map { "\($0.state): \($0.note)" }))
        }
        return Export(email: email, generatedAt: Date(), reports: reports)
    }
}
