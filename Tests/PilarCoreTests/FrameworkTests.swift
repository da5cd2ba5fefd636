import PilarCore
import Testing

@Suite("Smart city framework")
struct FrameworkTests {
    @Test("kominfo-2021 has the six dimensions and eighteen elements in order")
    func structure() {
        let framework = FrameworkDefinition.kominfo2021
        #expect(framework.dimensions.map(\.code) == ["GOV", "BRD", "ECO", "LIV", "SOC", "ENV"])
        #expect(framework.elementCount == 18)
        for dimension in framework.dimensions {
            #expect(dimension.elements.map(\.code) == (1...3).map { "\(dimension.code)-\($0)" })
            #expect(dimension.elements.allSatisfy { !$0.nameID.isEmpty && !$0.nameEN.isEmpty })
        }
        #expect(framework.dimensions[3].elements[1].nameID == "Kesehatan")
    }

    @Test("every shipped version has a unique code")
    func uniqueVersions() {
        let codes = FrameworkDefinition.shipped.map(\.code)
        #expect(Set(codes).count == codes.count)
    }
}

@Suite("Roles")
struct RoleTests {
    @Test("identifiers used by the CLI and the API")
    func identifiers() {
        #expect(Role.allCases.map(\.rawValue) == ["national-admin", "region-admin", "planner", "agency-operator", "council", "assessor", "viewer"])
    }

    @Test("only national admins and assessors work across regions; only operators belong to an agency")
    func binding() {
        #expect(Role.allCases.filter { !$0.isRegionBound } == [.nationalAdmin, .assessor])
        #expect(Role.allCases.filter(\.isAgencyBound) == [.agencyOperator])
    }
}
