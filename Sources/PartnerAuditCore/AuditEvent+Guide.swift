// MARK: - Decoding the guide dialect

extension AuditEvent {
    /// Reads an event of the guide dialect (source-api.md section 3).
    ///
    /// Throws `SourceDataError` naming the event and the field when a required field is
    /// missing or of the wrong type; unknown fields are kept in `rawJSON`, which is `rawText`
    /// (the source's own text of the event) when given, else the canonical text of `json`.
    package init(guideJSON json: JSONValue, rawText: String? = nil) throws(SourceDataError) {
        guard case .object = json else { throw SourceDataError(what: "audit event", field: "(whole)", reason: "is not a JSON object") }
        guard let id = json["id"]?.nonEmptyString else {
            throw SourceDataError(what: "audit event", field: "id", reason: "is missing or empty")
        }
        func required(_ field: String) throws(SourceDataError) -> String {
            guard let value = json[field]?.stringValue else {
                throw SourceDataError(what: "audit event \(id)", field: field, reason: "is missing or not a string")
            }
            return value
        }
        let timestampText = try required("timestamp")
        guard let millis = Timestamp.parseMilliseconds(timestampText) else {
            throw SourceDataError(what: "audit event \(id)", field: "timestamp", reason: "is not an ISO 8601 UTC time: \(ErrorText.prefix(timestampText, scalars: 40))")
        }
        let details = json["details"] ?? .object([:])
        guard case .object = details else {
            throw SourceDataError(what: "audit event \(id)", field: "details", reason: "is not an object")
        }
        self.init(
            id: id,
            timestampMillis: millis,
            actorType: ActorType(text: try required("actorType")),
            actorID: json["actorId"]?.stringValue ?? "",
            action: AuditAction(text: try required("action")),
            resource: json["resource"]?.stringValue ?? "",
            resourceID: json["resourceId"]?.nonEmptyString,
            outcome: Outcome(text: try required("outcome")),
            details: details,
            rawJSON: rawText ?? json.canonicalText
        )
    }
}
