import Fluent
import Foundation
import PilarCore
import SQLKit
import Vapor

/// The satisfaction widget's view model: the four answers with counts and percentages, and where to vote.
struct SatisfactionWidget: Encodable {
    struct Option: Encodable {
        let value: String
        let labelKey: String
        let count: Int
        let percent: Int
    }
    let action: String
    let options: [Option]
    let total: Int

    static func load(kind: String, id: String, action: String, on db: any Database) async throws -> SatisfactionWidget {
        let tally = try await tally(kind: kind, id: id, on: db)
        let percentages = tally.percentages
        return SatisfactionWidget(action: action, options: SatisfactionAnswer.allCases.map {
            Option(value: $0.rawValue, labelKey: "vote." + $0.rawValue, count: tally.counts[$0] ?? 0, percent: percentages[$0] ?? 0)
        }, total: tally.total)
    }

    static func tally(kind: String, id: String, on db: any Database) async throws -> SatisfactionTally {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT answer, COUNT(*) AS n FROM satisfaction_votes WHERE item_kind = \(bind: kind) AND item_id = \(bind: id) GROUP BY answer
            """).all()
        var counts: [SatisfactionAnswer: Int] = [:]
        for row in rows {
            if let answer = SatisfactionAnswer(rawValue: try row.decode(column: "answer", as: String.self)) {
                counts[answer] = try row.decode(column: "n", as: Int.self)
            }
        }
        return SatisfactionTally(counts: counts)
    }
}

/// Records one vote: one per browser, item and day. A repeat the same day is acknowledged without
/// counting twice; a flood from one address is refused before it reaches the database.
enum VoteRecorder {
    enum Outcome { case counted, alreadyVoted }

    static func record(_ req: Request, kind: String, id: String, region: String, programmeID: Int?) async throws -> Outcome {
        try await CitizenGuard.admit(req, "vote", limit: CitizenGuard.votesPerMinute)
        guard let voter = CitizenGuard.voter(req) else {
            throw PilarError(status: .badRequest, code: "no_voter_cookie", messageKey: "error.vote_cookie")
        }
        guard let answer = SatisfactionAnswer(rawValue: (try? req.content.get(String.self, at: "answer")) ?? "") else {
            throw PilarError.invalid([.init(field: "answer", key: "error.vote_answer")])
        }
        let now = Date()
        let day = DateInput.today(now)
        if try await SatisfactionVoteModel.query(on: req.db).filter(\.$itemKind == kind).filter(\.$itemID == id)
            .filter(\.$day == day).filter(\.$voter == voter).count() > 0 {
            return .alreadyVoted
        }
        let vote = SatisfactionVoteModel()
        vote.itemKind = kind
        vote.itemID = id
        vote.regionCode = region
        vote.answer = answer.rawValue
        vote.day = day
        vote.period = CitizenFeeds.period(at: now)?.code ?? ""
        vote.voter = voter
        do {
            try await vote.create(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadyVoted // the same browser's second click raced the first
        }
        if let programmeID { try await CitizenFeeds(db: req.db).refreshVotes(programmeID: programmeID, at: now) }
        return .counted
    }
}
