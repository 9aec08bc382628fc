// MARK: - Decoding the usage service's rows

extension APIUsageRow {
    /// Reads one `ApiUsageRow` of `GET /api/v2/usage/query/{executionId}/results`.
    ///
    /// `clientId` and `date` (the bucket's start, an ISO 8601 UTC time) are required: a row
    /// without them cannot be stored against a client and a day. Counts that are absent are 0;
    /// a count that is negative or not a whole number is an error naming the row and the field.
    package init(usageJSON json: JSONValue) throws(SourceDataError) {
        guard case .object = json else { throw SourceDataError(what: "API usage row", field: "(whole)", reason: "is not a JSON object") }
        guard let clientID = json["clientId"]?.nonEmptyString else {
            throw SourceDataError(what: "API usage row", field: "clientId", reason: "is missing or empty")
        }
        let what = "API usage row of client \(JSONValue.visibleNUL(clientID))"
        if let path = json.pathToNUL { throw SourceDataError(what: what, field: path, reason: JSONValue.nulReason) }
        guard let date = json["date"]?.nonEmptyString else {
            throw SourceDataError(what: what, field: "date", reason: "is missing: the query must be grouped by day (granularity Day)")
        }
        guard let start = Timestamp.parseMilliseconds(date) ?? Timestamp.parseMilliseconds(date + "T00:00:00Z") else {
            throw SourceDataError(what: what, field: "date", reason: "is not an ISO 8601 UTC time: \(ErrorText.prefix(date, scalars: 40))")
        }
        func count(_ name: String) throws(SourceDataError) -> Int {
            guard let value = json[name], value != .null else { return 0 }
            guard let number = value.intValue, number >= 0, number <= Int64(Int32.max) else {
                throw SourceDataError(what: what, field: name, reason: "is not a count")
            }
            return Int(number)
        }
        self.init(
            clientID: clientID,
            clientName: json["clientName"]?.stringValue ?? "",
            templateURI: json["templateUri"]?.stringValue ?? "",
            method: (json["httpMethod"]?.stringValue ?? "").uppercased(),
            day: TimeBucket.day.label(of: start),
            figures: UsageFigures(
                requests: try count("requests"), status200: try count("status200"), status300: try count("status300"),
                status400: try count("status400"), status429: try count("status429"), status500: try count("status500")))
    }
}
