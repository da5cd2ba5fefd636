import Fluent
import PilarCore
import Vapor

/// Checks an uploaded table of realisations for one agency: every row must name one of the agency's
/// indicators, a period of its frequency, and a number. Nothing is written here.
struct ValueImport {
    static let columns = ["indicator_id", "indicator", "period", "value", "note"]

    struct Row: Encodable {
        let line: Int
        let indicatorID: String
        let indicator: String
        let period: String
        let value: String
        let note: String
        let errorKey: String?
    }

    struct Checked {
        let rows: [Row]
        let entries: [ValueRepository.Entry]
        let fileErrorKey: String?
        var hasErrors: Bool { fileErrorKey != nil || rows.contains { $0.errorKey != nil } }
    }

    static func check(_ text: String, agency: Int, db: any Database) async throws -> Checked {
        let table: [[String]]
        do { table = try CSVTable.parse(text) } catch {
            return Checked(rows: [], entries: [], fileErrorKey: "import.error_unreadable")
        }
        return try await check(table: table, agency: agency, db: db)
    }

    static func check(table: [[String]], agency: Int, db: any Database) async throws -> Checked {
        guard let first = table.first, !first.isEmpty else { return Checked(rows: [], entries: [], fileErrorKey: "import.error_no_rows") }
        let header = table[0].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let idColumn = header.firstIndex(of: "indicator_id"), let periodColumn = header.firstIndex(of: "period"),
              let valueColumn = header.firstIndex(of: "value") else {
            return Checked(rows: [], entries: [], fileErrorKey: "import.error_header")
        }
        let noteColumn = header.firstIndex(of: "note")
        let nameColumn = header.firstIndex(of: "indicator")
        guard table.count <= 5001 else { return Checked(rows: [], entries: [], fileErrorKey: "import.error_too_many") }
        let frequencies = try await IndicatorRepository(db: db).frequencies(reportedBy: agency)
        var rows: [Row] = []
        var entries: [ValueRepository.Entry] = []
        var seen = Set<String>()
        for (offset, fields) in table.dropFirst().enumerated() {
            func cell(_ column: Int?) -> String {
                guard let column, column < fields.count else { return "" }
                return fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let idText = cell(idColumn), periodText = cell(periodColumn), valueText = cell(valueColumn), note = cell(noteColumn)
            var error: String?
            var entry: ValueRepository.Entry?
            if valueText.isEmpty, note.isEmpty {
                continue // template rows left blank are not an error: the agency has nothing to report there
            }
            if let id = Int(idText), let frequency = frequencies[id] {
                if let period = Period(periodText), period.frequency.rawValue == frequency {
                    if let value = NumberInput.parse(valueText) {
                        if seen.insert("\(id)/\(period.code)").inserted {
                            entry = .init(indicatorID: id, period: period, value: value, note: String(note.prefix(2000)))
                        } else { error = "error.duplicate" }
                    } else { error = "error.number" }
                } else { error = "error.period" }
            } else { error = "import.error_indicator" }
            rows.append(Row(line: offset + 2, indicatorID: idText, indicator: cell(nameColumn), period: periodText, value: valueText,
                            note: note, errorKey: error))
            if let entry, error == nil { entries.append(entry) }
        }
        return Checked(rows: rows, entries: entries, fileErrorKey: rows.isEmpty ? "import.error_no_rows" : nil)
    }
}
