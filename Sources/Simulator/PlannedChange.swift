/// An `oauthclient.update` the layout plans in the past (CM-1 and harmless edits).
struct PlannedChange: Sendable {
    /// When, in milliseconds since 1970.
    let at: Int64
    /// The client changed.
    let clientId: String
    /// The admin who changed it.
    let actorId: String
    /// `{field: {"old": …, "new": …}}`.
    let changes: JSONTree
}
