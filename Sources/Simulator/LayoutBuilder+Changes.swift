extension LayoutBuilder {
    /// CM-1: a scope added outside the change window, an allowlist entry added inside it.
    ///
    /// The client as served is the state after both changes.
    mutating func planWidening(of draft: inout Draft) {
        let id = draft.client.id
        let addedScope = "analytics:report:read"
        let finalScopes = draft.client.scopes
        let oldScopes = finalScopes.filter { $0 != addedScope }
        let finalAllowlist = draft.client.ipWhitelist ?? []
        let addedBlock = finalAllowlist.last ?? ""
        let oldAllowlist = Array(finalAllowlist.dropLast())
        // Wednesday 14:20 UTC: outside the Saturday 02:00–06:00 window.
        let scopeChange = WeeklyMoment.mostRecent(weekday: 3, hour: 14, minute: 20, atLeastDaysBefore: 10, start: start)
        // Saturday 03:10 UTC: inside the window.
        let allowlistChange = WeeklyMoment.mostRecent(weekday: 6, hour: 3, minute: 10, atLeastDaysBefore: 3, start: start)
        changes.append(PlannedChange(at: scopeChange, clientId: id, actorId: admin, changes: .object([
            "scopes": .object(["old": .strings(oldScopes), "new": .strings(finalScopes)]),
        ])))
        changes.append(PlannedChange(at: allowlistChange, clientId: id, actorId: admin, changes: .object([
            "ipWhitelist": .object(["old": .strings(oldAllowlist), "new": .strings(finalAllowlist)]),
        ])))
        draft.client.dateModified = Self.date(max(scopeChange, allowlistChange))
        record("CM-1", on: id, subject: addedScope, severity: "high")
        record("CM-1", on: id, subject: addedBlock, severity: "medium")
    }

    /// A harmless edit (description only) on a clean app: not a widening.
    mutating func planDescriptionEdit(on draft: inout Draft) {
        let moment = WeeklyMoment.mostRecent(weekday: 2, hour: 9, minute: 45, atLeastDaysBefore: 20, start: start)
        draft.client.dateModified = Self.date(moment)
        changes.append(PlannedChange(at: moment, clientId: draft.client.id, actorId: admin, changes: .object([
            "description": .object(["old": .string("ACME integration"), "new": .string("ACME Corp prod integration")]),
        ])))
    }

    /// A narrowing edit (a scope removed) on a clean app: not a widening either.
    mutating func planScopeRemoval(on draft: inout Draft) {
        let removed = "externalcontacts:contact:write"
        draft.client.scopes.removeAll { $0 == removed }
        draft.usedScopes = draft.client.scopes
        let moment = WeeklyMoment.mostRecent(weekday: 6, hour: 4, minute: 30, atLeastDaysBefore: 30, start: start)
        draft.client.dateModified = Self.date(moment)
        changes.append(PlannedChange(at: moment, clientId: draft.client.id, actorId: admin, changes: .object([
            "scopes": .object(["old": .strings(draft.client.scopes + [removed]), "new": .strings(draft.client.scopes)]),
        ])))
    }
}
