/// One fact a gateway access-log line gives (source-api.md section 6), as `fields:` names it.
package enum GatewayField: String, Sendable, CaseIterable, Hashable {
    case timestamp, clientId, sourceIp, method, path, status
    /// Optional: when present, the line's event id derives from it.
    case requestId
    /// Optional.
    case userAgent

    /// Its place in `allCases`, for tables indexed by field.
    var index: Int {
        switch self {
        case .timestamp: 0
        case .clientId: 1
        case .sourceIp: 2
        case .method: 3
        case .path: 4
        case .status: 5
        case .requestId: 6
        case .userAgent: 7
        }
    }

    /// Whether a line without it is rejected.
    package var isRequired: Bool { self != .requestId && self != .userAgent }
}
