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
