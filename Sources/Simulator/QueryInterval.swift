import PartnerAuditCore

/// The JSON object body and its `"interval": "START/END"` of an asynchronous query (audit or
/// usage), read and checked once for both: the error says what is wrong, for a 400.
struct QueryInterval {
    let json: JSONValue
    /// `[from, to)` in milliseconds.
    let from: Int64
    let to: Int64

    /// - Parameter bareDates: whether an end may be a bare date (`2020-02-01`, its start), as
    ///   the usage service's examples write them.
    init(body: [UInt8], maximumDays: Int, bareDates: Bool = false) throws(QueryParameters.Invalid) {
        do { json = try JSONParser.parse(body) } catch {
            throw QueryParameters.Invalid(description: "the body is not JSON: \(error)")
        }
        guard case .object = json else { throw QueryParameters.Invalid(description: "the body must be a JSON object") }
        guard let interval = json["interval"]?.stringValue else {
            throw QueryParameters.Invalid(description: "interval is required, like 2026-09-01T00:00:00.000Z/2026-09-08T00:00:00.000Z")
        }
        let ends = interval.split(separator: "/", omittingEmptySubsequences: false)
        // ISO 8601 in UTC, the `Z` optional (the platform's own examples leave it out).
        func instant(_ text: Substring) -> Int64? {
            if let exact = Timestamp.parseMilliseconds(text) { return exact }
            if bareDates && text.count == 10 { return Timestamp.parseMilliseconds(text + "T00:00:00Z") }
            return text.hasSuffix("Z") ? nil : Timestamp.parseMilliseconds(text + "Z")
        }
        guard ends.count == 2, let from = instant(ends[0]), let to = instant(ends[1]) else {
            throw QueryParameters.Invalid(description: "interval must be START/END in ISO 8601 UTC, got '\(interval.prefix(80))'")
        }
        guard from < to else { throw QueryParameters.Invalid(description: "the interval's end must be after its start") }
        guard to - from <= TimeSpan.days(maximumDays).milliseconds else {
            throw QueryParameters.Invalid(description: "the interval must not exceed \(maximumDays) days")
        }
        self.from = from
        self.to = to
    }
}
