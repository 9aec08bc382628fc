import Testing
@testable import PartnerAuditCore

/// Sample lines written from each gateway's documented access-log format, read through its preset.
@Suite("Gateway access-log presets")
struct GatewayPresetTests {
    /// 2026-10-01T00:00:00Z.
    static let midnight: Int64 = 1_790_812_800_000

    // Kong's file-log plugin documents its log object at https://developer.konghq.com/plugins/file-log/
    // ("Log format": `request` {method, uri, url, headers, …}, `response` {status, …}, `consumer`
    // {id, username, custom_id}, `authenticated_entity`, `client_ip`, `started_at` in epoch milliseconds).
    @Test("kong: the file-log plugin's object, the client from consumer.custom_id, else username, else authenticated_entity.id")
    func kong() throws {
        let line = #"{"request":{"method":"GET","uri":"/api/v2/routing/queues?pageSize=25","url":"https://gw.example.com:8443/api/v2/routing/queues?pageSize=25","size":86,"querystring":{"pageSize":"25"},"headers":{"accept":"*/*","host":"gw.example.com","user-agent":"acme-sync/2.1"},"id":"2d6a0c31b1d1a7b13a5e2f3c6f0c9a10"},"upstream_uri":"/api/v2/routing/queues?pageSize=25","response":{"status":200,"size":934,"headers":{"content-type":"application/json"}},"route":{"id":"5f7a"},"service":{"id":"9c1e"},"latencies":{"request":38,"kong":2,"proxy":36},"tries":[{"balancer_latency":0,"port":443,"ip":"10.0.0.8"}],"client_ip":"34.10.0.5","workspace":"0dc6","upstream_status":"200","authenticated_entity":{"id":"cred-7"},"consumer":{"id":"c0ns-1","username":"acme-prod","custom_id":"client-acme-prod","created_at":1700000000},"started_at":1790812800123}"#
        let request = try read(line, .kong)
        #expect(request == GatewayRequest(timestampMillis: Self.midnight + 123, clientID: "client-acme-prod", sourceIP: "34.10.0.5", method: "GET",
                                          path: "/api/v2/routing/queues?pageSize=25", status: 200, requestID: "2d6a0c31b1d1a7b13a5e2f3c6f0c9a10", userAgent: "acme-sync/2.1"))
        let byUsername = line.replacingOccurrences(of: #","custom_id":"client-acme-prod""#, with: "")
        #expect(try read(byUsername, .kong).clientID == "acme-prod")
        let byCredential = line.replacingOccurrences(of: #""consumer":{"id":"c0ns-1","username":"acme-prod","custom_id":"client-acme-prod","created_at":1700000000},"#, with: "")
        #expect(try read(byCredential, .kong).clientID == "cred-7")
    }

    // AWS documents the `$context` variables of access logging at
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html and a JSON
    // format in "Access logging for REST APIs" (`{"requestId":"$context.requestId", "ip": "$context.identity.sourceIp",
    // "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath",
    // "status":"$context.status", …}`); every value is written as a string, `requestTime` in the Common Log Format.
    @Test("aws-apigateway: requestTimeEpoch or the CLF requestTime, the principal from authorizer.principalId (flat or nested)")
    func awsAPIGateway() throws {
        let epoch = #"{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"34.20.0.9","caller":"-","user":"-","requestTime":"01/Oct/2026:00:00:00 +0000","requestTimeEpoch":"1790812800042","httpMethod":"POST","resourcePath":"/api/v2/conversations/{id}","path":"/api/v2/conversations/77","status":"201","protocol":"HTTP/1.1","responseLength":"88","authorizer.principalId":"client-acme-staging","userAgent":"acme-staging/3"}"#
        #expect(try read(epoch, .awsAPIGateway) == GatewayRequest(timestampMillis: Self.midnight + 42, clientID: "client-acme-staging", sourceIP: "34.20.0.9",
                                                                  method: "POST", path: "/api/v2/conversations/77", status: 201,
                                                                  requestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", userAgent: "acme-staging/3"))
        let clf = #"{"requestId":"d1","ip":"34.20.0.9","requestTime":"01/Oct/2026:02:30:00 +0200","httpMethod":"GET","resourcePath":"/api/v2/users","status":"200","authorizer":{"claims":{"client_id":"client-jwt"}}}"#
        let request = try read(clf, .awsAPIGateway)
        #expect(request.timestampMillis == Self.midnight + 30 * 60_000)
        #expect(request.clientID == "client-jwt")
        #expect(request.path == "/api/v2/users")
    }

    // Envoy documents its access-log command operators (`%START_TIME%`, `%REQ(:METHOD)%`,
    // `%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%`, `%RESPONSE_CODE%`, `%DOWNSTREAM_REMOTE_ADDRESS%` — address and port —,
    // `%REQ(USER-AGENT)%`, `%REQ(X-REQUEST-ID)%`, `%DYNAMIC_METADATA(…)%`) and `json_format` at
    // https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage; `-` stands for a missing value.
    @Test("envoy: json_format with start_time, the port stripped from downstream_remote_address, '-' read as absent")
    func envoy() throws {
        let line = #"{"start_time":"2026-10-01T00:00:00.250Z","method":"DELETE","path":"/api/v2/users/42","protocol":"HTTP/2","response_code":403,"response_flags":"-","bytes_received":0,"bytes_sent":51,"duration":7,"upstream_service_time":"-","x_forwarded_for":"-","user_agent":"-","x_request_id":"a4cadca4-662f-4a9c-9b5e-54d2a1d3c0aa","authority":"gw.example.com","upstream_host":"10.1.2.3:443","downstream_remote_address":"52.30.0.9:53412","client_id":"client-globex-prod"}"#
        #expect(try read(line, .envoy) == GatewayRequest(timestampMillis: Self.midnight + 250, clientID: "client-globex-prod", sourceIP: "52.30.0.9",
                                                         method: "DELETE", path: "/api/v2/users/42", status: 403,
                                                         requestID: "a4cadca4-662f-4a9c-9b5e-54d2a1d3c0aa", userAgent: nil))
        let v6 = line.replacingOccurrences(of: "52.30.0.9:53412", with: "[2001:DB8:0:0::7]:443")
        #expect(try read(v6, .envoy).sourceIP == "2001:db8::7")
        let anonymous = line.replacingOccurrences(of: #""client_id":"client-globex-prod""#, with: #""client_id":"-""#)
        #expect(throws: GatewayLineError("no clientId (client_id)")) { try read(anonymous, .envoy) }
    }

    // nginx documents `log_format name escape=json …` and its variables (`$time_iso8601` — local time with its
    // offset —, `$remote_addr`, `$request_method`, `$request_uri`, `$status`, `$http_user_agent`, `$request_id`) at
    // https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format; a template writes every value as a string.
    @Test("nginx-json: time_iso8601 with its offset, status as a string, an IPv6 remote_addr")
    func nginxJSON() throws {
        let line = #"{"time_iso8601":"2026-10-01T02:00:00+02:00","remote_addr":"2001:db8::7","remote_user":"","request_method":"PUT","request_uri":"/api/v2/routing/queues/9","status":"200","body_bytes_sent":"12","request_time":"0.031","http_referrer":"","http_user_agent":"acme-cli/1.0","request_id":"7f2c0e4d9a1b4c3d8e7f6a5b4c3d2e1f","client_id":"client-acme-prod"}"#
        #expect(try read(line, .nginxJSON) == GatewayRequest(timestampMillis: Self.midnight, clientID: "client-acme-prod", sourceIP: "2001:db8::7",
                                                             method: "PUT", path: "/api/v2/routing/queues/9", status: 200,
                                                             requestID: "7f2c0e4d9a1b4c3d8e7f6a5b4c3d2e1f", userAgent: "acme-cli/1.0"))
    }

    @Test("Bad lines name what is wrong: not JSON, not an object, a field missing, a bad address, timestamp, status or method",
          arguments: [
              ("{\"time_iso8601\":", "not JSON"),
              ("[1,2]", "not a JSON object"),
              (#"{"time_iso8601":"2026-10-01T00:00:00Z","remote_addr":"34.10.0.5","request_method":"GET","request_uri":"/","status":"200"}"#, "no clientId (client_id)"),
              (#"{"time_iso8601":"2026-10-01T00:00:00Z","client_id":"c","remote_addr":"999.10.0.5","request_method":"GET","request_uri":"/","status":"200"}"#, "bad source address '999.10.0.5'"),
              (#"{"time_iso8601":"yesterday","client_id":"c","remote_addr":"34.10.0.5","request_method":"GET","request_uri":"/","status":"200"}"#, "bad timestamp 'yesterday'"),
              (#"{"time_iso8601":"2026-13-01T00:00:00Z","client_id":"c","remote_addr":"34.10.0.5","request_method":"GET","request_uri":"/","status":"200"}"#, "bad timestamp '2026-13-01T00:00:00Z'"),
              (#"{"time_iso8601":"2026-10-01T00:00:00Z","client_id":"c","remote_addr":"34.10.0.5","request_method":"GET","request_uri":"/","status":"2000"}"#, "bad status '2000'"),
              (#"{"time_iso8601":"2026-10-01T00:00:00Z","client_id":"c","remote_addr":"34.10.0.5","request_method":"G T","request_uri":"/","status":"200"}"#, "bad method 'G T'"),
          ])
    func badLines(line: String, reason: String) {
        let error = #expect(throws: GatewayLineError.self) { try read(line, .nginxJSON) }
        #expect(error?.reason.hasPrefix(reason) == true, "\(error?.reason ?? "no error")")
    }

    @Test("A fields map reads any shape through dotted paths, and the event is an api.request of the client")
    func fieldsMap() throws {
        var map = GatewayFieldMap()
        for (field, path) in [(GatewayField.timestamp, "ts"), (.clientId, "jwt.client_id"), (.sourceIp, "peer.ip"), (.method, "m"), (.path, "p"), (.status, "s")] {
            map.set(field, to: path)
        }
        let request = try GatewayRequest(line: Array(#"{"ts":1790812800,"jwt":{"client_id":"client-x"},"peer":{"ip":"34.10.0.9"},"m":"get","p":"/api/v2/users/1","s":401}"#.utf8), map: map)
        #expect(request.timestampMillis == Self.midnight)
        #expect(request.method == "GET")
        let event = request.event(id: "gateway:abc", gateway: "fields")
        #expect(event.action == .apiRequest && event.actorType == .oauthClient && event.actorID == "client-x")
        #expect(event.sourceIP == "34.10.0.9" && event.status == 401 && event.outcome == .denied && event.resource == "users")
        #expect(event.details["gateway"]?.stringValue == "fields")
        #expect(EventPredicate.denial.matches(event) && EventPredicate.partnerTraffic.matches(event))
        // The raw JSON written directly is the canonical text of the event's object.
        var withExtras = request
        (withExtras.requestID, withExtras.userAgent) = ("r-\u{1}\"", "agent \\ x")
        for candidate in [request, withExtras] {
            let stored = candidate.event(id: "gateway:abc", gateway: "fields")
            var object: [String: JSONValue] = [
                "id": .string(stored.id), "timestamp": .string(stored.timestamp), "actorType": .string("oauthclient"), "actorId": .string("client-x"),
                "action": .string("api.request"), "resource": .string("users"), "outcome": .string(stored.outcome.text),
            ]
            object["details"] = stored.details
            #expect(stored.rawJSON == JSONValue.object(object).canonicalText)
        }
    }

    @Test("gateway: in the configuration reads presets and a fields map; an unknown key or a missing field names its line")
    func configuration() throws {
        let configuration = try Configuration(yaml: """
            gateway:
              - path: /var/log/kong/partner-access.log*
                format: kong
              - path: /var/log/edge/*.json.gz
                format: fields
                fields: {timestamp: ts, clientId: jwt.client_id, sourceIp: peer, method: m, path: p, status: s}
            """, file: "partner-audit.yml")
        #expect(configuration.gateway.map(\.format.name) == ["kong", "fields"])
        #expect(configuration.gateway[1].format.fieldMap.candidates(.clientId) == [["jwt", "client_id"]])
        let unknown = #expect(throws: ConfigurationError.self) {
            try Configuration(yaml: "gateway:\n  - path: a.log\n    format: kong\n    formatt: x\n", file: "c.yml")
        }
        #expect(unknown?.description.contains("c.yml:4") == true && unknown?.description.contains("formatt") == true)
        let missing = #expect(throws: ConfigurationError.self) {
            try Configuration(yaml: "gateway:\n  - path: a.log\n    format: fields\n    fields: {timestamp: ts}\n", file: "c.yml")
        }
        #expect(missing?.description.contains("clientId") == true)
        #expect(throws: ConfigurationError.self) { try Configuration(yaml: "gateway:\n  - path: a.log\n    format: haproxy\n", file: "c.yml") }
    }

    @Test("A line whose text fields hold an escaped NUL or a lone surrogate is refused, naming the field; other escapes read as before")
    func unreadableEscapes() throws {
        let line = #"{"client_ip":"146.251.126.23","consumer":{"custom_id":"8d10f305"},"request":{"id":"evp-1","method":"GET","uri":"/api/v2/a\u00e9b","headers":{"user-agent":"ua \ud83d\ude00"}},"response":{"status":200},"started_at":1790812800123}"#
        #expect(try read(line, .kong).path == "/api/v2/a\u{E9}b")
        for (field, from, to) in [("path", #"a\u00e9b"#, #"a\u0000b"#), ("path", #"a\u00e9b"#, #"a\ud800"#), ("clientId", "8d10f305", #"8d10\u0000f305"#), ("requestId", "evp-1", #"evp\u0000"#),
                                  ("userAgent", #"\ud83d\ude00"#, #"\udc00"#)] {
            let error = #expect(throws: GatewayLineError.self) { try read(line.replacingOccurrences(of: from, with: to), .kong) }
            #expect(error?.reason.hasPrefix("\(field) holds an escaped NUL or a lone surrogate") == true, "\(error.map { "\($0)" } ?? "")")
        }
    }

    private func read(_ line: String, _ preset: GatewayPreset) throws(GatewayLineError) -> GatewayRequest {
        try GatewayRequest(line: Array(line.utf8), map: preset.fieldMap)
    }
}
