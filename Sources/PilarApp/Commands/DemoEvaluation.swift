import Fluent
import Foundation
import PilarCore
import Vapor

/// Evaluation demo: Probolinggo's legacy totals (3.17 in 2019, none in 2020, 2.73 in 2021), two
/// published cycles ranking it among twenty other regions, with its 2026S1 evaluation complete from
/// self-assessment to publication, and an open cycle for the current semester. Loaded once.
enum DemoEvaluation {
    /// Other regions in the ranking: cities and regencies of several provinces and sizes.
    static let peers = ["34.71", "64.71", "35.22", "16.05", "35.78", "32.73", "33.74", "51.71", "73.71", "12.71",
                        "35.73", "35.07", "32.04", "63.71", "61.71", "14.71", "36.03", "35.15", "52.71", "35.09"]

    /// Probolinggo's 2026S1 self-scores and what the assessors made of them.
    static let probolinggo: [(code: String, selfScore: Double, verified: Double, narrative: String, reason: String)] = [
        ("baseline", 3.4, 3.2, "Sejak evaluasi 2025S2: 4 program baru berjalan, MPP menambah 12 layanan.", "Dua program baru belum punya data realisasi."),
        ("output", 3.2, 3.2, "Perwali Smart City 2024, Dewan Smart City aktif, anggaran 2026 tersedia untuk 24 program.", ""),
        ("outcome", 2.9, 2.8, "Masterplan terlaksana sekitar 60 %; dimensi lingkungan tertinggal.", "Sebagian indikator outcome belum diverifikasi perangkat daerah."),
        ("impact", 3.0, 3.0, "Survei kepuasan MPP 82 %, pengaduan selesai tepat waktu naik.", ""),
        ("quickWin", 3.5, 3.4, "MPP terpadu dan perizinan daring sebagai quick win unggulan.", "Perizinan daring belum terintegrasi penuh dengan OSS."),
    ]

    static func seed(on app: Application, region: String) async throws {
        let db = app.db
        if try await EvaluationCycleModel.query(on: db).count() > 0 { return }
        guard let stored = try await EvaluationRepository(db: db).method(ScoringMethod.smartCity2022.code),
              let regionSummary = try await RegionRepository(db: db).find(region) else { return }
        let method = stored.method
        let existing = Set(try await RegionModel.query(on: db).filter(\.$id ~~ peers).all().compactMap(\.id))
        let others = peers.filter(existing.contains)
        let dimensions = try await DimensionFacts.load(region: regionSummary, scale: method.scale, on: db)
        let today = DateInput.today()
        let year = Int(today.prefix(4)) ?? 2026
        let currentStage = Int(today.dropFirst(5).prefix(2)).map { $0 <= 6 ? 1 : 2 } ?? 2
        try await db.transaction { db in
            for (period, index) in [("2019", 3.17), ("2021", 2.73)] {
                let legacy = evaluation(region: region, period: period, methodID: nil, state: .published)
                legacy.legacy = true
                legacy.indexValue = index
                legacy.exactIndex = index
                legacy.remarks = "Hasil evaluasi nasional \(period) (total saja)."
                try await legacy.create(on: db)
            }
            // Two finished semesters before the current one, then the current one open.
            let previous = currentStage == 1 ? [(year - 1, 1), (year - 1, 2)] : [(year - 1, 2), (year, 1)]
            for (position, (cycleYear, stage)) in previous.enumerated() {
                let cycle = try await createCycle(year: cycleYear, stage: stage, methodID: stored.id, state: .published, on: db)
                for code in others {
                    try await publishedPeer(code, cycle: cycle, method: method, methodID: stored.id, round: position, on: db)
                }
                let isLatest = position == previous.count - 1
                let mine = evaluation(region: region, period: cycle.period, methodID: stored.id, state: .published)
                mine.cycleID = try cycle.requireID()
                mine.remarks = isLatest ? "Kemajuan nyata pada layanan publik; perkuat data outcome dan integrasi perizinan." : "Lanjutkan integrasi layanan."
                try await mine.create(on: db)
                var verified: [String: Double] = [:]
                for item in probolinggo {
                    let shift = isLatest ? 0 : -0.2
                    let score = EvaluationScoreModel(evaluationID: try mine.requireID(), itemCode: item.code, kind: .item)
                    score.selfScore = item.selfScore + shift
                    score.verifiedScore = item.verified + shift
                    score.narrative = item.narrative
                    score.reason = item.reason
                    try await score.create(on: db)
                    verified[item.code] = item.verified + shift
                }
                for dimension in dimensions {
                    let score = EvaluationScoreModel(evaluationID: try mine.requireID(), itemCode: "dimension." + dimension.code, kind: .dimension)
                    score.selfScore = dimension.score
                    score.verifiedScore = dimension.score
                    score.planned = dimension.planned
                    score.running = dimension.running
                    try await score.create(on: db)
                }
                if isLatest {
                    for (kind, ref) in [(EvaluationEvidenceModel.Kind.programme, "quickWin"), (.programme, "outcome")] {
                        if let programme = try await ProgrammeModel.query(on: db).filter(\.$regionCode == region).sort(\.$id).first() {
                            try await EvaluationEvidenceModel(evaluationID: try mine.requireID(), itemCode: ref, kind: kind, refID: try programme.requireID()).create(on: db)
                        }
                    }
                    try await EvaluationEvidenceModel(evaluationID: try mine.requireID(), itemCode: "output", kind: .link,
                                                      url: "https://jdih.probolinggokota.go.id/").create(on: db)
                }
                let result = try method.evaluate(verified)
                mine.indexValue = result.published
                mine.exactIndex = result.index
                mine.submittedAt = Date()
                mine.verifiedAt = Date()
                mine.publishedAt = Date()
                try await mine.save(on: db)
            }
            // The current semester: open for self-assessment, Probolinggo and a few peers.
            let open = try await createCycle(year: year, stage: currentStage, methodID: stored.id, state: .open, on: db)
            for code in [region] + others.prefix(4) {
                let evaluation = evaluation(region: code, period: open.period, methodID: stored.id, state: .selfAssessment)
                evaluation.cycleID = try open.requireID()
                try await evaluation.create(on: db)
            }
        }
    }

