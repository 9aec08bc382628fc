/// One fact a gateway access-log line gives (source-api.md section 6), as `fields:` names it.
package enum GatewayField: String, Sendable, CaseIterable, Hashable {
    case timestamp, clientId, sourceIp, method, path, status
    /// Optional: when present, the line's event id derives from it.
    case requestId
    /// Optional.
    case userAgent

    /// Whether a line without it is rejected.
    package var isRequired: Bool { self != .requestId && self != .userAgent }
}
