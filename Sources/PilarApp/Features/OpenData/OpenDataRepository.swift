import Fluent
import Foundation
import PilarCore
import SQLKit

/// Open data under Satu Data Indonesia (Perpres 39/2019): tables the public may have anyway, each with
/// its metadata. Only public tables are read, and only the columns named here: programmes, approved
/// indicator values, published evaluations, and complaint *counts*. Nothing here touches
/// `complaint_reporters`, a complaint's text or its tracking code, so a dataset cannot leak them.
struct OpenDataRepository {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    static let licence = "CC-BY-4.0"
    static let licenceURL = "https://creativecommons.org/licenses/by/4.0/"
    static let licenceTitle = "Creative Commons Attribution 4.0 International"
    /// Publisher of the national dataset, which belongs to no single region.
    static let nationalPublisher = "Gerakan Menuju Smart City"
    static let nationalIdentifier = "nasional-evaluations"

    /// The datasets a region publishes. The raw value is the file name (`programmes.csv`).
    enum Kind: String, CaseIterable, Sendable {
        case programmes
        case indicatorValues = "indicator-values"
        case evaluations
        case complaintStatistics = "complaint-statistics"

        var columns: [String] {
            switch self {
            case .programmes:
                return ["id", "region_code", "region_name", "dimension_code", "title", "lead_agency", "horizon", "status", "start_year", "end_year"]
            case .indicatorValues:
                return ["region_code", "programme_id", "programme_title", "indicator_id", "indicator_name", "level", "unit", "period",
                        "target", "value", "citizen_source", "status"]
            case .evaluations:
                return ["region_code", "region_name", "period", "method", "index_value", "predicate", "legacy"]
            case .complaintStatistics:
                return ["region_code", "semester", "service_code", "service_name", "received", "open", "resolved", "closed", "declined",
                        "median_days_to_resolution"]
            }
        }
    }

    /// A region in the programme (one that adopted a framework).
    struct Region: Sendable, Equatable {
        let code: String
        let name: String

        /// A CKAN-safe name: `kota-probolinggo-35-74`.
        var slug: String { OpenDataRepository.slug(name + " " + code) }
    }

    /// One value of a table: the same value becomes a CSV field and a JSON value.
    enum Cell: Sendable, Equatable, Encodable {
        case text(String)
        case integer(Int)
        case number(Double)
        case flag(Bool)
        case null

        var csv: String {
            switch self {
            case .text(let text): return text
            case .integer(let value): return String(value)
            case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            case .flag(let value): return value ? "true" : "false"
            case .null: return ""
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }
    }

    /// A key known only at run time (a column name, a JSON-LD term).
    struct DynamicKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    /// One row as a JSON object keyed by column.
    struct Row: Encodable {
        let columns: [String]
        let cells: [Cell]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            for (column, cell) in zip(columns, cells) {
                try container.encode(cell, forKey: DynamicKey(column))
            }
        }
    }

    struct Text: Encodable, Sendable, Equatable {
        let id: String
        let en: String

        func text(english: Bool) -> String { english ? en : id }
    }

    /// First and last period a dataset covers, as period codes (`2021`, `2025S2`).
    struct Coverage: Sendable, Equatable {
        let from: Period
        let until: Period

        /// `2021–2026`, or one code when both ends are the same period.
        var label: String { from == until ? from.code : from.code + "–" + until.code }
        var startDay: String { OpenDataRepository.day(year: from.year, month: (from.index - 1) * from.frequency.months + 1, day: 1) }
        var endDay: String {
            let month = until.index * until.frequency.months
            return OpenDataRepository.day(year: until.year, month: month, day: OpenDataRepository.daysIn(month: month, year: until.year))
        }
    }

