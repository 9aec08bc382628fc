/// Who an audit event is by, as the `actorType` field and the query filter spell it.
package enum ActorType: String, Sendable, CaseIterable, Hashable {
    case oauthclient, user, system
}
