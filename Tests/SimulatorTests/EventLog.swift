import Foundation
import PartnerAuditCore
@testable import Simulator

/// Every event of a simulated organisation, fetched over HTTP and grouped for assertions.
struct EventLog {
    let events: [[String: Any]]

    /// Fetches the whole range `[rangeStart, start)` page by page.
    static func fetch(_ fixture: SimulatorFixture) async throws -> EventLog {
        let token = try await fixture.client.bearer()
        let window = try await fixture.fetchWindow(from: fixture.organization.rangeStart, to: SimulatorFixture.start, token: token)
        return EventLog(events: window.events)
    }

    /// The events whose actor or resource is the client.
    func about(_ clientId: String) -> [[String: Any]] {
        events.filter { $0["actorId"] as? String == clientId || $0["resourceId"] as? String == clientId }
    }

    /// The client's own events of one action.
    func by(_ clientId: String, action: String) -> [[String: Any]] {
        events.filter { $0["actorId"] as? String == clientId && $0["action"] as? String == action }
    }

    /// A detail of an event.
    static func detail(_ event: [String: Any], _ key: String) -> Any? {
        (event["details"] as? [String: Any])?[key]
    }

    /// The event's moment in milliseconds.
    static func moment(_ event: [String: Any]) -> Int64 {
        (event["timestamp"] as? String).flatMap { Timestamp.parseMilliseconds($0) } ?? 0
    }

    /// The source addresses of the client's calls and tokens.
    func sources(of clientId: String) -> Set<String> {
        Set(events.filter { $0["actorId"] as? String == clientId }.compactMap { Self.detail($0, "sourceIp") as? String })
    }

    /// The scopes the client's API requests exercised (a `details.scope` wins over the catalog).
    func exercisedScopes(of clientId: String, rows: [(method: String, pattern: String, scope: String)]) -> Set<String> {
        Set(by(clientId, action: "api.request").compactMap { event in
            if let scope = Self.detail(event, "scope") as? String { return scope }
            guard let method = Self.detail(event, "method") as? String, let path = Self.detail(event, "path") as? String else { return nil }
            return CatalogFiles.scope(method: method, path: path, rows: rows)
        })
    }
}
