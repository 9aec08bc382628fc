import Foundation
import Testing
@testable import Simulator

/// Drives the live dialect's audit query over HTTP: submit, poll, page the results by cursor.
struct LiveQuery {
    let client: HTTPTestClient
    let token: String

    /// The live options of a test organisation: the defaults of `SimulatorOptions(scale:)` in the live dialect.
    static func options(seed: UInt64 = 1, scale: Int = 2_000, days: Int = 20, faults: FaultSpec = .none) -> SimulatorOptions {
        SimulatorOptions(seed: seed, scale: scale, days: days, faults: faults, dialect: .live)
    }

    /// `POST /api/v2/audits/query` with a JSON body.
    func submit(body: String) async throws -> HTTPTestClient.Answer {
        try await client.send("POST", "/api/v2/audits/query", headers: [
            "Authorization": "Bearer \(token)", "Content-Type": "application/json",
        ], body: Data(body.utf8))
    }

    /// Submits `[from, to)` and returns the transaction id.
    func submit(from: Date, to: Date, filters: String? = nil) async throws -> String {
        var body = #"{"interval":"\#(SimulatorFixture.text(from))/\#(SimulatorFixture.text(to))""#
        if let filters { body += #","filters":\#(filters)"# }
        body += #","sort":[{"name":"Timestamp","sortOrder":"ascending"}]}"#
        let answer = try await submit(body: body)
        guard answer.status == 200 else { throw FixtureError(description: "submit: \(answer.status) \(answer.text)") }
        let json = try answer.json()
        #expect(json["state"] as? String == "Queued")
        return try #require(json["id"] as? String)
    }

    /// Polls once and returns the state.
    func poll(_ id: String) async throws -> String {
        let answer = try await client.get("/api/v2/audits/query/\(id)", token: token)
        guard answer.status == 200 else { throw FixtureError(description: "poll: \(answer.status) \(answer.text)") }
        return try #require(try answer.json()["state"] as? String)
    }

    /// Polls until the state is final and returns it.
    func finish(_ id: String) async throws -> String {
        for _ in 0..<10 {
            let state = try await poll(id)
            if ["Succeeded", "Failed", "Cancelled"].contains(state) { return state }
        }
        throw FixtureError(description: "transaction \(id) did not finish in 10 polls")
    }

    /// One results page.
    func page(_ id: String, cursor: String? = nil, pageSize: Int = 500, allowRedirect: Bool = false) async throws -> HTTPTestClient.Answer {
        var path = "/api/v2/audits/query/\(id)/results?pageSize=\(pageSize)"
        if let cursor { path += "&cursor=\(cursor)" }
        if allowRedirect { path += "&allowRedirect=true" }
        return try await client.get(path, token: token)
    }

    /// Every result of a finished transaction, following the cursor; also how many pages it took.
    func results(_ id: String, pageSize: Int = 500, allowRedirect: Bool = false) async throws -> (messages: [[String: Any]], pages: Int) {
        var messages: [[String: Any]] = []
        var cursor: String?
        var pages = 0
        repeat {
            let answer = try await page(id, cursor: cursor, pageSize: pageSize, allowRedirect: allowRedirect)
            guard answer.status == 200 else { throw FixtureError(description: "results page \(pages + 1): \(answer.status) \(answer.text)") }
            let json = try answer.json()
            #expect(json["id"] as? String == id)
            messages += json["entities"] as? [[String: Any]] ?? []
            cursor = json["cursor"] as? String
            pages += 1
        } while cursor != nil
        return (messages, pages)
    }

    /// Submits `[from, to)`, waits for success (submitting again once if it failed) and returns every result.
    func run(from: Date, to: Date, pageSize: Int = 500) async throws -> [[String: Any]] {
        for _ in 0..<2 {
            let id = try await submit(from: from, to: to)
            if try await finish(id) == "Succeeded" { return try await results(id, pageSize: pageSize).messages }
        }
        throw FixtureError(description: "the query of \(from)–\(to) failed twice")
    }
}
