import Foundation
import PartnerAuditCore

/// What `writeGatewayLog` wrote.
package struct GatewayLogWritten: Sendable, Equatable {
    /// The files, oldest first.
    package var files: [String]
    /// Requests written as complete, valid lines, and the malformed lines planted among them. The
    /// last request is written torn, half its line without a newline, as a gateway still writing it.
    package var requests: Int
    package var malformed: Int
}

extension SimulatedOrganization {
    /// Writes the partner gateway's access log of every partner call visible at `moment` into
    /// `directory`, as `format` documents its lines, rotated: the oldest 40 % in `access.log.2.gz`,
    /// the next 40 % in `access.log.1` (with two malformed lines planted), the rest in
    /// `access.log`, whose last line is the last request torn (still being written). The calls are the guide
    /// dialect's `api.request` events — the ones the live audit log does not record — so the
    /// planted AL-4 and ER cases are in the log with their partners' own addresses.
    package func writeGatewayLog(to directory: String, format: GatewayPreset, visibleAt moment: Date) throws(SimulatorError) -> GatewayLogWritten {
        let calls = partnerCalls(visibleAt: moment)
        var lines = calls.map { $0.line(format) }
        let torn = lines.popLast().map { String($0.prefix($0.count / 2)) } ?? ""
        let first = lines.count * 2 / 5, second = lines.count * 4 / 5
        var middle = Array(lines[first..<second])
        let malformed = [#"{"this line": "was cut short by a crash"#, lines.first.map { _ in "not json at all" } ?? "not json at all"]
        for (k, bad) in malformed.enumerated() { middle.insert(bad, at: min(middle.count, (k + 1) * middle.count / 3)) }
        let url = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            let oldest = try GzipData.compress(Array(Self.text(lines[..<first]).utf8))
            try Data(oldest).write(to: url.appendingPathComponent("access.log.2.gz"))
            try Data(Self.text(middle[...]).utf8).write(to: url.appendingPathComponent("access.log.1"))
            try Data((Self.text(lines[second...]) + torn).utf8).write(to: url.appendingPathComponent("access.log"))
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw SimulatorError(.gatewayLogFailed, "cannot write the gateway log in \(directory): \(error)")
        }
        return GatewayLogWritten(files: ["access.log.2.gz", "access.log.1", "access.log"].map { url.appendingPathComponent($0).path },
                                 requests: lines.count, malformed: malformed.count)
    }

    /// Every partner call visible at `moment`, in time order.
    func partnerCalls(visibleAt moment: Date) -> [GatewayCall] {
        let snapshot = snapshot()
        let selection = snapshot.select(AuditLogWindow(from: Int64.min, to: Int64.max, now: Timestamp.milliseconds(moment)))
        var calls: [GatewayCall] = []
        selection.forEach(offset: 0, limit: selection.total) { entry in
            switch entry {
            case .generated(let index):
                guard snapshot.generated.isAPIRequest(index) else { return }
                var writer = JSONWriter(capacity: 512)
                snapshot.generated.write(index, to: &writer)
                if let call = GatewayCall(eventJSON: writer.bytes) { calls.append(call) }
            case .planted(let event):
                guard event.action == .apiRequest, let call = GatewayCall(eventJSON: event.json) else { return }
                calls.append(call)
            }
        }
        return calls.sorted { ($0.timestamp, $0.requestID) < ($1.timestamp, $1.requestID) }
    }

    private static func text(_ lines: ArraySlice<String>) -> String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}

extension SimulatedOrganization {
    /// Every partner call visible now as one `format` line, in time order (what `writeGatewayLog` writes, whole).
    package func partnerCallLines(_ format: GatewayPreset, visibleAt moment: Date = Date()) -> [String] {
        partnerCalls(visibleAt: moment).map { $0.line(format) }
    }
}
