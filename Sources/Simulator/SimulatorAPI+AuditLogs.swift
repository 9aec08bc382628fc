import Hummingbird
import PartnerAuditCore

extension SimulatorAPI {
    /// `GET /api/v2/auditlogs?pageSize&page&from&to[&actorType][&actorId]`: one page of a window.
    ///
    /// `from` inclusive, `to` exclusive, sorted by `(timestamp, id)`; without them, the 90
    /// days before now. Events not yet visible at the clock's now are left out.
    func auditLogPage(_ request: Request) -> Response {
        let now = Timestamp.milliseconds(clock.now)
        let query = QueryParameters(request)
        let pageSize: Int, page: Int
        var window: AuditLogWindow
        do throws(QueryParameters.Invalid) {
            pageSize = try query.integer("pageSize", default: 25, in: 1...500)
            page = try query.integer("page", default: 1, in: 1...Int(Int32.max))
            let from = try query.timestamp("from") ?? now - 90 * OrganizationLayout.day
            let to = try query.timestamp("to") ?? now
            guard from <= to else { throw QueryParameters.Invalid(description: "from must not be after to") }
            window = AuditLogWindow(from: from, to: to, now: now)
            if let type = query.text("actorType") {
                let actorType = ActorType(text: type)
                guard actorType.isNamed else {
                    throw QueryParameters.Invalid(description: "actorType must be oauthclient, user or system, got '\(type)'")
                }
                window.filter.type = actorType
            }
            window.filter.id = query.text("actorId")
        } catch {
            state.count { $0.badRequests += 1 }
            return JSONResponse.error(.badRequest, code: "bad.request", message: error.description)
        }
        let snapshot = organization.snapshot()
        let selection = snapshot.select(window)
        let total = selection.total
        var writer = JSONWriter(capacity: 64 + 460 * pageSize)
        writer.raw(#"{"entities":["#)
        var first = true
        var served = 0
        selection.forEach(offset: (page - 1) * pageSize, limit: pageSize) { entry in
            writer.comma(&first)
            switch entry {
            case .generated(let index): snapshot.generated.write(index, to: &writer)
            case .planted(let event): writer.append(event.json)
            }
            served += 1
        }
        writer.raw(#"],"page":"#); writer.int(page)
        writer.raw(#","pageSize":"#); writer.int(pageSize)
        writer.raw(#","total":"#); writer.int(total)
        writer.raw(#","pageCount":"#); writer.int((total + pageSize - 1) / pageSize)
        writer.raw("}")
        state.count { $0.eventsServed += served }
        return JSONResponse.make(.ok, body: writer.buffer)
    }
}
