/// How the gateway source batches its commits and bounds its lines.
package struct GatewaySettings: Sendable {
    /// Lines per transaction: each commits its events with the file's position.
    package var batchLines = 4_000
    /// A line longer than this is rejected without being held in memory.
    package var maxLineBytes = 1 << 20
    /// How many rejected lines a run names in its log and summary (every one is counted).
    package var namedRejections = 10

    package init(batchLines: Int = 4_000, maxLineBytes: Int = 1 << 20, namedRejections: Int = 10) {
        self.batchLines = batchLines
        self.maxLineBytes = maxLineBytes
        self.namedRejections = namedRejections
    }
}
