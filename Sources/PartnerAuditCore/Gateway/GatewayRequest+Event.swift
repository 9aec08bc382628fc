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
        let resource = self.resource
        return AuditEvent(id: id, timestampMillis: timestampMillis, actorType: .oauthClient, actorID: clientID, action: .apiRequest,
                          resource: resource, resourceID: nil, outcome: outcome, details: .object(details),
                          rawJSON: canonicalText(id: id, gateway: gateway, outcome: outcome, resource: resource))
    }

    /// The event's outcome: `denied` for 401 and 403, `failure` for any other status from 400.
    package var outcome: Outcome { status == 401 || status == 403 ? .denied : status < 400 ? .success : .failure }

    /// The API resource the request called (`resource(of:)` its path).
    package var resource: String { Self.resource(of: path) }

    /// The event's canonical JSON (`JSONValue.canonicalText`: keys sorted by their bytes, no
    /// white space), written directly: the reading loop's hot path, and a test holds it to the same bytes.
    package func canonicalText(id: String, gateway: String, outcome: Outcome, resource: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + path.utf8.count + (userAgent?.utf8.count ?? 0))
        func member(_ key: String, _ value: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.writeString(value, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        member("action", AuditAction.apiRequest.text, first: true)
        member("actorId", clientID)
        member("actorType", ActorType.oauthClient.text)
        out.append(contentsOf: #","details":{"#.utf8)
        member("gateway", gateway, first: true)
        member("method", method)
        member("path", path)
        if let requestID { member("requestId", requestID) }
        member("sourceIp", sourceIP)
        out.append(contentsOf: #","status":"#.utf8)
        out.append(contentsOf: String(status).utf8)
        if let userAgent { member("userAgent", userAgent) }
        out.append(UInt8(ascii: "}"))
        member("id", id)
        member("outcome", outcome.text)
        member("resource", resource)
        member("timestamp", Timestamp.format(milliseconds: timestampMillis))
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The API resource a path calls: the segment after `/api/v2/` (`/api/v2/users/42` → `users`), else `api`.
    static func resource(of path: String) -> String {
        // The first three non-empty segments before any `?`, found on the bytes.
        let utf8 = path.utf8
        var segments: [Range<String.Index>] = []
        var start: String.Index?
        var index = utf8.startIndex
        while index < utf8.endIndex, segments.count < 3 {
            let byte = utf8[index]
            if byte == UInt8(ascii: "?") { break }
            if byte == UInt8(ascii: "/") {
                if let begun = start { segments.append(begun..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let begun = start, segments.count < 3 { segments.append(begun..<index) }
        guard segments.count == 3, path[segments[0]] == "api", path[segments[1]].hasPrefix("v") else { return "api" }
        return ErrorText.prefix(path[segments[2]], scalars: 64)
    }
}
