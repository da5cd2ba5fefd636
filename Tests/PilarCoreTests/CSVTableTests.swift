import PilarCore
import Testing

@Suite("CSV as spreadsheets write it")
struct CSVTableTests {
    @Test("quotes, doubled quotes, line breaks inside quotes, CRLF and a byte-order mark")
    func quoting() throws {
        let rows = try CSVTable.parse("\u{FEFF}id,note\r\n1,\"kata \"\"baik\"\", sekali\"\r\n2,\"dua\nbaris\"\r\n")
        #expect(rows == [["id", "note"], ["1", "kata \"baik\", sekali"], ["2", "dua\nbaris"]])
    }

    @Test("semicolon files from an Indonesian-locale Excel keep their decimal commas")
    func semicolons() throws {
        #expect(try CSVTable.parse("id;value\n7;12,5\n") == [["id", "value"], ["7", "12,5"]])
    }

    @Test("an unterminated quote and an empty file are reported")
    func problems() {
        #expect(throws: CSVTable.Problem.unterminatedQuote(line: 2)) { try CSVTable.parse("a,b\n1,\"open\n") }
        #expect(throws: CSVTable.Problem.empty) { try CSVTable.parse(" \n") }
    }

    @Test("lines written by `line` read back the same")
    func roundTrip() throws {
        let fields = ["Kepuasan \"pasien\"", "a,b", "plain"]
        #expect(try CSVTable.parse(CSVTable.line(fields)) == [fields])
    }
}
