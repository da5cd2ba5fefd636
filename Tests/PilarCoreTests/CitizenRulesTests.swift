import Foundation
@testable import PilarCore
import Testing

@Suite("Satisfaction votes and complaints")
struct CitizenRulesTests {
    @Test("percentages add up to 100 and the satisfied share counts Sangat Puas and Puas")
    func tally() {
        // 12 / 1 / 1 / 2 of 16 votes: exact 75 / 6.25 / 6.25 / 12.5 → 75 / 6 / 6 / 13 (largest remainder).
        let tally = SatisfactionTally(counts: [.sangatPuas: 12, .puas: 1, .cukupPuas: 1, .tidakPuas: 2])
        #expect(tally.total == 16)
        #expect(tally.percentages.values.reduce(0, +) == 100)
        #expect(tally.percentages[.sangatPuas] == 75)
        #expect(tally.percentages[.tidakPuas] == 13)
        #expect(tally.satisfiedShare == 81.25)
        #expect(SatisfactionTally(counts: [:]).satisfiedShare == nil)
        #expect(SatisfactionTally(counts: [:]).percentages.values.allSatisfy { $0 == 0 })
    }

    @Test("the workflow follows the national channel and refuses steps out of order")
    func workflow() throws {
        #expect(try ComplaintWorkflow.next(from: .new, .dispatch) == .dispatched)
        #expect(try ComplaintWorkflow.next(from: .dispatched, .start) == .inProgress)
        #expect(try ComplaintWorkflow.next(from: .inProgress, .resolve) == .resolved)
        #expect(try ComplaintWorkflow.next(from: .resolved, .close) == .closed)
        #expect(try ComplaintWorkflow.next(from: .closed, .reopen) == .inProgress)
        #expect(throws: ComplaintWorkflowError.notAllowed(from: .new, action: .close)) { try ComplaintWorkflow.next(from: .new, .close) }
        #expect(throws: ComplaintWorkflowError.notAllowed(from: .archived, action: .dispatch)) { try ComplaintWorkflow.next(from: .archived, .dispatch) }
        #expect(ComplaintState.notOurAuthority.open311Status == "closed")
        #expect(ComplaintState.postponed.open311Status == "open")
    }

    @Test("reopen window, overdue, volume per 10,000 residents and median days")
    func figures() {
        let now = Date(timeIntervalSince1970: 1_000_000_000)
        #expect(ComplaintWorkflow.mayReopen(resolvedAt: now.addingTimeInterval(-13 * 86_400), now: now, windowDays: 14))
        #expect(!ComplaintWorkflow.mayReopen(resolvedAt: now.addingTimeInterval(-15 * 86_400), now: now, windowDays: 14))
        #expect(ComplaintWorkflow.isOverdue(state: .dispatched, createdAt: now.addingTimeInterval(-4 * 86_400), targetDays: 3, now: now))
        #expect(!ComplaintWorkflow.isOverdue(state: .resolved, createdAt: now.addingTimeInterval(-40 * 86_400), targetDays: 3, now: now))
        // 49 reports in a city of 245,000 → 2 per 10,000.
        #expect(ComplaintFigures.perTenThousand(count: 49, population: 245_000) == 2)
        #expect(ComplaintFigures.medianDays([86_400, 3 * 86_400, 2 * 86_400]) == 2)
        #expect(ComplaintFigures.medianDays([86_400, 4 * 86_400]) == 2.5)
        #expect(ComplaintFigures.medianDays([]) == nil)
        var generator = SystemRandomNumberGenerator()
        let code = ComplaintFigures.trackingCode(using: &generator)
        #expect(code.count == 15 && code.hasPrefix("LPR-") && !code.contains("O") && !code.contains("1"))
    }
}
