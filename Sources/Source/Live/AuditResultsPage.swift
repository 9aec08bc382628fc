import PartnerAuditCore

/// One page of an audit query's results, however the platform delivered it (source-api.md section 4).
///
/// A 200 carries `{id, pageSize, cursor, entities}`. A large page is a 302 whose body is
/// `{id, pageSize, cursor, downloadUrl}`: its messages are fetched from the presigned
/// `downloadUrl` (another host, never sent the bearer token) as a JSON array of messages, or
/// `{"entities": […]}`, dated by `eventTime` rather than `eventDate`. Either way `cursor` leads
/// to the next page.
struct AuditResultsPage {
    /// The page's messages, in the order sent.
    var messages: [JSONValue]
    /// The cursor of the next page; `nil` on the last.
    var cursor: String?
    /// Whether the messages came from a download.
    var downloaded: Bool

    /// Reads one results answer, downloading the messages of a redirected one.
    static func read(_ response: APIResponse, api: APIClient, request: String, label: String) async throws -> AuditResultsPage {
        let json = try parse(response.body, request: request)
        let cursor = json["cursor"]?.nonEmptyString
        guard (300..<400).contains(response.status) else {
            guard let entities = json["entities"]?.arrayValue else {
                throw SourceError(.malformedResponse, request: request, message: "no 'entities' list in the page")
            }
            return AuditResultsPage(messages: entities, cursor: cursor, downloaded: false)
        }
        guard let url = json["downloadUrl"]?.nonEmptyString ?? response.headers.first(name: "Location") else {
            throw SourceError(.malformedResponse, request: request,
                              message: "a large-results answer (HTTP \(response.status)) without a downloadUrl")
        }
        let download = try await api.download(url, label: label)
        let body = try parse(download.body, request: "download of \(request)")
        guard let messages = body.arrayValue ?? body["entities"]?.arrayValue else {
            throw SourceError(.malformedResponse, request: "download of \(request)",
                              message: "the download is neither a JSON array of audit messages nor an object with 'entities'")
        }
        return AuditResultsPage(messages: messages, cursor: cursor, downloaded: true)
    }

    private static func parse(_ body: [UInt8], request: String) throws(SourceError) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw SourceError(.malformedResponse, request: request, message: "\(error)")
        }
    }
}
