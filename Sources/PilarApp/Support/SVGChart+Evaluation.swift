import Foundation

/// Charts for the smart-city evaluation: dimension profile, score over time,
/// self-score against verified score, and the spread of scores.
/// Same rules as the base file: plain SVG strings, no JavaScript, a `<title>` for assistive tech.
extension SVGChart {
    struct TrendPoint {
        let label: String
        /// Fractional year, e.g. 2019.5 or 2025.25.
        let position: Double
        let value: Double
    }

    struct PairedBar {
        let label: String
        let first: Double?
        let second: Double?
    }

    struct Bin {
        let label: String
        let count: Int
    }

    /// Radar chart of the dimensions. A missing value is drawn at the bottom of the scale
    /// (so the polygon stays closed) and its label is marked " (–)" so it is not read as a real low score.
    static func radar(axes: [(label: String, value: Double?)], scale: ClosedRange<Double>, title: String, size: Int = 360) -> String {
        // Side margins hold labels of ~20 characters at 13px; top and bottom only need one line.
        let width = size + 300, height = size + 40
        var svg = svgOpen(width: width, height: height, title: title)
        guard !axes.isEmpty else { return svg + emptyMark(width: width, height: height) }
        let cx = Double(width) / 2, cy = Double(height) / 2, radius = Double(size) / 2 - 10
        let span = scaleSpan(scale)
        let count = Double(axes.count)
        func point(_ index: Int, _ fraction: Double) -> (x: Double, y: Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / count
            return (cx + cos(angle) * radius * fraction, cy + sin(angle) * radius * fraction)
        }
        func polygon(_ fractions: [Double]) -> String {
            fractions.enumerated().map { index, fraction in
                let p = point(index, fraction)
                return "\(num(p.x)),\(num(p.y))"
            }.joined(separator: " ")
        }
        for level in wholeLevels(scale) {
            let fraction = (level - scale.lowerBound) / span
            guard fraction > 0 else { continue }
            svg += "<polygon points=\"\(polygon(Array(repeating: fraction, count: axes.count)))\" class=\"radar-guide\"/>"
            svg += "<text x=\"\(num(cx + 3))\" y=\"\(num(cy - radius * fraction - 2))\" class=\"chart-label chart-small\">\(num(level, digits: 0))</text>"
        }
        for (index, axis) in axes.enumerated() {
            let end = point(index, 1), outer = point(index, 1.08)
            svg += "<line x1=\"\(num(cx))\" y1=\"\(num(cy))\" x2=\"\(num(end.x))\" y2=\"\(num(end.y))\" class=\"radar-guide\"/>"
            let dx = outer.x - cx, dy = outer.y - cy
            let anchor = dx > radius * 0.2 ? "start" : (dx < -radius * 0.2 ? "end" : "middle")
            let baseline = dy > radius * 0.3 ? 10.0 : (dy < -radius * 0.3 ? -2.0 : 4.0)
            let label = axis.label + (axis.value == nil ? " (–)" : "")
            svg += "<text x=\"\(num(outer.x))\" y=\"\(num(outer.y + baseline))\" text-anchor=\"\(anchor)\" class=\"chart-label\">\(escape(label))</text>"
        }
        let fractions = axes.map { (clamp($0.value ?? scale.lowerBound, scale) - scale.lowerBound) / span }
        svg += "<polygon points=\"\(polygon(fractions))\" class=\"radar-area\"/>"
        for (index, axis) in axes.enumerated() {
            let p = point(index, fractions[index])
            let shown = axis.value.map { num($0, digits: 2) } ?? "–"
            svg += "<circle cx=\"\(num(p.x))\" cy=\"\(num(p.y))\" r=\"3.5\" class=\"trend-dot\"><title>\(escape(axis.label)): \(shown)</title></circle>"
        }
        return svg + "</svg>"
    }

