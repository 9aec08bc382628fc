#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PartnerAuditCore
import Warehouse

/// The gateway source's reading loop alone, for `gateway-reading-bench`: whole lines already in
/// memory made into batches as `GatewaySource` makes them (each line read, its id made, its
/// event laid out), nothing read from disk and nothing stored.
///
/// It measures the CPU time of the one thread running it: on a machine whose speed swings, two
/// builds are best compared running at the same time, one on each core (`scripts/bench-reading`).
package enum GatewayReadingBenchmark {
    /// One pass's figures.
    package struct Pass: Sendable {
        /// CPU seconds of the running thread.
        package var cpuSeconds: Double
        package var lines: Int
        package var events: Int
    }

    /// Reads `content` (complete lines, each ended by a newline) in `format` `passes` times.
    package static func run(_ content: [UInt8], format: GatewayLogFormat, passes: Int) -> [Pass] {
        (0..<max(passes, 1)).map { _ in
            var builder = GatewayBatchBuilder(
                path: "benchmark", format: format, state: GatewayFileState(identity: "benchmark", path: "benchmark", format: format.name),
                settings: GatewaySettings())
            let started = threadCPUSeconds()
            var start = 0
            var events = 0
            while start < content.count {
                start = builder.consume(content, from: start, base: 0)
                let batch = builder.takeBatch()
                events += batch.events.count
                // A buffer whose rest holds no complete line ends the pass.
                if batch.lines == 0 { break }
            }
            return Pass(cpuSeconds: threadCPUSeconds() - started, lines: builder.state.linesRead, events: events)
        }
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
