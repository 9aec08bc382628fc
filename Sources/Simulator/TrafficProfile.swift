/// How one client behaves in the audit log: where it calls from, what it calls, how often.
///
/// A class so the hot path reads it without copying its arrays.
final class TrafficProfile: Sendable {
    /// One operation the client calls and the granted scope recorded as authorising it.
    struct Call: Sendable, Hashable {
        let endpoint: Endpoint
        let scope: String
    }

    let clientId: String
    /// The networks its traffic comes from (not necessarily its allowlist: that is the point of ER-*).
    let sources: [NetworkBlock]
    /// The calls it makes, one per endpoint of every scope it uses.
    let calls: [Call]
    /// One call per used scope, for the must-have events that guarantee each scope is exercised.
    let callPerScope: [Call]
    let userAgents: [String]
    /// The grant type written on its `oauth.token.issued` events.
    let grantType: String
    /// The scopes written on its `oauth.token.issued` events.
    let tokenScopes: [String]
    /// Its share of the generated stream, in positions of the actor cycle (0 = never in it).
    let weight: Int
    /// Per mille of its API requests answered 429.
    let throttledPerMille: Int

    init(clientId: String, sources: [NetworkBlock], usedScopes: [String], userAgents: [String],
         grantType: String, tokenScopes: [String], weight: Int, throttledPerMille: Int) {
        self.clientId = clientId
        self.sources = sources
        self.calls = usedScopes.flatMap { scope in EndpointCatalog.endpoints(for: scope).map { Call(endpoint: $0, scope: scope) } }
        self.callPerScope = usedScopes.compactMap { scope in
            EndpointCatalog.endpoints(for: scope).first.map { Call(endpoint: $0, scope: scope) }
        }
        self.userAgents = userAgents
        self.grantType = grantType
        self.tokenScopes = tokenScopes
        self.weight = weight
        self.throttledPerMille = throttledPerMille
    }
}
