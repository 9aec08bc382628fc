import PartnerAuditCore

/// The API Usage service's rows of the simulated organisation (source-api.md section 5),
/// counted from the same partner calls the guide dialect records as `api.request` events.
///
/// One row per client × endpoint template × method × UTC day, its requests and status classes
/// the sum of those events' statuses (`status429` is part of `status400`). A day's figures are
/// those of the events visible at the query's moment, so a day not yet final grows.
struct UsageTally {
    /// One row's key.
    struct Key: Hashable, Comparable {
        var clientID: String
        var day: String
        var templateURI: String
        var method: String

        /// By client, day, template and method; compared field by field, without building tuples
        /// of strings for every comparison (sorting a query's rows was most of the simulator's time).
        static func < (a: Key, b: Key) -> Bool {
            if a.clientID != b.clientID { return a.clientID < b.clientID }
            if a.day != b.day { return a.day < b.day }
            if a.templateURI != b.templateURI { return a.templateURI < b.templateURI }
            return a.method < b.method
        }
    }

    private(set) var figures: [Key: UsageFigures] = [:]

    /// Counts every partner call of `snapshot` in `[from, to)` visible at `now`.
    init(snapshot: AuditLogSnapshot, from: Int64, to: Int64, now: Int64) {
        let selection = snapshot.select(AuditLogWindow(from: from, to: to, now: now))
        let generated = snapshot.generated
        selection.forEach(offset: 0, limit: selection.total) { entry in
            switch entry {
            case .generated(let index):
                guard case .client(let profile) = generated.cycle.actor(at: index).kind else { return }
                let traffic = generated.profiles[profile]
                let h1 = SeededHash.hash(generated.seed, 20, UInt64(index))
                let h2 = SeededHash.hash(generated.seed, 21, UInt64(index))
                guard case .call(let call, let status, _) = generated.clientEvent(traffic, h1, h2) else { return }
                add(client: traffic.clientId, endpoint: call.endpoint, status: status, at: generated.timeline.timestamp(index))
            case .planted(let event):
                guard event.actorType == .oauthClient, let call = Self.call(of: event) else { return }
                add(client: event.actorId, endpoint: call.endpoint, status: call.status, at: event.timestamp)
            }
        }
    }

    private mutating func add(client: String, endpoint: Endpoint, status: Int, at moment: Int64) {
        let key = Key(clientID: client, day: TimeBucket.day.label(of: moment), templateURI: endpoint.templateURI, method: endpoint.method)
        var row = figures[key] ?? UsageFigures(requests: 0)
        row.requests += 1
        switch status {
        case 200..<300: row.status200 += 1
        case 300..<400: row.status300 += 1
        case 400..<500:
            row.status400 += 1
            if status == 429 { row.status429 += 1 }
        default: row.status500 += 1
        }
        figures[key] = row
    }

    /// The endpoint and status of a planted `api.request`; `nil` for any other event.
    private static func call(of event: PlantedEvent) -> (endpoint: Endpoint, status: Int)? {
        guard let json = try? JSONParser.parse(event.json), json["action"]?.stringValue == AuditAction.apiRequest.text,
              let details = json["details"], let method = details["method"]?.stringValue, let path = details["path"]?.stringValue,
              let status = details["status"]?.intValue,
              let endpoint = EndpointCatalog.endpoint(method: method, path: path) else { return nil }
        return (endpoint, Int(status))
    }
}
