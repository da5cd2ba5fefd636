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
        SatisfactionWidget(try await tally(kind: kind, id: id, on: db), action: action)
    }

    /// Votes on one item, all time or within one period (the semester the citizen indicator covers).
    static func tally(kind: String, id: String, period: String? = nil, on db: any Database) async throws -> SatisfactionTally {
        var query: SQLQueryString = "SELECT answer, COUNT(*) AS n FROM satisfaction_votes WHERE item_kind = \(bind: kind) AND item_id = \(bind: id)"
        if let period { query += " AND period = \(bind: period)" }
        query += " GROUP BY answer"
        let rows = try await (db as! any SQLDatabase).raw(query).all()
        var counts: [SatisfactionAnswer: Int] = [:]
        for row in rows {
            if let answer = SatisfactionAnswer(rawValue: try row.decode(column: "answer", as: String.self)) {
                counts[answer] = try row.decode(column: "n", as: Int.self)
            }
        }
        return SatisfactionTally(counts: counts)
    }
}

extension SatisfactionWidget {
    /// The widget for a tally already read (the portal reads all of a region's programmes at once).
    init(_ tally: SatisfactionTally, action: String) {
        let percentages = tally.percentages
        self.init(action: action, options: SatisfactionAnswer.allCases.map {
            Option(value: $0.rawValue, labelKey: "vote." + $0.rawValue, count: tally.counts[$0] ?? 0, percent: percentages[$0] ?? 0)
        }, total: tally.total)
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
            // The unique index (item, day, voter) is the one-vote-a-day rule; no read beforehand.
            return .alreadyVoted
        }
        if let programmeID { try await CitizenFeeds(db: req.db).refreshVotes(programmeID: programmeID, at: now) }
        return .counted
    }
}
