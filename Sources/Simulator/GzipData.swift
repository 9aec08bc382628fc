import CZlib

/// gzip in one go (deflate with gzip framing, windowBits 31): the simulator's rotated access logs.
enum GzipData {
    static func compress(_ bytes: [UInt8]) throws(SimulatorError) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SimulatorError(.gatewayLogFailed, "zlib could not start a gzip stream")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw SimulatorError(.gatewayLogFailed, "zlib could not compress (\(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
