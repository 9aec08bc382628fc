import Foundation

/// The file names of a pack, and how its files are put in place.
enum PackFiles {
    static let html = "report.html"
    static let xml = "report.xml"
    static let schema = "evidence.xsd"
    static let findingsCSV = "findings.csv"
    static let findingsJSON = "findings.json"
    static let events = "events.csv.gz"
    static let manifest = "manifest.json"
    static let pdf = "report.pdf"
    /// The findings as an OSCAL assessment-results document; hashes every file above, and manifest.json hashes it.
    static let assessmentResults = "assessment-results.json"
    /// minisign's signature of manifest.json, when a signing key is configured.
    static let signature = "manifest.json.minisig"

    /// Every name a pack may hold; a rebuild removes the ones it does not write again.
    static let all = [html, pdf, xml, schema, findingsCSV, findingsJSON, events, assessmentResults, manifest, signature]

    /// The hidden name a file is written under before it is complete.
    static func partial(_ name: String, in folder: URL) -> URL {
        folder.appendingPathComponent(".\(name).partial")
    }

    /// Replaces `destination` with `source` (a rename within the folder).
    static func move(_ source: URL, to destination: URL) throws {
        if rename(source.path, destination.path) != 0 {
            throw ReportError(.io, file: destination.lastPathComponent, "cannot be put in place: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes bytes under the partial name, then renames them into place.
    static func write(_ data: Data, named name: String, in folder: URL) throws {
        let partial = partial(name, in: folder)
        do {
            try data.write(to: partial)
        } catch {
            throw ReportError(.io, file: name, "cannot be written: \(error.localizedDescription)")
        }
        try move(partial, to: folder.appendingPathComponent(name))
    }

    /// Streams a file under the partial name through `body`'s sink, then renames it into place.
    static func stream(named name: String, in folder: URL, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        let partial = partial(name, in: folder)
        let sink = try FileSink(partial, name: name)
        do {
            try body(sink.write)
            try sink.close()
        } catch {
            try? sink.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        try move(partial, to: folder.appendingPathComponent(name))
    }
}
