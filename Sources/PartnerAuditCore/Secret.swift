/// A credential that never prints itself: string interpolation, `print` and logs show a mask.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    package init(_ value: String) { self.value = value }

    /// The secret itself, for the one place that must send it (the token request).
    package func reveal() -> String { value }
    package var isEmpty: Bool { value.isEmpty }
    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
}

/// The OAuth client credentials the extractor authenticates with.
package struct Credentials: Sendable, CustomStringConvertible {
    package var clientID: String
    package var clientSecret: Secret

    package init(clientID: String, clientSecret: Secret) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    package var description: String { "client \(clientID)" }
}
