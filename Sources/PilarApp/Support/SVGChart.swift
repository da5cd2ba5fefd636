import Foundation

/// Charts drawn on the server as SVG, so they show without JavaScript, in print and in PDF.
/// Every chart comes with a table of the same figures on the page, for screen readers.
enum SVGChart {
    struct Segment {
        let value: Int
        let cssClass: String
        let label: String
    }

    struct Bar {
        let label: String
        let segments: [Segment]
    }

    /// Horizontal stacked bars, one per row, scaled to the largest total.
    static func stackedBars(_ bars: [Bar], title: String, width: Int = 640) -> String {
        let rowHeight = 26, labelWidth = 170, barWidth = width - labelWidth - 50
        let height = bars.count * rowHeight + 10
        let maxTotal = max(1, bars.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<title>\(escape(title))</title>"
        for (row, bar) in bars.enumerated() {
            let y = row * rowHeight + 5
            svg += "<text x=\"0\" y=\"\(y + 15)\" class=\"chart-label\">\(escape(bar.label))</text>"
            var x = Double(labelWidth)
            var total = 0
            for segment in bar.segments where segment.value > 0 {
                let w = Double(segment.value) / Double(maxTotal) * Double(barWidth)
                svg += "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"18\" class=\"\(segment.cssClass)\"><title>\(escape(segment.label)): \(segment.value)</title></rect>"
                x += w
                total += segment.value
            }
            svg += "<text x=\"\(fmt(x + 6))\" y=\"\(y + 14)\" class=\"chart-value\">\(total)</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
