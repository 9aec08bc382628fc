import Foundation

/// A file written in pieces: created empty, appended to, closed.
final class FileSink {
    private let handle: FileHandle
    private let name: String

    /// Creates (or truncates) the file at `url`; `name` is how errors call it.
    init(_ url: URL, name: String) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw ReportError(.io, file: name, "cannot be created")
        }
        self.handle = handle
        self.name = name
    }

    func write(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw ReportError(.io, file: name, "cannot be written: \(error.localizedDescription)")
        }
    }

    func close() throws {
        try handle.close()
    }
}
