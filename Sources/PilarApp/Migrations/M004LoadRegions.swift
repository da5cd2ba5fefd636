import Fluent
import PilarCore
import SQLKit

/// Loads the 38 provinces and 514 kabupaten/kota from the shipped reference data.
struct M004LoadRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let records = try RegionCSV.parse(PilarResources.data("regions.csv"))
        guard let sql = database as? any SQLDatabase else { return }
        // Batches keep each statement well below SQLite's bound-parameter limit.
        for batch in records.chunked(into: 100) {
            var insert = sql.insert(into: "regions")
                .columns("code", "kind", "province_code", "name", "population", "area_km2")
            for record in batch {
                insert = insert.values(
                    SQLBind(record.code.value), SQLBind(record.kind.rawValue), SQLBind(record.provinceCode),
                    SQLBind(record.name), SQLBind(record.population), SQLBind(record.areaKm2)
                )
            }
            try await insert.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await RegionModel.query(on: database).delete()
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
