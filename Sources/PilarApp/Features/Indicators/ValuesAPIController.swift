import Fluent
import PilarCore
import Vapor

/// The "sensing" path: the region's own apps push realisations with an API token, one at a time or
/// many in one all-or-nothing request, under the same scope and verification rules as the grid.
struct ValuesAPIController: RouteCollection {
    struct ValueInput: Content {
        let indicatorId: Int?
        let period: String?
        let value: Double?
        let note: String?
    }

    struct SingleInput: Content {
        let period: String?
        let value: Double?
        let note: String?
        let submit: Bool?
    }

    struct BulkInput: Content {
        let values: [ValueInput]?
        let submit: Bool?
    }

    struct BulkResponse: Content {
        let count: Int
        let values: [ValueRepository.Snapshot]
    }

    struct IndicatorResponse: Content {
        let indicator: IndicatorRepository.IndicatorSnapshot
        let values: [ValueRepository.Snapshot]
    }

    struct ActionPlansResponse: Content {
        struct Plan: Content {
            let id: Int
            let objective: String
            let agencyID: Int
            let startPeriod: String
            let endPeriod: String
            let indicatorIDs: [Int]
        }
        let programmeID: Int
        let actionPlans: [Plan]
    }

    func boot(routes: any RoutesBuilder) throws {
        let reporters = routes.access(.roles(ReportController.reporters))
        reporters.post("indicators", ":id", "values", use: single)
        reporters.post("values", use: bulk)
        routes.access(.signedIn).get("indicators", ":id", use: show)
        routes.access(.signedIn).get("indicators", ":id", "values", use: values)
        routes.access(.signedIn).get("programmes", ":id", "action-plans", use: actionPlans)
    }

    @Sendable func single(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw PilarError.notFound("indicator") }
        let body = try req.content.decode(SingleInput.self)
        let saved = try await save([ValueInput(indicatorId: id, period: body.period, value: body.value, note: body.note)],
                                   submit: body.submit ?? false, req: req, fieldPrefix: { _ in "" })
        return try await saved[0].encodeResponse(status: .created, for: req)
    }

    @Sendable func bulk(req: Request) async throws -> Response {
        let body = try req.content.decode(BulkInput.self)
        let items = body.values ?? []
        guard !items.isEmpty, items.count <= 1000 else {
            throw PilarError.invalid([FieldProblem(field: "values", key: items.isEmpty ? "error.required" : "error.too_long")])
        }
        let saved = try await save(items, submit: body.submit ?? false, req: req, fieldPrefix: { "values[\($0)]." })
        return try await BulkResponse(count: saved.count, values: saved).encodeResponse(status: .created, for: req)
    }

    /// Checks every item first (scope, period, number), so a bad item stops the whole request
    /// before anything is written; the write itself is one transaction.
    private func save(_ items: [ValueInput], submit: Bool, req: Request, fieldPrefix: (Int) -> String) async throws -> [ValueRepository.Snapshot] {
        let user = try req.user
        let repository = IndicatorRepository(db: req.db)
        var entries: [ValueRepository.Entry] = []
        var problems: [FieldProblem] = []
        var region: String?
        var seen = Set<String>()
        let owners = try await repository.owners(ofIndicators: Array(Set(items.compactMap(\.indicatorId))))
        for (index, item) in items.enumerated() {
            let prefix = fieldPrefix(index)
            guard let indicatorID = item.indicatorId, let (owner, frequency) = owners[indicatorID] else {
                problems.append(FieldProblem(field: prefix + "indicatorId", key: "error.not_found"))
                continue
            }
            // Another region's or another agency's indicator: refused outright, not merely invalid.
            try Scope.requireReporter(owner, for: user)
            if let region, region != owner.regionCode { throw PilarError.forbidden }
            region = owner.regionCode
            guard let period = Period(item.period ?? ""), period.frequency.rawValue == frequency else {
                problems.append(FieldProblem(field: prefix + "period", key: "error.period"))
                continue
            }
            guard seen.insert("\(indicatorID)/\(period.code)").inserted else {
                problems.append(FieldProblem(field: prefix + "period", key: "error.duplicate"))
                continue
            }
            guard let value = item.value, value.isFinite else {
                problems.append(FieldProblem(field: prefix + "value", key: "error.number"))
                continue
            }
            let note = (item.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if note.count > 2000 { problems.append(FieldProblem(field: prefix + "note", key: "error.too_long")); continue }
            entries.append(.init(indicatorID: indicatorID, period: period, value: value, note: note))
        }
        guard problems.isEmpty, let region else { throw PilarError.invalid(problems) }
        do {
            return try await ValueRepository(db: req.db).save(entries, region: region, submit: submit, actor: user)
        } catch ValueRepository.EntryProblem.locked(let indicatorID, let state) {
            var error = PilarError(status: .conflict, code: "value_locked", messageKey: "error.value_locked")
            error.detail = "indicator \(indicatorID) is \(state.rawValue)"
            throw error
        }
    }

    @Sendable func show(req: Request) async throws -> IndicatorResponse {
        let (indicator, _) = try await visible(req)
        return IndicatorResponse(indicator: indicator, values: try await ValueRepository(db: req.db).values(ofIndicator: indicator.id))
    }

    @Sendable func values(req: Request) async throws -> [ValueRepository.Snapshot] {
        let (indicator, _) = try await visible(req)
        return try await ValueRepository(db: req.db).values(ofIndicator: indicator.id)
    }

    @Sendable func actionPlans(req: Request) async throws -> ActionPlansResponse {
        let programme = try await req.visibleProgramme()
        let plans = try await ActionPlanModel.query(on: req.db).filter(\.$programmeID == programme.id).sort(\.$id).all()
        var result: [ActionPlansResponse.Plan] = []
        for plan in plans {
            let indicators = try await IndicatorModel.query(on: req.db).filter(\.$actionPlanID == plan.id!).sort(\.$id).all()
            result.append(.init(id: plan.id!, objective: plan.objective, agencyID: plan.agencyID, startPeriod: plan.startPeriod,
                                endPeriod: plan.endPeriod, indicatorIDs: indicators.compactMap(\.id)))
        }
        return ActionPlansResponse(programmeID: programme.id, actionPlans: result)
    }

    private func visible(_ req: Request) async throws -> (IndicatorRepository.IndicatorSnapshot, IndicatorRepository.Owner) {
        guard let id = req.parameters.get("id", as: Int.self), let indicator = try await IndicatorRepository(db: req.db).find(id),
              let owner = try await IndicatorRepository(db: req.db).owner(ofIndicator: id) else { throw PilarError.notFound("indicator") }
        try Scope.requireRegion(owner.regionCode, for: try req.user)
        return (indicator, owner)
    }
}
