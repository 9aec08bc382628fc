import HTTPTypes
import Hummingbird
import NIOCore

/// Passes on the first `limit` bytes of a response body, then fails the write with
/// `ConnectionDropped`, so the server breaks the connection mid-body (the `drop=` fault).
struct CuttingBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    /// How many more bytes are passed on.
    var remaining: Int

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        if let part = buffer.readSlice(length: min(remaining, buffer.readableBytes)) {
            try await parent.write(part)
            remaining -= part.readableBytes
        }
        if remaining == 0 { throw ConnectionDropped() }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        throw ConnectionDropped()
    }
}
