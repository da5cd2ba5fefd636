import Fluent
import Foundation
import PilarCore
import Vapor

/// Every change to evaluation: opening cycles, the region's self-assessment, the assessors'
/// verification, publication, legacy totals and new method versions. Each checks its input in full
/// before writing, writes in one transaction with its audit entry, and refuses work out of turn.
struct EvaluationService {
    let db: any Database
    var repository: EvaluationRepository { EvaluationRepository(db: db) }

    static let locked = PilarError(status: .conflict, code: "evaluation_locked", messageKey: "error.evaluation_locked")
    static let windowClosed = PilarError(status: .conflict, code: "self_assessment_closed", messageKey: "error.self_assessment_closed")

    // MARK: cycles

    func openCycle(_ input: CycleInput, actor: AuthUser) async throws -> Int {
        let checked = try input.check()
        guard let stored = try await repository.method(String(checked.methodID)) else {
            throw PilarError.invalid([.init(field: "methodID", key: "error.required")])
        }
        let known = try await RegionModel.query(on: db).filter(\.$id ~~ checked.regions).count()
        guard known == checked.regions.count else { throw PilarError.invalid([.init(field: "regions", key: "error.cycle_region_code")]) }
        let period = checked.stage.period(year: checked.year)
        if try await EvaluationCycleModel.query(on: db).filter(\.$period == period).count() > 0 {
            throw PilarError.conflict("error.cycle_exists", field: "stage")
        }
        if try await EvaluationModel.query(on: db).filter(\.$period == period).filter(\.$regionCode ~~ checked.regions).count() > 0 {
            throw PilarError.conflict("error.cycle_region_has_result", field: "regions")
        }
        let cycle = EvaluationCycleModel()
        cycle.period = period
        cycle.year = checked.year
        cycle.stage = checked.stage.rawValue
        cycle.methodID = stored.id
        cycle.selfFrom = checked.selfFrom
        cycle.selfUntil = checked.selfUntil
        cycle.verifyUntil = checked.verifyUntil
        cycle.publishOn = checked.publishOn
        cycle.state = CycleState.open.rawValue
        try await db.transaction { db in
            try await cycle.create(on: db)
            for code in checked.regions {
                let evaluation = EvaluationModel()
                evaluation.cycleID = try cycle.requireID()
                evaluation.regionCode = code
                evaluation.period = period
                evaluation.methodID = stored.id
                evaluation.state = EvaluationState.selfAssessment.rawValue
                evaluation.legacy = false
                evaluation.remarks = ""
                try await evaluation.create(on: db)
            }
            try await AuditLog.record(.create, entity: "evaluation_cycle", id: String(try cycle.requireID()), region: nil, before: [String: String]?.none,
                                      after: ["period": period, "method": stored.method.label, "regions": checked.regions.joined(separator: ",")],
                                      actor: actor, on: db)
        }
        return try cycle.requireID()
    }

    /// Publishes every verified evaluation of the cycle with its index under the cycle's method.
    func publish(cycleID: Int, actor: AuthUser) async throws -> Int {
        guard let cycle = try await EvaluationCycleModel.find(cycleID, on: db) else { throw PilarError.notFound("cycle \(cycleID)") }
        guard let stored = try await repository.method(String(cycle.methodID)) else { throw PilarError.notFound("method") }
        let verified = try await EvaluationModel.query(on: db).filter(\.$cycleID == cycleID)
            .filter(\.$state == EvaluationState.verified.rawValue).all()
        guard !verified.isEmpty else { throw PilarError.conflict("error.nothing_to_publish") }
        let now = Date()
        try await db.transaction { db in
            for evaluation in verified {
                let scores = try await EvaluationScoreModel.query(on: db).filter(\.$evaluationID == evaluation.requireID())
                    .filter(\.$kind == EvaluationScoreModel.Kind.item.rawValue).all()
                let result = try stored.method.evaluate(Dictionary(scores.compactMap { s in s.verifiedScore.map { (s.itemCode, $0) } },
                                                                   uniquingKeysWith: { a, _ in a }))
                evaluation.indexValue = result.published
                evaluation.exactIndex = result.index
                evaluation.predicate = result.band?.code
                evaluation.state = EvaluationState.published.rawValue
                evaluation.publishedAt = now
                try await evaluation.save(on: db)
                try await AuditLog.record(.publish, entity: "evaluation", id: String(try evaluation.requireID()), region: evaluation.regionCode,
                                          before: [String: String]?.none, after: ["index": String(result.published), "method": stored.method.label],
                                          actor: actor, on: db)
            }
            let remaining = try await EvaluationModel.query(on: db).filter(\.$cycleID == cycleID)
                .filter(\.$state != EvaluationState.published.rawValue).count()
            if remaining == 0 {
                cycle.state = CycleState.published.rawValue
                cycle.publishedAt = now
                try await cycle.save(on: db)
            }
        }
        return verified.count
    }

