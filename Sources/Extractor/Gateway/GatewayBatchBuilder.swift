import Foundation
import PartnerAuditCore
import Warehouse

/// One batch of a file ready to commit: its events, the file's state after its last line, how
/// many lines it read and the span of its requests. The committer sets `state.linesStored`.
struct GatewayBatch: Sendable {
    var events: PreparedEvents
    var state: GatewayFileState
    var lines: Int
    var span: TimeWindow
}

/// Turns one file's complete lines into the next batch: its prepared events and the file's state
/// after them (position, line number, counts, rejections). Synchronous, so the reading loop
/// commits between calls; the state only moves past a line once the line is in the batch.
struct GatewayBatchBuilder {
    let path: String
    let format: GatewayLogFormat
    let settings: GatewaySettings
    private(set) var state: GatewayFileState
    private(set) var events = PreparedEvents()
    /// Lines of the current batch (read, valid or not) and the span of its requests.
    private(set) var batchLines = 0
    private(set) var batchSpan: TimeWindow?
    /// Whether the state moved since the last commit.
    private(set) var moved = false
    /// This file's rejected lines in this run, and the first few named `path:line: reason`.
    private(set) var rejected = 0
    private(set) var named: [String] = []
    /// Inside a line longer than `maxLineBytes`, whose start was dropped unread.
    private var overlong = false
    private var ids = GatewayLineID()

    init(path: String, format: GatewayLogFormat, state: GatewayFileState, settings: GatewaySettings) {
        self.path = path
        self.format = format
        self.state = state
        self.settings = settings
    }

    var isFull: Bool { batchLines >= settings.batchLines || events.count >= settings.batchLines || events.byteCount >= PreparedEvents.closingBytes }

    /// Consumes the complete lines of `buffer` from `start` until the batch is full; returns where
    /// it stopped. `base` is the content offset of `buffer[0]`.
    mutating func consume(_ buffer: [UInt8], from start: Int, base: Int64) -> Int {
        var start = start
        // Borrowed by each line's read: taken from `format` per line, the map was copied per line.
        let map = format.fieldMap
        buffer.withUnsafeBufferPointer { bytes in
            guard let origin = bytes.baseAddress else { return }
            while !isFull, start < bytes.count,
                  let found = memchr(origin + start, 10, bytes.count - start) {
                let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - origin
                var end = newline
                if end > start, bytes[end - 1] == 13 { end -= 1 }
                take(bytes[start..<end], map: map)
                start = newline + 1
                state.position = base + Int64(start)
            }
        }
        return start
    }

    /// Consumes `buffer`'s last bytes as a line: the content is final (a gzip file that ended properly).
    mutating func consumeFinal(_ buffer: [UInt8], base: Int64) {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { take($0[...], map: format.fieldMap) }
        state.position = base + Int64(buffer.count)
    }

    /// Drops `buffer`'s bytes of a line already longer than `maxLineBytes`: the line is rejected at its end.
    mutating func dropOverlong() { overlong = true }

    /// Hands over the batch read so far and starts the next one.
    mutating func takeBatch() -> GatewayBatch {
        defer {
            events = PreparedEvents()
            batchLines = 0
            batchSpan = nil
            moved = false
        }
        return GatewayBatch(events: events, state: state, lines: batchLines, span: batchSpan ?? TimeWindow(fromMillis: 0, toMillis: 0))
    }

    // MARK: - One line

    private mutating func take(_ line: Slice<UnsafeBufferPointer<UInt8>>, map: GatewayFieldMap) {
        state.line += 1
        moved = true
        if overlong {
            overlong = false
            state.linesRead += 1
            batchLines += 1
            count(rejection: "longer than \(settings.maxLineBytes) bytes")
            return
        }
        // A blank line is no record: consumed, not counted.
        let bytes = UnsafeBufferPointer(rebasing: line)
        guard !Self.isBlank(bytes) else { return }
        state.linesRead += 1
        batchLines += 1
        // Room for a full batch at once: grown line by line, the layout was copied a dozen times.
        if events.count == 0 { events.reserve(settings.batchLines) }
        do {
            let request = try GatewayRequest(line: bytes, map: map)
            let id = ids.id(request, identity: state.identity, line: state.line, bytes: bytes)
            try events.append(request, id: id, gateway: format.name)
            state.cover(request.timestampMillis)
            let instant = request.timestampMillis
            batchSpan = TimeWindow(fromMillis: min(batchSpan?.fromMillis ?? instant, instant), toMillis: max(batchSpan?.toMillis ?? instant + 1, instant + 1))
        } catch let error as GatewayLineError {
            count(rejection: error.reason)
        } catch {
            count(rejection: "\(error)")
        }
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte != 32 && byte != 9 { return false }
        return true
    }

    private mutating func count(rejection reason: String) {
        state.reject(line: state.line, reason: reason)
        rejected += 1
        if named.count < settings.namedRejections { named.append("\(path):\(state.line): \(reason)") }
    }
}
