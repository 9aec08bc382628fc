import PartnerAuditCore

/// The body of `POST /api/v2/audits/query`, read and checked.
///
/// `{"interval": "START/END", "serviceName"?, "filters"?: [{"property", "value"}], "sort"?}`.
/// The filters `ClientId` and `UserId` are applied (as the guide's `actorType` + `actorId`);
/// `Action`, `EntityType`, `EntityId`, `TrusteeOrganizationId`, `serviceName` and `sort` are
/// accepted and ignored: results always come sorted ascending by `(timestamp, id)`. Any other
/// filter property is refused (400), as the platform's `AuditQueryFilter` enum does.
struct AuditQueryRequest {
    /// The filter properties the platform accepts (`AuditQueryFilter.property`).
    static let filterProperties: Set<String> = ["UserId", "TrusteeOrganizationId", "ClientId", "Action", "EntityType", "EntityId"]
    /// The longest interval accepted, in days.
    static let maximumDays: Int64 = 31

    /// `[from, to)` in milliseconds.
    let from: Int64
    let to: Int64
    let filter: ActorFilter

    /// Reads a body; the error says what is wrong, for a 400.
    init(body: [UInt8]) throws(QueryParameters.Invalid) {
        let query = try QueryInterval(body: body, maximumDays: Int(Self.maximumDays))
        from = query.from
        to = query.to
        filter = try Self.filter(query.json["filters"])
    }

    /// The actor filter of `filters`: `ClientId` or `UserId`, not both.
    private static func filter(_ filters: JSONValue?) throws(QueryParameters.Invalid) -> ActorFilter {
        guard let filters, filters != .null else { return .none }
        guard let items = filters.arrayValue else { throw QueryParameters.Invalid(description: "filters must be a list") }
        var filter = ActorFilter.none
        for item in items {
            guard let property = item["property"]?.stringValue else {
                throw QueryParameters.Invalid(description: "every filter needs a property")
            }
            guard filterProperties.contains(property) else {
                throw QueryParameters.Invalid(description: "unknown filter property '\(property.prefix(40))'; one of \(filterProperties.sorted().joined(separator: ", "))")
            }
            let type: ActorType
            switch property {
            case "ClientId": type = .oauthClient
            case "UserId": type = .user
            default: continue
            }
            guard let value = item["value"]?.nonEmptyString else {
                throw QueryParameters.Invalid(description: "the \(property) filter needs a value")
            }
            guard filter.type == nil else {
                throw QueryParameters.Invalid(description: "only one of the ClientId and UserId filters may be given")
            }
            filter = ActorFilter(type: type, id: value)
        }
        return filter
    }
}