    private static func evaluation(region: String, period: String, methodID: Int?, state: EvaluationState) -> EvaluationModel {
        let model = EvaluationModel()
        model.regionCode = region
        model.period = period
        model.methodID = methodID
        model.state = state.rawValue
        model.legacy = false
        model.remarks = ""
        if state == .published { model.publishedAt = Date() }
        return model
    }

    private static func createCycle(year: Int, stage: Int, methodID: Int, state: CycleState, on db: any Database) async throws -> EvaluationCycleModel {
        let cycle = EvaluationCycleModel()
        cycle.year = year
        cycle.stage = stage
        cycle.period = "\(year)S\(stage)"
        cycle.methodID = methodID
        let dates: [String]
        switch (state, stage) {
        // An open cycle spans the whole semester, so the demo region can self-assess whenever it is loaded.
        case (.open, 1): dates = ["\(year)-01-01", "\(year)-06-30", "\(year)-07-31", "\(year)-08-15"]
        case (.open, _): dates = ["\(year)-07-01", "\(year)-12-31", "\(year + 1)-01-31", "\(year + 1)-02-15"]
        case (_, 1): dates = ["\(year)-02-01", "\(year)-03-31", "\(year)-05-15", "\(year)-06-20"]
        default: dates = ["\(year)-08-01", "\(year)-09-30", "\(year)-11-15", "\(year)-12-20"]
        }
        cycle.selfFrom = dates[0]
        cycle.selfUntil = dates[1]
        cycle.verifyUntil = dates[2]
        cycle.publishOn = dates[3]
        cycle.state = state.rawValue
        if state == .published { cycle.publishedAt = Date() }
        try await cycle.create(on: db)
        return cycle
    }

    /// A peer's published result with scores spread like the observed 2.0–3.9, fixed per region and round.
    private static func publishedPeer(_ code: String, cycle: EvaluationCycleModel, method: ScoringMethod, methodID: Int, round: Int,
                                      on db: any Database) async throws {
        let evaluation = evaluation(region: code, period: cycle.period, methodID: methodID, state: .published)
        evaluation.cycleID = try cycle.requireID()
        evaluation.remarks = "Hasil verifikasi asesor."
        try await evaluation.create(on: db)
        let seed = code.unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 9973 }
        var verified: [String: Double] = [:]
        for (position, leaf) in method.leaves.enumerated() {
            let base = 2.0 + Double((seed * (position + 3) + round * 17) % 190) / 100
            let selfScore = min(method.scale.max, (base * 10).rounded() / 10 + 0.1)
            let verifiedScore = (base * 10).rounded() / 10
            let score = EvaluationScoreModel(evaluationID: try evaluation.requireID(), itemCode: leaf.code, kind: .item)
            score.selfScore = selfScore
            score.verifiedScore = verifiedScore
            score.reason = selfScore == verifiedScore ? "" : "Bukti dukung belum lengkap."
            try await score.create(on: db)
            verified[leaf.code] = verifiedScore
        }
        let result = try method.evaluate(verified)
        evaluation.indexValue = result.published
        evaluation.exactIndex = result.index
        try await evaluation.save(on: db)
    }
}
