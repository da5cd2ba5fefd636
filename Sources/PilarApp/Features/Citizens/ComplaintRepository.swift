import Fluent
import Foundation
import PilarCore
import SQLKit

/// Reads of reports for staff and for Open311. Never joins the reporters table: identities are read
/// only through `ComplaintService.revealIdentity`, which audits each read.
struct ComplaintRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct Row {
        let complaint: ComplaintModel
        let category: ComplaintCategoryModel?
        let agencyName: String?
        let overdue: Bool
    }

    struct Filter {
        var state: ComplaintState?
        var agencyID: Int?
        var overdueOnly = false
        var publicOnly = false
        var serviceCode: String?
        var from: Date?
        var until: Date?
        /// Only these reports (Open311's `service_request_id` list).
        var ids: [Int]?
        var limit = 500
    }

    func list(region: String, _ filter: Filter, now: Date = Date()) async throws -> [Row] {
        var query = ComplaintModel.query(on: db).filter(\.$regionCode == region).sort(\.$createdAt, .descending)
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let agency = filter.agencyID { query = query.filter(\.$agencyID == agency) }
        if filter.publicOnly { query = query.filter(\.$confidential == false) }
        if let from = filter.from { query = query.filter(\.$createdAt >= from) }
        if let until = filter.until { query = query.filter(\.$createdAt <= until) }
        if let ids = filter.ids { query = query.filter(\.$id ~~ ids) }
        let categories = try await ComplaintCategoryModel.query(on: db).filter(\.$regionCode == region).all()
            .reduce(into: [Int: ComplaintCategoryModel]()) { $0[$1.id ?? 0] = $1 }
        if let service = filter.serviceCode {
            let ids = categories.values.filter { $0.serviceCode == service }.compactMap(\.id)
            query = query.filter(\.$categoryID ~~ ids)
        }
        let agencies = try await AgencyModel.query(on: db).filter(\.$regionCode == region).all()
            .reduce(into: [Int: String]()) { $0[$1.id ?? 0] = $1.shortName }
        return try await query.limit(filter.limit).all().compactMap { complaint in
            let category = categories[complaint.categoryID]
            let overdue = ComplaintWorkflow.isOverdue(state: complaint.complaintState, createdAt: complaint.createdAt ?? now,
                                                      targetDays: category?.targetDays ?? 14, now: now)
            if filter.overdueOnly, !overdue { return nil }
            return Row(complaint: complaint, category: category, agencyName: complaint.agencyID.flatMap { agencies[$0] }, overdue: overdue)
        }
    }

    /// Overdue reports per agency: what each agency owes the citizens, for the list's summary.
    func overdueByAgency(region: String, now: Date = Date()) async throws -> [(agency: String, count: Int)] {
        let rows = try await list(region: region, Filter(overdueOnly: true, limit: 10_000), now: now)
        let grouped = Dictionary(grouping: rows) { $0.agencyName ?? "—" }
        return grouped.map { ($0.key, $0.value.count) }.sorted { $0.count > $1.count || ($0.count == $1.count && $0.agency < $1.agency) }
    }
}
