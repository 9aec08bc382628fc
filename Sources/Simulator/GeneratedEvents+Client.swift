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

    /// Writes the part after `timestamp` of a partner app's event: an API call, a token, or a denial.
    func writeClientEvent(_ profile: TrafficProfile, _ h1: UInt64, _ h2: UInt64, to writer: inout JSONWriter) {
        let source = profile.sources[Int((h1 >> 27) % UInt64(profile.sources.count))].hostValue(h2)
        let action = clientAction(profile, h1)
        if action == .tokenDenied {
            writer.raw(#","action":"#); writer.plainString(AuditAction.tokenDenied.text)
            writer.raw(#","resource":"oauth/token","outcome":"#); writer.plainString(Outcome.denied.text)
            writer.raw(#","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(source)
            writer.raw(","); writer.key("reason")
            writer.raw((h2 & 1) == 0 ? #""invalid_client""# : #""invalid_scope""#)
            writer.raw(#","attempts":1}"#)
            return
        }
        if action == .tokenIssued {
            writer.raw(#","action":"#); writer.plainString(AuditAction.tokenIssued.text)
            writer.raw(#","resource":"oauth/token","outcome":"success","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(source)
            writer.raw(","); writer.key("grantType"); writer.plainString(profile.grantType)
            writer.raw(","); writer.key("scopes"); writer.strings(profile.tokenScopes)
            writer.raw("}")
            return
        }
        let call = profile.calls[Int((h1 >> 17) % UInt64(profile.calls.count))]
        let endpoint = call.endpoint
        var status = endpoint.successStatus
        if profile.throttledPerMille > 0, Int((h2 >> 40) % 1000) < profile.throttledPerMille {
            status = 429
        } else if endpoint.method == "GET", (h2 >> 50) % 1000 < 15 {
            status = 404
        }
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
