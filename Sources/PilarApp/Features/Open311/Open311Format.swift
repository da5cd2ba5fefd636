import Foundation
import Vapor

/// Open311 GeoReport v2 answers in JSON or XML with the spec's element names. Values are written as
/// ordered key/value pairs so both encodings come from one description of each record.
enum Open311Format: String {
    case json, xml

    /// Splits `requests.json` into its name and format; an unknown format is nil.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: ".") else { return nil }
        guard let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased()) else { return nil }
        return (String(file[..<dot]), format)
    }

    typealias Record = [(String, Value)]

    enum Value {
        case text(String?)
        case number(Double?)
        case bool(Bool)
        case list([String])
    }

    func response(_ records: [Record], root: String, element: String, status: HTTPResponseStatus = .ok) -> Response {
        let body: String
        switch self {
        case .json:
            body = "[" + records.map(Self.json).joined(separator: ",") + "]"
        case .xml:
            body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><\(root)>"
                + records.map { "<\(element)>" + Self.xml($0) + "</\(element)>" }.joined() + "</\(root)>"
        }
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = self == .json ? .json : HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
        return response
    }

    /// The spec's error list: `[{"code":400,"description":"…"}]` or `<errors><error>…</error></errors>`.
    func error(_ status: HTTPResponseStatus, _ description: String) -> Response {
        response([[("code", .number(Double(status.code))), ("description", .text(description))]], root: "errors", element: "error", status: status)
    }

    private static func json(_ record: Record) -> String {
        "{" + record.map { key, value in
            let encoded: String
            switch value {
            case .text(let text): encoded = text.map(jsonString) ?? "null"
            case .number(let number): encoded = number.map(jsonNumber) ?? "null"
            case .bool(let flag): encoded = flag ? "true" : "false"
            case .list(let items): encoded = "[" + items.map(jsonString).joined(separator: ",") + "]"
            }
            return jsonString(key) + ":" + encoded
        }.joined(separator: ",") + "}"
    }

    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func jsonNumber(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private static func xml(_ record: Record) -> String {
        record.map { key, value in
            switch value {
            case .text(let text): return "<\(key)>\(escape(text ?? ""))</\(key)>"
            case .number(let number): return "<\(key)>\(number.map(jsonNumber) ?? "")</\(key)>"
            case .bool(let flag): return "<\(key)>\(flag)</\(key)>"
            case .list(let items): return "<\(key)>\(escape(items.joined(separator: ",")))</\(key)>"
            }
        }.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
