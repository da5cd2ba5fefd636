import Fluent
import Foundation
import PilarCore
import SQLKit

/// Keeps each programme's citizen-sourced outcome indicators up to date: the share of satisfied votes,
/// complaints per 10,000 residents, and the median days to resolve them, per semester. The values are
/// computed, approved by construction and locked, so agencies never type them.
struct CitizenFeeds {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    enum Source: String, CaseIterable {
        case votes = "votes"
        case complaintVolume = "complaint-volume"
        case complaintDays = "complaint-days"

        var name: String {
            switch self {
            case .votes: return "Kepuasan warga (Sangat Puas + Puas)"
            case .complaintVolume: return "Pengaduan per 10.000 penduduk"
            case .complaintDays: return "Median hari penyelesaian pengaduan"
            }
        }
        var unit: String { self == .votes ? "%" : (self == .complaintVolume ? "per 10.000" : "hari") }
        var direction: Direction { self == .votes ? .higherIsBetter : .lowerIsBetter }
        var dataSource: String { self == .votes ? "Warga: widget kepuasan Pilar" : "Warga: pengaduan di Pilar" }
    }

    static func period(at date: Date) -> Period? { Period.current(.semester, at: date) }

    /// Recomputes the programme's vote share for the semester of `date`.
    func refreshVotes(programmeID: Int, at date: Date) async throws {
        guard let period = Self.period(at: date) else { return }
        let tally = try await SatisfactionWidget.tally(kind: "programme", id: String(programmeID), period: period.code, on: db)
        guard let share = tally.satisfiedShare else { return }
        try await upsert(.votes, programmeID: programmeID, period: period, value: (share * 10).rounded() / 10, note: "\(tally.total) suara")
    }

    /// Recomputes the programme's complaint volume and resolution time for the semester of `date`.
    func refreshComplaints(programmeID: Int, at date: Date) async throws {
        guard let period = Self.period(at: date) else { return }
        let complaints = try await ComplaintModel.query(on: db)
            .join(ComplaintCategoryModel.self, on: \ComplaintModel.$categoryID == \ComplaintCategoryModel.$id)
            .filter(ComplaintCategoryModel.self, \.$programmeID == programmeID).all()
        let inPeriod = complaints.filter { $0.createdAt.map(period.contains) ?? false }
        guard let region = complaints.first?.regionCode,
              let population = try await RegionModel.find(region, on: db)?.population else { return }
        if let volume = ComplaintFigures.perTenThousand(count: inPeriod.count, population: population) {
            try await upsert(.complaintVolume, programmeID: programmeID, period: period, value: (volume * 100).rounded() / 100,
                             note: "\(inPeriod.count) laporan")
        }
        let resolved = complaints.compactMap { c -> TimeInterval? in
            guard let done = c.resolvedAt, period.contains(done), let created = c.createdAt else { return nil }
            return done.timeIntervalSince(created)
        }
        if let median = ComplaintFigures.medianDays(resolved) {
            try await upsert(.complaintDays, programmeID: programmeID, period: period, value: (median * 10).rounded() / 10,
                             note: "\(resolved.count) laporan selesai")
        }
    }

    private func upsert(_ source: Source, programmeID: Int, period: Period, value: Double, note: String) async throws {
        let indicatorID = try await indicator(source, programmeID: programmeID)
        let model = try await IndicatorValueModel.query(on: db).filter(\.$indicatorID == indicatorID).filter(\.$period == period.code).first()
            ?? IndicatorValueModel()
        model.indicatorID = indicatorID
        model.period = period.code
        model.value = value
        model.note = note
        model.state = VerificationState.approved.rawValue
        try await model.save(on: db)
    }

    /// The programme's indicator for this source, created under its first action plan (or a
    /// "Suara warga" plan of the lead agency when it has none) the first time citizens speak.
    private func indicator(_ source: Source, programmeID: Int) async throws -> Int {
        let existing = try await sql.raw("""
            SELECT i.id FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id
            WHERE a.programme_id = \(bind: programmeID) AND i.citizen_source = \(bind: source.rawValue)
            """).first()
        if let existing { return try existing.decode(column: "id", as: Int.self) }
        var plan = try await ActionPlanModel.query(on: db).filter(\.$programmeID == programmeID).sort(\.$id).first()
        if plan == nil, let programme = try await ProgrammeModel.find(programmeID, on: db) {
            let created = ActionPlanModel()
            created.programmeID = programmeID
            created.objective = "Suara warga tentang program ini"
            created.activities = "Dihitung otomatis dari suara dan pengaduan warga"
            created.agencyID = programme.leadAgencyID
            created.startPeriod = "\(programme.startYear)S1"
            created.endPeriod = "\(programme.endYear)S2"
            try await created.create(on: db)
            plan = created
        }
        guard let plan else { throw PilarError.notFound("programme \(programmeID)") }
        let indicator = IndicatorModel()
        indicator.actionPlanID = try plan.requireID()
        indicator.level = IndicatorLevel.outcome.rawValue
        indicator.name = source.name
        indicator.unit = source.unit
        indicator.direction = source.direction.rawValue
        indicator.frequency = Period.Frequency.semester.rawValue
        indicator.dataSource = source.dataSource
        indicator.citizenSource = source.rawValue
        try await indicator.create(on: db)
        return try indicator.requireID()
    }
}
