import Foundation
import PartnerAuditCore
import Synchronization

/// The seeded organisation: partners, their networks, OAuth clients, and a lazily generated audit log.
///
/// The audit log is `options.scale` generated events spread over the `options.days` before
/// `start` (never materialised: event `i` is computed when a page needs it) merged with a
/// few hundred planted events that make every rule's case certain at every scale (and a
/// handful more per client when `options.clients` grows the organisation).
/// Clients can be changed by tests; each change is logged as an `oauthclient.update`.
package final class SimulatedOrganization: Sendable {
    package let options: SimulatorOptions
    /// The moment the events end; they lie in `[start - days, start)`.
    package let start: Date
    /// The first moment of the event range.
    package let rangeStart: Date
    /// The organisation-wide IP allowlist: every partner's declared networks (deduplicated, in
    /// partner and environment order), then one planted entry broader than the default policy
    /// allows (`organizationAllowlistBroadEntry`), so AL-2 fires organisation-wide.
    ///
    /// The live dialect serves it from its allowlist endpoints and never per client; the
    /// guide dialect serves it as every client's `ipWhitelist` when
    /// `options.organizationWideAllowlist` is on. `plantedMisconfigurations` describes the
    /// per-client organisation and does not list what this list plants.
    package let organizationAllowlist: [String]
    let layout: OrganizationLayout
    let generated: GeneratedEvents
    private let state: Mutex<State>

    private struct State {
        /// Stamps the `oauthclient.update` events of `updateClient` when no moment is given.
        var clock: (any WallClock)?
        var clients: [SimulatedClient]
        /// Sorted by `(timestamp, id)`; planted at build, runtime edits inserted in place.
        var planted: [PlantedEvent]
        var latestLateVisibility: Int64
        var runtimeEvents = 0
    }

    /// Builds the organisation of `options` whose events end at `start`.
    ///
    /// - Parameter clock: what `updateClient` stamps its audit events with; when `nil`, the
    ///   clock of the first server started on it (else the system clock).
    package init(options: SimulatorOptions, start: Date, clock: (any WallClock)? = nil) {
        self.options = options
        self.start = start
        let startMilliseconds = Timestamp.milliseconds(start)
        let span = Int64(options.clampedDays) * OrganizationLayout.day
        let rangeStartMilliseconds = startMilliseconds - span
        rangeStart = Timestamp.date(milliseconds: rangeStartMilliseconds)
        layout = OrganizationLayout(seed: options.seed, start: startMilliseconds, clients: options.clampedClients)
        generated = GeneratedEvents(layout: layout, rangeStart: rangeStartMilliseconds, span: span, count: options.clampedScale)
        organizationAllowlist = layout.organizationAllowlist
        let planted = PlantedEventPlan.events(layout: layout, rangeStart: rangeStartMilliseconds, late: options.faults.late)
        let latest = planted.lazy.filter { $0.visibleAt > $0.timestamp }.map(\.visibleAt).max() ?? Int64.min
        state = Mutex(State(clock: clock, clients: layout.clients, planted: planted, latestLateVisibility: latest))
    }

    /// The partners, with their approved scopes and networks.
    package var partners: [Partner] { layout.partners }

    /// The clients as they are now.
    ///
    /// Each with its own `ipWhitelist`, whatever the dialect: the organisation-wide list
    /// replaces it only in what is served.
    package var clients: [SimulatedClient] { state.withLock { $0.clients } }

    /// The planted entry of `organizationAllowlist`: a public /12, e.g. `47.80.0.0/12`.
    package var organizationAllowlistBroadEntry: String { layout.broadAllowlistEntry.cidr }

    /// Every problem planted on purpose, for the rule tests to find.
    package var plantedMisconfigurations: [PlantedMisconfiguration] { layout.misconfigurations }

    /// The ids of the clients built clean: the rules must find nothing of the wildcard-scope,
    /// least-privilege, allowlist and environment-reuse categories on them.
    package var cleanClientIDs: [String] {
        layout.quirks.indices.filter { [.clean, .mapped, .hostile].contains(layout.quirks[$0]) }.map { layout.clients[$0].id }
    }

    /// Changes a client and records an `oauthclient.update` by the OAuth administrator.
    ///
    /// The event is stamped `moment`, or the organisation's clock's now when `nil`; its
    /// `changes` list every field that differs, old and new. Returns `false` for an unknown id.
    @discardableResult
    package func updateClient(id: String, at moment: Date? = nil, _ change: (inout SimulatedClient) -> Void) -> Bool {
        let admin = layout.users[0]
        return state.withLock { state in
            let when = Timestamp.milliseconds(moment ?? state.clock?.now ?? Date())
            guard let index = state.clients.firstIndex(where: { $0.id == id }) else { return false }
            let before = state.clients[index]
            var after = before
            change(&after)
            after.dateModified = Timestamp.date(milliseconds: when)
            state.clients[index] = after
            state.runtimeEvents += 1
            let draft = EventDraft(
                timestamp: when, actorType: .user, actorId: admin, action: .clientUpdated,
                resource: "oauth/clients", resourceId: id, outcome: .success,
                details: .object(["changes": before.changes(to: after)])
            )
            let event = draft.planted(id: "evr-" + String(state.runtimeEvents).leftPadded(to: 8))
            let position = state.planted.firstIndex { event.precedes($0) } ?? state.planted.endIndex
            state.planted.insert(event, at: position)
            return true
        }
    }

    /// Makes `clock` the one `updateClient` stamps with, unless the organisation already has one.
    func adopt(_ clock: any WallClock) {
        state.withLock { if $0.clock == nil { $0.clock = clock } }
    }

    /// The audit log as it is now.
    func snapshot() -> AuditLogSnapshot {
        state.withLock { AuditLogSnapshot(generated: generated, planted: $0.planted, latestLateVisibility: $0.latestLateVisibility) }
    }
}
