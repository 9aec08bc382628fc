/// An error of the simulator: a bad option or fault spec, or a server that would not start.
package struct SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        case invalidOption
        case invalidFaultSpec
        case serverFailedToStart
        /// The gateway's access log could not be written (`--gateway-log`).
        case gatewayLogFailed
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
