import PilarCore
import Vapor

/// View models for the agency pages.
struct AgencyListPage: Encodable {
    struct Row: Encodable {
        let id: Int
        let name: String
        let shortName: String
        let kindKey: String
        let headName: String
        let active: Bool
    }

    let regionCode: String
    let regionName: String
    let rows: [Row]
    let canCreate: Bool
    let showInactive: Bool
}

struct AgencyFormPage: Encodable {
    struct Choice: Encodable {
        let value: String
        let labelKey: String
        let selected: Bool
    }

    let action: String
    let cancelHref: String
    let isNew: Bool
    let regionName: String
    let values: AgencyInput
    let kinds: [Choice]
    /// Field name → catalog key of what is wrong with it.
    let errors: [String: String]
    let hasErrors: Bool

    init(action: String, cancelHref: String, isNew: Bool, regionName: String, values: AgencyInput, errors: [FieldProblem] = []) {
        self.action = action
        self.cancelHref = cancelHref
        self.isNew = isNew
        self.regionName = regionName
        self.values = values
        let selectedKind = values.kind ?? AgencyKind.office.rawValue
        kinds = AgencyKind.allCases.map { Choice(value: $0.rawValue, labelKey: "agency.kind." + $0.rawValue, selected: $0.rawValue == selectedKind) }
        self.errors = errors.byField
        hasErrors = !errors.isEmpty
    }
}

struct AgencyDetailPage: Encodable {
    let agency: AgencySnapshot
    let kindKey: String
    let regionName: String
    let canEdit: Bool
    let canChangeActive: Bool
    let history: [AuditRow]
}

extension AgencyInput {
    init(_ snapshot: AgencySnapshot) {
        self.init(name: snapshot.name, shortName: snapshot.shortName, kind: snapshot.kind, headName: snapshot.headName,
                  email: snapshot.email, phone: snapshot.phone, address: snapshot.address)
    }
}
