import PartnerAuditCore

extension SimulatedClient {
    /// Writes the client as the guide dialect's `Client` object.
    func write(to writer: inout JSONWriter) {
        writer.raw("{")
        writer.key("id"); writer.string(id)
        writer.raw(","); writer.key("name"); writer.string(name)
        if let description {
            writer.raw(","); writer.key("description"); writer.string(description)
        }
        writer.raw(","); writer.key("type"); writer.string(type)
        writer.raw(","); writer.key("grantType"); writer.string(grantType)
        writer.raw(","); writer.key("redirectUris"); writer.strings(redirectUris)
        writer.raw(","); writer.key("scopes"); writer.strings(scopes)
        writer.raw(","); writer.key("allowAccessToAllUsers"); writer.bool(allowAccessToAllUsers)
        writer.raw(","); writer.key("isThirdParty"); writer.bool(isThirdParty)
        if let ipWhitelist {
            writer.raw(","); writer.key("ipWhitelist"); writer.strings(ipWhitelist)
        }
        writer.raw(","); writer.key("state"); writer.string(state)
        writer.raw(","); writer.key("dateCreated"); writer.plainString(Timestamp.format(dateCreated))
        writer.raw(","); writer.key("dateModified"); writer.plainString(Timestamp.format(dateModified))
        if let secretLastRotated {
            writer.raw(","); writer.key("secretLastRotated"); writer.plainString(Timestamp.format(secretLastRotated))
        }
        for name in unknownFields.keys.sorted() {
            guard let raw = unknownFields[name] else { continue }
            writer.raw(","); writer.string(name); writer.raw(":")
            writer.rawText(raw)
        }
        writer.raw("}")
    }
}
