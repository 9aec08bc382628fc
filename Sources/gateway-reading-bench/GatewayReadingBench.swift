import ArgumentParser
import Extractor
import Foundation
import PartnerAuditCore

/// Times the gateway source's reading loop alone over a file of access-log lines held in memory
/// (`GatewayReadingBenchmark`): a developer's benchmark, not a command of `partner-audit`.
@main
struct GatewayReadingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway-reading-bench",
        abstract: "Time the gateway reading loop alone (parse, id, layout; nothing stored) over FILE held in memory.",
        discussion: "Prints each pass's thread CPU seconds, then the least and the median. scripts/bench-reading runs two builds of it side by side.")

    @Argument(help: "An access-log file: one JSON object a line (scripts/gateway-sample writes Kong's).")
    var file: String

    @Option(help: "Passes over the file.")
    var passes = 7

    @Option(help: "The log's preset: kong, aws-apigateway, envoy or nginx-json.")
    var format = "kong"

    func validate() throws {
        guard passes > 0 else { throw ValidationError("--passes must be at least 1") }
        guard GatewayPreset(rawValue: format) != nil else { throw ValidationError("--format must be kong, aws-apigateway, envoy or nginx-json") }
    }

    func run() throws {
        guard let preset = GatewayPreset(rawValue: format) else { return }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        var content = [UInt8](data)
        if content.last != 10 { content.append(10) }
        let passes = GatewayReadingBenchmark.run(content, format: GatewayLogFormat(preset), passes: passes)
        let seconds = passes.map(\.cpuSeconds).sorted()
        let lines = passes[0].lines
        print("passes: " + passes.map { String(format: "%.3f", $0.cpuSeconds) }.joined(separator: " "))
        print(String(format: "lines %d, events %d, least %.3f s (%.2f us a line), median %.3f s",
                     lines, passes[0].events, seconds[0], seconds[0] / Double(max(lines, 1)) * 1e6, seconds[seconds.count / 2]))
    }
}
