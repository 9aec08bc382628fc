import CZlib
import Foundation

/// Writes a gzip file as it goes: bytes in, deflated blocks out, memory bounded by one buffer.
///
/// zlib's deflate with `windowBits` 31 writes the gzip framing itself, with a zero
/// modification time, so the same input gives the same bytes.
final class GzipFileWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private let path: String
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false

    /// Creates (or truncates) the file and starts the gzip stream.
    init(path: String, level: Int32 = 6) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ReportError(.io, file: path, "cannot be created")
        }
        self.handle = handle
        self.path = path
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            try? handle.close()
            throw ReportError(.io, file: path, "zlib could not start a gzip stream (\(status))")
        }
    }

    deinit {
        if !finished { deflateEnd(&stream) }
        try? handle.close()
    }

    /// Compresses and writes `bytes`.
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            try drain(flush: Z_NO_FLUSH)
        }
    }

    /// Flushes the last block and the gzip trailer, and closes the file.
    func finish() throws {
        guard !finished else { return }
        stream.next_in = nil
        stream.avail_in = 0
        try drain(flush: Z_FINISH)
        deflateEnd(&stream)
        finished = true
        try handle.synchronize()
        try handle.close()
    }

    /// Runs deflate until the input is consumed (or, finishing, until the stream ends), writing what it produces.
    private func drain(flush: Int32) throws {
        while true {
            let (produced, status): (Int, Int32) = try output.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                let status = deflate(&stream, flush)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw ReportError(.io, file: path, "zlib deflate failed (\(status))")
                }
                return (buffer.count - Int(stream.avail_out), status)
            }
            if produced > 0 { try handle.write(contentsOf: output[0..<produced]) }
            if flush == Z_FINISH ? status == Z_STREAM_END : stream.avail_out != 0 { return }
        }
    }
}
