import Foundation

// MARK: - Lookups for the rule engine

extension Policy {
    /// The partner with this id.
    package func partner(id: String) -> PartnerPolicy? {
        partners.first { $0.id == id }
    }

    /// The partner and environment a client is explicitly mapped to.
    package func partner(forClientID clientID: String) -> (partner: PartnerPolicy, environment: String)? {
        for partner in partners {
            if let client = partner.clients.first(where: { $0.clientID == clientID }) {
                return (partner, client.environment)
            }
        }
        return nil
    }

    /// Every partner environment whose declared networks contain the address, sorted by partner then environment.
    package func environments(containing address: IPAddress) -> [(partnerID: String, environment: String)] {
        var out: [(partnerID: String, environment: String)] = []
        for partner in partners {
            for (environment, blocks) in partner.networks where blocks.contains(where: { $0.contains(address) }) {
                out.append((partner.id, environment))
            }
        }
        return out.sorted { ($0.partnerID, $0.environment) < ($1.partnerID, $1.environment) }
    }

    /// The waiver covering a finding, preferring one that still applies on that date.
    ///
    /// `clientID` is `nil` for organisation-wide findings, `subject` for findings about no
    /// particular scope, CIDR or IP. Among unexpired waivers the most specific wins (client and
    /// subject, then client, then subject), then the latest expiry, then file order. An expired
    /// one is returned only when nothing unexpired covers the finding, so the report can say
    /// the waiver has expired: the one that expired last, then the most specific, then file order.
    package func waiver(ruleID: String, clientID: String?, subject: String?, on date: Date) -> Waiver? {
        let covering = waivers.enumerated().filter { $0.element.covers(ruleID: ruleID, clientID: clientID, subject: subject) }
        let current = covering.filter { !$0.element.isExpired(on: date) }
        func specificity(_ waiver: Waiver) -> Int {
            (waiver.clientID == nil ? 0 : 2) + (waiver.subject == nil ? 0 : 1)
        }
        func precedes(_ lhs: (offset: Int, element: Waiver), _ rhs: (offset: Int, element: Waiver), specificFirst: Bool) -> Bool {
            let (l, r) = (lhs.element, rhs.element)
            let bySpecificity = specificity(l) != specificity(r) ? specificity(l) > specificity(r) : nil
            let byExpiry = l.expires != r.expires ? l.expires > r.expires : nil
            return (specificFirst ? bySpecificity ?? byExpiry : byExpiry ?? bySpecificity) ?? (lhs.offset < rhs.offset)
        }
        if !current.isEmpty {
            return current.min { precedes($0, $1, specificFirst: true) }?.element
        }
        return covering.min { precedes($0, $1, specificFirst: false) }?.element
    }

    /// Whether the moment falls inside any declared change window.
    package func isInChangeWindow(_ date: Date) -> Bool {
        changeWindows.contains { $0.contains(date) }
    }
}