    /// Score over time. Points more than a year apart are not joined: a missing year of
    /// evaluation must show as a gap, not as a smooth change.
    static func trend(_ points: [TrendPoint], scale: ClosedRange<Double>, title: String, width: Int = 640, height: Int = 240) -> String {
        var svg = svgOpen(width: width, height: height, title: title)
        let sorted = points.sorted { $0.position < $1.position }
        guard let first = sorted.first, let last = sorted.last else { return svg + emptyMark(width: width, height: height) }
        let left = 40.0, right = Double(width) - 20, top = 24.0, bottom = Double(height) - 30
        let startYear = first.position.rounded(.down)
        let endYear = max(last.position.rounded(.up), startYear + 1)
        let span = scaleSpan(scale)
        func x(_ position: Double) -> Double { left + (position - startYear) / (endYear - startYear) * (right - left) }
        func y(_ value: Double) -> Double { bottom - (clamp(value, scale) - scale.lowerBound) / span * (bottom - top) }
        for level in wholeLevels(scale) {
            svg += "<line x1=\"\(num(left))\" y1=\"\(num(y(level)))\" x2=\"\(num(right))\" y2=\"\(num(y(level)))\" class=\"grid-line\"/>"
            svg += "<text x=\"\(num(left - 6))\" y=\"\(num(y(level) + 4))\" text-anchor=\"end\" class=\"chart-label\">\(num(level, digits: 0))</text>"
        }
        // Label every year while they fit; thin the labels out on long histories.
        let labelStep = max(1, Int(endYear - startYear) / 12)
        for (index, year) in stride(from: startYear, through: endYear, by: 1.0).enumerated() {
            svg += "<line x1=\"\(num(x(year)))\" y1=\"\(num(bottom))\" x2=\"\(num(x(year)))\" y2=\"\(num(bottom + 5))\" class=\"grid-line\"/>"
            if index % labelStep == 0 {
                svg += "<text x=\"\(num(x(year)))\" y=\"\(num(bottom + 19))\" text-anchor=\"middle\" class=\"chart-label\">\(Int(year))</text>"
            }
        }
        svg += "<line x1=\"\(num(left))\" y1=\"\(num(bottom))\" x2=\"\(num(right))\" y2=\"\(num(bottom))\" class=\"grid-line\"/>"
        // Split into runs of points at most one year apart; each run of two or more is one line.
        var runs: [[TrendPoint]] = [[first]]
        for point in sorted.dropFirst() {
            if let previous = runs[runs.count - 1].last, point.position - previous.position <= 1.0 + 1e-9 {
                runs[runs.count - 1].append(point)
            } else {
                runs.append([point])
            }
        }
        for run in runs where run.count > 1 {
            let coordinates = run.map { "\(num(x($0.position))),\(num(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(coordinates)\" class=\"trend-line\"/>"
        }
        for point in sorted {
            let px = num(x(point.position)), py = y(point.value)
            svg += "<circle cx=\"\(px)\" cy=\"\(num(py))\" r=\"4\" class=\"trend-dot\"><title>\(escape(point.label)): \(num(point.value, digits: 2))</title></circle>"
            svg += "<text x=\"\(px)\" y=\"\(num(py - 8))\" text-anchor=\"middle\" class=\"chart-value\">\(num(point.value, digits: 2))</text>"
        }
        return svg + "</svg>"
    }

    /// Two thin bars per row (e.g. self-score and verified score), measured from 0 so lengths compare honestly.
    static func pairedBars(_ bars: [PairedBar], firstLabel: String, secondLabel: String, scale: ClosedRange<Double>, title: String, width: Int = 640) -> String {
        let rowHeight = 28, labelWidth = 170, barWidth = Double(width - labelWidth - 50)
        let height = bars.count * rowHeight + 10 + 26
        let maximum = max(scale.upperBound, 1e-9)
        var svg = svgOpen(width: width, height: height, title: title)
        func bar(_ value: Double?, y: Int, cssClass: String, name: String, row: String) -> String {
            guard let value else {
                return "<text x=\"\(labelWidth + 4)\" y=\"\(y + 9)\" class=\"chart-value chart-small\">–</text>"
            }
            let w = min(max(value, 0), maximum) / maximum * barWidth
            return "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(num(w))\" height=\"9\" class=\"\(cssClass)\"><title>\(escape(row)) – \(escape(name)): \(num(value, digits: 2))</title></rect>"
                + "<text x=\"\(num(Double(labelWidth) + w + 4))\" y=\"\(y + 9)\" class=\"chart-value chart-small\">\(num(value, digits: 2))</text>"
        }
        for (row, item) in bars.enumerated() {
            let y = row * rowHeight + 5
            svg += "<text x=\"0\" y=\"\(y + 15)\" class=\"chart-label\">\(escape(item.label))</text>"
            svg += bar(item.first, y: y, cssClass: "bar-first", name: firstLabel, row: item.label)
            svg += bar(item.second, y: y + 11, cssClass: "bar-second", name: secondLabel, row: item.label)
        }
        // Legend: the second key is placed after a rough width estimate of the first label.
        let legendY = bars.count * rowHeight + 14
        let secondX = labelWidth + 24 + firstLabel.count * 7 + 20
        svg += "<rect x=\"\(labelWidth)\" y=\"\(legendY)\" width=\"12\" height=\"12\" class=\"bar-first\"/>"
        svg += "<text x=\"\(labelWidth + 18)\" y=\"\(legendY + 11)\" class=\"chart-label\">\(escape(firstLabel))</text>"
        svg += "<rect x=\"\(secondX)\" y=\"\(legendY)\" width=\"12\" height=\"12\" class=\"bar-second\"/>"
        svg += "<text x=\"\(secondX + 18)\" y=\"\(legendY + 11)\" class=\"chart-label\">\(escape(secondLabel))</text>"
        return svg + "</svg>"
    }

    /// Vertical bars, one per bin, scaled to the largest count.
    static func histogram(_ bins: [Bin], title: String, width: Int = 640, height: Int = 220) -> String {
        var svg = svgOpen(width: width, height: height, title: title)
        guard !bins.isEmpty else { return svg + emptyMark(width: width, height: height) }
        let left = 10.0, top = 22.0, bottom = Double(height) - 28
        let slot = (Double(width) - 2 * left) / Double(bins.count)
        let barWidth = slot * 0.7
        let maxCount = Double(max(1, bins.map(\.count).max() ?? 1))
        // Many bins leave little room per label, so the text gets smaller.
        let small = bins.count > 8 ? " chart-small" : ""
        svg += "<line x1=\"\(num(left))\" y1=\"\(num(bottom))\" x2=\"\(num(Double(width) - left))\" y2=\"\(num(bottom))\" class=\"grid-line\"/>"
        for (index, bin) in bins.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            let h = Double(max(bin.count, 0)) / maxCount * (bottom - top)
            if h > 0 {
                svg += "<rect x=\"\(num(center - barWidth / 2))\" y=\"\(num(bottom - h))\" width=\"\(num(barWidth))\" height=\"\(num(h))\" class=\"bar-first\"><title>\(escape(bin.label)): \(bin.count)</title></rect>"
            }
            svg += "<text x=\"\(num(center))\" y=\"\(num(bottom - h - 5))\" text-anchor=\"middle\" class=\"chart-value\(small)\">\(bin.count)</text>"
            svg += "<text x=\"\(num(center))\" y=\"\(num(bottom + 17))\" text-anchor=\"middle\" class=\"chart-label\(small)\">\(escape(bin.label))</text>"
        }
        return svg + "</svg>"
    }

    // MARK: - Helpers

    private static func svgOpen(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
    }

    private static func emptyMark(width: Int, height: Int) -> String {
        "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" class=\"chart-label\">—</text></svg>"
    }

    /// Never zero, so a degenerate scale (lower == upper) cannot divide by zero.
    private static func scaleSpan(_ scale: ClosedRange<Double>) -> Double {
        max(scale.upperBound - scale.lowerBound, 1e-9)
    }

    private static func clamp(_ value: Double, _ scale: ClosedRange<Double>) -> Double {
        min(max(value, scale.lowerBound), scale.upperBound)
    }

    /// Whole numbers inside the scale; `stride` is empty (not a trap) when there are none.
    private static func wholeLevels(_ scale: ClosedRange<Double>) -> [Double] {
        Array(stride(from: scale.lowerBound.rounded(.up), through: scale.upperBound.rounded(.down), by: 1.0))
    }
}

private func num(_ value: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
}