    // MARK: self-assessment

    /// Saves the region's scores; with `submit` every item needs a score and the evaluation locks.
    func saveSelfAssessment(_ detail: EvaluationRepository.Detail, items: [String: SelfScoreInput], submit: Bool,
                            actor: AuthUser, today: String = DateInput.today()) async throws {
        guard detail.state.regionMayEdit, let stored = detail.method else { throw Self.locked }
        if let cycle = detail.cycle, today < cycle.selfFrom || today > cycle.selfUntil { throw Self.windowClosed }
        let method = stored.method
        let programmeIDs = Set(try await repository.programmeReferences(region: detail.region.code).map(\.id))
        let indicatorIDs = Set(try await repository.indicatorReferences(region: detail.region.code).map(\.id))
        var problems: [FieldProblem] = []
        var parsed: [String: (score: Double?, input: SelfScoreInput)] = [:]
        for leaf in method.leaves {
            let input = items[leaf.code] ?? SelfScoreInput(score: "", narrative: "")
            let score = ScoreInput.parse(input.score, scale: method.scale, field: "score_\(leaf.code)", required: submit, into: &problems)
            if Validate.trimmed(input.narrative).count > 5000 { problems.append(.init(field: "narrative_\(leaf.code)", key: "error.too_long")) }
            if submit, Validate.trimmed(input.narrative).isEmpty { problems.append(.init(field: "narrative_\(leaf.code)", key: "error.narrative_required")) }
            if !Set(input.programmes).isSubset(of: programmeIDs) || !Set(input.indicators).isSubset(of: indicatorIDs) {
                problems.append(.init(field: "evidence_\(leaf.code)", key: "error.evidence_region"))
            }
            if input.links.count > 20 || !input.links.allSatisfy(ScoreInput.isLink) {
                problems.append(.init(field: "links_\(leaf.code)", key: "error.evidence_links"))
            }
            parsed[leaf.code] = (score, input)
        }
        if let unknown = items.keys.first(where: { key in !method.leaves.contains { $0.code == key } }) {
            problems.append(.init(field: "score_\(unknown)", key: "error.unknown_item"))
        }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        let entries = parsed
        let dimensions = submit ? try await DimensionFacts.load(region: detail.region, scale: method.scale, on: db) : []
        let evaluation = detail.evaluation
        let id = try evaluation.requireID()
        try await db.transaction { db in
            for (code, entry) in entries {
                let score = try await EvaluationScoreModel.query(on: db).filter(\.$evaluationID == id).filter(\.$itemCode == code).first()
                    ?? EvaluationScoreModel(evaluationID: id, itemCode: code, kind: .item)
                score.selfScore = entry.score
                score.narrative = Validate.trimmed(entry.input.narrative)
                try await score.save(on: db)
                try await EvaluationEvidenceModel.query(on: db).filter(\.$evaluationID == id).filter(\.$itemCode == code).delete()
                for ref in Set(entry.input.programmes).sorted() {
                    try await EvaluationEvidenceModel(evaluationID: id, itemCode: code, kind: .programme, refID: ref).create(on: db)
                }
                for ref in Set(entry.input.indicators).sorted() {
                    try await EvaluationEvidenceModel(evaluationID: id, itemCode: code, kind: .indicator, refID: ref).create(on: db)
                }
                for link in entry.input.links {
                    try await EvaluationEvidenceModel(evaluationID: id, itemCode: code, kind: .link, url: link).create(on: db)
                }
            }
            for dimension in dimensions {
                let code = "dimension." + dimension.code
                let score = try await EvaluationScoreModel.query(on: db).filter(\.$evaluationID == id).filter(\.$itemCode == code).first()
                    ?? EvaluationScoreModel(evaluationID: id, itemCode: code, kind: .dimension)
                score.selfScore = dimension.score
                score.planned = dimension.planned
                score.running = dimension.running
                try await score.save(on: db)
            }
            if submit {
                evaluation.state = EvaluationState.submitted.rawValue
                evaluation.submittedAt = Date()
                try await evaluation.save(on: db)
            }
            try await AuditLog.record(submit ? .submit : .update, entity: "self_assessment", id: String(id), region: detail.region.code,
                                      before: [String: String]?.none,
                                      after: entries.mapValues { $0.score.map { String($0) } ?? "" }, actor: actor, on: db)
        }
    }

    // MARK: verification

