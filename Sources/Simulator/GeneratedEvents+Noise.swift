extension GeneratedEvents {
    /// Writes the part after `timestamp` of a user's event: logins, queue edits, exports.
    func writeUserEvent(_ user: String, _ h1: UInt64, _ h2: UInt64, to writer: inout JSONWriter) {
        let address = officeNetwork.hostValue(h2)
        let agent = Self.browserAgents[Int((h1 >> 20) % UInt64(Self.browserAgents.count))]
        switch h1 % 10 {
        case 0...3, 9:
            let failed = h1 % 10 == 9
            writer.raw(#","action":"user.login","resource":"users","resourceId":"#)
            writer.plainString(user)
            writer.raw(failed ? #","outcome":"failure","details":{"# : #","outcome":"success","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(address)
            writer.raw(","); writer.key("userAgent"); writer.string(agent)
            writer.raw(failed ? #","mfa":false,"reason":"bad_password"}"# : #","mfa":true}"#)
        case 4:
            writer.raw(#","action":"user.logout","resource":"users","resourceId":"#)
            writer.plainString(user)
            writer.raw(#","outcome":"success","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(address)
            writer.raw("}")
        case 5...7:
            let queue = resourceIDs[Endpoint.IDKind.queue.index][Int((h2 >> 20) % 64)]
            let number = Int(h2 % 90) + 10
            writer.raw(#","action":"routing.queue.update","resource":"routing/queues","resourceId":"#)
            writer.plainString(queue)
            writer.raw(#","outcome":"success","details":{"changes":{"name":{"old":"Queue "#)
            writer.digits(number)
            writer.raw(#"","new":"Queue "#)
            writer.digits(number)
            writer.raw(#" \u2013 \"Billing\" & <Support>""#)
            writer.raw("}},"); writer.key("sourceIp"); writer.quotedAddress(address)
            writer.raw("}")
        default:
            writer.raw(#","action":"analytics.export.create","resource":"analytics/reporting","outcome":"success","details":{"#)
            writer.key("sourceIp"); writer.quotedAddress(address)
            writer.raw(","); writer.key("rows"); writer.int(Int(h2 % 50_000))
            writer.raw(#","format":"CSV"}"#)
        }
    }

    /// Writes the part after `timestamp` of a system job's event.
    func writeSystemEvent(_ job: Int, _ h1: UInt64, _ h2: UInt64, to writer: inout JSONWriter) {
        if h1 % 3 == 0 {
            writer.raw(#","action":"platform.maintenance","resource":"platform","outcome":"success","details":{"window":"#)
            writer.raw("\"mw-"); writer.digits(Int(h2 % 1000)); writer.raw("\"")
            writer.raw("}")
        } else {
            writer.raw(#","action":"directory.sync","resource":"users","outcome":"success","details":{"#)
            writer.key("usersSynced"); writer.int(Int(h2 % 400))
            writer.raw(","); writer.key("durationMs"); writer.int(Int(h1 >> 40) % 60_000)
            writer.raw("}")
        }
    }
}
