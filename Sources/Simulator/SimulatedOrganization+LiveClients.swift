extension SimulatedOrganization {
    /// Whether the live listing leaves out the `authorizedGrantType` of the client at `index`: every 7th, from the 4th.
    static func listingOmitsGrantType(at index: Int) -> Bool { index % 7 == 3 }

    /// Whether the client at `index` is returned with its `secret`, as older organisations do: every 4th, from the 2nd.
    static func returnsSecret(at index: Int) -> Bool { index % 4 == 1 }

    /// Whether the client at `index` names its role only in the deprecated `roleIds`: every 5th, from the 3rd.
    static func onlyRoleIDs(at index: Int) -> Bool { index % 5 == 2 }

    /// How the client at `index` is written in the live dialect.
    ///
    /// - Parameters:
    ///   - inListing: the listing may leave the grant type out; the client's own resource never does.
    ///   - everyDivisionClient: `everyDivisionClientID`, computed once by the caller.
    func liveShape(of client: SimulatedClient, at index: Int, inListing: Bool, everyDivisionClient: String?) -> LiveClientShape {
        let everyDivision = client.id == everyDivisionClient
        return LiveClientShape(
            roleID: liveRoleID(of: client),
            divisionID: everyDivision ? "*" : homeDivisionID,
            onlyRoleIDs: !everyDivision && Self.onlyRoleIDs(at: index),
            listsGrantType: !inListing || !Self.listingOmitsGrantType(at: index),
            secret: Self.returnsSecret(at: index) ? liveSecret(of: client) : nil,
            admin: administratorID)
    }

    /// The secret the live dialect returns with a client that carries one: seeded and unmistakable,
    /// so a test can look for it in everything the extractor kept.
    package func liveSecret(of client: SimulatedClient) -> String {
        "planted-client-secret-" + SeededHash.uuid(options.seed, 93, SeededHash.text(client.id))
    }

    /// The ids of the clients the live dialect returns with a `secret`.
    package var liveSecretCarriers: [String] {
        let clients = self.clients
        return clients.indices.filter(Self.returnsSecret(at:)).map { clients[$0].id }
    }

    /// The ids of the client-credentials clients holding a role that only `roleIds` names.
    package var liveRoleIDsOnlyClients: [String] {
        let clients = self.clients, everyDivision = everyDivisionClientID
        return clients.indices.filter { Self.onlyRoleIDs(at: $0) && liveRoleID(of: clients[$0]) != nil && clients[$0].id != everyDivision }
            .map { clients[$0].id }
    }

    /// The one client whose role the live dialect grants in every division (`divisionId: "*"`):
    /// WS-1 must report it, high. The first client-credentials client holding a role that is
    /// neither built clean nor planted with another WS-1 finding.
    package var everyDivisionClientID: String? {
        let clean = Set(cleanClientIDs)
        let wildcard = Set(plantedMisconfigurations.filter { $0.ruleId == "WS-1" }.map(\.clientId))
        return clients.first { liveRoleID(of: $0) != nil && !clean.contains($0.id) && !wildcard.contains($0.id) }?.id
    }
}
