import PartnerAuditCore
import Warehouse

extension PreparedEvents {
    /// Appends a gateway line's request as the `api.request` event `request.event(id:gateway:)`
    /// describes, without building that event and its details: the same laid-out bytes, on the
    /// reading loop's hot path.
    mutating func append(_ request: GatewayRequest, id: String, gateway: String) throws(WindowTooLarge) {
        let resource = request.resource
        let outcome = request.outcome
        try append(
            id: id, timestampMillis: request.timestampMillis, actorType: ActorType.oauthClient.text, actorID: request.clientID,
            action: AuditAction.apiRequest.text, resource: resource, resourceID: nil, outcome: outcome.text,
            sourceIP: request.sourceIP, method: request.method, path: request.path, status: request.status, scope: nil,
            userAgent: request.userAgent,
            writingRawJSON: { request.writeCanonicalText(id: id, gateway: gateway, outcome: outcome, resource: resource, to: &$0) })
    }
}
