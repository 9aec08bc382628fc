/// How one client is written in the live dialect, beyond its own fields: its role and division,
/// which role list it carries, whether the listing leaves out its grant type, and its secret.
struct LiveClientShape: Sendable {
    /// The client's role, when it holds one.
    var roleID: String?
    /// The division the role is granted in: the home division, or `*` (every division).
    var divisionID: String
    /// Whether only the deprecated `roleIds` names the role (no `roleDivisions`).
    var onlyRoleIDs: Bool
    /// Whether `authorizedGrantType` is written (older listings left it out).
    var listsGrantType: Bool
    /// The `secret` older organisations still return; `nil` for none.
    var secret: String?
    /// The user id of `createdBy` and `modifiedBy`.
    var admin: String
}
