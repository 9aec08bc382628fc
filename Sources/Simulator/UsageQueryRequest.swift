import PartnerAuditCore

/// The body of `POST /api/v2/usage/query`, read and checked (source-api.md section 5).
///
/// `{"interval": "START/END", "granularity": "Day", "groupBy": [...], "metrics": [...]}`. The
/// ends are ISO 8601 UTC times or bare dates (`2020-02-01/2020-02-28`, as the vendor's blog
/// writes them). The simulator answers day by day only, grouped by client, template and method
/// whatever `groupBy` lists, so `granularity` must be `Day`; `metrics` is accepted and ignored.
struct UsageQueryRequest {
    /// The names `groupBy` may hold.
    static let groupings: Set<String> = ["OAuthClientId", "TemplateUri", "HttpMethod", "OrganizationId", "UserId"]
    /// The longest interval accepted, in days.
    static let maximumDays = 366

    /// `[from, to)` in milliseconds.
    let from: Int64
    let to: Int64

    /// Reads a body; the error says what is wrong, for a 400.
    init(body: [UInt8]) throws(QueryParameters.Invalid) {
        let query = try QueryInterval(body: body, maximumDays: Self.maximumDays, bareDates: true)
        let json = query.json
        guard json["granularity"]?.stringValue == "Day" else {
            throw QueryParameters.Invalid(description: "granularity must be Day: the simulator answers per day only")
        }
        if let groupBy = json["groupBy"], groupBy != .null {
            guard let names = groupBy.stringArray, names.allSatisfy(Self.groupings.contains) else {
                throw QueryParameters.Invalid(description: "groupBy must list some of \(Self.groupings.sorted().joined(separator: ", "))")
            }
        }
        from = query.from
        to = query.to
    }
}
