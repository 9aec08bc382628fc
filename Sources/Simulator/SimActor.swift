import PartnerAuditCore

/// One actor of the generated stream: a client (by profile index), a user, or a system job.
struct SimActor: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case client(Int)
        case user(Int)
        case system(Int)
    }

    let kind: Kind
    let type: ActorType
    let id: String
}
