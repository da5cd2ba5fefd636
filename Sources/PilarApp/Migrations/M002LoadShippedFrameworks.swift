import Fluent
import PilarCore

/// Loads the frameworks Pilar ships as data; a later edition gets its own migration like this one.
struct M002LoadShippedFrameworks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for framework in FrameworkDefinition.shipped {
            try await FrameworkLoader.load(framework, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await ElementModel.query(on: database).delete()
        try await DimensionModel.query(on: database).delete()
        try await FrameworkVersionModel.query(on: database).delete()
    }
}

enum FrameworkLoader {
    static func load(_ framework: FrameworkDefinition, on database: any Database) async throws {
        try await database.transaction { db in
            try await FrameworkVersionModel(code: framework.code, nameID: framework.nameID, nameEN: framework.nameEN).create(on: db)
            for (index, dimension) in framework.dimensions.enumerated() {
                let row = DimensionModel()
                row.frameworkCode = framework.code
                row.code = dimension.code
                row.position = index + 1
                row.nameID = dimension.nameID
                row.nameEN = dimension.nameEN
                try await row.create(on: db)
                for (elementIndex, element) in dimension.elements.enumerated() {
                    let elementRow = ElementModel()
                    elementRow.dimensionID = try row.requireID()
                    elementRow.code = element.code
                    elementRow.position = elementIndex + 1
                    elementRow.nameID = element.nameID
                    elementRow.nameEN = element.nameEN
                    try await elementRow.create(on: db)
                }
            }
        }
    }
}