    /// Saves an assessor's verified scores; with `complete` every item and dimension needs one and
    /// the evaluation is ready for publication. A score that differs from the region's needs a reason.
    func saveVerification(_ detail: EvaluationRepository.Detail, items: [String: VerifiedScoreInput], remarks: String,
                          complete: Bool, actor: AuthUser) async throws {
        guard detail.state.assessorMayEdit, let stored = detail.method else { throw Self.locked }
        let method = stored.method
        let codes = method.leaves.map(\.code) + detail.scores.values.filter { $0.kind == EvaluationScoreModel.Kind.dimension.rawValue }
            .map(\.itemCode).sorted()
        var problems: [FieldProblem] = []
        var parsed: [String: (score: Double?, reason: String, notes: String)] = [:]
        for code in codes {
            let input = items[code] ?? VerifiedScoreInput(score: "", reason: "", notes: "")
            let isDimension = code.hasPrefix("dimension.")
            let score = ScoreInput.parse(input.score, scale: method.scale, field: "verified_\(code)", required: complete && !isDimension, into: &problems)
            let reason = Validate.trimmed(input.reason), notes = Validate.trimmed(input.notes)
            if let score, reason.isEmpty, EvaluationRules.reasonRequired(selfScore: detail.scores[code]?.selfScore, verifiedScore: score) {
                problems.append(.init(field: "reason_\(code)", key: "error.verify_reason_required"))
            }
            if reason.count > 5000 { problems.append(.init(field: "reason_\(code)", key: "error.too_long")) }
            if notes.count > 5000 { problems.append(.init(field: "notes_\(code)", key: "error.too_long")) }
            parsed[code] = (score, reason, notes)
        }
        if let unknown = items.keys.first(where: { !codes.contains($0) }) {
            problems.append(.init(field: "verified_\(unknown)", key: "error.unknown_item"))
        }
        if Validate.trimmed(remarks).count > 5000 { problems.append(.init(field: "remarks", key: "error.too_long")) }
        guard problems.isEmpty else { throw PilarError.invalid(problems) }
        let entries = parsed
        let evaluation = detail.evaluation
        let id = try evaluation.requireID()
        try await db.transaction { db in
            for (code, entry) in entries {
                let score = try await EvaluationScoreModel.query(on: db).filter(\.$evaluationID == id).filter(\.$itemCode == code).first()
                    ?? EvaluationScoreModel(evaluationID: id, itemCode: code, kind: code.hasPrefix("dimension.") ? .dimension : .item)
                score.verifiedScore = entry.score
                score.reason = entry.reason
                score.fieldNotes = entry.notes
                try await score.save(on: db)
            }
            evaluation.remarks = Validate.trimmed(remarks)
            if complete {
                evaluation.state = EvaluationState.verified.rawValue
                evaluation.verifiedAt = Date()
            }
            try await evaluation.save(on: db)
            try await AuditLog.record(complete ? .verify : .update, entity: "verification", id: String(id), region: detail.region.code,
                                      before: [String: String]?.none, after: entries.mapValues { $0.score.map { String($0) } ?? "" }, actor: actor, on: db)
        }
    }

    // MARK: legacy totals and method versions

    /// A result known only as its published total, e.g. an index from before Pilar.
    func recordLegacy(region: String, period rawPeriod: String, index rawIndex: String, remarks: String, actor: AuthUser) async throws {
        var problems: [FieldProblem] = []
        let period = Period(Validate.trimmed(rawPeriod)).flatMap { [.yearly, .semester].contains($0.frequency) ? $0 : nil }
        if period == nil { problems.append(.init(field: "period", key: "error.legacy_period")) }
        let index = NumberInput.parse(rawIndex).flatMap { (0...5).contains($0) ? $0 : nil }
        if index == nil { problems.append(.init(field: "index", key: "error.legacy_index")) }
        if Validate.trimmed(remarks).count > 2000 { problems.append(.init(field: "remarks", key: "error.too_long")) }
        guard problems.isEmpty, let period, let index else { throw PilarError.invalid(problems) }
        // One result per period: a yearly total also covers both semesters of its year.
        let existing = try await EvaluationModel.query(on: db).filter(\.$regionCode == region).all().compactMap { Period($0.period) }
        if existing.contains(where: { $0 == period || ($0.year == period.year && ($0.frequency == .yearly || period.frequency == .yearly)) }) {
            throw PilarError.conflict("error.legacy_exists", field: "period")
        }
        let evaluation = EvaluationModel()
        evaluation.regionCode = region
        evaluation.period = period.code
        evaluation.state = EvaluationState.published.rawValue
        evaluation.legacy = true
        evaluation.indexValue = ScoringMethod.publish(index)
        evaluation.exactIndex = index
        evaluation.remarks = Validate.trimmed(remarks)
        evaluation.publishedAt = Date()
        try await db.transaction { db in
            try await evaluation.create(on: db)
            try await AuditLog.record(.create, entity: "legacy_result", id: String(try evaluation.requireID()), region: region,
                                      before: [String: String]?.none, after: ["period": period.code, "index": String(index)], actor: actor, on: db)
        }
    }

