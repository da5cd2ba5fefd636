import PilarCore
import Testing

@Suite("Verification of reported values")
struct VerificationTests {
    @Test("a value travels from the agency to the council")
    func happyPath() throws {
        var state = VerificationState.draft
        state = try VerificationFlow.apply(.submit, to: state, by: .agency)
        #expect(state == .submitted)
        state = try VerificationFlow.apply(.verify, to: state, by: .regionAdmin)
        #expect(state == .verified)
        state = try VerificationFlow.apply(.approve, to: state, by: .council)
        #expect(state == .approved)
        #expect(state.isLocked)
    }

    @Test("a return needs a written reason and sends the value back to the agency")
    func returns() throws {
        #expect(throws: VerificationError.reasonRequired) {
            try VerificationFlow.apply(.return, to: .submitted, by: .regionAdmin, reason: "  ")
        }
        #expect(try VerificationFlow.apply(.return, to: .submitted, by: .regionAdmin, reason: "Bukti tidak terbaca") == .draft)
        #expect(try VerificationFlow.apply(.return, to: .verified, by: .council, reason: "Angka tidak sesuai laporan") == .draft)
    }

    @Test("approved values are locked and steps cannot be skipped or taken by the wrong person")
    func refusals() {
        #expect(throws: VerificationError.notAllowed(from: .approved, action: .return)) {
            try VerificationFlow.apply(.return, to: .approved, by: .council, reason: "late change")
        }
        #expect(throws: VerificationError.notAllowed(from: .draft, action: .approve)) {
            try VerificationFlow.apply(.approve, to: .draft, by: .council)
        }
        #expect(throws: VerificationError.wrongActor) {
            try VerificationFlow.apply(.verify, to: .submitted, by: .agency)
        }
        #expect(throws: VerificationError.wrongActor) {
            try VerificationFlow.apply(.approve, to: .verified, by: .regionAdmin)
        }
        #expect(VerificationState.allCases.filter(\.isEditable) == [.draft])
    }
}
