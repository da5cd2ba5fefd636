/// The user-facing strings of Pilar in Bahasa Indonesia and English, one entry per key.
/// Indonesian terms of the programme (OPD, Dewan Smart City, perwali) stay Indonesian in both.
enum CatalogEntries {
    struct Entry: Sendable {
        let id: String
        let en: String
        init(_ id: String, _ en: String) {
            self.id = id
            self.en = en
        }
    }

    static let all: [String: Entry] = common
        .merging(errors) { a, _ in a }
        .merging(accounts) { a, _ in a }
        .merging(regions) { a, _ in a }
        .merging(agencies) { a, _ in a }
        .merging(audit) { a, _ in a }
        .merging(planning) { a, _ in a }
        .merging(monitoring) { a, _ in a }
        .merging(evaluation) { a, _ in a }
        .merging(citizens) { a, _ in a }
        .merging(surveys) { a, _ in a }
        .merging(portal) { a, _ in a }
        .merging(openData) { a, _ in a }
        .merging(reports) { a, _ in a }

    static let common: [String: Entry] = [
        "common.cancel": .init("Batal", "Cancel"),
        "common.edit": .init("Ubah", "Edit"),
        "common.filter": .init("Saring", "Filter"),
        "common.save": .init("Simpan", "Save"),
        "common.yes": .init("Ya", "Yes"),
        "lang.switch": .init("English", "Bahasa Indonesia"),
        "footer.tagline": .init("dari rencana sampai bukti", "from plan to proof"),
        "nav.main": .init("Menu utama", "Main menu"),
        "nav.skip": .init("Lompat ke isi", "Skip to content"),
        "nav.home": .init("Beranda", "Home"),
        "nav.agencies": .init("Perangkat Daerah", "Agencies"),
        "nav.my_agency": .init("Perangkat Daerah saya", "My agency"),
        "nav.regions": .init("Daerah", "Regions"),
        "nav.users": .init("Pengguna", "Users"),
        "nav.audit": .init("Jejak audit", "Audit trail"),
        "nav.tokens": .init("Token API", "API tokens"),
        "nav.logout": .init("Keluar", "Sign out"),
        "role.national-admin": .init("Admin nasional", "National admin"),
        "role.region-admin": .init("Admin daerah", "Region admin"),
        "role.planner": .init("Perencana", "Planner"),
        "role.agency-operator": .init("Operator perangkat daerah", "Agency operator"),
        "role.council": .init("Dewan Smart City", "Smart city council"),
        "role.assessor": .init("Asesor", "Assessor"),
        "role.viewer": .init("Pembaca", "Viewer"),
    ]

