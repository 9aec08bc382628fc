/// The gateways whose documented access-log formats PartnerAudit reads by name (source-api.md
/// section 6); any other JSON shape is read through a `fields:` map.
package enum GatewayPreset: String, Sendable, CaseIterable {
    /// Kong's file-log plugin: one JSON object a line, as the plugin documents its log object.
    case kong
    /// AWS API Gateway's JSON access log, with the `$context` variables under the keys the
    /// preset names (`requestTimeEpoch`, `ip`, `httpMethod`, …).
    case awsAPIGateway = "aws-apigateway"
    /// Envoy's JSON access log (`json_format`), the client id from dynamic metadata.
    case envoy
    /// nginx with `log_format … escape=json`.
    case nginxJSON = "nginx-json"

    /// Where each field sits in this gateway's lines.
    package var fieldMap: GatewayFieldMap {
        switch self {
        case .kong:
            GatewayFieldMap([
                .timestamp: ["started_at"],
                .clientId: ["consumer.custom_id", "consumer.username", "authenticated_entity.id"],
                .sourceIp: ["client_ip"],
                .method: ["request.method"],
                .path: ["request.uri"],
                .status: ["response.status"],
                .requestId: ["request.id"],
                .userAgent: ["request.headers.user-agent"],
            ])
        case .awsAPIGateway:
            GatewayFieldMap([
                .timestamp: ["requestTimeEpoch", "requestTime"],
                .clientId: ["authorizer.principalId", "authorizer.claims.client_id"],
                .sourceIp: ["ip", "identity.sourceIp"],
                .method: ["httpMethod"],
                .path: ["path", "resourcePath"],
                .status: ["status"],
                .requestId: ["requestId"],
                .userAgent: ["userAgent", "identity.userAgent"],
            ])
        case .envoy:
            GatewayFieldMap([
                .timestamp: ["start_time"],
                .clientId: ["client_id"],
                .sourceIp: ["downstream_remote_address"],
                .method: ["method"],
                .path: ["path"],
                .status: ["response_code"],
                .requestId: ["x_request_id", "request_id"],
                .userAgent: ["user_agent"],
            ])
        case .nginxJSON:
            GatewayFieldMap([
                .timestamp: ["time_iso8601"],
                .clientId: ["client_id"],
                .sourceIp: ["remote_addr"],
                .method: ["request_method"],
                .path: ["request_uri"],
                .status: ["status"],
                .requestId: ["request_id"],
                .userAgent: ["http_user_agent"],
            ])
        }
    }
}
