import PilarCore
import Vapor

struct Choice: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

struct ProgrammeListPage: Encodable {
    struct Row: Encodable {
        let id: Int
        let title: String
        let dimension: String
        let horizonKey: String
        let statusKey: String
        let status: String
        let years: String
        let leadAgency: String
    }
    let regionCode: String
    let regionName: String
    let rows: [Row]
    let canCreate: Bool
    let dimensions: [Choice]
    let statuses: [Choice]
    let horizons: [Choice]
    /// The list's filters, kept on the export links so a download matches what is on screen.
    let exportQuery: String
    /// Column → link that sorts the list by it.
    let sortLinks: [String: String]
}

struct ProgrammeFormPage: Encodable {
    struct ElementChoice: Encodable {
        let code: String
        let label: String
        let dimension: String
        let checked: Bool
    }
    let action: String
    let cancelHref: String
    let isNew: Bool
    let regionName: String
    let values: ProgrammeInput
    let agencies: [Choice]
    let coAgencies: [Choice]
    let dimensions: [Choice]
    let elements: [ElementChoice]
    let horizons: [Choice]
    let statuses: [Choice]
    let errors: [String: String]
    let hasErrors: Bool
}

struct ProgrammeDetailPage: Encodable {
    struct Budget: Encodable {
        let year: Int
        let source: String
        let amount: String
    }
    struct Plan: Encodable {
        let id: Int
        let objective: String
        let agency: String
        let timeline: String
        let indicators: [IndicatorLine]
    }
    struct IndicatorLine: Encodable {
        let id: Int
        let name: String
        let levelKey: String
        let unit: String
    }
    let programme: ProgrammeRepository.Snapshot
    let horizonKey: String
    let statusKey: String
    let dimension: String
    let elements: [String]
    let leadAgency: String
    let coAgencies: [String]
    let budgets: [Budget]
    let budgetTotal: String
    let plans: [Plan]
    let canEdit: Bool
    let history: [AuditRow]
}

extension ProgrammeInput {
    init(_ snapshot: ProgrammeRepository.Snapshot) {
        self.init(title: snapshot.title, description: snapshot.description, leadAgencyID: snapshot.leadAgencyID,
                  coAgencyIDs: snapshot.coAgencyIDs, dimensionCode: snapshot.dimensionCode, elementCodes: snapshot.elementCodes,
                  horizon: snapshot.horizon, startYear: snapshot.startYear, endYear: snapshot.endYear, status: snapshot.status,
                  legalBasis: snapshot.legalBasis, legalBasisDate: snapshot.legalBasisDate,
                  links: snapshot.links.joined(separator: "\n"),
                  budgetText: snapshot.budgets.map(\.formatted).joined(separator: "\n"), budgets: nil)
    }
}
