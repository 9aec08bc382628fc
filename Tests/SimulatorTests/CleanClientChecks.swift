import Foundation
import Testing
@testable import Simulator

/// The checks every clean app must pass, shared by the planted layout's clean apps and the generated partners' apps.
enum CleanClientChecks {
    /// Expects the client to call only from its public allowlist, use every granted scope, hold a
    /// fresh secret, be active in the last 30 days, and never be answered 401, 403 or 429.
    ///
    /// `log` must hold at least the client's own events (the whole log, or just the client's).
    static func expectClean(
        _ client: SimulatedClient, log: EventLog, rows: [(method: String, pattern: String, scope: String)], known: Set<String>,
        start: Date = SimulatorFixture.start
    ) throws {
        let id = client.id
        let allowlist = (client.ipWhitelist ?? []).compactMap(CatalogFiles.block)
        #expect(allowlist.count == client.ipWhitelist?.count && !allowlist.isEmpty, "\(client.name)")
        #expect(allowlist.allSatisfy { $0.prefix >= 24 && CleanClientTests.isPublic($0) }, "\(client.name)")
        for address in log.sources(of: id) {
            #expect(allowlist.contains { $0.contains(address) }, "\(client.name) called from \(address)")
        }
        #expect(Set(client.scopes).isSubset(of: known), "\(client.name)")
        #expect(Set(client.scopes) == log.exercisedScopes(of: id, rows: rows), "\(client.name)")
        #expect(client.type == "public" && client.grantType == "client_credentials" && !client.allowAccessToAllUsers, "\(client.name)")
        let rotated = try #require(client.secretLastRotated)
        #expect(start.timeIntervalSince(rotated) < 60 * 86_400, "\(client.name)")
        let mine = log.events.filter { $0["actorId"] as? String == id }
        #expect(mine.contains { EventLog.moment($0) > Int64((start.timeIntervalSince1970 - 30 * 86_400) * 1000) }, "\(client.name)")
        #expect(!mine.contains { [401, 403, 429].contains(EventLog.detail($0, "status") as? Int ?? 0) }, "\(client.name)")
        #expect(!mine.contains { EventLog.detail($0, "reason") as? String == "ip_not_allowed" }, "\(client.name)")
    }
}
