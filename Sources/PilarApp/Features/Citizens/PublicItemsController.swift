import Fluent
import PilarCore
import Vapor

/// Public pages citizens reach without an account: a programme and a region's service, each with the
/// satisfaction widget. Only what the region publishes anyway is shown; no indicator values here.
struct PublicItemsController: RouteCollection {
    struct ProgrammePage: Encodable {
        let id: Int
        let title: String
        let description: String
        let regionCode: String
        let regionName: String
        let dimension: String
        let statusKey: String
        let leadAgency: String
        let widget: SatisfactionWidget
        let reportLink: String
    }

    struct ServicePage: Encodable {
        let regionCode: String
        let regionName: String
        let serviceCode: String
        let name: String
        let description: String
        let agency: String
        let targetDays: Int
        let widget: SatisfactionWidget
        let reportLink: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let everyone = routes.access(.everyone)
        everyone.get("public", "programmes", ":id", use: programme)
        everyone.post("public", "programmes", ":id", "vote", use: voteProgramme)
        everyone.get("public", "regions", ":code", "services", ":service", use: service)
        everyone.post("public", "regions", ":code", "services", ":service", "vote", use: voteService)
    }

    private func loadProgramme(_ req: Request) async throws -> (ProgrammeModel, RegionRepository.Summary) {
        guard let id = req.parameters.get("id", as: Int.self), let programme = try await ProgrammeModel.find(id, on: req.db),
              let region = try await RegionRepository(db: req.db).find(programme.regionCode) else { throw PilarError.notFound("programme") }
        return (programme, region)
    }

    @Sendable func programme(req: Request) async throws -> Response {
        let (programme, region) = try await loadProgramme(req)
        return try await renderProgramme(req, programme, region, status: .ok)
    }

    private func renderProgramme(_ req: Request, _ programme: ProgrammeModel, _ region: RegionRepository.Summary, status: HTTPResponseStatus) async throws -> Response {
        let id = try programme.requireID()
        let framework = try await FrameworkRepository(db: req.db).adopted(by: region)
        let dimension = framework?.dimensions.first { $0.code == programme.dimensionCode }
        let agency = try await AgencyModel.find(programme.leadAgencyID, on: req.db)
        let widget = try await SatisfactionWidget.load(kind: "programme", id: String(id), action: "/public/programmes/\(id)/vote", on: req.db)
        let category = try await ComplaintCategoryModel.query(on: req.db).filter(\.$programmeID == id).filter(\.$active == true).first()
        let page = ProgrammePage(id: id, title: programme.title, description: programme.description, regionCode: region.code,
                                 regionName: region.name, dimension: dimension.map { req.english ? $0.name.en : $0.name.id } ?? programme.dimensionCode,
                                 statusKey: "programme.status." + programme.status, leadAgency: agency?.name ?? "",
                                 widget: widget,
                                 reportLink: "/public/regions/\(region.code)/report" + (category.map { "?service=\($0.serviceCode)" } ?? ""))
        let response = try await req.render("citizens/programme", titleKey: "public.programme", titleSuffix: programme.title, page, needsCSRF: true)
            .encodeResponse(status: status, for: req)
        CitizenGuard.ensureVoterCookie(req, response)
        return response
    }

    @Sendable func voteProgramme(req: Request) async throws -> Response {
        let (programme, region) = try await loadProgramme(req)
        let id = try programme.requireID()
        let outcome = try await VoteRecorder.record(req, kind: "programme", id: String(id), region: region.code, programmeID: id)
        return req.redirect(to: "/public/programmes/\(id)#widget", flash: outcome == .counted ? "vote.thanks" : "vote.already")
    }

    private func loadService(_ req: Request) async throws -> (ComplaintCategoryModel, RegionRepository.Summary) {
        let region = try await req.region()
        guard let code = req.parameters.get("service"),
              let category = try await ComplaintCategoryModel.query(on: req.db).filter(\.$regionCode == region.code)
                .filter(\.$serviceCode == code).filter(\.$active == true).first() else { throw PilarError.notFound("service") }
        return (category, region)
    }

    @Sendable func service(req: Request) async throws -> Response {
        let (category, region) = try await loadService(req)
        let agency = try await AgencyModel.find(category.agencyID, on: req.db)
        let widget = try await SatisfactionWidget.load(kind: "service", id: String(try category.requireID()),
                                                       action: "/public/regions/\(region.code)/services/\(category.serviceCode)/vote", on: req.db)
        let page = ServicePage(regionCode: region.code, regionName: region.name, serviceCode: category.serviceCode, name: category.name,
                               description: category.description, agency: agency?.name ?? "", targetDays: category.targetDays, widget: widget,
                               reportLink: "/public/regions/\(region.code)/report?service=\(category.serviceCode)")
        let response = try await req.render("citizens/service", titleKey: "public.service", titleSuffix: category.name, page, needsCSRF: true)
            .encodeResponse(for: req)
        CitizenGuard.ensureVoterCookie(req, response)
        return response
    }

    @Sendable func voteService(req: Request) async throws -> Response {
        let (category, region) = try await loadService(req)
        let outcome = try await VoteRecorder.record(req, kind: "service", id: String(try category.requireID()), region: region.code,
                                                    programmeID: nil)
        return req.redirect(to: "/public/regions/\(region.code)/services/\(category.serviceCode)#widget",
                            flash: outcome == .counted ? "vote.thanks" : "vote.already")
    }
}
