import PartnerAuditCore
import Warehouse

extension AllowlistRules {
    /// The networks AL-4 judges a client's traffic against, and the words for them.
    ///
    /// The platform's records (`viaGateway` false): the client's allowlist, organisation-wide or
    /// its own, else its partner's declared networks. A gateway's lines: the client's own
    /// allowlist, else its partner's declared networks — behind a gateway the organisation-wide
    /// allowlist holds the gateway's egress addresses, not the partner's, so it says nothing of
    /// where the partner called from. Empty when nothing is declared.
    static func judgedAgainst(_ client: AttributedClient, viaGateway: Bool, _ context: EvaluationContext) -> ([CIDRBlock], String) {
        let organizationWide = isOrganizationWide(client)
        let own = context.allowlists.blocks(of: client)
        let declared = { context.partnerPolicy(of: client)?.networks.values.flatMap { $0 } ?? [] }
        guard viaGateway else {
            if !own.isEmpty { return (own, organizationWide ? "the organisation-wide allowlist" : "its allowlist") }
            return (declared(), "its partner's declared networks (\(organizationWide ? "the organisation has" : "it has") no allowlist)")
        }
        if !organizationWide, !own.isEmpty { return (own, "its allowlist (gateway access log)") }
        let why = organizationWide
            ? "the organisation-wide allowlist holds the gateway's addresses, not the partner's"
            : "it has no allowlist"
        return (declared(), "its partner's declared networks (gateway access log; \(why))")
    }
}
