import Fluent
import PilarCore
import Vapor

/// Probolinggo's 2021-2026 masterplan with about thirty programmes across the six dimensions, each
/// with an action plan, an output and an outcome indicator, semester targets and realisations in
/// every verification state. Loaded once: a region that already has a masterplan is left alone.
enum DemoPlanning {
    struct Item {
        let dimension: String
        let element: String
        let agency: String
        let title: String
        let horizon: Horizon
        let status: ProgrammeStatus
        let output: String
        let outcome: String
    }

    static let items: [Item] = [
        .init(dimension: "GOV", element: "GOV-1", agency: "DPMPTSP", title: "Mal Pelayanan Publik terpadu", horizon: .quickWin, status: .running, output: "Layanan yang tersedia di MPP", outcome: "Kepuasan pengunjung MPP"),
        .init(dimension: "GOV", element: "GOV-1", agency: "Diskominfo", title: "Aplikasi pengaduan warga terintegrasi", horizon: .quickWin, status: .running, output: "Kanal pengaduan terhubung", outcome: "Pengaduan selesai tepat waktu"),
        .init(dimension: "GOV", element: "GOV-2", agency: "Setda", title: "E-office dan tanda tangan elektronik", horizon: .short, status: .running, output: "Perangkat daerah memakai e-office", outcome: "Surat tanpa kertas"),
        .init(dimension: "GOV", element: "GOV-3", agency: "Bappeda", title: "Satu Data Kota Probolinggo", horizon: .short, status: .running, output: "Dataset terbit di portal data", outcome: "Dataset diperbarui tepat waktu"),
        .init(dimension: "GOV", element: "GOV-2", agency: "Diskominfo", title: "Pusat data dan jaringan antar-OPD", horizon: .medium, status: .planned, output: "OPD terhubung jaringan kota", outcome: "Ketersediaan layanan jaringan"),
        .init(dimension: "BRD", element: "BRD-1", agency: "Dispar", title: "Promosi wisata digital Probolinggo", horizon: .short, status: .running, output: "Konten promosi terbit", outcome: "Kunjungan wisatawan"),
        .init(dimension: "BRD", element: "BRD-1", agency: "Dispar", title: "Festival Seni Budaya tahunan", horizon: .short, status: .done, output: "Acara terselenggara", outcome: "Pengunjung festival"),
        .init(dimension: "BRD", element: "BRD-2", agency: "DPMPTSP", title: "Perizinan berusaha daring", horizon: .quickWin, status: .running, output: "Izin terbit daring", outcome: "Rata-rata hari penerbitan izin"),
        .init(dimension: "BRD", element: "BRD-3", agency: "DLH", title: "Taman kota ramah keluarga", horizon: .medium, status: .running, output: "Taman direvitalisasi", outcome: "Pengunjung taman per bulan"),
        .init(dimension: "BRD", element: "BRD-3", agency: "Setda", title: "Penataan papan nama dan wajah kota", horizon: .short, status: .planned, output: "Ruas jalan ditata", outcome: "Keluhan wajah kota"),
        .init(dimension: "ECO", element: "ECO-1", agency: "DPMPTSP", title: "Klinik UMKM naik kelas", horizon: .short, status: .running, output: "UMKM terdampingi", outcome: "UMKM dengan omzet naik"),
        .init(dimension: "ECO", element: "ECO-2", agency: "Setda", title: "Bantuan sosial tepat sasaran berbasis data", horizon: .short, status: .running, output: "Data penerima diverifikasi", outcome: "Salah sasaran bantuan"),
        .init(dimension: "ECO", element: "ECO-3", agency: "Diskominfo", title: "Pembayaran retribusi non-tunai", horizon: .quickWin, status: .running, output: "Titik retribusi non-tunai", outcome: "Porsi retribusi non-tunai"),
        .init(dimension: "ECO", element: "ECO-3", agency: "Setda", title: "Pasar rakyat digital", horizon: .short, status: .planned, output: "Pedagang terdaftar daring", outcome: "Transaksi daring pedagang"),
        .init(dimension: "ECO", element: "ECO-1", agency: "Bappeda", title: "Kawasan industri kecil mangga", horizon: .long, status: .planned, output: "Kelompok usaha terbentuk", outcome: "Nilai penjualan olahan mangga"),
        .init(dimension: "LIV", element: "LIV-2", agency: "Dinkes", title: "Antrean puskesmas daring", horizon: .quickWin, status: .running, output: "Puskesmas dengan antrean daring", outcome: "Waktu tunggu pasien"),
        .init(dimension: "LIV", element: "LIV-2", agency: "RSUD", title: "Rekam medis elektronik RSUD", horizon: .short, status: .running, output: "Poli memakai rekam medis elektronik", outcome: "Kepuasan pasien rawat jalan"),
        .init(dimension: "LIV", element: "LIV-2", agency: "Dinkes", title: "Pencegahan stunting terpadu", horizon: .medium, status: .running, output: "Balita dipantau bulanan", outcome: "Prevalensi stunting"),
        .init(dimension: "LIV", element: "LIV-3", agency: "Dishub", title: "Lampu lalu lintas adaptif", horizon: .short, status: .running, output: "Simpang dengan ATCS", outcome: "Waktu tempuh koridor utama"),
        .init(dimension: "LIV", element: "LIV-3", agency: "Dishub", title: "Angkutan kota terjadwal", horizon: .medium, status: .stopped, output: "Trayek dengan jadwal", outcome: "Penumpang angkutan kota"),
        .init(dimension: "LIV", element: "LIV-1", agency: "Bappeda", title: "Peta tata ruang daring", horizon: .short, status: .done, output: "Peta tata ruang terbit", outcome: "Permohonan informasi tata ruang daring"),
        .init(dimension: "SOC", element: "SOC-2", agency: "Dispendik", title: "Sekolah digital", horizon: .short, status: .running, output: "Sekolah dengan kelas digital", outcome: "Siswa aktif belajar daring"),
        .init(dimension: "SOC", element: "SOC-2", agency: "Dispendik", title: "Perpustakaan digital kota", horizon: .quickWin, status: .running, output: "Koleksi buku digital", outcome: "Peminjam aktif"),
        .init(dimension: "SOC", element: "SOC-1", agency: "Diskominfo", title: "Kampung digital", horizon: .short, status: .running, output: "Kelurahan dengan titik wifi", outcome: "Warga terlatih literasi digital"),
        .init(dimension: "SOC", element: "SOC-3", agency: "Dishub", title: "CCTV kota terpadu", horizon: .short, status: .running, output: "Kamera terpasang", outcome: "Kejadian tertangani dari CCTV"),
        .init(dimension: "SOC", element: "SOC-3", agency: "Setda", title: "Layanan darurat 112", horizon: .quickWin, status: .running, output: "Operator 112 siaga", outcome: "Waktu tanggap darurat"),
        .init(dimension: "ENV", element: "ENV-2", agency: "DLH", title: "Bank sampah digital", horizon: .quickWin, status: .running, output: "Bank sampah terdaftar", outcome: "Sampah terpilah per bulan"),
        .init(dimension: "ENV", element: "ENV-2", agency: "DLH", title: "TPA sanitary landfill", horizon: .long, status: .running, output: "Sel landfill beroperasi", outcome: "Sampah tertangani"),
        .init(dimension: "ENV", element: "ENV-1", agency: "DLH", title: "Pemantauan kualitas udara", horizon: .short, status: .planned, output: "Stasiun pemantau", outcome: "Hari dengan udara baik"),
        .init(dimension: "ENV", element: "ENV-3", agency: "Setda", title: "Penerangan jalan umum LED pintar", horizon: .medium, status: .running, output: "Lampu LED terpasang", outcome: "Tagihan listrik PJU"),
    ]

