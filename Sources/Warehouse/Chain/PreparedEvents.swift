import PartnerAuditCore

/// A window's events, laid out before the write transaction for the hash chain and the insert.
///
/// Each event's columns from `id` to `raw_json` (`EventLogTable.laidOut`) are kept as the chain
/// hashes them (`ChainField`: each length-prefixed, or the absent marker) in one buffer, so inside the
/// transaction the single writer only adds `seq` and `window_id`, hashes three slices, and binds
/// the texts straight from the buffer. The extractor builds it page by page while the previous
/// window commits; the decoded events can be freed as soon as they are appended.
package struct PreparedEvents: Sendable, Equatable {
    typealias Column = EventLogTable.Column
    /// Slots per event in `offsets` and `lengths`: one per laid-out column, `id` through
    /// `raw_json` (`status`'s slot is unused: it is chained as text but bound as an integer, from
    /// `statuses`). Worked out from the columns' raw values rather than stored: SQLite reads a
    /// slot for every column of every row, and a stored static cost a lazy global's check each time.
    private static var slots: Int { Int(Column.rawJSON.rawValue - Column.id.rawValue) + 1 }
    private static var firstSlot: Int { Int(Column.id.rawValue) }

    /// The encoded columns of every event, back to back.
    private(set) var bytes: [UInt8] = []
    /// Where each event's encoding starts in `bytes` (it ends where the next one starts).
    private var starts: [Int32] = []
    /// Per event and `Column`: the text's offset in `bytes`, or -1 when absent.
    private var offsets: [Int32] = []
    /// Per event and `Column`: the text's length in bytes.
    private var lengths: [Int32] = []
    private var statuses: [Int?] = []

    package init() {}

    package init(_ events: [AuditEvent]) throws(WindowTooLarge) {
        self.init()
        reserve(events.count)
        for event in events { try append(event) }
    }

    /// How many events are prepared.
    package var count: Int { starts.count }

    /// Makes room for `count` more events.
    package mutating func reserve(_ count: Int) {
        guard count > 0 else { return }
        starts.reserveCapacity(starts.count + count)
        statuses.reserveCapacity(statuses.count + count)
        offsets.reserveCapacity(offsets.count + count * Self.slots)
        lengths.reserveCapacity(lengths.count + count * Self.slots)
        bytes.reserveCapacity(bytes.count + count * 900)
    }

    /// The most bytes a window's layout may hold (one event more may pass it, up to the source's
    /// 16 MiB body cap): what keeps a window in memory bounded when a source pads its events. A
    /// window is cut at 12,000 events, 12–24 MB of ordinary ones; past this a window fails
    /// (`WindowTooLarge`, exit 3) rather than growing — the ninth red-team pass padded pages to
    /// 15.5 MiB and an extract grew to 1.7 GB at 48 pages of one window.
    package static let capacity = 64 << 20
    /// Bytes past which a window is closed at the next instant, or a gateway batch committed,
    /// before `capacity` is reached.
    package static let closingBytes = capacity / 2

    /// The bytes laid out so far.
    package var byteCount: Int { bytes.count }

    /// Appends one event's laid-out columns in table order, as `StoredEventFields(event:windowID:)` gives them.
    ///
    /// - Throws: `WindowTooLarge` once the window's events fill `capacity`; nothing is appended.
    package mutating func append(_ event: AuditEvent) throws(WindowTooLarge) {
        try append(
            id: event.id, timestampMillis: event.timestampMillis, actorType: event.actorType.text, actorID: event.actorID,
            action: event.action.text, resource: event.resource, resourceID: event.resourceID, outcome: event.outcome.text,
            sourceIP: event.sourceIP, method: event.method, path: event.path, status: event.status, scope: event.scope,
            userAgent: event.userAgent, rawJSON: event.rawJSON)
    }

    /// Appends one event given column by column, for a source that knows its columns without
    /// building an `AuditEvent` (the gateway source): the same bytes `append(_:)` lays out.
    package mutating func append(
        id: String, timestampMillis: Int64, actorType: String, actorID: String, action: String, resource: String,
        resourceID: String?, outcome: String, sourceIP: String?, method: String?, path: String?, status: Int?,
        scope: String?, userAgent: String?, rawJSON: String
    ) throws(WindowTooLarge) {
        try append(
            id: id, timestampMillis: timestampMillis, actorType: actorType, actorID: actorID, action: action, resource: resource,
            resourceID: resourceID, outcome: outcome, sourceIP: sourceIP, method: method, path: path, status: status, scope: scope,
            userAgent: userAgent, writingRawJSON: { $0.appendUTF8(of: rawJSON) })
    }

    /// `append(id:…)` with the raw JSON written by `writeRawJSON` straight into the layout (it
    /// must append valid UTF-8): no string of it is made.
    package mutating func append(
        id: String, timestampMillis: Int64, actorType: String, actorID: String, action: String, resource: String,
        resourceID: String?, outcome: String, sourceIP: String?, method: String?, path: String?, status: Int?,
        scope: String?, userAgent: String?, writingRawJSON writeRawJSON: (inout [UInt8]) -> Void
    ) throws(WindowTooLarge) {
        guard bytes.count < Self.capacity else { throw WindowTooLarge(events: count, bytes: bytes.count) }
        let start = bytes.count
        starts.append(Int32(start))
        statuses.append(status)
        // Every column but the raw JSON is laid out at once, into room made for exactly it.
        let size = ChainFieldWriter.size(of: id) + ChainFieldWriter.timestampSize + ChainFieldWriter.size(of: actorType)
            + ChainFieldWriter.size(of: actorID) + ChainFieldWriter.size(of: action) + ChainFieldWriter.size(of: resource)
            + ChainFieldWriter.size(of: resourceID) + ChainFieldWriter.size(of: outcome) + ChainFieldWriter.size(of: sourceIP)
            + ChainFieldWriter.size(of: method) + ChainFieldWriter.size(of: path) + ChainFieldWriter.size(ofDecimal: status)
            + ChainFieldWriter.size(of: scope) + ChainFieldWriter.size(of: userAgent)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * Self.slots) { slots in
            guard let noted = slots.baseAddress else { preconditionFailure("a temporary allocation of \(slots.count) slots has no address") }
            var written = 0
            bytes.append(addingCapacity: size) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    var layout = ChainFieldWriter(buffer, origin: start, offsets: noted, lengths: noted + Self.slots)
                    layout.text(id)
                    layout.timestamp(timestampMillis)
                    layout.text(actorType)
                    layout.text(actorID)
                    layout.text(action)
                    layout.text(resource)
                    layout.text(resourceID)
                    layout.text(outcome)
                    layout.text(sourceIP)
                    layout.text(method)
                    layout.text(path)
                    layout.decimal(status)
                    layout.text(scope)
                    layout.text(userAgent)
                    precondition(layout.count == size, "an event's chain fields took other room than was made for them")
                    initialized = layout.count
                    written = layout.slots
                }
            }
            offsets.append(contentsOf: UnsafeBufferPointer(start: noted, count: written))
            lengths.append(contentsOf: UnsafeBufferPointer(start: noted + Self.slots, count: written))
        }
        text(writing: writeRawJSON)
    }

    /// Event `index`'s chained bytes from `id` to `raw_json`.
    func encoded(_ index: Int) -> Range<Int> {
        Int(starts[index])..<(index + 1 < starts.count ? Int(starts[index + 1]) : bytes.count)
    }

    /// Event `index`'s text of `column` (one of `EventLogTable.laidOut` but `status`) as an
    /// offset and length in `bytes`; `nil` when absent.
    @inline(__always)
    func text(_ index: Int, _ column: Column) -> (offset: Int, length: Int32)? {
        let slot = Self.slot(index, column)
        let offset = offsets[slot]
        return offset < 0 ? nil : (Int(offset), lengths[slot])
    }

    func status(_ index: Int) -> Int? { statuses[index] }

    /// Where event `index`'s `column` sits in `offsets` and `lengths`.
    @inline(__always)
    static func slot(_ index: Int, _ column: Column) -> Int { index * slots + Int(column.rawValue) - firstSlot }

    /// The layout's buffers, for a reader that reads them per column and row without retaining
    /// them each time (`ChainedRows`); valid only inside `body`.
    struct Buffers {
        let count: Int
        let bytes: UnsafeBufferPointer<UInt8>
        let offsets: UnsafeBufferPointer<Int32>
        let lengths: UnsafeBufferPointer<Int32>
        let statuses: UnsafeBufferPointer<Int?>
    }

    func withBuffers<R>(_ body: (Buffers) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try offsets.withUnsafeBufferPointer { offsets in
                try lengths.withUnsafeBufferPointer { lengths in
                    try statuses.withUnsafeBufferPointer { statuses in
                        try body(Buffers(count: count, bytes: bytes, offsets: offsets, lengths: lengths, statuses: statuses))
                    }
                }
            }
        }
    }

    // MARK: - Encoding

    /// A text `write` appends, its length prefix filled in after it.
    private mutating func text(writing write: (inout [UInt8]) -> Void) {
        let prefix = bytes.count
        ChainField.appendPrefix(length: 0, to: &bytes)
        let start = bytes.count
        write(&bytes)
        let length = bytes.count - start
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian) { field in
            for (i, byte) in field.enumerated() { bytes[prefix + i] = byte }
        }
        offsets.append(Int32(start))
        lengths.append(Int32(length))
    }
}

/// A window whose events no longer fit one layout (over 2 GB): the extractor splits windows
/// long before that, so this names a source that sent far more than it said it would.
package struct WindowTooLarge: Error, Sendable, CustomStringConvertible {
    package var events: Int
    package var bytes: Int

    package var description: String {
        "a window's \(events) events take \(bytes) bytes, more than one window can hold; lower source.windowHours"
    }
}
