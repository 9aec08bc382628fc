import PartnerAuditCore

/// One partner call as the partner gateway saw it: what its access log records.
struct GatewayCall: Sendable {
    var requestID: String
    var timestamp: Int64
    var clientID: String
    var sourceIP: String
    var method: String
    var path: String
    var status: Int
    var userAgent: String?

    /// The call an `api.request` event's JSON records; `nil` for any other event.
    init?(eventJSON bytes: [UInt8]) {
        guard let json = try? JSONParser.parse(bytes), json["action"]?.stringValue == AuditAction.apiRequest.text,
              let id = json["id"]?.stringValue, let client = json["actorId"]?.stringValue,
              let time = json["timestamp"]?.stringValue, let millis = Timestamp.parseMilliseconds(time),
              let details = json["details"], let method = details["method"]?.stringValue, let path = details["path"]?.stringValue,
              let status = details["status"]?.intValue, let address = details["sourceIp"]?.stringValue else { return nil }
        self.init(requestID: id, timestamp: millis, clientID: client, sourceIP: address, method: method, path: path,
                  status: Int(status), userAgent: details["userAgent"]?.stringValue)
    }

    init(requestID: String, timestamp: Int64, clientID: String, sourceIP: String, method: String, path: String, status: Int, userAgent: String?) {
        self.requestID = requestID
        self.timestamp = timestamp
        self.clientID = clientID
        self.sourceIP = sourceIP
        self.method = method
        self.path = path
        self.status = status
        self.userAgent = userAgent
    }

    /// The call as one access-log line of `format`, as that gateway documents its log (source-api.md section 6).
    func line(_ format: GatewayPreset) -> String {
        let agent: JSONValue = userAgent.map(JSONValue.string) ?? .null
        let object: [String: JSONValue]
        switch format {
        case .kong:
            object = [
                "request": .object(["id": .string(requestID), "method": .string(method), "uri": .string(path),
                                    "headers": .object(["user-agent": agent])]),
                "response": .object(["status": .int(Int64(status))]),
                "client_ip": .string(sourceIP),
                "consumer": .object(["custom_id": .string(clientID), "username": .string(clientID)]),
                "started_at": .int(timestamp),
            ]
        case .awsAPIGateway:
            object = [
                "requestId": .string(requestID), "ip": .string(sourceIP), "requestTimeEpoch": .string(String(timestamp)),
                "httpMethod": .string(method), "path": .string(path), "status": .string(String(status)),
                "authorizer.principalId": .string(clientID), "userAgent": agent,
            ]
        case .envoy:
            let port = 1024 + Int(timestamp % 60_000)
            object = [
                "start_time": .string(Timestamp.format(milliseconds: timestamp)), "method": .string(method), "path": .string(path),
                "response_code": .int(Int64(status)), "x_request_id": .string(requestID), "user_agent": userAgent.map(JSONValue.string) ?? .string("-"),
                "downstream_remote_address": .string(sourceIP.contains(":") ? "[\(sourceIP)]:\(port)" : "\(sourceIP):\(port)"),
                "client_id": .string(clientID),
            ]
        case .nginxJSON:
            object = [
                "time_iso8601": .string(String(Timestamp.format(milliseconds: timestamp - timestamp % 1000).prefix(19)) + "+00:00"),
                "remote_addr": .string(sourceIP), "request_method": .string(method), "request_uri": .string(path),
                "status": .string(String(status)), "http_user_agent": userAgent.map(JSONValue.string) ?? .string(""),
                "request_id": .string(requestID), "client_id": .string(clientID),
            ]
        }
        return JSONValue.object(object).canonicalText
    }
}
