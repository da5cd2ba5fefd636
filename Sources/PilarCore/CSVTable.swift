/// Reads CSV as spreadsheets export it: quoted fields with doubled quotes, CRLF or LF, an optional
/// byte-order mark, and either commas or semicolons (Indonesian-locale Excel writes semicolons,
/// because the comma is the decimal separator there). The header line decides the delimiter.
public enum CSVTable {
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case unterminatedQuote(line: Int)
    }

    public static func parse(_ text: String) throws(Problem) -> [[String]] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        let headerLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var quoteStartLine = 1
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if quoted {
                if character == "\"" {
                    let next = body.index(after: index)
                    if next < body.endIndex, body[next] == "\"" {
                        field.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
                quoteStartLine = line
            } else if character == delimiter {
                row.append(field)
                field = ""
            } else if character.isNewline {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                line += 1
            } else {
                field.append(character)
            }
            index = body.index(after: index)
        }
        if quoted { throw .unterminatedQuote(line: quoteStartLine) }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    /// One CSV line, quoting what needs quoting, for templates and exports.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == ";" || $0.isNewline })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}
