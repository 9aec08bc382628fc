import Foundation
import Testing
@testable import Simulator

@Suite("Live dialect: redirected results and the download listener")
struct ResultRedirectTests {
    @Test("With allowRedirect some pages answer 302 with a downloadUrl and the next cursor; the download is the page's messages as an array dated by eventTime")
    func redirectsReachTheDownloadListener() async throws {
        try await SimulatorFixture.with(LiveQuery.options(scale: 3_000)) { fixture in
            let query = LiveQuery(client: fixture.client, token: try await fixture.client.bearer())
            let downloads = try #require(fixture.server.downloadBaseURL)
            #expect(downloads != fixture.server.baseURL)
            let from = SimulatorFixture.start.addingTimeInterval(-10 * 86_400), to = SimulatorFixture.start
            let id = try await query.submit(from: from, to: to)
            #expect(try await query.finish(id) == "Succeeded")
            let plainIDs = try await query.results(id, pageSize: 200).messages.compactMap { $0["id"] as? String }

            var ids: [String] = []
            var cursor: String?
            var locations: [String] = []
            repeat {
                var path = "/api/v2/audits/query/\(id)/results?pageSize=200&allowRedirect=true"
                if let cursor { path += "&cursor=\(cursor)" }
                let answer = try await fixture.client.get(path, token: query.token)
                let json = try answer.json()
                if answer.status == 302 {
                    let location = try #require(json["downloadUrl"] as? String)
                    #expect(json["entities"] == nil && json["id"] as? String == id && json["pageSize"] as? Int == 200)
                    #expect(answer.headers["location"] == location)
                    #expect(location.hasPrefix(downloads + "/downloads/"))
                    locations.append(location)
                    let direct = try await query.page(id, cursor: cursor, pageSize: 200).json()
                    #expect(json["cursor"] as? String == direct["cursor"] as? String, "the 302 carries the next page's cursor")
                    let download = try await fixture.client.send("GET", location)
                    #expect(download.status == 200)
                    let messages = try #require(try JSONSerialization.jsonObject(with: download.body) as? [[String: Any]], "a bare JSON array")
                    let directMessages = direct["entities"] as? [[String: Any]] ?? []
                    #expect(messages.compactMap { $0["id"] as? String } == directMessages.compactMap { $0["id"] as? String })
                    #expect(messages.allSatisfy { $0["eventDate"] == nil && $0["eventTime"] is String })
                    #expect(messages.map { $0["eventTime"] as? String } == directMessages.map { $0["eventDate"] as? String })
                    ids += messages.compactMap { $0["id"] as? String }
                } else {
                    #expect(answer.status == 200)
                    ids += (json["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                }
                cursor = json["cursor"] as? String
            } while cursor != nil
            #expect(ids == plainIDs)
            let first = try #require(locations.first, "at least one page of a transaction of several is redirected")
            var stats = fixture.server.stats
            #expect(stats.redirectsServed == locations.count)
            #expect(stats.downloadRequests == locations.count)
            #expect(stats.downloadRequestsWithAuthorization == 0)

            let leaked = try await fixture.client.send("GET", first, headers: ["Authorization": "Bearer \(query.token)"])
            #expect(leaked.status == 200)
            var forged = first
            forged.removeLast()
            forged += first.hasSuffix("0") ? "1" : "0"
            #expect(try await fixture.client.send("GET", forged).status == 404, "a token with a wrong signature")
            stats = fixture.server.stats
            #expect(stats.downloadRequests == locations.count + 2)
            #expect(stats.downloadRequestsWithAuthorization == 1)
        }
    }

    @Test("The download listener stops with the server")
    func downloadListenerStops() async throws {
        let fixture = try await SimulatorFixture.start(LiveQuery.options())
        let downloads = try #require(fixture.server.downloadBaseURL)
        #expect(try await fixture.client.send("GET", downloads + "/downloads/nothing").status == 404)
        await fixture.stop()
        await #expect(throws: (any Error).self) {
            _ = try await fixture.client.send("GET", downloads + "/downloads/nothing")
        }
    }
}
