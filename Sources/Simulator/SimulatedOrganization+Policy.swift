extension SimulatedOrganization {
    /// A `policy.yml` (rules.md format) that matches this organisation in its dialect.
    ///
    /// Every partner with its approved grants and networks: scopes in the guide dialect; in the
    /// live one the same scopes translated to permissions (`LivePermissions`) for the roles of
    /// client-credentials apps, followed by the scopes themselves, which apps of other grant types
    /// still hold; the clients of the `mapped`
    /// and CM-1 apps mapped explicitly by id; a Saturday 02:00–06:00 change window; no
    /// waivers. The unattributable `legacy-sync-tool` is deliberately not mapped (ER-4).
    package var policyYAML: String {
        var lines = [
            "# Policy for the simulated organisation (seed \(options.seed)\(options.dialect == .live ? ", live dialect" : "")).",
            "lookbackDays: 90",
            "dormantDays: 60",
            "secretMaxAgeDays: 90",
            "allowlist:",
            "  maxIPv4Prefix: 24",
            "  maxIPv6Prefix: 48",
            "  allowPrivate: false",
            "anomaly:",
            "  deniedPerHour: 20",
            "changeWindows:",
            "  - weekday: saturday",
            "    from: \"02:00\"",
            "    to: \"06:00\"",
            "partners:",
        ]
        for (partnerIndex, partner) in layout.partners.enumerated() {
            lines.append("  - id: \(partner.id)")
            lines.append("    name: \(partner.name)")
            let approved = options.dialect == .live
                ? partner.approvedScopes.map(LivePermissions.permission(forScope:)) + partner.approvedScopes : partner.approvedScopes
            lines.append("    approvedScopes: [\(approved.joined(separator: ", "))]")
            let mapped = layout.clients.indices.filter {
                layout.quirks[$0].mappedInPolicy && layout.homes[$0]?.partner == partnerIndex
            }
            if !mapped.isEmpty {
                lines.append("    clients:")
                for index in mapped {
                    lines.append("      - clientId: \(layout.clients[index].id)")
                    lines.append("        environment: \(layout.homes[index]?.environment.rawValue ?? "prod")")
                }
            }
            lines.append("    networks:")
            for environment in PartnerEnvironment.allCases {
                let blocks = partner.networks(environment).map(\.cidr).joined(separator: ", ")
                lines.append("      \(environment.rawValue): [\(blocks)]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
