import Testing
@testable import Simulator

@Suite("Endpoint catalog")
struct EndpointCatalogTests {
    @Test("The simulator's endpoints are exactly the rows of catalog/endpoint-scopes.tsv")
    func endpointsMatchTheCatalog() throws {
        let rows = try CatalogFiles.endpointScopes()
        #expect(rows.count == EndpointCatalog.all.count)
        for endpoint in EndpointCatalog.all {
            #expect(rows.contains { $0 == (endpoint.method, endpoint.pattern, endpoint.scope) }, "\(endpoint.method) \(endpoint.pattern)")
        }
    }

    @Test("Every endpoint's permission is the 4th column of its row in endpoint-scopes.tsv")
    func permissionsMatchTheCatalog() throws {
        let rows = try CatalogFiles.endpointPermissions()
        #expect(rows.count == EndpointCatalog.all.count, "every row names a permission")
        for endpoint in EndpointCatalog.all {
            let row = rows.first { $0.method == endpoint.method && $0.pattern == endpoint.pattern }
            #expect(row?.permission == endpoint.permission, "\(endpoint.method) \(endpoint.pattern)")
        }
    }

    @Test("Every scope of the catalog is a known scope")
    func scopesAreKnown() throws {
        let known = try CatalogFiles.knownScopes()
        #expect(Set(EndpointCatalog.all.map(\.scope)).isSubset(of: known))
    }

    @Test("Wildcards reach every endpoint they match")
    func wildcardsExpand() {
        #expect(EndpointCatalog.endpoints(for: "routing:*").allSatisfy { $0.scope.hasPrefix("routing:") })
        #expect(EndpointCatalog.endpoints(for: "routing:*").count == 6)
        #expect(EndpointCatalog.endpoints(for: "*").allSatisfy { $0.method == "GET" })
        #expect(EndpointCatalog.endpoints(for: "routing:queue:raed").isEmpty)
    }
}
