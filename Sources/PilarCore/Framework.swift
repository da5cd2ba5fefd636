/// The smart city framework a region plans against: dimensions and their elements.
///
/// Frameworks are versioned reference data (guide editions word things differently), so the
/// catalog below only seeds the database; regions adopt a version by its code.
public struct FrameworkDefinition: Sendable, Equatable {
    public let code: String
    public let nameID: String
    public let nameEN: String
    public let dimensions: [DimensionDefinition]

    public init(code: String, nameID: String, nameEN: String, dimensions: [DimensionDefinition]) {
        self.code = code
        self.nameID = nameID
        self.nameEN = nameEN
        self.dimensions = dimensions
    }

    public var elementCount: Int { dimensions.reduce(0) { $0 + $1.elements.count } }
}

public struct DimensionDefinition: Sendable, Equatable {
    public let code: String
    public let nameID: String
    public let nameEN: String
    public let elements: [ElementDefinition]
}

public struct ElementDefinition: Sendable, Equatable {
    public let code: String
    public let nameID: String
    public let nameEN: String
}
