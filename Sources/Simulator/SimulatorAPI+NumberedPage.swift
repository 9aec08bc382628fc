import Hummingbird

extension SimulatorAPI {
    /// A page-numbered listing (`pageSize` ≤ 500, `pageNumber` from 1): `{"entities": [...],
    /// "pageSize", "pageNumber", "total", "pageCount"}`, plus `"nextUri"` when `nextURI` is given
    /// (the live listings: the next page's path, or `null` on the last).
    ///
    /// - Parameter write: writes the item at an index of `items` as one entity.
    func numberedPage<Item>(
        _ request: Request, of items: [Item], bytesPerItem: Int, nextURI: ((_ pageSize: Int, _ pageNumber: Int) -> String)? = nil,
        write: (Item, Int, inout JSONWriter) -> Void
    ) -> Response {
        let query = QueryParameters(request)
        let pageSize: Int, pageNumber: Int
        do {
            pageSize = try query.integer("pageSize", default: 25, in: 1...500)
            pageNumber = try query.integer("pageNumber", default: 1, in: 1...Int(Int32.max))
        } catch {
            state.count { $0.badRequests += 1 }
            return JSONResponse.error(.badRequest, code: "bad.request", message: error.description)
        }
        let first = min((pageNumber - 1).multipliedReportingOverflow(by: pageSize).partialValue, items.count)
        let end = min(first + pageSize, items.count)
        let pageCount = (items.count + pageSize - 1) / pageSize
        var writer = JSONWriter(capacity: bytesPerItem * (end - first + 1))
        writer.raw(#"{"entities":["#)
        var isFirst = true
        for index in first..<end {
            writer.comma(&isFirst)
            write(items[index], index, &writer)
        }
        writer.raw(#"],"pageSize":"#); writer.int(pageSize)
        writer.raw(#","pageNumber":"#); writer.int(pageNumber)
        writer.raw(#","total":"#); writer.int(items.count)
        writer.raw(#","pageCount":"#); writer.int(pageCount)
        if let nextURI {
            writer.raw(#","nextUri":"#)
            if pageNumber < pageCount { writer.string(nextURI(pageSize, pageNumber + 1)) } else { writer.raw("null") }
        }
        writer.raw("}")
        return JSONResponse.make(.ok, body: writer.buffer)
    }
}
