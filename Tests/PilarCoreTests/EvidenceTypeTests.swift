import PilarCore
import Testing

@Suite("Evidence files are recognised by content")
struct EvidenceTypeTests {
    @Test("known kinds with matching names pass")
    func accepted() throws {
        #expect(try EvidenceType.check(filename: "laporan.pdf", bytes: Array("%PDF-1.7\n".utf8)).get() == .pdf)
        #expect(try EvidenceType.check(filename: "foto.JPG", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]).get() == .jpeg)
        #expect(try EvidenceType.check(filename: "data.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04, 0]).get() == .officeOpenXML)
        #expect(try EvidenceType.check(filename: "nilai.csv", bytes: Array("periode,nilai\n2025S1,80\n".utf8)).get() == .text)
    }

    @Test("a file that lies about its type, an empty one and an oversized one are refused")
    func refused() {
        #expect(EvidenceType.check(filename: "laporan.pdf", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .failure(.nameMismatch))
        #expect(EvidenceType.check(filename: "setup.pdf", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 1]) == .failure(.unknownType))
        #expect(EvidenceType.check(filename: "kosong.pdf", bytes: []) == .failure(.empty))
        #expect(EvidenceType.check(filename: "besar.pdf", bytes: Array("%PDF-".utf8) + [UInt8](repeating: 32, count: EvidenceType.maxBytes)) == .failure(.tooLarge))
    }
}
