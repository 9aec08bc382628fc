import Foundation
import Warehouse

/// Writes a result to stdout before a deadline, so `query --timeout` bounds the whole command.
///
/// A reader that stops reading — a stalled pager, a pipe nobody drains — would block a plain
/// write for ever. Here each piece is written only once `poll(2)` says the descriptor can take
/// it, and a pipe is given no more than `PIPE_BUF` bytes at a time (which it takes whole or not
/// at all), so the wait never outlasts the deadline.
///
/// ```swift
/// try DeadlineOutput.write(csv, before: .now + .seconds(300), timeout: .seconds(300))
/// ```
enum DeadlineOutput {
    /// Writes `text`, ending it with a newline unless it ends with one (as `Console.output`).
    ///
    /// - Throws: `OutputError` when the deadline passes first, or when the write fails.
    static func write(_ text: String, before deadline: ContinuousClock.Instant, timeout: Duration,
                      descriptor: Int32 = STDOUT_FILENO) throws(OutputError) {
        var bytes = Array(text.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        var status = stat()
        let isPipe = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT == S_IFIFO || status.st_mode & S_IFMT == S_IFSOCK)
        let piece = isPipe ? Int(PIPE_BUF) : 1 << 16
        var written = 0
        while written < bytes.count {
            let remaining = deadline - .now
            guard remaining > .zero else {
                throw OutputError(.timedOut(timeout), written: written, total: bytes.count)
            }
            var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
            let ready = poll(&request, 1, Int32(clamping: milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                throw OutputError(.failed(String(cString: strerror(errno))), written: written, total: bytes.count)
            }
            guard ready > 0 else { continue }
            let count = min(piece, bytes.count - written)
            let result = bytes.withUnsafeBufferPointer { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, count)
            }
            if result < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw OutputError(.failed(String(cString: strerror(errno))), written: written, total: bytes.count)
            }
            written += result
        }
    }
}

/// A result not written whole: the deadline passed, or stdout refused it. Exit 2, as any failed query.
struct OutputError: Error, CustomStringConvertible, ExitCodeProviding {
    enum Code { case timedOut(Duration), failed(String) }
    let code: Code
    /// Bytes written before it stopped, of `total`.
    let written: Int
    let total: Int

    init(_ code: Code, written: Int, total: Int) {
        self.code = code
        self.written = written
        self.total = total
    }

    var description: String {
        switch code {
        case .timedOut(let timeout):
            "stopped after \(ReadOnlyQuery.seconds(timeout)) (--timeout): the output was cut after \(written) of \(total) bytes, "
                + "as nothing read it fast enough; add a LIMIT, write to a file, or raise --timeout"
        case .failed(let reason):
            "cannot write the result (\(written) of \(total) bytes written): \(reason)"
        }
    }

    var exitStatus: ExitStatus { .usage }
}
