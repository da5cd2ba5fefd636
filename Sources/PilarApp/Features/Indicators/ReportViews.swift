import PilarCore
import Vapor

/// The agency's entry grid: one row per indicator due in the chosen period.
struct ReportPage: Encodable {
    struct Row: Encodable {
        let indicatorID: Int
        let programme: String
        let indicator: String
        let levelKey: String
        let unit: String
        let target: String
        let value: String
        let note: String
        let state: String
        let stateKey: String
        let editable: Bool
        let returnedReason: String?
        let evidence: [ValueRepository.EvidenceLine]
        let errorKey: String?
    }
    let agencyID: Int
    let agencyName: String
    let period: String
    let frequencyKey: String
    let rows: [Row]
    let hasErrors: Bool
    let periodErrorKey: String?
}
