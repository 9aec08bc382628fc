import Extractor
import Foundation
import Logging
import PartnerAuditCore
import TestSupport
import Warehouse

/// A folder of gateway access logs and a warehouse file beside them, read by `GatewaySource`
/// one extraction run at a time, as `extract` would.
final class GatewayLogFolder: @unchecked Sendable {
    let url: URL
    let warehouse: Warehouse
    private var written = 0

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        warehouse = try Warehouse(path: url.appendingPathComponent("warehouse.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// One run of the gateway source over `pattern` (relative to the folder) in `format`.
    @discardableResult
    func ingest(_ pattern: String = "access.log*", format: GatewayPreset = .kong, batchLines: Int = 4_000) async throws -> SourceSummary {
        let source = GatewaySource(
            logs: [GatewayLogSettings(path: path(pattern), format: GatewayLogFormat(format))], warehouse: warehouse,
            clock: SystemClock(), settings: GatewaySettings(batchLines: batchLines), logger: Logger(label: "gateway") { _ in SwiftLogNoOpLogHandler() })
        let now = Date()
        let range = try await source.plannedRange(since: nil, until: nil, now: now)
        let runID = try await warehouse.startRun(dialect: .live, range: range, at: now)
        try await warehouse.startSource(.gateway, runID: runID, range: range, at: now)
        let summary = try await source.extract(range, runID: runID, advancesCheckpoint: true, started: now)
        try await warehouse.finishSource(.gateway, runID: runID, error: nil, at: Date())
        try await warehouse.finishRun(runID, error: nil, at: Date())
        return summary
    }

    /// Appends `text` to the file `name` (created when absent).
    func append(_ name: String, _ text: String) throws {
        let file = path(name)
        if !FileManager.default.fileExists(atPath: file) { FileManager.default.createFile(atPath: file, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// `count` valid Kong lines, numbered on from the last ones written (each a distinct request).
    func kongLines(_ count: Int, client: String = "client-acme-prod", ip: String = "34.10.0.5", status: Int = 200, requestIDs: Bool = false) -> String {
        var text = ""
        for _ in 0..<count {
            written += 1
            text += Self.kongLine(written, client: client, ip: ip, status: status, requestID: requestIDs ? "req-\(written)" : nil) + "\n"
        }
        return text
    }

    static func kongLine(_ n: Int, client: String, ip: String, status: Int = 200, requestID: String? = nil, at instant: Int64 = 1_790_812_800_000) -> String {
        let id = requestID.map { #","id":"\#($0)""# } ?? ""
        return #"{"request":{"method":"GET","uri":"/api/v2/routing/queues/\#(n)","headers":{"user-agent":"acme-sync/2.1"}\#(id)},"response":{"status":\#(status)},"client_ip":"\#(ip)","consumer":{"username":"u","custom_id":"\#(client)"},"started_at":\#(instant + Int64(n) * 1_000)}"#
    }

    /// Compresses `name` into `name.gz`-style `to` with the system's gzip, removing the original.
    func gzip(_ name: String, to target: String) async throws {
        await ProcessLaunchGate.wait()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\" && rm \"$0\"", path(name), path(target)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func rename(_ name: String, to target: String) throws {
        try FileManager.default.moveItem(atPath: path(name), toPath: path(target))
    }

    func eventCount() async throws -> Int { try await warehouse.eventCount() }
}