    /// A new version of a method (or a new method based on one) with other weights, scale or date.
    func revise(_ base: EvaluationRepository.StoredMethod, code rawCode: String, nameID: String, nameEN: String, effectiveFrom: String,
                scaleMin: String, scaleMax: String, weights rawWeights: [String: String], actor: AuthUser) async throws -> Int {
        var problems: [FieldProblem] = []
        let code = Validate.trimmed(rawCode).lowercased()
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(.init(field: "code", key: "error.method_code"))
        }
        Validate.required(nameID, field: "nameID", max: 200, into: &problems)
        Validate.required(nameEN, field: "nameEN", max: 200, into: &problems)
        let date = DateInput.parse(effectiveFrom)
        if date == nil { problems.append(.init(field: "effectiveFrom", key: "error.date")) }
        let low = NumberInput.parse(scaleMin), high = NumberInput.parse(scaleMax)
        let scale = low.flatMap { l in high.flatMap { h in try? ScoreScale(min: l, max: h) } }
        if scale == nil { problems.append(.init(field: "scaleMax", key: "error.scale")) }
        var weights: [String: Double] = [:]
        for leaf in base.method.leaves {
            if let weight = NumberInput.parse(rawWeights[leaf.code] ?? ""), weight > 0, weight <= 1000 {
                weights[leaf.code] = weight
            } else {
                problems.append(.init(field: "weight_\(leaf.code)", key: "error.weight"))
            }
        }
        guard problems.isEmpty, let date, let scale else { throw PilarError.invalid(problems) }
        let latest = try await ScoringMethodModel.query(on: db).filter(\.$code == code).sort(\.$version, .descending).first()
        let bands = base.method.bands.filter { $0.from >= scale.min && $0.from <= scale.max }
        let method: ScoringMethod
        do {
            method = try base.method.revised(code: code, version: (latest?.version ?? 0) + 1,
                                             name: BilingualText(Validate.trimmed(nameID), Validate.trimmed(nameEN)),
                                             effectiveFrom: date, scale: scale, weights: weights, bands: bands)
        } catch {
            throw PilarError.invalid([.init(field: "scaleMax", key: "error.scale")])
        }
        let model = try ScoringMethodModel(method)
        try await db.transaction { db in
            try await model.create(on: db)
            try await AuditLog.record(.create, entity: "scoring_method", id: String(try model.requireID()), region: nil, before: [String: String]?.none,
                                      after: ["method": method.label, "basedOn": base.method.label,
                                              "weights": method.leaves.map { "\($0.code)=\($0.weight)" }.joined(separator: ",")],
                                      actor: actor, on: db)
        }
        return try model.requireID()
    }
}

/// Per smart dimension: programmes planned and running, and the score derived from their indicators.
struct DimensionFacts: Encodable {
    let code: String
    let score: Double?
    let planned: Int
    let running: Int

    static func load(region: RegionRepository.Summary, scale: ScoreScale, on db: any Database, today: Date = Date()) async throws -> [DimensionFacts] {
        let repository = DashboardRepository(db: db)
        let settings = try await RegionSettings.load(region.code, on: db)
        let programmes = try await repository.programmes(region: region.code)
        let indicators = try await repository.indicators(region: region.code)
        var achievements: [Int: [Double]] = [:]
        for facts in indicators.values {
            let assessment = IndicatorAssessment(targets: facts.targets, realisations: facts.reported, direction: facts.direction,
                                                 lowerFormula: settings.formula, today: today, thresholds: settings.thresholds)
            if let achievement = assessment.achievement { achievements[facts.programmeID, default: []].append(achievement) }
        }
        let dimensions = try await FrameworkRepository(db: db).adopted(by: region)?.dimensions.map(\.code)
            ?? Array(Set(programmes.map(\.dimension))).sorted()
        return dimensions.map { code in
            let mine = programmes.filter { $0.dimension == code }
            let scores = mine.map { EvaluationRules.programmeScore(achievements: achievements[$0.id] ?? [], scale: scale) }
            return DimensionFacts(code: code, score: EvaluationRules.dimensionScore(programmeScores: scores), planned: mine.count,
                                  running: mine.filter { $0.status == ProgrammeStatus.running.rawValue }.count)
        }
    }
}
