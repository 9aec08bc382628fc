import Foundation
import Testing
@testable import Simulator

@Suite("The simulated API Usage query's body")
struct UsageQueryRequestTests {
    private func payload(_ name: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SourceTests/Payloads")
        return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test("The vendor's day-grouped query is accepted, its bare dates read as the days' starts")
    func vendorDayQuery() throws {
        let query = try UsageQueryRequest(body: try payload("POST_api_v2_usage_query.request.day-groupBy-client-templateUri.blog-example.json"))
        #expect(query.from == 1_580_515_200_000)  // 2020-02-01T00:00:00Z
        #expect(query.to == 1_582_848_000_000)  // 2020-02-28T00:00:00Z
    }

    @Test("A query without granularity Day, an unknown grouping or a reversed interval is a 400 saying why")
    func refusals() throws {
        let undated = #expect(throws: QueryParameters.Invalid.self) {
            try UsageQueryRequest(body: try payload("POST_api_v2_usage_query.request.groupBy-client-templateUri.blog-example.json"))
        }
        #expect(undated?.description.contains("granularity must be Day") == true)
        let grouping = #expect(throws: QueryParameters.Invalid.self) {
            try UsageQueryRequest(body: Array(#"{"interval":"2026-09-01/2026-09-02","granularity":"Day","groupBy":["Planet"]}"#.utf8))
        }
        #expect(grouping?.description.contains("groupBy") == true)
        #expect(throws: QueryParameters.Invalid.self) {
            try UsageQueryRequest(body: Array(#"{"interval":"2026-09-02/2026-09-01","granularity":"Day"}"#.utf8))
        }
    }

    @Test("Usage rows count the organisation's partner calls: per client, template, method and day, 429s inside the 4xx")
    func rowsCountTheCalls() throws {
        var options = SimulatorOptions()
        options.scale = 3_000
        options.days = 10
        let organization = SimulatedOrganization(options: options, start: Date(timeIntervalSince1970: 1_790_812_800))
        let rows = organization.usageRows(from: organization.rangeStart, to: organization.start, visibleAt: organization.start)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.figures.requests == $0.figures.status200 + $0.figures.status300 + $0.figures.status400 + $0.figures.status500 })
        #expect(rows.allSatisfy { $0.figures.status429 <= $0.figures.status400 && !$0.templateURI.hasPrefix("/") })
        #expect(rows.contains { $0.templateURI == "api/v2/routing/queues/{queueId}" })
        let throttled = try #require(organization.plantedMisconfigurations.first { $0.ruleId == "AN-2" })
        #expect(rows.filter { $0.clientID == throttled.clientId }.reduce(0) { $0 + $1.figures.status429 } >= 60)
        #expect(rows.filter { $0.clientID != throttled.clientId }.allSatisfy { $0.figures.status429 == 0 })
    }
}
