extension ScoringMethod {
    /// The e-government (SPBE) index of PermenPANRB 59/2020: 4 domains, 8 aspects and 47 indicators, each
    /// assessed as a maturity level 1–5; the index is the weighted mean of the levels. Indicator names are
    /// given in their regional-government form ("Pemerintah Daerah" where the instrument says
    /// "Instansi Pusat/Pemerintah Daerah"). The weights (1.30, 2.50, 1.50, 2.75, 3.00 per indicator, so
    /// 13 / 25 / 16.5 / 45.5 per domain) are as transcribed by a public implementation; confirm them
    /// against the regulation and define a new version if they differ.
    ///
    /// The exact enactment date of the regulation could not be confirmed, so this version is effective
    /// from the first day of the regulation's year.
    public static let spbe2020: ScoringMethod = {
        do {
            let domain1 = ScoringItem(code: "D1", name: BilingualText("Kebijakan Internal SPBE", "Internal SPBE policy"), children: [
                ScoringItem(code: "A1", name: BilingualText("Kebijakan Internal terkait Tata Kelola SPBE", "Internal policies on SPBE governance"),
                            children: ScoringMethod.spbeIndicators(first: 1, weight: 1.30, names: [
                                ("Kebijakan Internal Arsitektur SPBE Pemerintah Daerah", "Internal policy on the regional SPBE architecture"),
                                ("Kebijakan Internal Peta Rencana SPBE Pemerintah Daerah", "Internal policy on the regional SPBE road map"),
                                ("Kebijakan Internal Manajemen Data", "Internal policy on data management"),
                                ("Kebijakan Internal Pembangunan Aplikasi SPBE", "Internal policy on SPBE application development"),
                                ("Kebijakan Internal Layanan Pusat Data", "Internal policy on data centre services"),
                                ("Kebijakan Internal Layanan Jaringan Intra Pemerintah Daerah", "Internal policy on the regional government intranet"),
                                ("Kebijakan Internal Penggunaan Sistem Penghubung Layanan Pemerintah Daerah", "Internal policy on using the regional service connector system"),
                                ("Kebijakan Internal Manajemen Keamanan Informasi", "Internal policy on information security management"),
                                ("Kebijakan Internal Audit TIK", "Internal policy on ICT audit"),
                                ("Kebijakan Internal Tim Koordinasi SPBE Pemerintah Daerah", "Internal policy on the regional SPBE coordination team"),
                            ])),
            ])
            let domain2 = ScoringItem(code: "D2", name: BilingualText("Tata Kelola SPBE", "SPBE governance"), children: [
                ScoringItem(code: "A2", name: BilingualText("Perencanaan Strategis SPBE", "SPBE strategic planning"),
                            children: ScoringMethod.spbeIndicators(first: 11, weight: 2.50, names: [
                                ("Arsitektur SPBE Pemerintah Daerah", "Regional SPBE architecture"),
                                ("Peta Rencana SPBE Pemerintah Daerah", "Regional SPBE road map"),
                                ("Keterpaduan Rencana dan Anggaran SPBE", "Integrated SPBE plans and budgets"),
                                ("Inovasi Proses Bisnis SPBE", "SPBE business process innovation"),
                            ])),
                ScoringItem(code: "A3", name: BilingualText("Teknologi Informasi dan Komunikasi", "Information and communication technology"),
                            children: ScoringMethod.spbeIndicators(first: 15, weight: 2.50, names: [
                                ("Pembangunan Aplikasi SPBE", "SPBE application development"),
                                ("Layanan Pusat Data", "Data centre services"),
                                ("Layanan Jaringan Intra Pemerintah Daerah", "Regional government intranet"),
                                ("Penggunaan Sistem Penghubung Layanan Pemerintah Daerah", "Use of the regional service connector system"),
                            ])),
                ScoringItem(code: "A4", name: BilingualText("Penyelenggara SPBE", "SPBE organisers"),
                            children: ScoringMethod.spbeIndicators(first: 19, weight: 2.50, names: [
                                ("Pelaksanaan Tim Koordinasi SPBE Pemerintah Daerah", "Work of the regional SPBE coordination team"),
                                ("Kolaborasi Penerapan SPBE", "Collaboration in applying SPBE"),
                            ])),
            ])
            let domain3 = ScoringItem(code: "D3", name: BilingualText("Manajemen SPBE", "SPBE management"), children: [
                ScoringItem(code: "A5", name: BilingualText("Penerapan Manajemen SPBE", "SPBE management in practice"),
                            children: ScoringMethod.spbeIndicators(first: 21, weight: 1.50, names: [
                                ("Penerapan Manajemen Risiko SPBE", "SPBE risk management"),
                                ("Penerapan Manajemen Keamanan Informasi", "Information security management"),
                                ("Penerapan Manajemen Data", "Data management"),
                                ("Penerapan Manajemen Aset TIK", "ICT asset management"),
                                ("Penerapan Kompetensi Sumber Daya Manusia", "Human resource competence"),
                                ("Penerapan Manajemen Pengetahuan", "Knowledge management"),
                                ("Penerapan Manajemen Perubahan", "Change management"),
                                ("Penerapan Manajemen Layanan SPBE", "SPBE service management"),
                            ])),
                ScoringItem(code: "A6", name: BilingualText("Audit TIK", "ICT audit"),
                            children: ScoringMethod.spbeIndicators(first: 29, weight: 1.50, names: [
                                ("Pelaksanaan Audit Infrastruktur SPBE", "SPBE infrastructure audit"),
                                ("Pelaksanaan Audit Aplikasi SPBE", "SPBE application audit"),
                                ("Pelaksanaan Audit Keamanan SPBE", "SPBE security audit"),
                            ])),
            ])
            let domain4 = ScoringItem(code: "D4", name: BilingualText("Layanan SPBE", "SPBE services"), children: [
                ScoringItem(code: "A7", name: BilingualText("Layanan Administrasi Pemerintahan Berbasis Elektronik", "Electronic government administration services"),
                            children: ScoringMethod.spbeIndicators(first: 32, weight: 2.75, names: [
                                ("Layanan Perencanaan", "Planning"),
                                ("Layanan Penganggaran", "Budgeting"),
                                ("Layanan Keuangan", "Finance"),
                                ("Layanan Pengadaan Barang dan Jasa", "Procurement of goods and services"),
                                ("Layanan Kepegawaian", "Civil service personnel"),
                                ("Layanan Kearsipan Dinamis", "Active records management"),
                                ("Layanan Pengelolaan Barang Milik Negara/Daerah", "State and regional asset management"),
                                ("Layanan Pengawasan Internal Pemerintah", "Government internal oversight"),
                                ("Layanan Akuntabilitas Kinerja Organisasi", "Organisational performance accountability"),
                                ("Layanan Kinerja Pegawai", "Employee performance"),
                            ])),
                ScoringItem(code: "A8", name: BilingualText("Layanan Publik Berbasis Elektronik", "Electronic public services"),
                            children: ScoringMethod.spbeIndicators(first: 42, weight: 3.00, names: [
                                ("Layanan Pengaduan Pelayanan Publik", "Public service complaints"),
                                ("Layanan Data Terbuka", "Open data"),
                                ("Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)", "Legal documentation and information network (JDIH)"),
                                ("Layanan Publik Sektor 1", "Sectoral public service 1"),
                                ("Layanan Publik Sektor 2", "Sectoral public service 2"),
                                ("Layanan Publik Sektor 3", "Sectoral public service 3"),
                            ])),
            ])
            return try ScoringMethod(
                code: "spbe-2020", version: 1,
                name: BilingualText("Indeks SPBE (Sistem Pemerintahan Berbasis Elektronik)",
                                    "SPBE index (electronic-based government system)"),
                effectiveFrom: "2020-01-01", scale: ScoreScale(min: 1, max: 5),
                items: [domain1, domain2, domain3, domain4],
                bands: [
                    PredicateBand(code: "memuaskan", name: BilingualText("Memuaskan", "Satisfactory"), from: 4.2),
                    PredicateBand(code: "sangat-baik", name: BilingualText("Sangat Baik", "Very good"), from: 3.5),
                    PredicateBand(code: "baik", name: BilingualText("Baik", "Good"), from: 2.6),
                    PredicateBand(code: "cukup", name: BilingualText("Cukup", "Fair"), from: 1.8),
                    PredicateBand(code: "kurang", name: BilingualText("Kurang", "Poor"), from: 1.0),
                ],
                source: "PermenPANRB No. 59 Tahun 2020 tentang Pemantauan dan Evaluasi SPBE; weights as transcribed by a public implementation")
        } catch {
            fatalError("shipped spbe-2020 method is invalid: \(error)")
        }
    }()

    /// Leaves `I<first>`, `I<first+1>`, … of one aspect, all with the same weight; the number keeps the
    /// indicator's position in the national instrument ("Indikator 23").
    private static func spbeIndicators(first: Int, weight: Double, names: [(String, String)]) -> [ScoringItem] {
        names.enumerated().map { offset, name in
            ScoringItem(code: "I\(first + offset)", name: BilingualText(name.0, name.1), weight: weight)
        }
    }
}
