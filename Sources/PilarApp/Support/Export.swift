import PilarCore
import Vapor

/// Tables leave Pilar as CSV (UTF-8, comma-separated, quoted where needed) or as an XLSX workbook.
enum Export {
    enum Format: String {
        case csv, xlsx
    }

    static func requested(_ req: Request) -> Format? {
        (try? req.query.get(String.self, at: "format")).flatMap(Format.init(rawValue:))
    }

    static func response(format: Format, filename: String, sheet: String, header: [String], rows: [[XLSX.Cell]]) throws -> Response {
        let response: Response
        switch format {
        case .csv:
            let lines = [CSVTable.line(header)] + rows.map { row in
                CSVTable.line(row.map { cell in
                    switch cell {
                    case .text(let text): return text
                    case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
                    }
                })
            }
            response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        case .xlsx:
            let data = try XLSX.write(sheet: sheet, rows: [header.map { .text($0) }] + rows)
            response = Response(status: .ok, body: .init(data: data))
            response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        let safe = filename.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe).\(format.rawValue)\"")
        return response
    }
}
