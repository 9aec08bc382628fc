extension SimulatedClient {
    /// The `changes` object of an `oauthclient.update`: `{field: {"old": …, "new": …}}` for each field that differs.
    func changes(to other: SimulatedClient) -> JSONTree {
        var members: [JSONTree.Member] = []
        func note(_ field: String, _ old: JSONTree, _ new: JSONTree) {
            guard old != new else { return }
            members.append(.init(key: field, value: .object(["old": old, "new": new])))
        }
        note("name", .string(name), .string(other.name))
        note("description", description.map(JSONTree.string) ?? .null, other.description.map(JSONTree.string) ?? .null)
        note("type", .string(type), .string(other.type))
        note("grantType", .string(grantType), .string(other.grantType))
        note("redirectUris", .strings(redirectUris), .strings(other.redirectUris))
        note("scopes", .strings(scopes), .strings(other.scopes))
        note("allowAccessToAllUsers", .bool(allowAccessToAllUsers), .bool(other.allowAccessToAllUsers))
        note("ipWhitelist", ipWhitelist.map(JSONTree.strings) ?? .null, other.ipWhitelist.map(JSONTree.strings) ?? .null)
        note("state", .string(state), .string(other.state))
        return .object(members)
    }
}
