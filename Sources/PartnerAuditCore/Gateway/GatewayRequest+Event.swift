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
    /// white space), written directly: a test holds it to the same bytes.
    package func canonicalText(id: String, gateway: String, outcome: Outcome, resource: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + path.utf8.count + (userAgent?.utf8.count ?? 0))
        writeCanonicalText(id: id, gateway: gateway, outcome: outcome, resource: resource, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `canonicalText(…)`'s bytes to `out`: the reading loop's hot path, straight into a batch's layout.
    package func writeCanonicalText(id: String, gateway: String, outcome: Outcome, resource: String, to out: inout [UInt8]) {
        /// A member's value after `lead`, the text before it (its key, and what opens or separates it).
        func member(_ lead: StaticString, _ value: String) {
            out.append(contentsOf: UnsafeBufferPointer(start: lead.utf8Start, count: lead.utf8CodeUnitCount))
            JSONValue.writeString(value, to: &out)
        }
        member(#"{"action":"#, AuditAction.apiRequest.text)
        member(#","actorId":"#, clientID)
        member(#","actorType":"#, ActorType.oauthClient.text)
        member(#","details":{"gateway":"#, gateway)
        member(#","method":"#, method)
        member(#","path":"#, path)
        if let requestID { member(#","requestId":"#, requestID) }
        member(#","sourceIp":"#, sourceIP)
        out.append(contentsOf: #","status":"#.utf8)  // a number: no quotes
        DecimalText.append(Int64(status), to: &out)
        if let userAgent { member(#","userAgent":"#, userAgent) }
        out.append(UInt8(ascii: "}"))
        member(#","id":"#, id)
        member(#","outcome":"#, outcome.text)
        member(#","resource":"#, resource)
        out.append(contentsOf: #","timestamp":""#.utf8)
        Timestamp.append(milliseconds: timestampMillis, to: &out)
        out.append(contentsOf: #""}"#.utf8)
    }

    /// The API resource a path calls: the segment after `/api/v2/` (`/api/v2/users/42` → `users`), else `api`.
    static func resource(of path: String) -> String {
        if let read = path.utf8.withContiguousStorageIfAvailable(asciiResource), let resource = read { return resource }
        return resource(ofText: path)
    }

    /// `resource(of:)` on a path's bytes, when its first three segments are ASCII (where a byte is
    /// a character) and the third is at most 64 bytes; `nil` for any other path.
    private static func asciiResource(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let found = segments(bytes)
        guard found.allSatisfy({ bytes[$0].allSatisfy { $0 < 0x80 } }) else { return nil }
        guard found.count == 3, bytes[found[0]].elementsEqual("api".utf8), bytes[found[1].lowerBound] == UInt8(ascii: "v") else { return "api" }
        guard found[2].count <= 64 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[found[2]]), as: UTF8.self)
    }

    /// `resource(of:)` on the text, character by character.
    static func resource(ofText path: String) -> String {
        let found = segments(path.utf8)
        guard found.count == 3, path[found[0]] == "api", path[found[1]].hasPrefix("v") else { return "api" }
        return ErrorText.prefix(path[found[2]], scalars: 64)
    }

    /// The first three non-empty segments of a path's bytes between `/`s, before any `?`.
    private static func segments<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [Range<Bytes.Index>] {
        var segments: [Range<Bytes.Index>] = []
        segments.reserveCapacity(3)
        var start: Bytes.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex, segments.count < 3 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") { break }
            if byte == UInt8(ascii: "/") {
                if let begun = start { segments.append(begun..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = bytes.index(after: index)
        }
        if let begun = start, segments.count < 3 { segments.append(begun..<index) }
        return segments
    }
}
