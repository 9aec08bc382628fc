import PartnerAuditCore

extension GeneratedEvents {
    /// What a partner app's generated event is, by its first hash: a denied token, an issued one, or an API call.
    func clientAction(_ profile: TrafficProfile, _ h1: UInt64) -> AuditAction {
        let roll = h1 % 100_000
        if roll < deniedPer100k { return .tokenDenied }
        if roll < deniedPer100k + 5000 || profile.calls.isEmpty { return .tokenIssued }
        return .apiRequest
    }

    /// The action of generated event `index`, without writing it: what the live dialect asks,
    /// whose audit log has no per-request record.
    func isAPIRequest(_ index: Int) -> Bool {
        guard case .client(let profile) = cycle.actor(at: index).kind else { return false }
        return clientAction(profiles[profile], SeededHash.hash(seed, 20, UInt64(index))) == .apiRequest
    }

    /// What a partner app's generated event is: a token denied or issued, or an API call.
    enum ClientEvent {
        case tokenDenied(source: UInt32)
        case tokenIssued(source: UInt32)
        case call(TrafficProfile.Call, status: Int, source: UInt32)
    }

    /// Decides a partner app's event from its two hashes: the one place both the audit log's
    /// JSON and the API Usage service's counts read it from.
    func clientEvent(_ profile: TrafficProfile, _ h1: UInt64, _ h2: UInt64) -> ClientEvent {
        let source = profile.sources[Int((h1 >> 27) % UInt64(profile.sources.count))].hostValue(h2)
        switch clientAction(profile, h1) {
        case .tokenDenied: return .tokenDenied(source: source)
        case .tokenIssued: return .tokenIssued(source: source)
        default: break
        }
        let call = profile.calls[Int((h1 >> 17) % UInt64(profile.calls.count))]
        var status = call.endpoint.successStatus
        if profile.throttledPerMille > 0, Int((h2 >> 40) % 1000) < profile.throttledPerMille {
            status = 429
        } else if call.endpoint.method == "GET", (h2 >> 50) % 1000 < 15 {
            status = 404
        }
        return .call(call, status: status, source: source)
    }

    /// Writes the part after `timestamp` of a partner app's event: an API call, a token, or a denial.
    func writeClientEvent(_ profile: TrafficProfile, _ h1: UInt64, _ h2: UInt64, to writer: inout JSONWriter) {
        let event = clientEvent(profile, h1, h2)
        switch event {
        case .tokenDenied(let source):
            writer.raw(#","action":"#); writer.plainString(AuditAction.tokenDenied.text)
            writer.raw(#","resource":"oauth/token","outcome":"#); writer.plainString(Outcome.denied.text)
            writer.raw(#","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(source)
            writer.raw(","); writer.key("reason")
            writer.raw((h2 & 1) == 0 ? #""invalid_client""# : #""invalid_scope""#)
            writer.raw(#","attempts":1}"#)
        case .tokenIssued(let source):
            writer.raw(#","action":"#); writer.plainString(AuditAction.tokenIssued.text)
            writer.raw(#","resource":"oauth/token","outcome":"success","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(source)
            writer.raw(","); writer.key("grantType"); writer.plainString(profile.grantType)
            writer.raw(","); writer.key("scopes"); writer.strings(profile.tokenScopes)
            writer.raw("}")
        case .call(let call, let status, let source):
            writeCall(call, status: status, source: source, profile, h1, h2, to: &writer)
        }
    }

    private func writeCall(
        _ call: TrafficProfile.Call, status: Int, source: UInt32, _ profile: TrafficProfile, _ h1: UInt64, _ h2: UInt64,
        to writer: inout JSONWriter
    ) {
        let endpoint = call.endpoint
        let resourceID = endpoint.idKind.map { resourceIDs[$0.index][Int((h2 >> 20) % 64)] }
        writer.raw(#","action":"#); writer.plainString(AuditAction.apiRequest.text)
        writer.raw(#","resource":"#)
        writer.plainString(endpoint.resource)
        if let resourceID {
            writer.raw(","); writer.key("resourceId"); writer.plainString(resourceID)
        }
        writer.raw(status < 400 ? #","outcome":"success","details":{"# : #","outcome":"failure","details":{"#)
        writer.key("method"); writer.plainString(endpoint.method)
        writer.raw(","); writer.key("path"); writer.raw("\"")
        writer.rawText(endpoint.pathHead)
        if let resourceID {
            writer.rawText(resourceID)
            writer.rawText(endpoint.pathTail)
        }
        writer.raw("\"")
        writer.raw(","); writer.key("status"); writer.int(status)
        writer.raw(","); writer.key("sourceIp"); writer.quotedAddress(source)
        writer.raw(","); writer.key("userAgent")
        writer.string(profile.userAgents[Int((h1 >> 37) % UInt64(profile.userAgents.count))])
        if (h1 >> 45) & 1 == 1 {
            writer.raw(","); writer.key("scope"); writer.string(call.scope)
        }
        writer.raw(","); writer.key("durationMs"); writer.int(8 + Int((h2 >> 8) % 900))
        writer.raw("}")
    }
}
