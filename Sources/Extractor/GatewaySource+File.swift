import Foundation
import PartnerAuditCore
import Warehouse

extension GatewaySource {
    /// Reads one file on from its identity's position, committing a batch at a time (and asking
    /// `checkpoints` for a checkpoint after each).
    func read(
        _ path: String, format: GatewayLogFormat, runID: Int64, checkpoints: BackgroundCheckpoints?, into summary: inout SourceSummary
    ) async throws {
        var reader = try GatewayContentReader(path: path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(GatewayContentReader.chunkSize * 2)
        var ended = false
        while GatewayFileIdentity.of(head: buffer[...], final: false) == nil {
            guard try reader.append(to: &buffer) else {
                ended = true
                break
            }
        }
        guard let identity = GatewayFileIdentity.of(head: buffer[...], final: ended && reader.isCompressed && reader.endedCleanly) else {
            logger.debug("gateway \(path): no complete line yet")
            return
        }
        var state = try await warehouse.gatewayFile(identity: identity) ?? GatewayFileState(identity: identity, path: path, format: format.name)
        state.path = path
        state.format = format.name
        var base: Int64 = 0
        if state.position > 0 {
            if state.position <= Int64(buffer.count) {
                buffer.removeFirst(Int(state.position))
                base = state.position
            } else {
                reader = try GatewayContentReader(path: path)
                buffer.removeAll(keepingCapacity: true)
                base = try reader.skip(state.position)
                if base < state.position {
                    logger.notice("gateway \(path): shorter than the \(state.position) bytes read before: read again from its start")
                    reader = try GatewayContentReader(path: path)
                    base = 0
                }
            }
            if base == 0 {
                state.position = 0
                state.line = 0
            }
        }
        var builder = GatewayBatchBuilder(path: path, format: format, state: state, settings: settings)
        var committer = GatewayBatchCommitter(
            warehouse: warehouse, runID: runID, clock: clock, linesStored: state.linesStored, checkpoints: checkpoints)
        do {
            while true {
                var start = 0
                while true {
                    start = builder.consume(buffer, from: start, base: base)
                    guard builder.isFull else { break }
                    try await committer.commit(builder.takeBatch())
                }
                buffer.removeFirst(start)
                base += Int64(start)
                if buffer.count > settings.maxLineBytes {
                    builder.dropOverlong()
                    base += Int64(buffer.count)
                    buffer.removeAll(keepingCapacity: true)
                }
                guard try reader.append(to: &buffer) else { break }
            }
            if reader.isCompressed && reader.endedCleanly {
                builder.consumeFinal(buffer, base: base)
            }
            if builder.moved { try await committer.commit(builder.takeBatch()) }
            try await committer.finish()
        } catch {
            // Each queued commit is stored or not as a whole; count those that were.
            try? await committer.finish()
            summary.add(committer)
            throw error
        }
        summary.add(committer)
        summary.pages += 1
        summary.itemsRejected += builder.rejected
        summary.rejections += builder.named.prefix(max(0, settings.namedRejections - summary.rejections.count))
        logger.info("gateway \(path) (\(format.name), \(identity.prefix(12))): \(committer.linesRead) lines read, \(committer.stored) stored, \(builder.rejected) rejected; position \(builder.state.position)")
    }
}

private extension SourceSummary {
    /// Counts a file's finished commits.
    mutating func add(_ committer: GatewayBatchCommitter) {
        windows += committer.commits
        itemsSeen += committer.linesRead
        itemsStored += committer.stored
    }
}