    struct Distribution: Encodable, Sendable {
        let format: String
        let mediaType: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case format
            case mediaType = "media_type"
            case url
        }
    }

    /// What Satu Data asks of every dataset: who publishes it, where it comes from, what it covers,
    /// under which licence, when it last changed, and the Kemendagri code of the area.
    struct Metadata: Encodable, Sendable {
        let identifier: String
        let title: Text
        let description: Text
        let keywords: [String]
        let source: String
        let publisher: String
        /// Nil for the national dataset, which covers every region.
        let kodeWilayah: String?
        let spatial: String
        let temporal: Coverage?
        let modified: Date
        let columns: [String]
        let records: Int
        var distributions: [Distribution]

        var modifiedText: String { ISO8601DateFormatter().string(from: modified) }

        enum CodingKeys: String, CodingKey {
            case identifier, title, description, keywords, source, publisher
            case kodeWilayah = "kode_wilayah"
            case spatial, temporal
            case temporalStart = "temporal_start"
            case temporalEnd = "temporal_end"
            case licence
            case licenceURL = "licence_url"
            case modified, columns, records, distributions
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(identifier, forKey: .identifier)
            try container.encode(title, forKey: .title)
            try container.encode(description, forKey: .description)
            try container.encode(keywords, forKey: .keywords)
            try container.encode(source, forKey: .source)
            try container.encode(publisher, forKey: .publisher)
            // Written even when empty, so readers always find the key.
            if let kodeWilayah { try container.encode(kodeWilayah, forKey: .kodeWilayah) } else { try container.encodeNil(forKey: .kodeWilayah) }
            try container.encode(spatial, forKey: .spatial)
            if let temporal {
                try container.encode(temporal.label, forKey: .temporal)
                try container.encode(temporal.startDay, forKey: .temporalStart)
                try container.encode(temporal.endDay, forKey: .temporalEnd)
            } else {
                try container.encodeNil(forKey: .temporal)
            }
            try container.encode(OpenDataRepository.licence, forKey: .licence)
            try container.encode(OpenDataRepository.licenceURL, forKey: .licenceURL)
            try container.encode(modifiedText, forKey: .modified)
            try container.encode(columns, forKey: .columns)
            try container.encode(records, forKey: .records)
            try container.encode(distributions, forKey: .distributions)
        }

        /// The same metadata with download links made absolute for `base` (`http://host`).
        func absolute(_ base: String) -> Metadata {
            var copy = self
            copy.distributions = distributions.map { Distribution(format: $0.format, mediaType: $0.mediaType, url: base + $0.url) }
            return copy
        }
    }

    /// A dataset: its metadata and its table.
    struct Dataset: Sendable {
        let kind: Kind
        /// Nil for the national evaluations dataset.
        let region: Region?
        let metadata: Metadata
        let rows: [[Cell]]

        var identifier: String { metadata.identifier }
        var columns: [String] { metadata.columns }
        /// Path without extension: `/data/regions/35.74/programmes` or `/data/evaluations`.
        var basePath: String { region.map { "/data/regions/\($0.code)/\(kind.rawValue)" } ?? "/data/\(kind.rawValue)" }
        var csvPath: String { basePath + ".csv" }
        var jsonPath: String { basePath + ".json" }
        /// CKAN package name: lowercase letters, digits and hyphens.
        var ckanName: String { region.map { "\($0.slug)-\(kind.rawValue)" } ?? OpenDataRepository.nationalIdentifier }
        var organization: (name: String, title: String) {
            if let region { return (name: region.slug, title: region.name) }
            return (name: OpenDataRepository.slug(OpenDataRepository.nationalPublisher), title: OpenDataRepository.nationalPublisher)
        }
        var jsonRows: [Row] { rows.map { Row(columns: columns, cells: $0) } }
    }

    // MARK: Regions

    /// Regions in the programme: those that adopted a framework.
    func regions() async throws -> [Region] {
        try await sql.raw("SELECT code, name FROM regions WHERE framework_code IS NOT NULL ORDER BY code").all().map {
            Region(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    /// A region in the programme, or nil (unknown, or not in the programme).
    func region(_ code: String) async throws -> Region? {
        try await sql.raw("SELECT code, name FROM regions WHERE framework_code IS NOT NULL AND code = \(bind: code)").first().map {
            Region(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    // MARK: Datasets

    /// One dataset of one region.
    func dataset(_ kind: Kind, region: Region) async throws -> Dataset {
        let records = try await self.records(kind, region: region.code)
        return Self.build(kind, region: region, records: records[region.code] ?? [])
    }

    /// Every dataset of these regions, each kind read in one query whatever the number of regions.
    func datasets(of regions: [Region]) async throws -> [Dataset] {
        guard !regions.isEmpty else { return [] }
        let only = regions.count == 1 ? regions.first?.code : nil
        var byKind: [Kind: [String: [Record]]] = [:]
        for kind in Kind.allCases {
            byKind[kind] = try await records(kind, region: only)
        }
        return regions.flatMap { region in
            Kind.allCases.map { kind in Self.build(kind, region: region, records: byKind[kind]?[region.code] ?? []) }
        }
    }

    /// Published evaluations of every region, legacy totals included.
    func nationalEvaluations() async throws -> Dataset {
        let records = try await evaluationRecords(region: nil, programmeOnly: false).values.flatMap { $0 }
        return Self.build(.evaluations, region: nil, records: Self.sortedEvaluations(records))
    }

    /// Every dataset: each region's, then the national one.
    func all() async throws -> [Dataset] {
        try await datasets(of: try await regions()) + [try await nationalEvaluations()]
    }

    // MARK: Reading

    /// A row with what the metadata needs: when it last changed and the periods it covers.
    struct Record: Sendable {
        let region: String
        let cells: [Cell]
        let changed: Date?
        let from: Period?
        let until: Period?
        /// Ordering within the dataset where SQL cannot do it (period codes do not sort as text).
        var position: Double = 0
    }

    /// Rows of one kind for one region, or for every region in the programme (nil), by region code.
    func records(_ kind: Kind, region: String?) async throws -> [String: [Record]] {
        switch kind {
        case .programmes: return try await programmeRecords(region: region)
        case .indicatorValues: return try await valueRecords(region: region)
        case .evaluations: return try await evaluationRecords(region: region, programmeOnly: true).mapValues(Self.sortedEvaluations)
        case .complaintStatistics: return try await complaintRecords(region: region)
        }
    }

    private func programmeRecords(region: String?) async throws -> [String: [Record]] {
        var query: SQLQueryString = """
            SELECT p.id, p.region_code, r.name AS region_name, p.dimension_code, p.title, a.short_name, p.horizon, p.status,
                   p.start_year, p.end_year, p.created_at, p.updated_at
            FROM programmes p JOIN regions r ON r.code = p.region_code JOIN agencies a ON a.id = p.lead_agency_id
            WHERE r.framework_code IS NOT NULL
            """
        if let region { query += " AND p.region_code = \(bind: region)" }
        query += " ORDER BY p.region_code, p.dimension_code, p.title, p.id"
        var result: [String: [Record]] = [:]
        for row in try await sql.raw(query).all() {
            let code = try row.decode(column: "region_code", as: String.self)
            let start = try row.decode(column: "start_year", as: Int.self)
            let end = try row.decode(column: "end_year", as: Int.self)
            let created = try row.decode(column: "created_at", as: Date?.self)
            let updated = try row.decode(column: "updated_at", as: Date?.self)
            let cells: [Cell] = [
                .integer(try row.decode(column: "id", as: Int.self)), .text(code),
                .text(try row.decode(column: "region_name", as: String.self)),
                .text(try row.decode(column: "dimension_code", as: String.self)), .text(try row.decode(column: "title", as: String.self)),
                .text(try row.decode(column: "short_name", as: String.self)), .text(try row.decode(column: "horizon", as: String.self)),
                .text(try row.decode(column: "status", as: String.self)), .integer(start), .integer(end),
            ]
            result[code, default: []].append(Record(region: code, cells: cells, changed: [created, updated].compactMap { $0 }.max(),
                                                    from: Period(year: start, frequency: .yearly, index: 1),
                                                    until: Period(year: end, frequency: .yearly, index: 1)))
        }
        return result
    }

    /// Approved values only: drafts, submitted and verified values never leave Pilar. The agency's note
    /// and the return reason are not published either; only the figure, its period and its target.
    private func valueRecords(region: String?) async throws -> [String: [Record]] {
        var query: SQLQueryString = """
            SELECT p.region_code, p.id AS programme_id, p.title AS programme_title, i.id AS indicator_id, i.name AS indicator_name,
                   i.level, i.unit, v.period, t.value AS target, v.value, i.citizen_source, v.updated_at
            FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN action_plans a ON a.id = i.action_plan_id
            JOIN programmes p ON p.id = a.programme_id JOIN regions r ON r.code = p.region_code
            LEFT JOIN indicator_targets t ON t.indicator_id = v.indicator_id AND t.period = v.period
            WHERE v.state = 'approved' AND r.framework_code IS NOT NULL
            """
        if let region { query += " AND p.region_code = \(bind: region)" }
        query += " ORDER BY p.region_code, p.id, i.id, v.period"
        var result: [String: [Record]] = [:]
        for row in try await sql.raw(query).all() {
            let code = try row.decode(column: "region_code", as: String.self)
            let periodCode = try row.decode(column: "period", as: String.self)
            let period = Period(periodCode)
            let target = try row.decode(column: "target", as: Double?.self)
            let source = try row.decode(column: "citizen_source", as: String?.self)
            let cells: [Cell] = [
                .text(code), .integer(try row.decode(column: "programme_id", as: Int.self)),
                .text(try row.decode(column: "programme_title", as: String.self)),
                .integer(try row.decode(column: "indicator_id", as: Int.self)), .text(try row.decode(column: "indicator_name", as: String.self)),
                .text(try row.decode(column: "level", as: String.self)), .text(try row.decode(column: "unit", as: String.self)),
                .text(periodCode), target.map { Cell.number($0) } ?? .null, .number(try row.decode(column: "value", as: Double.self)),
                source.map { Cell.text($0) } ?? .null, .text(VerificationState.approved.rawValue),
            ]
            result[code, default: []].append(Record(region: code, cells: cells, changed: try row.decode(column: "updated_at", as: Date?.self),
                                                    from: period, until: period))
        }
        return result
    }

    /// Published results only, with the method version each used; the assessors' remarks stay out.
    private func evaluationRecords(region: String?, programmeOnly: Bool) async throws -> [String: [Record]] {
        var query: SQLQueryString = """
            SELECT e.region_code, r.name AS region_name, e.period, m.code AS method_code, m.version AS method_version,
                   e.index_value, e.predicate, e.legacy, e.published_at
            FROM evaluations e JOIN regions r ON r.code = e.region_code LEFT JOIN scoring_methods m ON m.id = e.method_id
            WHERE e.state = 'published'
            """
        if programmeOnly { query += " AND r.framework_code IS NOT NULL" }
        if let region { query += " AND e.region_code = \(bind: region)" }
        var result: [String: [Record]] = [:]
        for row in try await sql.raw(query).all() {
            let code = try row.decode(column: "region_code", as: String.self)
            let periodCode = try row.decode(column: "period", as: String.self)
            let period = Period(periodCode)
            let methodCode = try row.decode(column: "method_code", as: String?.self)
            let methodVersion = try row.decode(column: "method_version", as: Int?.self)
            var method = Cell.null
            if let methodCode {
                let version = methodVersion.map { String($0) } ?? "?"
                method = .text(methodCode + " v" + version)
            }
            let index = try row.decode(column: "index_value", as: Double?.self)
            let predicate = try row.decode(column: "predicate", as: String?.self)
            let cells: [Cell] = [
                .text(code), .text(try row.decode(column: "region_name", as: String.self)), .text(periodCode), method,
                index.map { Cell.number($0) } ?? .null, predicate.map { Cell.text($0) } ?? .null,
                .flag(try row.decode(column: "legacy", as: Bool.self)),
            ]
            result[code, default: []].append(Record(region: code, cells: cells, changed: try row.decode(column: "published_at", as: Date?.self),
                                                    from: period, until: period,
                                                    position: EvaluationRules.timePosition(period: periodCode) ?? 0))
        }
        return result
    }

    /// Counts per semester and category. Reads only the category, state and dates of each report:
    /// confidential reports are counted like the others, but no text, code or identity is ever read.
    private func complaintRecords(region: String?) async throws -> [String: [Record]] {
        var query: SQLQueryString = """
            SELECT c.region_code, c.state, c.created_at, c.resolved_at, c.updated_at, k.service_code, k.name AS service_name
            FROM complaints c JOIN complaint_categories k ON k.id = c.category_id JOIN regions r ON r.code = c.region_code
            WHERE r.framework_code IS NOT NULL
            """
        if let region { query += " AND c.region_code = \(bind: region)" }
        struct Key: Hashable {
            let region: String
            let semester: Period
            let service: String
        }
        struct Tally {
            var name = ""
            var received = 0, pending = 0, resolved = 0, closed = 0, declined = 0
            var durations: [TimeInterval] = []
            var changed: Date?
        }
        var tallies: [Key: Tally] = [:]
        for row in try await sql.raw(query).all() {
            guard let created = try row.decode(column: "created_at", as: Date?.self),
                  let semester = Period.current(.semester, at: created) else { continue }
            let key = Key(region: try row.decode(column: "region_code", as: String.self), semester: semester,
                          service: try row.decode(column: "service_code", as: String.self))
            let rawState = try row.decode(column: "state", as: String.self)
            let state = ComplaintState(rawValue: rawState) ?? .new
            let resolvedAt = try row.decode(column: "resolved_at", as: Date?.self)
            let updated = try row.decode(column: "updated_at", as: Date?.self)
            var tally = tallies[key] ?? Tally()
            tally.name = try row.decode(column: "service_name", as: String.self)
            tally.received += 1
            switch state {
            case .resolved: tally.resolved += 1
            case .closed: tally.closed += 1
            case .archived, .notOurAuthority: tally.declined += 1
            case .new, .dispatched, .postponed, .inProgress: tally.pending += 1
            }
            if let resolvedAt, resolvedAt >= created, [.resolved, .closed].contains(state) {
                tally.durations.append(resolvedAt.timeIntervalSince(created))
            }
            tally.changed = [tally.changed, created, resolvedAt, updated].compactMap { $0 }.max()
            tallies[key] = tally
        }
        var result: [String: [Record]] = [:]
        for (key, tally) in tallies.sorted(by: { ($0.key.region, $0.key.semester, $0.key.service) < ($1.key.region, $1.key.semester, $1.key.service) }) {
            let median = ComplaintFigures.medianDays(tally.durations).map { ($0 * 10).rounded() / 10 }
            let cells: [Cell] = [
                .text(key.region), .text(key.semester.code), .text(key.service), .text(tally.name), .integer(tally.received),
                .integer(tally.pending), .integer(tally.resolved), .integer(tally.closed), .integer(tally.declined),
                median.map { Cell.number($0) } ?? .null,
            ]
            result[key.region, default: []].append(Record(region: key.region, cells: cells, changed: tally.changed,
                                                          from: key.semester, until: key.semester))
        }
        return result
    }

    private static func sortedEvaluations(_ records: [Record]) -> [Record] {
        records.sorted { $0.position != $1.position ? $0.position < $1.position : $0.region < $1.region }
    }

    // MARK: Metadata

    static func build(_ kind: Kind, region: Region?, records: [Record]) -> Dataset {
        let place = region?.name ?? "Indonesia"
        let description = describe(kind, place: place, national: region == nil)
        let identifier = region.map { "\($0.code)-\(kind.rawValue)" } ?? nationalIdentifier
        let froms = records.compactMap(\.from), untils = records.compactMap(\.until)
        let coverage: Coverage? = froms.min().flatMap { from in untils.max().map { Coverage(from: from, until: $0) } }
        let publisher = region?.name ?? nationalPublisher
        let base = region.map { "/data/regions/\($0.code)/\(kind.rawValue)" } ?? "/data/\(kind.rawValue)"
        let metadata = Metadata(
            identifier: identifier, title: description.title, description: description.text,
            keywords: description.keywords + [place], source: "Pilar – " + publisher, publisher: publisher,
            kodeWilayah: region?.code, spatial: place, temporal: coverage,
            modified: records.compactMap(\.changed).max() ?? Date(), columns: kind.columns, records: records.count,
            distributions: [Distribution(format: "CSV", mediaType: "text/csv", url: base + ".csv"),
                            Distribution(format: "JSON", mediaType: "application/json", url: base + ".json")])
        return Dataset(kind: kind, region: region, metadata: metadata, rows: records.map(\.cells))
    }

    private static func describe(_ kind: Kind, place: String, national: Bool) -> (title: Text, text: Text, keywords: [String]) {
        switch kind {
        case .programmes:
            return (Text(id: "Program kota cerdas – \(place)", en: "Smart city programmes – \(place)"),
                    Text(id: "Program dan inovasi dalam rencana induk (masterplan) smart city: dimensi, perangkat daerah pengampu, horizon, status dan tahun pelaksanaan.",
                         en: "Programmes and innovations of the smart city masterplan: dimension, lead agency, horizon, status and years."),
                    ["smart city", "kota cerdas", "program", "masterplan"])
        case .indicatorValues:
            return (Text(id: "Capaian indikator yang disetujui – \(place)", en: "Approved indicator results – \(place)"),
                    Text(id: "Realisasi indikator output, outcome dan dampak program smart city beserta targetnya. Hanya nilai yang sudah disetujui yang diterbitkan.",
                         en: "Realisations of the output, outcome and impact indicators of smart city programmes, with their targets. Only approved values are published."),
                    ["smart city", "kota cerdas", "indikator", "capaian"])
        case .evaluations:
            if national {
                return (Text(id: "Hasil evaluasi kota cerdas nasional", en: "National smart city evaluation results"),
                        Text(id: "Indeks dan predikat evaluasi Gerakan Menuju Smart City yang sudah diterbitkan untuk semua daerah, termasuk hasil lama (total saja), dengan versi metode penilaian.",
                             en: "Published indices and predicates of the Movement Towards Smart City evaluation for every region, legacy totals included, with the scoring method version."),
                        ["smart city", "kota cerdas", "evaluasi", "indeks", "peringkat"])
            }
            return (Text(id: "Hasil evaluasi kota cerdas – \(place)", en: "Smart city evaluation results – \(place)"),
                    Text(id: "Indeks dan predikat evaluasi smart city daerah yang sudah diterbitkan, termasuk hasil lama (total saja), dengan versi metode penilaian.",
                         en: "The region's published smart city evaluation indices and predicates, legacy totals included, with the scoring method version."),
                    ["smart city", "kota cerdas", "evaluasi", "indeks"])
        case .complaintStatistics:
            return (Text(id: "Statistik pengaduan warga – \(place)", en: "Citizens' report statistics – \(place)"),
                    Text(id: "Jumlah laporan warga per semester dan kategori layanan: diterima, masih terbuka, selesai, ditutup, ditolak atau diarsipkan, dan median hari sampai selesai. Hanya angka: tanpa isi laporan, kode pelacakan atau identitas pelapor.",
                         en: "Citizens' reports per semester and service category: received, still open, resolved, closed, declined or archived, and median days to resolution. Numbers only: no report text, tracking code or reporter identity."),
                    ["smart city", "kota cerdas", "pengaduan", "layanan publik"])
        }
    }

    // MARK: Helpers

    /// Lowercase ASCII letters and digits joined by single hyphens: `Kota Probolinggo 35.74` → `kota-probolinggo-35-74`.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    static func day(year: Int, month: Int, day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
