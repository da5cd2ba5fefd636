import Fluent
import PilarCore
import SQLKit
import Vapor

/// Reads for evaluation: methods, cycles, one evaluation with its scores and evidence, a region's
/// published history and a cycle's ranking. Writes go through `EvaluationService`.
struct EvaluationRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    struct StoredMethod {
        let id: Int
        let method: ScoringMethod
    }

    func methods() async throws -> [StoredMethod] {
        try await ScoringMethodModel.query(on: db).sort(\.$code).sort(\.$version).all().map {
            StoredMethod(id: try $0.requireID(), method: try $0.method())
        }
    }

    /// A method by database id, or by code for its latest version (`smart-city-2022`).
    func method(_ key: String) async throws -> StoredMethod? {
        let model: ScoringMethodModel?
        if let id = Int(key) {
            model = try await ScoringMethodModel.find(id, on: db)
        } else {
            model = try await ScoringMethodModel.query(on: db).filter(\.$code == key).sort(\.$version, .descending).first()
        }
        return try model.map { StoredMethod(id: try $0.requireID(), method: try $0.method()) }
    }

    func methods(ids: Set<Int>) async throws -> [Int: ScoringMethod] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int: ScoringMethod] = [:]
        for model in try await ScoringMethodModel.query(on: db).filter(\.$id ~~ Array(ids)).all() {
            result[try model.requireID()] = try model.method()
        }
        return result
    }

    struct CycleSummary: Content {
        let id: Int
        let period: String
        let year: Int
        let stage: Int
        let methodID: Int
        let method: String
        let selfFrom: String
        let selfUntil: String
        let verifyUntil: String
        let publishOn: String
        let state: String
        let regions: Int
        let published: Int
    }

    /// All cycles, newest first; or those of one region; or just the one with `id`.
    func cycles(region: String? = nil, id: Int? = nil) async throws -> [CycleSummary] {
        let counts = try await sql.raw("""
            SELECT cycle_id, COUNT(*) AS n, SUM(CASE WHEN state = 'published' THEN 1 ELSE 0 END) AS p
            FROM evaluations WHERE cycle_id IS NOT NULL GROUP BY cycle_id
            """).all().reduce(into: [Int: (Int, Int)]()) { result, row in
                result[try row.decode(column: "cycle_id", as: Int.self)] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "p", as: Int?.self) ?? 0)
            }
        var query = EvaluationCycleModel.query(on: db).sort(\.$period, .descending)
        if let id { query = query.filter(\.$id == id) }
        if let region {
            let ids = try await EvaluationModel.query(on: db).filter(\.$regionCode == region).filter(\.$cycleID != nil).all().compactMap(\.cycleID)
            query = query.filter(\.$id ~~ ids)
        }
        let cycles = try await query.all()
        let methods = try await methods(ids: Set(cycles.map(\.methodID)))
        return try cycles.map { cycle in
            let id = try cycle.requireID()
            return CycleSummary(id: id, period: cycle.period, year: cycle.year, stage: cycle.stage, methodID: cycle.methodID,
                                method: methods[cycle.methodID]?.label ?? "?", selfFrom: cycle.selfFrom, selfUntil: cycle.selfUntil,
                                verifyUntil: cycle.verifyUntil, publishOn: cycle.publishOn, state: cycle.state,
                                regions: counts[id]?.0 ?? 0, published: counts[id]?.1 ?? 0)
        }
    }

    /// One region's evaluation with everything around it.
    struct Detail {
        let evaluation: EvaluationModel
        let cycle: EvaluationCycleModel?
        let method: StoredMethod?
        let region: RegionRepository.Summary
        let scores: [String: EvaluationScoreModel]
        let evidence: [String: [EvaluationEvidenceModel]]

        var id: Int { evaluation.id ?? 0 }
        var state: EvaluationState { evaluation.evaluationState }
    }

    func detail(_ id: Int) async throws -> Detail? {
        guard let evaluation = try await EvaluationModel.find(id, on: db),
              let region = try await RegionRepository(db: db).find(evaluation.regionCode) else { return nil }
        let cycle = try await evaluation.cycleID.asyncMap { try await EvaluationCycleModel.find($0, on: db) } ?? nil
        let method = try await evaluation.methodID.asyncMap { try await self.method(String($0)) } ?? nil
        let scores = try await EvaluationScoreModel.query(on: db).filter(\.$evaluationID == id).all()
        let evidence = try await EvaluationEvidenceModel.query(on: db).filter(\.$evaluationID == id).sort(\.$id).all()
        return Detail(evaluation: evaluation, cycle: cycle, method: method, region: region,
                      scores: Dictionary(scores.map { ($0.itemCode, $0) }, uniquingKeysWith: { a, _ in a }),
                      evidence: Dictionary(grouping: evidence, by: \.itemCode))
    }

    /// A region's published results, oldest first, legacy totals included.
    struct HistoryEntry: Content {
        let id: Int
        let period: String
        let index: Double
        let predicate: String?
        let method: String?
        let legacy: Bool
        let publishedAt: Date?
    }

    func history(region: String) async throws -> [HistoryEntry] {
        let rows = try await EvaluationModel.query(on: db).filter(\.$regionCode == region)
            .filter(\.$state == EvaluationState.published.rawValue).all()
        let methods = try await methods(ids: Set(rows.compactMap(\.methodID)))
        return try rows.compactMap { row -> HistoryEntry? in
            guard let index = row.indexValue else { return nil }
            return HistoryEntry(id: try row.requireID(), period: row.period, index: index, predicate: row.predicate,
                                method: row.methodID.flatMap { methods[$0]?.label }, legacy: row.legacy, publishedAt: row.publishedAt)
        }.sorted { (EvaluationRules.timePosition(period: $0.period) ?? 0) < (EvaluationRules.timePosition(period: $1.period) ?? 0) }
    }

    /// One row of a cycle's national ranking.
    struct RankingEntry: Content {
        let evaluationID: Int
        let regionCode: String
        let regionName: String
        let kind: String
        let provinceCode: String?
        let populationBand: String?
        let index: Double
        let predicate: String?
        var rank: Int
        var peerRank: Int
        var previousIndex: Double?
    }

    /// Published results of a cycle ranked among all its regions and within each peer group (same kind
    /// and population band); the previous published index of each region gives its trend.
    func ranking(cycle: EvaluationCycleModel) async throws -> [RankingEntry] {
        let rows = try await sql.raw("""
            SELECT e.id, e.region_code, e.index_value, e.predicate, r.name, r.kind, r.province_code, r.population
            FROM evaluations e JOIN regions r ON r.code = e.region_code
            WHERE e.cycle_id = \(bind: cycle.id ?? 0) AND e.state = 'published' AND e.index_value IS NOT NULL
            """).all()
        var entries: [String: RankingEntry] = [:]
        for row in rows {
            let code = try row.decode(column: "region_code", as: String.self)
            let population = try row.decode(column: "population", as: Int?.self)
            entries[code] = RankingEntry(
                evaluationID: try row.decode(column: "id", as: Int.self), regionCode: code,
                regionName: try row.decode(column: "name", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                provinceCode: try row.decode(column: "province_code", as: String?.self),
                populationBand: population.map { PopulationBand(population: $0).rawValue },
                index: try row.decode(column: "index_value", as: Double.self), predicate: try row.decode(column: "predicate", as: String?.self),
                rank: 0, peerRank: 0, previousIndex: nil)
        }
        for ranked in EvaluationRules.rank(entries.values.map { ($0.regionCode, $0.index) }) { entries[ranked.key]?.rank = ranked.rank }
        let groups = Dictionary(grouping: entries.values) { "\($0.kind)/\($0.populationBand ?? "-")" }
        for group in groups.values {
            for ranked in EvaluationRules.rank(group.map { ($0.regionCode, $0.index) }) { entries[ranked.key]?.peerRank = ranked.rank }
        }
        let position = EvaluationRules.timePosition(period: cycle.period) ?? 0
        let earlier = try await EvaluationModel.query(on: db).filter(\.$regionCode ~~ Array(entries.keys))
            .filter(\.$state == EvaluationState.published.rawValue).all()
        for row in earlier.sorted(by: { (EvaluationRules.timePosition(period: $0.period) ?? 0) < (EvaluationRules.timePosition(period: $1.period) ?? 0) })
        where (EvaluationRules.timePosition(period: row.period) ?? 0) < position {
            entries[row.regionCode]?.previousIndex = row.indexValue
        }
        return entries.values.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.regionCode < $1.regionCode }
    }

    /// Labels for the programmes and indicators a region can point to as evidence.
    struct Reference: Encodable {
        let id: Int
        let label: String
    }

    func programmeReferences(region: String) async throws -> [Reference] {
        try await sql.raw("SELECT id, dimension_code, title FROM programmes WHERE region_code = \(bind: region) ORDER BY dimension_code, title").all().map {
            Reference(id: try $0.decode(column: "id", as: Int.self),
                      label: "\(try $0.decode(column: "dimension_code", as: String.self)) · \(try $0.decode(column: "title", as: String.self))")
        }
    }

    func indicatorReferences(region: String) async throws -> [Reference] {
        try await sql.raw("""
            SELECT i.id, i.level, i.name, p.title FROM indicators i JOIN action_plans a ON a.id = i.action_plan_id
            JOIN programmes p ON p.id = a.programme_id WHERE p.region_code = \(bind: region) ORDER BY p.title, i.name
            """).all().map {
                Reference(id: try $0.decode(column: "id", as: Int.self),
                          label: "\(try $0.decode(column: "title", as: String.self)) — \(try $0.decode(column: "name", as: String.self)) (\(try $0.decode(column: "level", as: String.self)))")
            }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
