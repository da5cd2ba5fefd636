/// The kinds of perangkat daerah a region organises itself into.
public enum AgencyKind: String, CaseIterable, Sendable, Codable {
    case secretariat = "sekretariat"
    case office = "dinas"
    case board = "badan"
    case hospital = "rsud"
    case inspectorate = "inspektorat"
    case district = "kecamatan"
    case unit = "kantor"
    case other = "lainnya"
}
