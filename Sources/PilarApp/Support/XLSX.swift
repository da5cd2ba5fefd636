import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The little of Office Open XML spreadsheets Pilar needs: write one sheet of text and numbers,
/// and read the first sheet back as rows of strings (shared or inline strings, numbers, booleans).
enum XLSX {
    enum Cell {
        case text(String)
        case number(Double)
    }

    struct Unreadable: Error {}

    // MARK: writing

    static func write(sheet name: String, rows: [[Cell]]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let files: [(String, String)] = [
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """),
            ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
            ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(escape(String(name.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """),
            ("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """),
            ("xl/worksheets/sheet1.xml", sheetXML(rows)),
        ]
        for (path, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Unreadable() }
        return data
    }

    private static func sheetXML(_ rows: [[Cell]]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                switch cell {
                case .text(let text): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
                case .number(let value): xml += value.isFinite ? "<c r=\"\(ref)\"><v>\(value)</v></c>" : ""
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let rest = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        return clean.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: reading

    static func looksLikeXLSX(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func readFirstSheet(_ data: Data) throws -> [[String]] {
        let archive = try Archive(data: data, accessMode: .read)
        func file(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            // A spreadsheet of realisations is small; refuse archives that would expand enormously.
            guard entry.uncompressedSize < 50_000_000 else { throw Unreadable() }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return out
        }
        let shared = try file("xl/sharedStrings.xml").map { SharedStrings.parse($0) } ?? []
        guard let sheet = try file("xl/worksheets/sheet1.xml") else { throw Unreadable() }
        return try SheetReader.parse(sheet, shared: shared)
    }

    private final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false

        static func parse(_ data: Data) -> [String] {
            let delegate = SharedStrings()
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            parser.parse()
            return delegate.strings
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "si" { current = "" }
            if name == "t" { inText = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" { inText = false }
            if name == "si" { strings.append(current) }
        }
    }

    private final class SheetReader: NSObject, XMLParserDelegate {
        let shared: [String]
        var rows: [[String]] = []
        var row: [String] = []
        var cellColumn = 0
        var cellType = ""
        var text = ""
        var capturing = false
        var failed = false

        init(shared: [String]) { self.shared = shared }

        static func parse(_ data: Data, shared: [String]) throws -> [[String]] {
            let delegate = SheetReader(shared: shared)
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            guard parser.parse(), !delegate.failed else { throw Unreadable() }
            return delegate.rows
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row": row = []
            case "c":
                cellType = attributes["t"] ?? "n"
                cellColumn = Self.columnIndex(attributes["r"] ?? "") ?? row.count
                text = ""
            case "v", "t": capturing = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if capturing { text += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": capturing = false
            case "c":
                var value = text
                if cellType == "s" {
                    guard let index = Int(text), shared.indices.contains(index) else { failed = true; return }
                    value = shared[index]
                } else if cellType == "b" {
                    value = text == "1" ? "TRUE" : "FALSE"
                } else if cellType == "n", let number = Double(text), number == number.rounded(), abs(number) < 1e15 {
                    value = String(Int64(number)) // 40.0 in the file is "40" to a person
                }
                while row.count < cellColumn { row.append("") }
                if row.count == cellColumn { row.append(value) } else { row[cellColumn] = value }
            case "row": rows.append(row)
            default: break
            }
        }

        static func columnIndex(_ reference: String) -> Int? {
            let letters = reference.prefix { $0.isLetter }
            guard !letters.isEmpty else { return nil }
            return letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }
    }
}
