import Fluent
import PilarCore
import Vapor

/// The view model of a masterplan book, built from the plan's narrative and the region's programmes.
struct BookPage: Encodable {
    struct Analysis: Encodable { let labelKey: String; let text: String }
    struct ProgrammeLine: Encodable {
        let id: Int
        let title: String
        let elements: String
        let leadAgency: String
        let horizonKey: String
        let years: String
    }
    struct Dimension: Encodable {
        let code: String
        let name: String
        let analysis: [Analysis]
        let programmes: [ProgrammeLine]
    }
    struct RoadmapRow: Encodable {
        let title: String
        let dimension: String
        let cells: [String]
    }
    struct Figure: Encodable { let labelKey: String; let value: String }

    let id: Int
    let book: Int
    let title: String
    let years: String
    let regionName: String
    let vision: String
    let mission: String
    let summary: String
    let canEdit: Bool
    let dimensions: [Dimension]
    let roadmapYears: [Int]
    let roadmap: [RoadmapRow]
    let figures: [Figure]
    /// The stylesheet inlined for PDF output, which is rendered from a file with no server to ask.
    let css: String?
}

struct BookBuilder {
    let req: Request
    let plan: MasterplanModel
    let region: RegionRepository.Summary

    func page(_ book: Int, print: Bool) async throws -> BookPage {
        let user = try req.user
        let english = req.language == .en
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let agencies = Dictionary(uniqueKeysWithValues: try await AgencyRepository(db: req.db).list(region: region.code, includeInactive: true).map { ($0.id, $0.shortName) })
        let programmes = try await ProgrammeModel.query(on: req.db).filter(\.$regionCode == region.code).sort(\.$title).all()
        let ids = programmes.compactMap(\.id)
        let elements = ids.isEmpty ? [] : try await ProgrammeElementModel.query(on: req.db).filter(\.$programmeID ~~ ids).all()
        let budgets = ids.isEmpty ? [] : try await ProgrammeBudgetModel.query(on: req.db).filter(\.$programmeID ~~ ids).all()
        let analyses = try await DimensionAnalysisModel.query(on: req.db).filter(\.$masterplanID == plan.id!).all()
        let dimensions = (framework?.dimensions ?? []).map { dimension -> BookPage.Dimension in
            let analysis = analyses.first { $0.dimensionCode == dimension.code }.map(MasterplanController.input)
            let texts = analysis.map { [$0.currentCondition, $0.issues, $0.readinessInfrastructure, $0.readinessSuperstructure,
                                        $0.readinessStructure, $0.strengths, $0.weaknesses, $0.opportunities, $0.threats] } ?? []
            return .init(code: dimension.code, name: english ? dimension.name.en : dimension.name.id,
                         analysis: zip(AnalysisInput.fields, texts).compactMap { field, text in
                             (text ?? "").isEmpty ? nil : .init(labelKey: "analysis." + field, text: text ?? "") },
                         programmes: programmes.filter { $0.dimensionCode == dimension.code }.map { programme in
                             .init(id: programme.id!, title: programme.title,
                                   elements: elements.filter { $0.programmeID == programme.id }.map(\.elementCode).sorted().joined(separator: ", "),
                                   leadAgency: agencies[programme.leadAgencyID] ?? "", horizonKey: "horizon." + programme.horizon,
                                   years: "\(programme.startYear)–\(programme.endYear)")
                         })
        }
        let years = Array(plan.startYear...max(plan.startYear, plan.endYear))
        // The roadmap is drawn from the programmes: a year is marked when the programme runs then,
        // with its budget for that year where one is recorded.
        let roadmap = programmes.map { programme in
            BookPage.RoadmapRow(title: programme.title, dimension: programme.dimensionCode, cells: years.map { year in
                guard (programme.startYear...programme.endYear).contains(year) else { return "" }
                let amount = budgets.filter { $0.programmeID == programme.id && $0.year == year }.reduce(Int64(0)) { $0 + $1.amount }
                return amount > 0 ? "● " + Self.millions(amount) : "●"
            })
        }
        let total = budgets.reduce(Int64(0)) { $0 + $1.amount }
        let running = programmes.filter { $0.status == ProgrammeStatus.running.rawValue }.count
        let figures: [BookPage.Figure] = [
            .init(labelKey: "masterplan.fig_programmes", value: String(programmes.count)),
            .init(labelKey: "masterplan.fig_quick_wins", value: String(programmes.filter { $0.horizon == Horizon.quickWin.rawValue }.count)),
            .init(labelKey: "masterplan.fig_running", value: programmes.isEmpty ? "–" : "\(running * 100 / programmes.count) %"),
            .init(labelKey: "masterplan.fig_budget", value: "Rp " + Format.integer(Int(total))),
        ]
        return BookPage(id: plan.id!, book: book, title: plan.title, years: "\(plan.startYear)–\(plan.endYear)", regionName: region.name,
                        vision: plan.vision, mission: plan.mission, summary: plan.executiveSummary,
                        canEdit: MasterplanController.writers.contains(user.role) && !print, dimensions: dimensions,
                        roadmapYears: years, roadmap: roadmap, figures: figures,
                        css: print ? (try? String(contentsOfFile: PilarResources.publicDirectory + "css/pilar.css", encoding: .utf8)) : nil)
    }

    /// Budgets in the roadmap read as millions of rupiah ("150 jt") to keep the table narrow.
    static func millions(_ amount: Int64) -> String {
        "\(Format.integer(Int((Double(amount) / 1_000_000).rounded()))) jt"
    }
}
