import Foundation
import PilarCore
import Vapor

/// What a citizen types into the report form (or an Open311 client posts).
struct ComplaintInput: Sendable {
    var classification: String
    var serviceCode: String
    var description: String
    var address: String
    var latitude: String
    var longitude: String
    var name: String
    var email: String
    var phone: String
    /// Both default to the safe side: a form that does not send them means "hide".
    var anonymous: Bool = true
    var confidential: Bool = true
    var consent: Bool = false
    var photo: (bytes: [UInt8], filename: String)?

    struct Checked {
        let classification: ComplaintClassification
        let serviceCode: String
        let description: String
        let address: String
        let latitude: Double?
        let longitude: Double?
        let name: String
        let email: String
        let phone: String
        let photo: (type: EvidenceType, bytes: [UInt8])?

        var hasIdentity: Bool { !(name.isEmpty && email.isEmpty && phone.isEmpty) }
    }

    static let maxPhotoBytes = 2 * 1024 * 1024

    func check() -> Result<Checked, PilarError> {
        var problems: [FieldProblem] = []
        let classification = ComplaintClassification(rawValue: classification)
        if classification == nil { problems.append(.init(field: "classification", key: "error.complaint_classification")) }
        if Validate.trimmed(serviceCode).isEmpty { problems.append(.init(field: "serviceCode", key: "error.complaint_service")) }
        Validate.required(description, field: "description", max: 4000, into: &problems)
        if !Validate.trimmed(description).isEmpty, Validate.trimmed(description).count < 10 {
            problems.append(.init(field: "description", key: "error.complaint_description_short"))
        }
        Validate.optional(address, field: "address", max: 300, into: &problems)
        let lat = Validate.trimmed(latitude), long = Validate.trimmed(longitude)
        var point: (Double, Double)?
        if !lat.isEmpty || !long.isEmpty {
            if let a = NumberInput.parse(lat), let b = NumberInput.parse(long), (-90...90).contains(a), (-180...180).contains(b) {
                point = (a, b)
            } else {
                problems.append(.init(field: "latitude", key: "error.complaint_location"))
            }
        }
        if point == nil, Validate.trimmed(address).isEmpty, problems.allSatisfy({ $0.field != "latitude" }) {
            problems.append(.init(field: "address", key: "error.complaint_where"))
        }
        Validate.optional(name, field: "name", max: 120, into: &problems)
        let mail = Validate.trimmed(email)
        if !mail.isEmpty, !Validate.isEmail(mail) { problems.append(.init(field: "email", key: "error.email")) }
        let tel = Validate.trimmed(phone)
        if !tel.isEmpty, tel.count > 20 || !tel.allSatisfy({ $0.isNumber || "+- ".contains($0) }) {
            problems.append(.init(field: "phone", key: "error.complaint_phone"))
        }
        let identity = !(Validate.trimmed(name).isEmpty && mail.isEmpty && tel.isEmpty)
        if identity, !consent { problems.append(.init(field: "consent", key: "error.complaint_consent")) }
        var checkedPhoto: (EvidenceType, [UInt8])?
        if let photo, !photo.bytes.isEmpty {
            if photo.bytes.count > Self.maxPhotoBytes {
                problems.append(.init(field: "photo", key: "error.photo_too_large"))
            } else if let type = EvidenceType.sniff(photo.bytes), type == .png || type == .jpeg {
                checkedPhoto = (type, photo.bytes)
            } else {
                problems.append(.init(field: "photo", key: "error.photo_type"))
            }
        }
        guard problems.isEmpty, let classification else { return .failure(PilarError.invalid(problems)) }
        return .success(Checked(classification: classification, serviceCode: Validate.trimmed(serviceCode),
                                description: Validate.trimmed(description), address: Validate.trimmed(address),
                                latitude: point?.0, longitude: point?.1, name: Validate.trimmed(name), email: mail, phone: tel,
                                photo: checkedPhoto.map { (type: $0.0, bytes: $0.1) }))
    }
}
