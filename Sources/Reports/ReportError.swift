import PartnerAuditCore

/// Why a pack could not be made or does not verify: the file concerned and what went wrong.
///
/// `invalidXML` is a bug (the writer produced what the schema refuses) and the pack is not
/// written, unless the warehouse does not verify (`tamperedWarehouse`); `integrity` is a pack
/// whose files do not match its manifest (exit 4).
package struct ReportError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// The templates or the schema are missing or do not parse.
        case templates
        /// report.xml does not validate against evidence.xsd.
        case invalidXML
        /// report.xml does not validate over a warehouse that does not verify: a value changed
        /// behind the tool's back, not a bug (exit 4).
        case tamperedWarehouse
        /// A file could not be written or read.
        case io
        /// A pack's files do not match its manifest.
        case integrity
        /// The request itself is wrong (exit 2).
        case usage
    }

    package var code: Code
    /// The file concerned, when there is one.
    package var file: String
    package var message: String

    package init(_ code: Code, file: String = "", _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    package var description: String {
        let prefix = file.isEmpty ? "" : "\(file): "
        switch code {
        case .templates: return "templates: \(prefix)\(message)"
        case .invalidXML: return "report.xml does not validate against evidence.xsd (a bug; the pack was not written): \(message)"
        case .tamperedWarehouse: return "report.xml does not validate against evidence.xsd and the pack was not written: \(message)"
        case .io: return "\(prefix)\(message)"
        case .integrity: return "pack does not verify: \(prefix)\(message)"
        case .usage: return "\(prefix)\(message)"
        }
    }
}
