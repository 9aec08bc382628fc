import CLibXML2
import Foundation

/// Validates XML against evidence.xsd with libxml2, streaming (no document tree), with the
/// network off and no external entity or DTD ever loaded: the reader gets `XML_PARSE_NONET`
/// and never `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`, and a document with a DOCTYPE is refused.
package struct SchemaValidator: Sendable {
    /// The schema's bytes (`TemplateSet.schema`).
    package let schema: Data

    package init(schema: Data) {
        self.schema = schema
    }

    /// What to validate.
    package enum Document: Sendable {
        case file(URL)
        case bytes(Data)
    }

    /// Throws `ReportError(.invalidXML)` with the first problems (line and message) when the
    /// document is not well-formed or not valid; `.templates` when the schema does not parse.
    package func validate(_ document: Document) throws {
        xmlInitParser()
        let errors = ErrorCollector()
        let context = Unmanaged.passUnretained(errors).toOpaque()
        let parsed: OpaquePointer? = schema.withUnsafeBytes { bytes -> OpaquePointer? in
            guard let parser = xmlSchemaNewMemParserCtxt(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, { context, error in ErrorCollector.record(context, error) }, context)
            return xmlSchemaParse(parser)
        }
        guard let compiled = parsed else {
            throw ReportError(.templates, file: "evidence.xsd", "the schema does not parse: \(errors.summary)")
        }
        defer { xmlSchemaFree(compiled) }
        errors.messages.removeAll()
        guard let validation = xmlSchemaNewValidCtxt(compiled) else { throw ReportError(.io, "libxml2 cannot create a validation context") }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, { context, error in ErrorCollector.record(context, error) }, context)

        let options = Int32(XML_PARSE_NONET.rawValue)
        let reader: OpaquePointer? = switch document {
        case .file(let url): xmlReaderForFile(url.path, nil, options)
        case .bytes(let data): data.withUnsafeBytes { xmlReaderForMemory($0.baseAddress?.assumingMemoryBound(to: CChar.self), Int32($0.count), "report.xml", nil, options) }
        }
        guard let reader else { throw ReportError(.invalidXML, "the document cannot be opened") }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in ErrorCollector.record(context, error) }, context)
        guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else { throw ReportError(.io, "libxml2 cannot attach the schema") }
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                errors.messages.append("line \(xmlTextReaderGetParserLineNumber(reader)): a DOCTYPE is not allowed")
                break
            }
            status = xmlTextReaderRead(reader)
        }
        if status < 0, errors.messages.isEmpty { errors.messages.append("the document is not well-formed") }
        if status >= 0, xmlTextReaderIsValid(reader) != 1, errors.messages.isEmpty { errors.messages.append("the document is not valid") }
        guard errors.messages.isEmpty else { throw ReportError(.invalidXML, errors.summary) }
    }
}

/// Collects libxml2's structured errors for one validation.
private final class ErrorCollector {
    var messages: [String] = []

    var summary: String {
        let shown = messages.prefix(5).joined(separator: "; ")
        return messages.count > 5 ? "\(shown); and \(messages.count - 5) more" : shown
    }

    /// The C callback: `context` is the collector, `error` libxml2's error record.
    static func record(_ context: UnsafeMutableRawPointer?, _ error: UnsafePointer<xmlError>?) {
        guard let context, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
        let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
        collector.messages.append(error.pointee.line > 0 ? "line \(error.pointee.line): \(message)" : message)
    }
}