    static let errors: [String: Entry] = [
        "error.title": .init("Ada masalah", "Something is wrong"),
        "error.back": .init("Kembali ke beranda", "Back to the home page"),
        "error.unauthenticated": .init("Silakan masuk terlebih dahulu.", "Please sign in first."),
        "error.forbidden": .init("Anda tidak berhak membuka atau mengubah ini.", "You are not allowed to open or change this."),
        "error.not_found": .init("Data tidak ditemukan.", "Not found."),
        "error.csrf": .init("Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.", "The form has expired. Reload the page and try again."),
        "error.bad_request": .init("Permintaan tidak dapat dibaca.", "The request could not be read."),
        "error.internal": .init("Terjadi kesalahan di server. Tidak ada data yang berubah.", "Something went wrong on the server. Nothing was changed."),
        "error.too_large": .init("Kiriman terlalu besar.", "The submission is too large."),
        "error.invalid_token": .init("Token API tidak dikenal atau sudah dicabut.", "The API token is unknown or revoked."),
        "error.validation": .init("Periksa isian yang ditandai. Tidak ada yang disimpan.", "Check the marked fields. Nothing was saved."),
        "error.query": .init("Parameter pencarian tidak valid.", "Invalid query parameters."),
        "error.required": .init("Wajib diisi.", "Required."),
        "error.too_long": .init("Terlalu panjang.", "Too long."),
        "error.email": .init("Bukan alamat e-mail yang valid.", "Not a valid e-mail address."),
        "error.email_taken": .init("E-mail ini sudah dipakai akun lain.", "This e-mail is already used by another account."),
        "error.phone": .init("Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung.", "A phone number may contain only digits, spaces, +, - and brackets."),
        "error.region_code": .init("Kode wilayah tidak valid (contoh: 35.74).", "Invalid region code (for example 35.74)."),
        "error.region_kind": .init("Jenis wilayah harus provinsi, kabupaten atau kota.", "Region kind must be provinsi, kabupaten or kota."),
        "error.region_required": .init("Peran ini harus terikat pada satu daerah.", "This role must belong to a region."),
        "error.region_unknown": .init("Daerah dengan kode ini tidak ada.", "No region has this code."),
        "error.role": .init("Peran tidak dikenal.", "Unknown role."),
        "error.role_not_allowed": .init("Anda tidak dapat memberi peran ini.", "You cannot grant this role."),
        "error.agency_kind": .init("Pilih jenis perangkat daerah.", "Choose the kind of agency."),
        "error.agency_required": .init("Operator harus terikat pada perangkat daerah aktif di daerahnya.", "An operator must belong to an active agency of their region."),
        "error.agency_short_name_taken": .init("Singkatan ini sudah dipakai perangkat daerah lain di daerah ini.", "Another agency of this region already uses this short name."),
        "error.framework_unknown": .init("Versi kerangka tidak dikenal.", "Unknown framework version."),
        "error.password_short": .init("Kata sandi minimal 10 karakter.", "A password needs at least 10 characters."),
        "error.password_wrong": .init("Kata sandi saat ini salah.", "The current password is wrong."),
        "error.password_mismatch": .init("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
        "error.self_deactivate": .init("Anda tidak dapat menonaktifkan akun sendiri.", "You cannot deactivate your own account."),
    ]

    static let accounts: [String: Entry] = [
        "login.title": .init("Masuk", "Sign in"),
        "login.intro": .init("Masuk dengan akun yang diberikan admin daerah Anda.", "Sign in with the account your region's admin gave you."),
        "login.email": .init("E-mail", "E-mail"),
        "login.password": .init("Kata sandi", "Password"),
        "login.submit": .init("Masuk", "Sign in"),
        "login.invalid": .init("E-mail atau kata sandi salah.", "Wrong e-mail or password."),
        "login.locked": .init("Terlalu banyak percobaan gagal. Akun dikunci 15 menit.", "Too many failed attempts. The account is locked for 15 minutes."),
        "password.title": .init("Ganti kata sandi", "Change password"),
        "password.current": .init("Kata sandi saat ini", "Current password"),
        "password.new": .init("Kata sandi baru (min. 10 karakter)", "New password (at least 10 characters)"),
        "password.confirm": .init("Ulangi kata sandi baru", "Repeat the new password"),
        "password.submit": .init("Ganti kata sandi", "Change password"),
        "password.changed": .init("Kata sandi telah diganti.", "Your password has been changed."),
        "users.title": .init("Pengguna", "Users"),
        "users.new": .init("Tambah pengguna", "Add a user"),
        "users.email": .init("E-mail", "E-mail"),
        "users.name": .init("Nama", "Name"),
        "users.role": .init("Peran", "Role"),
        "users.region": .init("Daerah", "Region"),
        "users.agency": .init("Perangkat daerah", "Agency"),
        "users.initial_password": .init("Kata sandi awal", "Initial password"),
        "users.locked": .init("terkunci", "locked"),
        "users.created": .init("Pengguna ditambahkan.", "User added."),
        "users.deactivate": .init("Nonaktifkan", "Deactivate"),
        "users.reactivate": .init("Aktifkan kembali", "Reactivate"),
        "users.deactivated": .init("Pengguna dinonaktifkan.", "User deactivated."),
        "users.reactivated": .init("Pengguna diaktifkan kembali.", "User reactivated."),
        "tokens.title": .init("Token API", "API tokens"),
        "tokens.intro": .init("Token memberi aplikasi lain akses API dengan peran dan cakupan akun Anda. Simpan token dengan aman.", "A token gives another application API access with your account's role and scope. Keep it safe."),
        "tokens.name": .init("Nama token", "Token name"),
        "tokens.create": .init("Buat token", "Create token"),
        "tokens.issued": .init("Salin token ini sekarang: token tidak akan ditampilkan lagi.", "Copy this token now: it will not be shown again."),
        "tokens.prefix": .init("Awalan", "Prefix"),
        "tokens.created": .init("Dibuat", "Created"),
        "tokens.last_used": .init("Terakhir dipakai", "Last used"),
        "tokens.revoke": .init("Cabut", "Revoke"),
        "tokens.revoked": .init("Token dicabut.", "Token revoked."),
        "tokens.revoked_state": .init("dicabut", "revoked"),
    ]

    static let regions: [String: Entry] = [
        "regions.title": .init("Daerah", "Regions"),
        "regions.search": .init("Cari nama atau kode", "Search name or code"),
        "regions.kind": .init("Jenis", "Kind"),
        "regions.all_kinds": .init("Semua kabupaten/kota", "All regencies and cities"),
        "regions.province": .init("Provinsi", "Province"),
        "regions.all_provinces": .init("Semua provinsi", "All provinces"),
        "regions.count": .init("daerah", "regions"),
        "regions.code": .init("Kode", "Code"),
        "regions.name": .init("Nama", "Name"),
        "regions.population": .init("Penduduk (2025)", "Population (2025)"),
        "regions.programme": .init("Ikut gerakan", "In the programme"),
        "region.title": .init("Beranda daerah", "Region home"),
        "region.kind": .init("Jenis", "Kind"),
        "region.kind.provinsi": .init("Provinsi", "Province"),
        "region.kind.kabupaten": .init("Kabupaten", "Regency"),
        "region.kind.kota": .init("Kota", "City"),
        "region.area": .init("Luas", "Area"),
        "region.agencies": .init("Perangkat daerah aktif", "Active agencies"),
        "region.users": .init("Pengguna aktif", "Active users"),
        "region.framework": .init("Kerangka smart city", "Smart city framework"),
        "region.framework_adopted": .init("Daerah ini memakai kerangka", "This region uses the framework"),
        "region.framework_none": .init("Daerah ini belum memilih kerangka.", "This region has not chosen a framework yet."),
        "region.framework_choose": .init("Pilih versi kerangka", "Choose the framework version"),
        "region.framework_saved": .init("Kerangka daerah disimpan.", "The region's framework has been saved."),
        "region.recent_changes": .init("Perubahan terakhir", "Recent changes"),
    ]

    static let agencies: [String: Entry] = [
        "agencies.title": .init("Perangkat Daerah", "Agencies"),
        "agencies.new": .init("Tambah perangkat daerah", "Add an agency"),
        "agencies.edit": .init("Ubah perangkat daerah", "Edit agency"),
        "agencies.detail": .init("Perangkat daerah", "Agency"),
        "agencies.empty": .init("Belum ada perangkat daerah.", "No agencies yet."),
        "agencies.show_inactive": .init("Tampilkan yang nonaktif", "Show inactive"),
        "agencies.hide_inactive": .init("Sembunyikan yang nonaktif", "Hide inactive"),
        "agencies.created": .init("Perangkat daerah ditambahkan.", "Agency added."),
        "agencies.saved": .init("Perubahan disimpan.", "Changes saved."),
        "agencies.deactivate": .init("Nonaktifkan", "Deactivate"),
        "agencies.reactivate": .init("Aktifkan kembali", "Reactivate"),
        "agencies.deactivated": .init("Perangkat daerah dinonaktifkan. Datanya tetap tersimpan.", "Agency deactivated. Its records are kept."),
        "agencies.reactivated": .init("Perangkat daerah diaktifkan kembali.", "Agency reactivated."),
        "agencies.back": .init("Kembali ke daftar", "Back to the list"),
        "agency.name": .init("Nama", "Name"),
        "agency.short_name": .init("Singkatan", "Short name"),
        "agency.kind": .init("Jenis", "Kind"),
        "agency.head": .init("Kepala", "Head"),
        "agency.email": .init("E-mail", "E-mail"),
        "agency.phone": .init("Telepon", "Phone"),
        "agency.address": .init("Alamat", "Address"),
        "agency.status": .init("Status", "Status"),
        "agency.active": .init("Aktif", "Active"),
        "agency.inactive": .init("Nonaktif", "Inactive"),
        "agency.kind.sekretariat": .init("Sekretariat", "Secretariat"),
        "agency.kind.dinas": .init("Dinas", "Office (dinas)"),
        "agency.kind.badan": .init("Badan", "Board (badan)"),
        "agency.kind.rsud": .init("Rumah sakit daerah", "Regional hospital"),
        "agency.kind.inspektorat": .init("Inspektorat", "Inspectorate"),
        "agency.kind.kecamatan": .init("Kecamatan", "District"),
        "agency.kind.kantor": .init("Kantor", "Office (kantor)"),
        "agency.kind.lainnya": .init("Lainnya", "Other"),
    ]

    static let audit: [String: Entry] = [
        "audit.title": .init("Jejak audit", "Audit trail"),
        "audit.history": .init("Riwayat perubahan", "Change history"),
        "audit.empty": .init("Belum ada perubahan tercatat.", "No changes recorded yet."),
        "audit.all": .init("Lihat seluruh jejak audit", "See the whole audit trail"),
        "audit.older": .init("Lebih lama", "Older"),
        "audit.entity": .init("Jenis data", "Record type"),
        "audit.all_entities": .init("Semua", "All"),
        "audit.entity.agency": .init("Perangkat daerah", "Agency"),
        "audit.entity.user": .init("Pengguna", "User"),
        "audit.entity.region": .init("Daerah", "Region"),
        "audit.entity.api_token": .init("Token API", "API token"),
        "audit.when": .init("Waktu", "When"),
        "audit.who": .init("Oleh", "By"),
        "audit.what": .init("Apa", "What"),
        "audit.changes": .init("Perubahan", "Changes"),
        "audit.action.create": .init("membuat", "created"),
        "audit.action.update": .init("mengubah", "updated"),
        "audit.action.deactivate": .init("menonaktifkan", "deactivated"),
        "audit.action.reactivate": .init("mengaktifkan kembali", "reactivated"),
        "audit.action.delete": .init("menghapus", "deleted"),
        "audit.action.login": .init("masuk", "signed in"),
        "audit.action.revoke": .init("mencabut", "revoked"),
    ]
}
