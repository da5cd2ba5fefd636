extension ScoringMethod {
    /// The five evaluation components of the national smart city movement with the weights in recent
    /// national use (10/20/30/20/20) on a 1–5 scale. No predicate bands: none are confirmed for this
    /// index, so results are shown as numbers only.
    public static let smartCity2022: ScoringMethod = {
        do {
            return try ScoringMethod(
                code: "smart-city-2022", version: 1,
                name: BilingualText("Indeks Kota Cerdas (Gerakan Menuju Smart City)", "Smart city index (Movement Towards Smart City)"),
                effectiveFrom: "2022-01-01", scale: ScoreScale(min: 1, max: 5),
                items: [
                    ScoringItem(code: "baseline", name: BilingualText("Baseline (kemajuan sejak evaluasi terakhir)", "Baseline (progress since the last evaluation)"), weight: 10),
                    ScoringItem(code: "output", name: BilingualText("Output (kebijakan, kelembagaan, anggaran)", "Output (policy, institutions, budget)"), weight: 20),
                    ScoringItem(code: "outcome", name: BilingualText("Outcome (keterlaksanaan masterplan)", "Outcome (masterplan execution)"), weight: 30),
                    ScoringItem(code: "impact", name: BilingualText("Dampak (manfaat bagi warga)", "Impact (benefit felt by citizens)"), weight: 20),
                    ScoringItem(code: "quickWin", name: BilingualText("Quick win (inovasi program percepatan)", "Quick win (innovation of acceleration programmes)"), weight: 20),
                ],
                source: "Kementerian Komunikasi dan Informatika, Gerakan Menuju 100 Smart City: evaluation components and weights as used nationally from 2022")
        } catch {
            fatalError("shipped smart-city-2022 method is invalid: \(error)")
        }
    }()

    /// Every method Pilar ships; stored as version 1 of each code at first start.
    public static var shipped: [ScoringMethod] { [smartCity2022, spbe2020] }
}
