import PilarCore
import Testing

@Suite("IKM: the public satisfaction index (PermenPANRB 14/2017)")
struct IKMTests {
    @Test("four responses: element means, unit index 3.25, converted 81.25, band B")
    func workedExample() throws {
        // Elements:   1  2  3  4  5  6  7  8  9
        let responses = [
            [4, 3, 4, 3, 4, 3, 4, 3, 4],
            [3, 3, 3, 3, 3, 4, 4, 3, 3],
            [4, 2, 3, 3, 3, 3, 4, 3, 3],
            [3, 3, 3, 4, 3, 3, 3, 3, 3],
        ]
        // Element means: 14/4 = 3.5, 11/4 = 2.75, 13/4 = 3.25, 13/4 = 3.25, 13/4 = 3.25, 13/4 = 3.25,
        // 15/4 = 3.75, 12/4 = 3, 13/4 = 3.25. Their sum is 29.25; 29.25 / 9 = 3.25; 3.25 × 25 = 81.25,
        // which lies in B (76.61–88.30).
        let result = try IKM.compute(responses: responses)
        #expect(result.elementMeans == [3.5, 2.75, 3.25, 3.25, 3.25, 3.25, 3.75, 3, 3.25])
        #expect(result.unitIndex == 3.25)
        #expect(result.converted == 81.25)
        #expect(result.band == .b)
        #expect(result.respondents == 4)
    }

    @Test("equal weights: each element counts 1/9, however its answers are spread")
    func equalWeights() throws {
        // Two responses: element 1 gets 4 and 2 (mean 3), elements 2–9 get 1 and 1 (mean 1).
        // (3 + 8 × 1) / 9 = 11/9 = 1.2222…; × 25 = 30.555… → 30.56 → D.
        let result = try IKM.compute(responses: [[4, 1, 1, 1, 1, 1, 1, 1, 1], [2, 1, 1, 1, 1, 1, 1, 1, 1]])
        #expect(result.elementMeans[0] == 3)
        #expect(abs(result.unitIndex - 11.0 / 9.0) < 1e-12)
        #expect(IKM.hundredths(result.converted) == 3056)
        #expect(result.band == .d)
    }

    @Test("extremes: all 4 gives 100 (A), all 1 gives 25 (D)")
    func extremes() throws {
        let best = try IKM.compute(responses: [Array(repeating: 4, count: 9)])
        #expect(best.converted == 100)
        #expect(best.band == .a)
        let worst = try IKM.compute(responses: [Array(repeating: 1, count: 9), Array(repeating: 1, count: 9)])
        #expect(worst.converted == 25)
        #expect(worst.band == .d)
    }

    @Test("band boundaries on the converted value rounded to two decimals")
    func boundaries() {
        #expect(IKM.band(converted: 100) == .a)
        #expect(IKM.band(converted: 88.31) == .a)
        #expect(IKM.band(converted: 88.30) == .b)
        // 88.305 rounds to 88.31; 88.3049 rounds to 88.30.
        #expect(IKM.band(converted: 88.305) == .a)
        #expect(IKM.band(converted: 88.3049) == .b)
        #expect(IKM.band(converted: 76.61) == .b)
        #expect(IKM.band(converted: 76.60) == .c)
        #expect(IKM.band(converted: 65.00) == .c)
        // 64.995 rounds to 65.00 (C); 64.994 to 64.99 (D).
        #expect(IKM.band(converted: 64.995) == .c)
        #expect(IKM.band(converted: 64.994) == .d)
        #expect(IKM.band(converted: 64.99) == .d)
        #expect(IKM.band(converted: 25) == .d)
    }

    @Test("no responses, a response with the wrong number of answers, or an answer outside 1…4 is refused")
    func refusals() {
        #expect(throws: IKM.Problem.noResponses) { try IKM.compute(responses: []) }
        #expect(throws: IKM.Problem.wrongCount(response: 0)) { try IKM.compute(responses: [[3, 3, 3, 3, 3, 3, 3, 3]]) }
        #expect(throws: IKM.Problem.wrongCount(response: 1)) {
            try IKM.compute(responses: [Array(repeating: 3, count: 9), Array(repeating: 3, count: 10)])
        }
        #expect(throws: IKM.Problem.outOfRange(response: 1, element: 2)) {
            try IKM.compute(responses: [Array(repeating: 3, count: 9), [3, 3, 5, 3, 3, 3, 3, 3, 3]])
        }
        #expect(throws: IKM.Problem.outOfRange(response: 0, element: 8)) { try IKM.compute(responses: [[3, 3, 3, 3, 3, 3, 3, 3, 0]]) }
    }

    @Test("the template has the nine elements as required 4-point questions, in order")
    func template() {
        let questions = IKM.template
        #expect(IKM.elements.count == 9)
        #expect(questions.count == 9)
        #expect(questions.map(\.position) == Array(1...9))
        #expect(questions.allSatisfy { $0.type == .scale4 && $0.required && $0.options.isEmpty && $0.skipTo == nil })
        #expect(questions[0].text.hasPrefix("Persyaratan"))
        #expect(questions[8].text.hasPrefix("Sarana dan prasarana"))
        #expect(SurveyBuilderRules.check(questions).isEmpty)
    }
}
