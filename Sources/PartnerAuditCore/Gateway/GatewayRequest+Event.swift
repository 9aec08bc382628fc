extension GatewayRequest {
    /// Every gateway event's id starts with it: what tells gateway traffic from the platform's own record.
    package static let eventIDPrefix = "gateway:"

    /// The request as an `api.request` event by its client: the shape every rule reading
    /// `api.request` events reads, with `details.gateway` naming the log's format.
    ///
    /// `id` is the caller's (stable for the line, see `GatewaySource`); `rawJSON` is the
    /// event's canonical text, so the stored row is the same bytes whoever reads the line.
    package func event(id: String, gateway: String) -> AuditEvent {
        var details: [String: JSONValue] = [
            "method": .string(method), "path": .string(path), "status": .int(Int64(status)),
            "sourceIp": .string(sourceIP), "gateway": .string(gateway),
        ]
        if let userAgent { details["userAgent"] = .string(userAgent) }
        if let requestID { details["requestId"] = .string(requestID) }
        let outcome: Outcome = status == 401 || status == 403 ? .denied : status < 400 ? .success : .failure
        let resource = Self.resource(of: path)
        let object: JSONValue = .object([
            "id": .string(id), "timestamp": .string(Timestamp.format(milliseconds: timestampMillis)),
            "actorType": .string(ActorType.oauthClient.text), "actorId": .string(clientID),
            "action": .string(AuditAction.apiRequest.text), "resource": .string(resource),
            "outcome": .string(outcome.text), "details": .object(details),
        ])
        return AuditEvent(id: id, timestampMillis: timestampMillis, actorType: .oauthClient, actorID: clientID, action: .apiRequest,
                          resource: resource, resourceID: nil, outcome: outcome, details: .object(details), rawJSON: object.canonicalText)
    }

    /// The API resource a path calls: the segment after `/api/v2/` (`/api/v2/users/42` → `users`), else `api`.
    static func resource(of path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1).first ?? ""
        let segments = bare.split(separator: "/")
        guard segments.count >= 3, segments[0] == "api", segments[1].hasPrefix("v") else { return "api" }
        return String(segments[2].prefix(64))
    }
}
