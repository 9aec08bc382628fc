import PartnerAuditCore

extension PlantedEventPlan {
    /// Each client: one token and one call per scope per source network (dormant LP-5: only 62–85 days back).
    mutating func planMustHaves() {
        for (index, profile) in layout.profiles.enumerated() {
            guard let firstSource = profile.sources.first else { continue }
            let dormant = layout.quirks[index] == .lp5Dormant
            let from = dormant ? start - 85 * Self.day : max(rangeStart, start - 30 * Self.day)
            let to = dormant ? start - 62 * Self.day : start - 2 * Self.hour
            var moments: [(TrafficProfile.Call?, NetworkBlock)] = [(nil, firstSource)]
            for call in profile.callPerScope {
                for source in profile.sources { moments.append((call, source)) }
            }
            for (k, entry) in moments.enumerated() {
                let moment = spread(k, of: moments.count, from: from, to: to, salt: 100 + UInt64(index))
                let address = entry.1.host(SeededHash.hash(layout.seed, 30, UInt64(moment)))
                if let call = entry.0 {
                    add(apiRequest(profile, call, at: moment, from: address, agent: k))
                } else {
                    add(tokenIssued(profile, at: moment, from: address))
                }
            }
        }
    }

    /// Secret rotations at each client's `secretLastRotated`, and the planned client edits.
    mutating func planRotationsAndChanges() {
        for (index, client) in layout.clients.enumerated() {
            guard let rotated = client.secretLastRotated else { continue }
            add(EventDraft(
                timestamp: Timestamp.milliseconds(rotated), actorType: .user, actorId: layout.users[0],
                action: .clientSecretRotated, resource: "oauth/clients", resourceId: client.id,
                outcome: .success, details: .object(["secretVersion": .int(2 + index % 5), "ticket": .string("CHG-\(4100 + index)")])
            ))
        }
        for change in layout.changes {
            add(EventDraft(
                timestamp: change.at, actorType: .user, actorId: change.actorId,
                action: .clientUpdated, resource: "oauth/clients", resourceId: change.clientId,
                outcome: .success, details: .object(["changes": change.changes])
            ))
        }
    }

    /// AL-4: a token issued to, and successful calls from, an address outside the allowlist.
    mutating func planOutsideAddress() {
        guard let index = layout.clientIndex(.al4OutsideAddress) else { return }
        let profile = layout.profiles[index]
        guard !profile.callPerScope.isEmpty else { return }
        let first = start - 5 * Self.day + 7 * Self.hour
        add(tokenIssued(profile, at: first, from: layout.outsideAddress))
        for k in 0..<5 {
            let call = profile.callPerScope[k % profile.callPerScope.count]
            add(apiRequest(profile, call, at: first + Int64(k + 1) * 7 * Self.minute, from: layout.outsideAddress, agent: 1))
        }
    }

    /// AN-1: 45 `oauth.token.denied` (`ip_not_allowed`) for one client within half an hour.
    mutating func planDeniedBurst() {
        guard let index = layout.clientIndex(.an1DeniedBurst) else { return }
        let profile = layout.profiles[index]
        let first = (start - 3 * Self.day) / Self.day * Self.day + 13 * Self.hour
        for k in 0..<45 {
            add(EventDraft(
                timestamp: first + Int64(k) * 40_000, actorType: .oauthClient, actorId: profile.clientId,
                action: .tokenDenied, resource: "oauth/token", outcome: .denied,
                details: .object(["sourceIp": .string(layout.burstAddress), "reason": .string("ip_not_allowed"), "attempts": .int(k + 1)])
            ))
        }
    }

    /// AN-2: 60 calls answered 429 over the last week.
    mutating func planThrottling() {
        guard let index = layout.clientIndex(.an2Throttled) else { return }
        let profile = layout.profiles[index]
        guard !profile.callPerScope.isEmpty else { return }
        for k in 0..<60 {
            let moment = spread(k, of: 60, from: start - 7 * Self.day, to: start - 2 * Self.hour, salt: 40)
            let call = profile.callPerScope[k % profile.callPerScope.count]
            let address = profile.sources[k % profile.sources.count].host(UInt64(k))
            add(apiRequest(profile, call, at: moment, from: address, status: 429, agent: k))
        }
    }

    /// 300 calls of clean apps in the last hour; with the `late` fault they become visible 5–15 minutes late.
    mutating func planLateArrivals() {
        let clean = layout.quirks.indices.filter {
            [.clean, .mapped, .hostile].contains(layout.quirks[$0]) && !layout.profiles[$0].callPerScope.isEmpty
        }
        guard !clean.isEmpty else { return }
        for k in 0..<300 {
            let profile = layout.profiles[clean[k % clean.count]]
            let moment = spread(k, of: 300, from: start - Self.hour, to: start, salt: 50)
            let h = SeededHash.hash(layout.seed, 51, UInt64(k))
            let delay = late ? 5 * Self.minute + Int64(h % UInt64(10 * Self.minute)) : 0
            let call = profile.callPerScope[Int(h >> 20) % profile.callPerScope.count]
            let address = profile.sources[Int(h >> 30) % profile.sources.count].host(h)
            add(apiRequest(profile, call, at: moment, from: address, agent: Int(h >> 40), delay: delay))
        }
    }
}
