/// The public satisfaction index (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017) of one service
/// unit in one period: nine elements each answered 1…4; the unit index is the mean of the element
/// means (every element weighs 1/9), the converted value is the index × 25, and the quality band
/// follows from the converted value rounded to two decimals.
public enum IKM {
    /// The nine elements in the regulation's order.
    public static let elements: [BilingualText] = [
        BilingualText("Persyaratan", "Requirements"),
        BilingualText("Sistem, mekanisme dan prosedur", "Procedure"),
        BilingualText("Waktu penyelesaian", "Service time"),
        BilingualText("Biaya/tarif", "Cost/tariff"),
        BilingualText("Produk spesifikasi jenis pelayanan", "Product specification"),
        BilingualText("Kompetensi pelaksana", "Staff competence"),
        BilingualText("Perilaku pelaksana", "Staff behaviour"),
        BilingualText("Penanganan pengaduan, saran dan masukan", "Complaint handling"),
        BilingualText("Sarana dan prasarana", "Facilities"),
    ]

    /// The question asked for each element, as in the regulation's sample questionnaire.
    public static let questions: [String] = [
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "Bagaimana pendapat Saudara tentang kualitas penanganan pengaduan pengguna layanan?",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    ]

    /// The nine questions of the IKM template, each a required 4-point scale, positions 1…9.
    public static var template: [SurveyQuestionSpec] {
        elements.indices.map { index in
            SurveyQuestionSpec(position: index + 1, type: .scale4, text: elements[index].id + ": " + questions[index], required: true)
        }
    }

    /// Quality bands on the converted value: A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99.
    public enum Band: String, Sendable, Codable, CaseIterable {
        case a = "A"
        case b = "B"
        case c = "C"
        case d = "D"

        /// The band's performance label in the regulation.
        public var name: BilingualText {
            switch self {
            case .a: return BilingualText("Sangat baik", "Very good")
            case .b: return BilingualText("Baik", "Good")
            case .c: return BilingualText("Kurang baik", "Poor")
            case .d: return BilingualText("Tidak baik", "Very poor")
            }
        }
    }

    public struct Result: Sendable, Equatable {
        /// The mean answer of each element, in the order of `elements`.
        public let elementMeans: [Double]
        /// The mean of the element means, 1…4.
        public let unitIndex: Double
        /// The unit index × 25, 25…100 (unrounded; show it with two decimals).
        public let converted: Double
        public let band: Band
        public let respondents: Int
    }

    public enum Problem: Error, Sendable, Equatable {
        case noResponses
        /// Response `response` (from 0) does not hold exactly nine answers.
        case wrongCount(response: Int)
        /// Response `response` answers element `element` (from 0) outside 1…4.
        case outOfRange(response: Int, element: Int)
    }

    public static func compute(responses: [[Int]]) throws -> Result {
        guard !responses.isEmpty else { throw Problem.noResponses }
        var sums = [Int](repeating: 0, count: elements.count)
        for (index, response) in responses.enumerated() {
            guard response.count == elements.count else { throw Problem.wrongCount(response: index) }
            for (element, value) in response.enumerated() {
                guard (1...4).contains(value) else { throw Problem.outOfRange(response: index, element: element) }
                sums[element] += value
            }
        }
        let means = sums.map { Double($0) / Double(responses.count) }
        let unitIndex = means.reduce(0, +) / Double(means.count)
        let converted = unitIndex * 25
        return Result(elementMeans: means, unitIndex: unitIndex, converted: converted, band: band(converted: converted),
                      respondents: responses.count)
    }

    /// The band of a converted value, judged on the value rounded to two decimals as it is published.
    public static func band(converted: Double) -> Band {
        let cents = hundredths(converted)
        switch cents {
        case 8831...: return .a
        case 7661...: return .b
        case 6500...: return .c
        default: return .d
        }
    }

    /// A value in hundredths, rounded half away from zero; the tiny nudge keeps 88.305 (stored as
    /// 88.30499…) from falling to 88.30.
    public static func hundredths(_ value: Double) -> Int {
        Int(((value * 100) + (value >= 0 ? 1e-7 : -1e-7)).rounded(.toNearestOrAwayFromZero))
    }
}
