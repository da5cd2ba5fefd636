import PilarCore
import Vapor

/// The editable fields of an agency, as posted by the form or the API. Optional everywhere so a
/// PATCH can send only what changes; `validated(against:)` fills the rest from the current record.
struct AgencyInput: Content {
    var name: String?
    var shortName: String?
    var kind: String?
    var headName: String?
    var email: String?
    var phone: String?
    var address: String?

    /// The values after applying this input to `current` (nil for a new agency), or the problems.
    func validated(against current: AgencySnapshot? = nil) throws -> AgencyValues {
        var problems: [FieldProblem] = []
        let name = Validate.trimmed(self.name ?? current?.name)
        let shortName = Validate.trimmed(self.shortName ?? current?.shortName)
        let kind = Validate.trimmed(self.kind ?? current?.kind)
        Validate.required(name, field: "name", max: 200, into: &problems)
        Validate.required(shortName, field: "shortName", max: 40, into: &problems)
        if AgencyKind(rawValue: kind) == nil {
            problems.append(FieldProblem(field: "kind", key: "error.agency_kind"))
        }
        let headName = Validate.trimmed(self.headName ?? current?.headName)
        let email = Validate.trimmed(self.email ?? current?.email)
        let phone = Validate.trimmed(self.phone ?? current?.phone)
        let address = Validate.trimmed(self.address ?? current?.address)
        Validate.optional(headName, field: "headName", max: 200, into: &problems)
        Validate.optional(address, field: "address", max: 500, into: &problems)
        if !email.isEmpty, !Validate.isEmail(email) {
            problems.append(FieldProblem(field: "email", key: "error.email"))
        }
        if !phone.isEmpty, phone.count > 40 || !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) {
            problems.append(FieldProblem(field: "phone", key: "error.phone"))
        }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        return AgencyValues(name: name, shortName: shortName, kind: kind,
                            headName: headName.nilIfEmpty, email: email.nilIfEmpty,
                            phone: phone.nilIfEmpty, address: address.nilIfEmpty)
    }
}

struct AgencyValues: Equatable {
    let name: String
    let shortName: String
    let kind: String
    let headName: String?
    let email: String?
    let phone: String?
    let address: String?
}

/// An agency as the API returns it and the audit trail stores it.
struct AgencySnapshot: Content, Equatable {
    let id: Int
    let regionCode: String
    let name: String
    let shortName: String
    let kind: String
    let headName: String?
    let email: String?
    let phone: String?
    let address: String?
    let active: Bool
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
