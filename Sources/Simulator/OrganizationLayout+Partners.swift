extension OrganizationLayout {
    /// The fixed partner table: id, display name, app-name title, approved scopes.
    static let partnerTable: [(id: String, name: String, title: String, scopes: [String])] = [
        ("acme", "ACME Corp", "Acme", ["routing:queue:read", "interaction:read", "analytics:report:read"]),
        ("globex", "Globex Corporation", "Globex", ["routing:queue:read", "users:read", "externalcontacts:contact:read"]),
        ("initech", "Initech", "Initech", ["interaction:read", "analytics:conversation:read", "recording:read"]),
        ("umbrella", "Umbrella Health", "Umbrella", ["routing:queue:read", "routing:queue:write", "users:read"]),
        ("hooli", "Hooli", "Hooli", ["interaction:read", "analytics:report:read", "externalcontacts:contact:read"]),
        ("stark", "Stark Industries", "Stark", ["routing:queue:read", "interaction:read", "interaction:write"]),
        ("wayne", "Wayne Enterprises", "Wayne", ["users:read", "recording:read", "analytics:report:read"]),
        ("wonka", "Wonka Confectionery", "Wonka",
         ["routing:queue:read", "externalcontacts:contact:read", "externalcontacts:contact:write", "analytics:report:read"]),
    ]

    /// Public-looking first octets for partner networks: no RFC 1918, CGNAT, loopback or documentation space.
    static let partnerOctets: [UInt32] = [13, 18, 20, 34, 35, 40, 52, 54, 104, 146, 151, 157]

    /// First octets of the foreign addresses (AL-4, AN-1): nobody's network.
    static let foreignOctets: [UInt32] = [77, 91, 185]

    /// Builds the partners with networks drawn from the seed; every block has a distinct `a.b` pair.
    static func makePartners(allocator: inout NetworkAllocator) -> [Partner] {
        partnerTable.map { row in
            var networks: [PartnerEnvironment: [NetworkBlock]] = [:]
            networks[.prod] = [allocator.block(prefix: 24), allocator.block(prefix: 26)]
            networks[.staging] = [allocator.block(prefix: 25)]
            networks[.dev] = [allocator.block(prefix: 27)]
            return Partner(id: row.id, name: row.name, title: row.title, approvedScopes: row.scopes, networks: networks)
        }
    }
}
