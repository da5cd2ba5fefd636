import Fluent
import PilarCore
import Vapor

/// The agencies' roadmap form as a spreadsheet: one programme per row, checked with the same rules
/// as the web form. Agencies are named by short name, elements by code; budget lines are
/// separated by `|` (`2025 APBD 150000000 | 2026 APBD 175000000`).
struct ProgrammeImport {
    static let columns = ["title", "description", "lead_agency", "co_agencies", "dimension", "elements", "horizon",
                          "start_year", "end_year", "status", "legal_basis", "budget"]

    struct Row: Encodable {
        let line: Int
        let title: String
        let leadAgency: String
        let dimension: String
        let years: String
        let errorKey: String?
        let field: String?
    }

    struct Checked {
        let rows: [Row]
        let values: [ProgrammeValues]
        let fileErrorKey: String?
        var hasErrors: Bool { fileErrorKey != nil || rows.contains { $0.errorKey != nil } }
    }

    static func check(table: [[String]], region: RegionRepository.Summary, user: AuthUser, db: any Database) async throws -> Checked {
        guard let first = table.first else { return Checked(rows: [], values: [], fileErrorKey: "import.error_no_rows") }
        let header = first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard ["title", "lead_agency", "dimension", "elements", "horizon", "start_year", "end_year"].allSatisfy(header.contains) else {
            return Checked(rows: [], values: [], fileErrorKey: "import.error_programme_header")
        }
        guard table.count <= 1001 else { return Checked(rows: [], values: [], fileErrorKey: "import.error_too_many_programmes") }
        let context = try await ProgrammeRepository.context(region: region, on: db)
        let agencies = try await AgencyRepository(db: db).list(region: region.code, includeInactive: false)
        let byShortName = Dictionary(agencies.map { ($0.shortName.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        var values: [ProgrammeValues] = []
        for (offset, fields) in table.dropFirst().enumerated() {
            func cell(_ name: String) -> String {
                guard let index = header.firstIndex(of: name), index < fields.count else { return "" }
                return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let list = { (text: String) in text.split(whereSeparator: { ",;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            let lead = byShortName[cell("lead_agency").lowercased()]
            let input = ProgrammeInput(
                title: cell("title"), description: cell("description"), leadAgencyID: lead,
                coAgencyIDs: list(cell("co_agencies")).compactMap { byShortName[$0.lowercased()] ?? -1 },
                dimensionCode: cell("dimension").uppercased(), elementCodes: list(cell("elements")).map { $0.uppercased() },
                horizon: cell("horizon"), startYear: Int(cell("start_year")), endYear: Int(cell("end_year")),
                status: cell("status").isEmpty ? nil : cell("status"), legalBasis: cell("legal_basis"), legalBasisDate: nil, links: nil,
                budgetText: cell("budget").replacingOccurrences(of: "|", with: "\n"), budgets: nil)
            var errorKey: String?
            var field: String?
            if user.role == .agencyOperator, lead != user.agencyID {
                errorKey = "import.error_not_your_agency"
                field = "lead_agency"
            } else {
                do {
                    values.append(try input.validated(in: context))
                } catch let error as PilarError {
                    errorKey = error.fields.first?.key ?? error.messageKey
                    field = error.fields.first.map { Self.column(for: $0.field) }
                }
            }
            rows.append(Row(line: offset + 2, title: cell("title"), leadAgency: cell("lead_agency"), dimension: cell("dimension"),
                            years: "\(cell("start_year"))–\(cell("end_year"))", errorKey: errorKey, field: field))
        }
        return Checked(rows: rows, values: values, fileErrorKey: rows.isEmpty ? "import.error_no_rows" : nil)
    }

    /// Names the spreadsheet column a form field comes from, so the preview points at the right cell.
    static func column(for field: String) -> String {
        ["leadAgencyID": "lead_agency", "coAgencyIDs": "co_agencies", "dimensionCode": "dimension", "elementCodes": "elements",
         "startYear": "start_year", "endYear": "end_year", "budgetText": "budget", "legalBasis": "legal_basis"][field] ?? field
    }
}
