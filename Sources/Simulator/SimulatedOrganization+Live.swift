extension SimulatedOrganization {
    /// The division every live role is granted in: one seeded id for the whole organisation.
    package var homeDivisionID: String { SeededHash.uuid(options.seed, 99, 0) }

    /// The client id of the organisation's web app, through which its people act: the `client`
    /// of a user's audit messages. Not one of the organisation's own OAuth clients.
    package var webAppClientID: String { SeededHash.uuid(options.seed, 94, 0) }

    /// The organisation id the live audit messages carry as `userHomeOrgId`.
    package var organizationID: String { SeededHash.uuid(options.seed, 96, 0) }

    /// The permissions a client holds in the live dialect: its scopes translated by `LivePermissions`.
    ///
    /// Only a client-credentials client is granted through roles; any other grant keeps its
    /// scopes (`scope[]`) and holds no role, so this is empty for it.
    package func livePermissions(of client: SimulatedClient) -> [String] {
        client.grantType == "client_credentials" ? LivePermissions.permissions(forScopes: client.scopes) : []
    }

    /// The id of the role a client holds in the live dialect; `nil` when it holds none.
    package func liveRoleID(of client: SimulatedClient) -> String? {
        let permissions = livePermissions(of: client)
        return permissions.isEmpty ? nil : LiveRole.id(seed: options.seed, permissions: permissions)
    }

    /// The live dialect's roles: one per distinct permission set of the clients as they are now.
    ///
    /// In the order of their first holder, each named after it (`Partner Integration – Acme Prod`).
    package var liveRoles: [LiveRole] {
        var seen: Set<String> = []
        var roles: [LiveRole] = []
        for (index, client) in clients.enumerated() {
            let permissions = livePermissions(of: client)
            guard !permissions.isEmpty else { continue }
            let id = LiveRole.id(seed: options.seed, permissions: permissions)
            guard seen.insert(id).inserted else { continue }
            roles.append(LiveRole(seed: options.seed, permissions: permissions, name: roleName(holder: index, client: client)))
        }
        return roles
    }

    /// `Partner Integration – {partner title} {Env}` of the holder's home, or the client's name when it has none.
    private func roleName(holder index: Int, client: SimulatedClient) -> String {
        guard index < layout.homes.count, let home = layout.homes[index] else { return "Integration \u{2013} \(client.name)" }
        return "Partner Integration \u{2013} \(layout.partners[home.partner].title) \(home.environment.title)"
    }
}

extension SimulatedOrganization {
    /// The OAuth administrator: who edits clients, and the live clients' `createdBy` and `modifiedBy`.
    package var administratorID: String { layout.users[0] }
}
