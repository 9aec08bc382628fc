import CZlib
import Foundation

/// The content of one access-log file, in large chunks: the bytes as they are, or inflated when
/// the file is gzip (recognised by its magic bytes, whatever its name). Memory is two buffers,
/// whatever the file's size.
final class GatewayContentReader {
    /// Bytes read from the file per `read(2)`.
    static let chunkSize = 1 << 20

    let path: String
    /// Whether the file is gzip-compressed.
    let isCompressed: Bool
    /// Whether a compressed file's last gzip member ended properly: its content is then final.
    private(set) var endedCleanly = false
    private let descriptor: Int32
    private var stream = z_stream()
    private var input: [UInt8]
    /// The content read by `append(to:)`, before it is appended.
    private var chunk: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var fileEnded = false

    /// Opens `path` and tells plain from gzip.
    init(path: String) throws(GatewayReadError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw GatewayReadError(file: path, "cannot be opened (\(String(cString: strerror(errno))))") }
        input = [UInt8](repeating: 0, count: Self.chunkSize)
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var magic = [UInt8](repeating: 0, count: 2)
        let got = pread(descriptor, &magic, 2, 0)
        isCompressed = got == 2 && magic == [0x1F, 0x8B]
        if isCompressed {
            // windowBits 47: gzip or zlib framing, detected by inflate.
            guard inflateInit2_(&stream, 47, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                close(descriptor)
                throw GatewayReadError(file: path, "zlib could not start inflating")
            }
        }
    }

    deinit {
        if isCompressed { inflateEnd(&stream) }
        close(descriptor)
    }

    /// The size of a plain file (`nil` for a compressed one: only inflating tells).
    var plainSize: Int64? {
        guard !isCompressed else { return nil }
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// Moves past the first `count` bytes of content without returning them; how many there were
    /// (fewer when the content is shorter).
    func skip(_ count: Int64) throws(GatewayReadError) -> Int64 {
        guard count > 0 else { return 0 }
        if !isCompressed {
            let size = plainSize ?? 0
            let target = min(count, size)
            guard lseek(descriptor, off_t(target), SEEK_SET) >= 0 else { throw GatewayReadError(file: path, "cannot seek (\(String(cString: strerror(errno))))") }
            return target
        }
        var skipped: Int64 = 0
        var scratch = [UInt8](repeating: 0, count: Self.chunkSize)
        while skipped < count {
            let want = Int(min(Int64(scratch.count), count - skipped))
            let got = try read(into: &scratch, limit: want)
            if got == 0 { break }
            skipped += Int64(got)
        }
        return skipped
    }

    /// Appends the next chunk of content to `buffer`; `false` at the end of the content.
    func append(to buffer: inout [UInt8]) throws(GatewayReadError) -> Bool {
        let got = try read(into: &chunk, limit: Self.chunkSize)
        guard got > 0 else { return false }
        chunk.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<got])) }
        return true
    }

    private func read(into scratch: inout [UInt8], limit: Int) throws(GatewayReadError) -> Int {
        try scratch.withUnsafeMutableBufferPointer { buffer throws(GatewayReadError) -> Int in
            try read(into: buffer, limit: limit)
        }
    }

    /// Fills up to `limit` bytes of `out` with content; 0 only at its end.
    private func read(into out: UnsafeMutableBufferPointer<UInt8>, limit: Int) throws(GatewayReadError) -> Int {
        guard let base = out.baseAddress, limit > 0 else { return 0 }
        guard isCompressed else {
            while true {
                let got = systemRead(descriptor, base, limit)
                if got >= 0 { return got }
                if errno != EINTR { throw GatewayReadError(file: path, "cannot be read (\(String(cString: strerror(errno))))") }
            }
        }
        while true {
            if inputStart == inputEnd {
                if fileEnded { return 0 }
                try refill()
                continue
            }
            var status: Int32 = Z_OK
            let produced: Int = input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress! + inputStart
                stream.avail_in = uInt(inputEnd - inputStart)
                stream.next_out = base
                stream.avail_out = uInt(limit)
                status = inflate(&stream, Z_NO_FLUSH)
                inputStart = inputEnd - Int(stream.avail_in)
                return limit - Int(stream.avail_out)
            }
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow: concatenated members are one file's content.
                endedCleanly = true
                inflateReset(&stream)
            case Z_OK:
                endedCleanly = false
            case Z_BUF_ERROR where inputStart < inputEnd:
                throw GatewayReadError(file: path, "is not valid gzip (inflate makes no progress)")
            case Z_BUF_ERROR:
                break
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw GatewayReadError(file: path, "is not valid gzip (\(reason))")
            }
            if produced > 0 { return produced }
        }
    }

    private func refill() throws(GatewayReadError) {
        let got = input.withUnsafeMutableBufferPointer { systemRead(descriptor, $0.baseAddress!, $0.count) }
        if got < 0 {
            if errno == EINTR { return }
            throw GatewayReadError(file: path, "cannot be read (\(String(cString: strerror(errno))))")
        }
        inputStart = 0
        inputEnd = got
        if got == 0 { fileEnded = true }
    }
}

/// `read(2)`, named apart from the reader's own `read` methods.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
