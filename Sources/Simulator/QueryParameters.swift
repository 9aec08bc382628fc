import Hummingbird
import PartnerAuditCore

/// Reads and validates the query parameters of an API call.
struct QueryParameters {
    /// A parameter that is present but unacceptable; becomes a 400.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// The parameters by name, percent-decoded; the first of repeated names wins.
    let values: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where values[String(name)] == nil {
            values[String(name)] = String(value)
        }
        self.values = values
    }

    /// The raw text of a parameter, if present and not empty.
    func text(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer parameter within `range`, or `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(Invalid) -> Int {
        guard let text = text(name) else { return defaultValue }
        guard let value = Int(text) else { throw Invalid(description: "\(name) must be an integer, got '\(text)'") }
        guard range.contains(value) else {
            throw Invalid(description: "\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// A timestamp parameter in milliseconds since 1970, or `nil` when absent.
    func timestamp(_ name: String) throws(Invalid) -> Int64? {
        guard let text = text(name) else { return nil }
        guard let value = Timestamp.parseMilliseconds(text) else {
            throw Invalid(description: "\(name) must be an ISO 8601 UTC timestamp like 2026-09-30T23:59:59.123Z, got '\(text)'")
        }
        return value
    }
}
