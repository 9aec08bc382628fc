import PartnerAuditCore

/// Writes an event's chain fields (`ChainField`'s encoding) into memory made for exactly them,
/// and notes where each text lands: one event's columns laid out by pointer, instead of two
/// dozen appends that each check the buffer's uniqueness and capacity.
struct ChainFieldWriter: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// The layout's offset of `base`: the text offsets noted count from the layout's start.
    private let origin: Int
    /// Where the next text's offset and length are noted (`PreparedEvents`' slots).
    private let offsets: UnsafeMutablePointer<Int32>
    private let lengths: UnsafeMutablePointer<Int32>
    /// Bytes written so far.
    private(set) var count = 0
    /// Slots noted so far.
    private(set) var slots = 0

    /// A writer of `buffer`, whose first byte is the layout's `origin`th, noting the slots of the
    /// texts it writes in `offsets` and `lengths` (each with room for every field it writes).
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>, origin: Int, offsets: UnsafeMutablePointer<Int32>, lengths: UnsafeMutablePointer<Int32>) {
        // An empty buffer has no address; nothing is ever written to it (`room` stops first).
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        capacity = buffer.count
        self.origin = origin
        self.offsets = offsets
        self.lengths = lengths
    }

    /// The bytes `text(_:)` writes for `value`.
    static func size(of value: String?) -> Int { 4 + (value?.utf8.count ?? 0) }

    /// A text field, or the absent marker for `nil`; its slot noted.
    mutating func text(_ value: String?) {
        guard let value else {
            absent()
            return
        }
        let length = value.utf8.count
        prefix(UInt32(truncatingIfNeeded: length))
        note(offset: count, length: length)
        room(length)
        if value.isContiguousUTF8 {
            // Borrowed, not retained: `withContiguousStorageIfAvailable` retained each text's storage.
            value.utf8.span.withUnsafeBufferPointer { bytes in
                if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
            }
            count += length
        } else {
            for byte in value.utf8 {
                base[count] = byte
                count += 1
            }
        }
    }

    /// The bytes `timestamp(_:)` writes.
    static var timestampSize: Int { 4 + Timestamp.length }

    /// A timestamp's canonical text (`Timestamp.format`); its slot noted.
    mutating func timestamp(_ milliseconds: Int64) {
        prefix(UInt32(Timestamp.length))
        note(offset: count, length: Timestamp.length)
        room(Timestamp.length)
        Timestamp.write(milliseconds: milliseconds, to: base + count)
        count += Timestamp.length
    }

    /// The bytes `decimal(_:)` writes for `value`.
    static func size(ofDecimal value: Int?) -> Int { 4 + (value.map { DecimalText.count(Int64($0)) } ?? 0) }

    /// An integer as its decimal text, or the absent marker; chained but bound as a number, so
    /// its slot is noted as absent.
    mutating func decimal(_ value: Int?) {
        note(offset: -1, length: 0)
        guard let value else {
            prefix(ChainField.absentMarker)
            return
        }
        let digits = DecimalText.count(Int64(value))
        prefix(UInt32(digits))
        room(digits)
        count += DecimalText.write(Int64(value), endingAt: base + count + digits)
    }

    private mutating func absent() {
        prefix(ChainField.absentMarker)
        note(offset: -1, length: 0)
    }

    /// A field's 4-byte big-endian length, or `ChainField.absentMarker` alone for an absent one.
    private mutating func prefix(_ length: UInt32) {
        room(4)
        UnsafeMutableRawPointer(base + count).storeBytes(of: length.bigEndian, as: UInt32.self)
        count += 4
    }

    private mutating func note(offset: Int, length: Int) {
        offsets[slots] = offset < 0 ? -1 : Int32(origin + offset)
        lengths[slots] = Int32(length)
        slots += 1
    }

    /// Stops the process rather than write past the memory made for the fields: the sizes
    /// summed beforehand and the fields written disagree only by a mistake in this code.
    private func room(_ bytes: Int) {
        precondition(count + bytes <= capacity, "an event's chain fields outgrew the room made for them")
    }
}
