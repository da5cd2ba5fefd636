import Crypto
import Fluent
import Foundation
import PilarCore
import Vapor

/// Citizens in the demo: report categories mapped to agencies and programmes, a few hundred
/// satisfaction votes on Probolinggo's programmes, and reports in every state of the workflow, some
/// with a reporter's identity, some anonymous, some confidential. Loaded once.
enum DemoCitizens {
    struct Category {
        let code: String
        let name: String
        let agency: String
        let programme: String?
        let days: Int
    }

    static let categories: [Category] = [
        .init(code: "jalan-rusak", name: "Jalan dan trotoar rusak", agency: "Dishub", programme: nil, days: 14),
        .init(code: "sampah", name: "Sampah dan kebersihan", agency: "DLH", programme: "Taman kota ramah keluarga", days: 3),
        .init(code: "layanan-mpp", name: "Layanan Mal Pelayanan Publik", agency: "DPMPTSP", programme: "Mal Pelayanan Publik terpadu", days: 5),
        .init(code: "layanan-kesehatan", name: "Layanan puskesmas dan RSUD", agency: "Dinkes", programme: nil, days: 5),
        .init(code: "perizinan", name: "Perizinan berusaha", agency: "DPMPTSP", programme: "Perizinan berusaha daring", days: 7),
    ]

    /// One report per state, plus a few extra so lists and overdue figures mean something.
    static let reports: [(service: String, classification: ComplaintClassification, state: ComplaintState, daysAgo: Int,
                          description: String, anonymous: Bool, confidential: Bool)] = [
        ("jalan-rusak", .complaint, .new, 1, "Lubang besar di Jl. Soekarno-Hatta dekat lampu merah, berbahaya bagi motor.", false, false),
        ("sampah", .complaint, .dispatched, 6, "Sampah menumpuk di TPS Kelurahan Mangunharjo sudah seminggu.", true, false),
        ("layanan-mpp", .aspiration, .postponed, 10, "Mohon MPP buka hari Sabtu untuk layanan kependudukan.", false, false),
        ("layanan-kesehatan", .complaint, .notOurAuthority, 20, "Antrian BPJS di rumah sakit swasta terlalu lama.", true, false),
        ("jalan-rusak", .complaint, .archived, 30, "Laporan ganda tentang lubang di Jl. Soekarno-Hatta.", true, false),
        ("layanan-mpp", .information, .inProgress, 4, "Bagaimana cara mengurus izin keramaian secara daring?", false, true),
        ("perizinan", .complaint, .resolved, 12, "Izin usaha mikro saya belum terbit setelah dua minggu.", false, false),
        ("sampah", .complaint, .closed, 40, "Saluran air tersumbat sampah di Jl. Dr. Sutomo.", false, false),
        ("layanan-kesehatan", .complaint, .dispatched, 9, "Obat di puskesmas Kanigaran sering kosong.", false, true),
    ]

    static func seed(on app: Application, region: String) async throws {
        let db = app.db
        if try await ComplaintCategoryModel.query(on: db).filter(\.$regionCode == region).count() > 0 { return }
        let agencies = try await AgencyModel.query(on: db).filter(\.$regionCode == region).all()
            .reduce(into: [String: Int]()) { $0[$1.shortName] = $1.id }
        let programmes = try await ProgrammeModel.query(on: db).filter(\.$regionCode == region).all()
        let programmeIDs = programmes.reduce(into: [String: Int]()) { $0[$1.title] = $1.id }
        var categoryIDs: [String: Int] = [:]
        for category in categories {
            guard let agency = agencies[category.agency] else { continue }
            let model = ComplaintCategoryModel()
            model.regionCode = region
            model.serviceCode = category.code
            model.name = category.name
            model.description = "Laporan warga tentang \(category.name.lowercased())."
            model.agencyID = agency
            model.programmeID = category.programme.flatMap { programmeIDs[$0] }
            model.targetDays = category.days
            model.active = true
            try await model.create(on: db)
            categoryIDs[category.code] = try model.requireID()
        }
        try await seedVotes(programmes: programmes, region: region, on: db)
        try await seedReports(categoryIDs: categoryIDs, agencies: agencies, region: region, on: db)
        let feeds = CitizenFeeds(db: db)
        for programme in programmes.prefix(12) {
            try await feeds.refreshVotes(programmeID: try programme.requireID(), at: Date())
        }
        for id in Set(categories.compactMap { $0.programme.flatMap { programmeIDs[$0] } }) {
            try await feeds.refreshComplaints(programmeID: id, at: Date())
        }
    }

