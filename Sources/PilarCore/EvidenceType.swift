/// The kinds of evidence file accepted, recognised by their first bytes rather than by the name or
/// the type the browser claims: a renamed executable must not pass as a PDF.
public enum EvidenceType: String, CaseIterable, Sendable {
    case pdf, png, jpeg, officeOpenXML, legacyOffice, text

    public static let maxBytes = 5 * 1024 * 1024

    /// The content type to serve the file with.
    public var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .officeOpenXML: return "application/zip"
        case .legacyOffice: return "application/octet-stream"
        case .text: return "text/plain; charset=utf-8"
        }
    }

    /// The file name endings each kind may carry; a mismatch is refused too (a PNG named .pdf).
    public var extensions: Set<String> {
        switch self {
        case .pdf: return ["pdf"]
        case .png: return ["png"]
        case .jpeg: return ["jpg", "jpeg"]
        case .officeOpenXML: return ["xlsx", "docx", "pptx"]
        case .legacyOffice: return ["xls", "doc", "ppt"]
        case .text: return ["csv", "txt"]
        }
    }

    public static func sniff(_ bytes: [UInt8]) -> EvidenceType? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .officeOpenXML }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        if !bytes.isEmpty, !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil { return .text }
        return nil
    }

    public enum Problem: String, Error, Sendable {
        case empty, tooLarge, unknownType, nameMismatch
    }

    /// Checks a file as uploaded: not empty, within the size limit, of a known kind whose content
    /// matches its name.
    public static func check(filename: String, bytes: [UInt8]) -> Result<EvidenceType, Problem> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maxBytes { return .failure(.tooLarge) }
        guard let type = sniff(bytes) else { return .failure(.unknownType) }
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard type.extensions.contains(ext) else { return .failure(.nameMismatch) }
        return .success(type)
    }
}
