import PartnerAuditCore

extension GeneratedEvents {
    /// Positions per `ActorCycle.unit` of each user, and of the directory sync.
    static let userWeight = 18
    static let syncWeight = 20

    /// The actor cycle of a layout: each client by its weight, then the users and system jobs.
    ///
    /// The planted layout fills one `ActorCycle.unit` of positions. A larger organisation gets
    /// the smallest multiple `m` of it that holds every client's weight besides `m` times the
    /// users' and the sync's: every client keeps its positions and the users' share of the
    /// stream stays about the same. The scheduler takes what remains.
    static func actorCycle(_ layout: OrganizationLayout) -> ActorCycle {
        let clientWeight = layout.profiles.reduce(0) { $0 + $1.weight }
        let room = ActorCycle.unit - userWeight * layout.users.count - syncWeight
        let multiple = max(1, (clientWeight + room - 1) / room)
        var weighted: [(actor: SimActor, weight: Int)] = []
        for (index, profile) in layout.profiles.enumerated() where profile.weight > 0 {
            weighted.append((SimActor(kind: .client(index), type: .oauthClient, id: profile.clientId), profile.weight))
        }
        for (index, user) in layout.users.enumerated() {
            weighted.append((SimActor(kind: .user(index), type: .user, id: user), userWeight * multiple))
        }
        weighted.append((SimActor(kind: .system(0), type: .system, id: "directory-sync"), syncWeight * multiple))
        weighted.append((SimActor(kind: .system(1), type: .system, id: "platform-scheduler"), 0))
        return ActorCycle(weighted: weighted, length: ActorCycle.unit * multiple, seed: layout.seed)
    }
}