    /// Votes spread over the last week on the first twelve programmes, mostly satisfied, deterministically.
    private static func seedVotes(programmes: [ProgrammeModel], region: String, on db: any Database) async throws {
        let now = Date()
        let answers: [SatisfactionAnswer] = [.sangatPuas, .sangatPuas, .puas, .puas, .puas, .cukupPuas, .tidakPuas, .sangatPuas]
        for (index, programme) in programmes.prefix(12).enumerated() {
            let id = try programme.requireID()
            for n in 0..<(20 + index * 3) {
                let date = now.addingTimeInterval(-Double(n % 7) * 86_400)
                let vote = SatisfactionVoteModel()
                vote.itemKind = "programme"
                vote.itemID = String(id)
                vote.regionCode = region
                vote.answer = answers[(n * 5 + index) % answers.count].rawValue
                vote.day = DateInput.today(date)
                vote.period = CitizenFeeds.period(at: date)?.code ?? ""
                vote.voter = SHA256.hash(data: Data("demo-voter-\(n)".utf8)).map { String(format: "%02x", $0) }.joined()
                try await vote.create(on: db)
            }
        }
    }

    private static func seedReports(categoryIDs: [String: Int], agencies: [String: Int], region: String, on db: any Database) async throws {
        var generator = SystemRandomNumberGenerator()
        let now = Date()
        for (index, report) in reports.enumerated() {
            guard let categoryID = categoryIDs[report.service],
                  let category = categories.first(where: { $0.code == report.service }) else { continue }
            let created = now.addingTimeInterval(-Double(report.daysAgo) * 86_400)
            let complaint = ComplaintModel()
            complaint.regionCode = region
            complaint.trackingCode = ComplaintFigures.trackingCode(using: &generator)
            complaint.classification = report.classification.rawValue
            complaint.categoryID = categoryID
            complaint.description = report.description
            complaint.address = "Kota Probolinggo"
            complaint.latitude = -7.7543 + Double(index) * 0.002
            complaint.longitude = 113.2159 + Double(index) * 0.002
            complaint.anonymous = report.anonymous
            complaint.confidential = report.confidential
            complaint.state = report.state.rawValue
            if [.dispatched, .inProgress, .resolved, .closed].contains(report.state) { complaint.agencyID = agencies[category.agency] }
            if [.resolved, .closed].contains(report.state) { complaint.resolvedAt = created.addingTimeInterval(Double(2 + index % 3) * 86_400) }
            try await complaint.create(on: db)
            // Timestamps say when the report really came in, so overdue and median figures are meaningful.
            complaint.createdAt = created
            try await complaint.save(on: db)
            let id = try complaint.requireID()
            if !report.anonymous {
                let reporter = ComplaintReporterModel()
                reporter.complaintID = id
                reporter.name = "Warga Demo \(index + 1)"
                reporter.email = "warga\(index + 1)@contoh.id"
                reporter.phone = "0812-0000-00\(10 + index)"
                try await reporter.create(on: db)
            }
            for (step, state) in path(to: report.state).enumerated() {
                let update = ComplaintUpdateModel()
                update.complaintID = id
                update.state = state.rawValue
                update.note = state == .new ? "" : note(for: state)
                update.isPublic = true
                update.byCitizen = state == .new
                update.actorLabel = state == .new ? "warga" : "Demo"
                update.at = created.addingTimeInterval(Double(step) * 43_200)
                try await update.create(on: db)
            }
        }
    }

    private static func path(to state: ComplaintState) -> [ComplaintState] {
        switch state {
        case .new: return [.new]
        case .dispatched, .postponed, .notOurAuthority, .archived: return [.new, state]
        case .inProgress: return [.new, .dispatched, .inProgress]
        case .resolved: return [.new, .dispatched, .inProgress, .resolved]
        case .closed: return [.new, .dispatched, .inProgress, .resolved, .closed]
        }
    }

    private static func note(for state: ComplaintState) -> String {
        switch state {
        case .dispatched: return "Laporan diverifikasi dan diteruskan ke perangkat daerah terkait."
        case .postponed: return "Ditunda menunggu keputusan jam layanan tahun depan."
        case .notOurAuthority: return "Rumah sakit swasta di luar kewenangan pemerintah kota; diteruskan ke BPJS."
        case .archived: return "Laporan ganda; ditangani pada laporan sebelumnya."
        case .inProgress: return "Petugas sedang menindaklanjuti."
        case .resolved: return "Sudah ditindaklanjuti; mohon konfirmasi."
        case .closed: return "Ditutup setelah konfirmasi warga."
        case .new: return ""
        }
    }
}
