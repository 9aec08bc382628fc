import Hummingbird

extension SimulatorAPI {
    /// `GET /api/v2/organizations/authentication/settings` (live): the organisation's allowlist
    /// as `ipAddressAllowlist`; 404 under the `legacyallowlist` fault.
    func authenticationSettings() -> Response {
        if state.faults.legacyAllowlist {
            return JSONResponse.error(.notFound, code: "not.found",
                                      message: "No resource at /api/v2/organizations/authentication/settings")
        }
        var writer = JSONWriter(capacity: 256 + 24 * organization.organizationAllowlist.count)
        writer.raw(#"{"multifactorAuthenticationRequired":false,"domainAllowlistEnabled":false,"domainAllowlist":[]"#)
        writer.raw(","); writer.key("ipAddressAllowlist"); writer.strings(organization.organizationAllowlist)
        writer.raw(#","passwordRequirements":{"minimumLength":12,"minimumDigits":1,"minimumLetters":1,"minimumUpper":1,"#)
        writer.raw(#""minimumLower":1,"minimumSpecials":1,"minimumAgeSeconds":0,"expirationDays":90}}"#)
        return JSONResponse.make(.ok, body: writer.buffer)
    }

    /// `GET /api/v2/organizations/ipaddressauthentication` (live, the older endpoint): `{"networkWhitelist": [...]}`.
    func ipAddressAuthentication() -> Response {
        var writer = JSONWriter(capacity: 64 + 24 * organization.organizationAllowlist.count)
        writer.raw("{"); writer.key("networkWhitelist"); writer.strings(organization.organizationAllowlist)
        writer.raw("}")
        return JSONResponse.make(.ok, body: writer.buffer)
    }
}
