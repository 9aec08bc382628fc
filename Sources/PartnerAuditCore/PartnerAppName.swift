/// The `Partner-Integration-{Env}-{Partner}` naming convention of partner apps.
package struct PartnerAppName: Sendable, Hashable {
    /// Lower-cased environment, e.g. `prod`, `staging`, `dev`.
    package var environment: String
    /// Lower-cased partner id, e.g. `acme`.
    package var partner: String

    /// Parses a client name; `nil` when it does not follow the convention.
    package init?(parsing name: String) {
        let prefix = "Partner-Integration-"
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        let env = rest[..<dash], partner = rest[rest.index(after: dash)...]
        guard !env.isEmpty, !partner.isEmpty,
              env.allSatisfy({ $0.isLetter || $0.isNumber }),
              partner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else { return nil }
        environment = env.lowercased()
        self.partner = partner.lowercased()
    }
}
