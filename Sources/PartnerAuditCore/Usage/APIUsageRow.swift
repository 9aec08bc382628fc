/// One row of the live platform's API Usage service (source-api.md section 5): what one OAuth
/// client called on one endpoint template with one method on one UTC day, and how it was answered.
///
/// ```swift
/// APIUsageRow(clientID: "7de3…", templateURI: "api/v2/routing/queues/{queueId}", method: "GET",
///             day: "2026-09-30", figures: UsageFigures(requests: 12, status200: 11, status400: 1))
/// ```
///
/// The statuses are classes, not codes: `status400` holds every 4xx (401, 403 and 404 alike),
/// `status429` is the part of it that was rate-limited. No source address is given.
package struct APIUsageRow: Sendable, Hashable {
    package var clientID: String
    /// The client's name as the usage service gave it (kept for reading, not for matching).
    package var clientName: String
    /// The endpoint template without its leading `/`, placeholders kept (`api/v2/users/{userId}`);
    /// empty when the query did not group by template.
    package var templateURI: String
    /// `GET`, `POST`, …; empty when the query did not group by method.
    package var method: String
    /// The UTC day the figures are about, `YYYY-MM-DD`.
    package var day: String
    package var figures: UsageFigures

    package init(clientID: String, clientName: String = "", templateURI: String, method: String, day: String, figures: UsageFigures) {
        self.clientID = clientID
        self.clientName = clientName
        self.templateURI = templateURI
        self.method = method
        self.day = day
        self.figures = figures
    }

    /// `/api/v2/…`: the template as the endpoint map writes its paths.
    package var endpointPath: String { "/" + templateURI }
}

/// The counts of one usage row: requests and the answers by status class.
package struct UsageFigures: Sendable, Hashable {
    package var requests: Int
    package var status200: Int
    package var status300: Int
    /// Every 4xx answer (the 429s included).
    package var status400: Int
    /// The 4xx answers that were 429 (rate limited).
    package var status429: Int
    package var status500: Int

    package init(requests: Int, status200: Int = 0, status300: Int = 0, status400: Int = 0, status429: Int = 0, status500: Int = 0) {
        self.requests = requests
        self.status200 = status200
        self.status300 = status300
        self.status400 = status400
        self.status429 = status429
        self.status500 = status500
    }
}
