/// Why a gateway access-log line was not stored: it names the line's problem, never its content
/// beyond a short, printable excerpt (a line is untrusted text).
package struct GatewayLineError: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String

    package init(_ reason: String) { self.reason = reason }

    package var description: String { reason }

    /// At most 40 printable ASCII characters of `text`, for naming a bad value.
    static func excerpt(_ text: String) -> String {
        let printable = text.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 32 && $0.value < 127 ? Character($0) : "?" }
        return String(printable) + (text.unicodeScalars.count > 40 ? "…" : "")
    }
}