    /// The current semester and the three before it, so the demo always has approved history, a
    /// latest period under verification, and a current period not yet reported, whatever the date.
    static func periods(now: Date = Date()) -> [String] {
        var period = Period.current(.semester, at: now) ?? Period(year: 2026, frequency: .semester, index: 2)!
        var list = [period.code]
        for _ in 0..<3 {
            guard let previous = period.previous else { break }
            period = previous
            list.insert(period.code, at: 0)
        }
        return list
    }

    /// The verification state of each period's value for programme `index`: older periods approved,
    /// the latest reported one spread over every state so each queue has work in it.
    static func state(forPeriod period: Int, programme index: Int) -> (VerificationState, String?)? {
        switch period {
        case 0, 1: return (.approved, nil)
        case 2:
            switch index % 5 {
            case 0: return (.verified, nil)
            case 1: return (.submitted, nil)
            case 2: return (.draft, nil)
            case 3: return (.draft, "Bukti foto tidak terbaca, mohon unggah ulang.")
            default: return (.approved, nil)
            }
        default: return nil // the current semester: not reported yet
        }
    }

    static func seed(on app: Application, region: String, actorLabel: String) async throws -> Int {
        let db = app.db
        if try await MasterplanModel.query(on: db).filter(\.$regionCode == region).count() > 0 { return 0 }
        let agencies = Dictionary(uniqueKeysWithValues: try await AgencyRepository(db: db).list(region: region, includeInactive: false).map { ($0.shortName, $0.id) })
        let operatorID = try await UserModel.query(on: db).filter(\.$role == Role.agencyOperator.rawValue).filter(\.$regionCode == region).first()?.id
        let periods = Self.periods()
        let firstYear = Period(periods[0])?.year ?? 2025
        return try await db.transaction { db in
            let masterplan = MasterplanModel()
            masterplan.regionCode = region
            masterplan.title = "Masterplan Smart City Kota Probolinggo 2021-2026"
            masterplan.startYear = 2021
            masterplan.endYear = 2026
            masterplan.vision = "Probolinggo kota cerdas yang melayani, sejahtera dan berkelanjutan."
            masterplan.mission = "Pelayanan publik digital terpadu; ekonomi lokal yang tumbuh; lingkungan yang bersih dan aman."
            masterplan.executiveSummary = "Ringkasan eksekutif rencana induk smart city 2021-2026: enam dimensi, tiga puluh program, dengan quick win pada layanan publik."
            try await masterplan.create(on: db)
            for (code, condition) in [("GOV", "Layanan perizinan sudah daring sebagian; data antar-OPD belum terhubung."),
                                      ("ENV", "Timbulan sampah naik 4% per tahun; bank sampah aktif di 12 kelurahan.")] {
                let analysis = DimensionAnalysisModel()
                analysis.masterplanID = try masterplan.requireID()
                analysis.dimensionCode = code
                analysis.currentCondition = condition
                analysis.issues = "Integrasi data dan kapasitas SDM."
                analysis.readinessInfrastructure = "Jaringan fiber menjangkau kantor OPD."
                analysis.readinessSuperstructure = "Perwali tentang SPBE tersedia."
                analysis.readinessStructure = "Tim pelaksana smart city dibentuk; anggaran terbatas."
                analysis.strengths = "Komitmen pimpinan."
                analysis.weaknesses = "Data tersebar."
                analysis.opportunities = "Dukungan program nasional."
                analysis.threats = "Keamanan siber."
                try await analysis.create(on: db)
            }
            var created = 0
            for (index, item) in items.enumerated() {
                guard let lead = agencies[item.agency] else { continue }
                let start = item.horizon == .quickWin ? firstYear : firstYear - 2
                let end = item.horizon == .quickWin ? firstYear : start + item.horizon.maxYears - 1
                let programme = ProgrammeModel()
                programme.regionCode = region
                programme.masterplanID = masterplan.id
                programme.title = item.title
                programme.description = "Program \(item.title.lowercased()) untuk dimensi \(item.dimension)."
                programme.leadAgencyID = lead
                programme.dimensionCode = item.dimension
                programme.horizon = item.horizon.rawValue
                programme.startYear = start
                programme.endYear = end
                programme.status = item.status.rawValue
                programme.legalBasis = index % 3 == 0 ? "Perwali No. \(10 + index) Tahun 2023" : nil
                programme.links = ""
                try await programme.create(on: db)
                let programmeID = try programme.requireID()
                try await ProgrammeElementModel(programmeID: programmeID, elementCode: item.element).create(on: db)
                let budget = ProgrammeBudgetModel()
                budget.programmeID = programmeID
                budget.year = start
                budget.amount = Int64(100_000_000 + index * 25_000_000)
                budget.source = BudgetSource.apbd.rawValue
                try await budget.create(on: db)
                let plan = ActionPlanModel()
                plan.programmeID = programmeID
                plan.objective = "Meningkatnya capaian \(item.outcome.lowercased())"
                plan.activities = "Penyiapan, pelaksanaan dan evaluasi \(item.title.lowercased())."
                plan.agencyID = lead
                plan.startPeriod = periods[0]
                plan.endPeriod = periods[periods.count - 1]
                try await plan.create(on: db)
                for (level, name, unit, base) in [(IndicatorLevel.output, item.output, "unit", 10.0), (.outcome, item.outcome, "%", 60.0)] {
                    let indicator = IndicatorModel()
                    indicator.actionPlanID = try plan.requireID()
                    indicator.level = level.rawValue
                    indicator.name = name
                    indicator.unit = unit
                    indicator.direction = Direction.higherIsBetter.rawValue
                    indicator.baselineValue = base
                    indicator.baselinePeriod = "2023"
                    indicator.frequency = Period.Frequency.semester.rawValue
                    indicator.dataSource = "Laporan \(item.agency)"
                    try await indicator.create(on: db)
                    let indicatorID = try indicator.requireID()
                    for (p, code) in periods.enumerated() {
                        let target = IndicatorTargetModel()
                        target.indicatorID = indicatorID
                        target.period = code
                        target.value = (base + Double(p + 1) * 5).rounded()
                        try await target.create(on: db)
                        guard let (state, reason) = state(forPeriod: p, programme: index) else { continue }
                        // Achievement varies by programme so the dashboard shows on track, at risk and late.
                        let ratio = [1.02, 0.55, 0.95, 1.1, 0.8][index % 5]
                        let value = IndicatorValueModel()
                        value.indicatorID = indicatorID
                        value.period = code
                        value.value = (target.value * ratio * 10).rounded() / 10
                        value.note = "Sumber: \(indicator.dataSource)"
                        value.state = state.rawValue
                        value.returnedReason = reason
                        value.updatedBy = operatorID
                        try await value.create(on: db)
                    }
                }
                created += 1
            }
            try await AuditLog.record(.create, entity: "masterplan", id: String(try masterplan.requireID()), region: region,
                                      before: [String: String]?.none, after: ["title": masterplan.title, "programmes": String(created)],
                                      actor: nil, actorLabel: actorLabel, on: db)
            return created
        }
    }
}
