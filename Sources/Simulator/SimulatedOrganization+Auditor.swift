import PartnerAuditCore

extension SimulatedOrganization {
    /// The role of the extractor's own OAuth client (the one `simulate` accepts credentials for):
    /// the reads it needs, and with `overgranted` writes it does not.
    func auditorRole(overgranted: Bool) -> LiveRole {
        let permissions = (LiveRegistry.auditorPermissions + (overgranted ? LiveRegistry.overgrantedPermissions : [])).sorted()
        return LiveRole(seed: options.seed, permissions: permissions, name: "PartnerAudit extractor")
    }

    /// Writes the extractor's own client as the live dialect's `OAuthClient`: a client-credentials
    /// client holding `role` in the home division. It is served at `GET /api/v2/oauth/clients/{id}`
    /// only, not in the listing, so the partner apps the rules judge are the organisation's own.
    func writeAuditorClient(role: LiveRole, to writer: inout JSONWriter) {
        writer.raw("{"); writer.key("id"); writer.string(options.clientID)
        writer.raw(#","name":"PartnerAudit extractor","description":"Reads OAuth clients, roles, the audit log and API usage for evidence packs","#)
        writer.raw(#""accessTokenValiditySeconds":86400,"registeredRedirectUri":[],"authorizedGrantType":"CLIENT-CREDENTIALS","#)
        writer.raw(#""roleDivisions":[{"roleId":"#); writer.plainString(role.id)
        writer.raw(#","divisionId":"#); writer.string(homeDivisionID)
        writer.raw(#"}],"roleIds":["#); writer.plainString(role.id)
        writer.raw(#"],"state":"active","dateCreated":"#); writer.plainString(Timestamp.format(start))
        writer.raw(#","dateModified":"#); writer.plainString(Timestamp.format(start))
        writer.raw(#","createdBy":{"id":"#); writer.string(administratorID)
        writer.raw(#"},"modifiedBy":{"id":"#); writer.string(administratorID)
        writer.raw("}}")
    }
}
