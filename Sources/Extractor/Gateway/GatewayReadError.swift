/// A gateway access-log file that could not be read: names the file and what went wrong.
package struct GatewayReadError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var message: String

    package init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    package var description: String { "gateway log \(file): \(message)" }
}
