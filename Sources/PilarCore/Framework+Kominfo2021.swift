extension FrameworkDefinition {
    /// The six dimensions and eighteen elements of the national guide (Kominfo, 2021 edition).
    public static let kominfo2021 = FrameworkDefinition(
        code: "kominfo-2021",
        nameID: "Kerangka Gerakan Menuju Smart City (Kominfo 2021)",
        nameEN: "Smart City Movement framework (Kominfo 2021)",
        dimensions: [
            DimensionDefinition(code: "GOV", nameID: "Smart Governance", nameEN: "Smart Governance", elements: [
                ElementDefinition(code: "GOV-1", nameID: "Pelayanan publik", nameEN: "Public service"),
                ElementDefinition(code: "GOV-2", nameID: "Manajemen birokrasi", nameEN: "Bureaucracy management"),
                ElementDefinition(code: "GOV-3", nameID: "Efisiensi kebijakan publik", nameEN: "Public policy efficiency"),
            ]),
            DimensionDefinition(code: "BRD", nameID: "Smart Branding", nameEN: "Smart Branding", elements: [
                ElementDefinition(code: "BRD-1", nameID: "Ekosistem pariwisata", nameEN: "Tourism ecosystem"),
                ElementDefinition(code: "BRD-2", nameID: "Ekosistem bisnis", nameEN: "Business ecosystem"),
                ElementDefinition(code: "BRD-3", nameID: "Wajah kota", nameEN: "City appearance"),
            ]),
            DimensionDefinition(code: "ECO", nameID: "Smart Economy", nameEN: "Smart Economy", elements: [
                ElementDefinition(code: "ECO-1", nameID: "Ekosistem industri", nameEN: "Industry ecosystem"),
                ElementDefinition(code: "ECO-2", nameID: "Kesejahteraan rakyat", nameEN: "Public welfare"),
                ElementDefinition(code: "ECO-3", nameID: "Ekosistem transaksi keuangan", nameEN: "Financial transaction ecosystem"),
            ]),
            DimensionDefinition(code: "LIV", nameID: "Smart Living", nameEN: "Smart Living", elements: [
                ElementDefinition(code: "LIV-1", nameID: "Harmonisasi tata ruang", nameEN: "Spatial harmony"),
                ElementDefinition(code: "LIV-2", nameID: "Kesehatan", nameEN: "Health"),
                ElementDefinition(code: "LIV-3", nameID: "Mobilitas", nameEN: "Mobility and transport"),
            ]),
            DimensionDefinition(code: "SOC", nameID: "Smart Society", nameEN: "Smart Society", elements: [
                ElementDefinition(code: "SOC-1", nameID: "Interaksi komunitas", nameEN: "Community interaction"),
                ElementDefinition(code: "SOC-2", nameID: "Ekosistem belajar", nameEN: "Learning ecosystem"),
                ElementDefinition(code: "SOC-3", nameID: "Keamanan masyarakat", nameEN: "Public security"),
            ]),
            DimensionDefinition(code: "ENV", nameID: "Smart Environment", nameEN: "Smart Environment", elements: [
                ElementDefinition(code: "ENV-1", nameID: "Proteksi lingkungan", nameEN: "Environmental protection"),
                ElementDefinition(code: "ENV-2", nameID: "Tata kelola sampah dan limbah", nameEN: "Waste management"),
                ElementDefinition(code: "ENV-3", nameID: "Tata kelola energi", nameEN: "Energy management"),
            ]),
        ]
    )

    /// Every framework Pilar ships; a later edition is added here and migrated in as data.
    public static let shipped: [FrameworkDefinition] = [.kominfo2021]
}
