import Foundation
import PilarCore
import Vapor

/// Three reports, each as a page, a PDF (`?format=pdf`) and an XLSX workbook (`?format=xlsx`), in the
/// reader's language:
/// - `GET /reports/evaluations/:id` — one region's evaluation in a cycle. Any signed-in account may read
///   a published result; work in progress only those who can see the region (`visibleEvaluation`).
/// - `GET /regions/:code/reports/annual?year=YYYY` — outputs against outcomes for a year, with the
///   yearly check. Readers of the region only.
/// - `GET /regions/:code/reports/quick-wins` — the quick wins as printable slides. Readers of the region only.
///
/// Progress without JavaScript: rendering a PDF starts headless Chromium and takes a few seconds, during
/// which a plain link would leave the reader looking at an unchanged page. So `?format=pdf` first answers
/// with a small page ("Menyiapkan PDF…") whose `<meta http-equiv="refresh" content="0;url=…&ready=1">`
/// asks again at once with `ready=1`. The browser keeps that message on screen while it waits for the
/// second answer, which is the PDF itself (an attachment, so the message page stays with a link back to
/// the report). Clients that want the file directly (scripts, tests, the benchmark) pass `ready=1` at
/// once. The access checks run before the interstitial, so it reveals nothing a reader may not see.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("reports", "evaluations", ":id", use: evaluation)
        signedIn.get("regions", ":code", "reports", "annual", use: annual)
        signedIn.get("regions", ":code", "reports", "quick-wins", use: quickWins)
    }

    enum Output: String {
        case page, pdf, xlsx
    }

    /// `?format=` read strictly: nothing (or `page`) is the page, `pdf` and `xlsx` the files, anything else a 422.
    static func output(_ req: Request) throws -> Output {
        guard let raw = try? req.query.get(String.self, at: "format"), !raw.isEmpty else { return .page }
        guard let output = Output(rawValue: raw.lowercased()) else {
            throw PilarError.invalidQuery([FieldProblem(field: "format", key: "reports.bad_format")])
        }
        return output
    }

    // MARK: routes

    @Sendable func evaluation(req: Request) async throws -> Response {
        let output = try Self.output(req)
        let detail = try await req.visibleEvaluation()
        let suffix = "\(detail.region.name) \(detail.evaluation.period)"
        let base = "/reports/evaluations/\(detail.id)"
        if output == .pdf, !Self.ready(req) {
            return try await Self.preparing(req, titleKey: "reports.evaluation_title", titleSuffix: suffix,
                                            readyHref: base + "?format=pdf&ready=1", backHref: base)
        }
        let report = try await EvaluationReport.make(req, detail, print: output == .pdf)
        return try await Self.respond(req, output, report: report, template: "reports/evaluation", titleKey: "reports.evaluation_title",
                                      titleSuffix: suffix, filename: "laporan-evaluasi-\(detail.region.code)-\(detail.evaluation.period)",
                                      sheet: detail.evaluation.period) { report.sheet(req.catalog) }
    }

    @Sendable func annual(req: Request) async throws -> Response {
        let output = try Self.output(req)
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let year = try AnnualReport.year(req)
        let suffix = "\(region.name) \(year)"
        let base = "/regions/\(region.code)/reports/annual?year=\(year)"
        if output == .pdf, !Self.ready(req) {
            return try await Self.preparing(req, titleKey: "reports.annual_title", titleSuffix: suffix,
                                            readyHref: base + "&format=pdf&ready=1", backHref: base)
        }
        let report = try await AnnualReport.make(req, region: region, year: year, print: output == .pdf)
        return try await Self.respond(req, output, report: report, template: "reports/annual", titleKey: "reports.annual_title",
                                      titleSuffix: suffix, filename: "laporan-tahunan-\(region.code)-\(year)",
                                      sheet: String(year)) { report.sheet(req.catalog) }
    }

    @Sendable func quickWins(req: Request) async throws -> Response {
        let output = try Self.output(req)
        let region = try await req.region()
        try Scope.requireRegion(region.code, for: try req.user)
        let base = "/regions/\(region.code)/reports/quick-wins"
        if output == .pdf, !Self.ready(req) {
            return try await Self.preparing(req, titleKey: "reports.quick_wins_title", titleSuffix: region.name,
                                            readyHref: base + "?format=pdf&ready=1", backHref: base)
        }
        let report = try await QuickWinReport.make(req, region: region, print: output == .pdf)
        return try await Self.respond(req, output, report: report, template: "reports/quick-wins", titleKey: "reports.quick_wins_title",
                                      titleSuffix: region.name, filename: "quick-win-\(region.code)",
                                      sheet: "Quick win") { report.sheet(req.catalog) }
    }

    // MARK: output

    static func ready(_ req: Request) -> Bool {
        (try? req.query.get(String.self, at: "ready")) == "1"
    }

    struct PreparingPage: Encodable {
        let readyHref: String
        let backHref: String
    }

    /// The interstitial: shown at once, it reloads itself into the PDF (see the type's documentation).
    static func preparing(_ req: Request, titleKey: String, titleSuffix: String, readyHref: String, backHref: String) async throws -> Response {
        let context = try await PageContext.make(req, titleKey: titleKey, titleSuffix: titleSuffix,
                                                 page: PreparingPage(readyHref: readyHref, backHref: backHref))
        let response = try await req.view.render("reports/preparing", context).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// One report as the page (`template`), the PDF (`template-print`, rendered by Chromium) or the workbook.
    static func respond<Report: Encodable>(_ req: Request, _ output: Output, report: Report, template: String, titleKey: String,
                                          titleSuffix: String, filename: String, sheet: String,
                                          rows: () -> [[XLSX.Cell]]) async throws -> Response {
        let safe = filename.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        switch output {
        case .page:
            return try await req.render(template, titleKey: titleKey, titleSuffix: titleSuffix, report).encodeResponse(for: req)
        case .xlsx:
            let data = try XLSX.write(sheet: sheet, rows: rows())
            let response = Response(status: .ok, body: .init(data: data))
            response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe).xlsx\"")
            return response
        case .pdf:
            let context = try await PageContext.make(req, titleKey: titleKey, titleSuffix: titleSuffix, page: report)
            let html = String(buffer: try await req.view.render(template + "-print", context).data)
            do {
                let pdf = try await PDFRenderer.pdf(fromHTML: html, on: req.application)
                let response = Response(status: .ok, body: .init(data: pdf))
                response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
                response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe).pdf\"")
                return response
            } catch is PDFRenderer.Unavailable {
                throw PilarError(status: .serviceUnavailable, code: "pdf_unavailable", messageKey: "reports.pdf_unavailable")
            }
        }
    }
}
