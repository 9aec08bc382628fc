import CLibXML2
import Foundation

/// A streaming XML writer over libxml2's `xmlTextWriter`, which escapes every attribute
/// value and text node it is given; this type never builds markup from strings itself.
///
/// ```swift
/// let xml = try XMLWriter(path: "/tmp/report.xml")
/// try xml.element("finding", ["ruleId": "WS-1"]) { try xml.textElement("title", "Wildcard scope granted") }
/// try xml.finish()
/// ```
final class XMLWriter {
    private let writer: OpaquePointer
    private let path: String
    private var finished = false

    /// Opens the file and writes the XML declaration (UTF-8), indenting with two spaces.
    init(path: String) throws {
        xmlInitParser()
        guard let writer = xmlNewTextWriterFilename(path, 0) else {
            throw ReportError(.io, file: path, "libxml2 cannot open it for writing")
        }
        self.writer = writer
        self.path = path
        xmlTextWriterSetIndent(writer, 1)
        try Self.withXMLChars("  ") { try check(xmlTextWriterSetIndentString(writer, $0), "indent") }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    deinit {
        if !finished { xmlFreeTextWriter(writer) }
    }

    /// Writes `<name attributes…>`, the body, then `</name>` (or `<name …/>` when the body wrote nothing).
    ///
    /// Attributes are written in the order given; a `nil` value leaves the attribute out.
    func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], body: () throws -> Void = {}) throws {
        try Self.withXMLChars(name) { try check(xmlTextWriterStartElement(writer, $0), "start <\(name)>") }
        for (key, value) in attributes {
            guard let value else { continue }
            try attribute(key, value)
        }
        try body()
        try check(xmlTextWriterEndElement(writer), "end <\(name)>")
    }

    /// Writes the root element with its namespace declaration.
    func root(_ name: String, namespace: String, _ attributes: KeyValuePairs<String, String?>, body: () throws -> Void) throws {
        try Self.withXMLChars(name) { try check(xmlTextWriterStartElement(writer, $0), "start <\(name)>") }
        try attribute("xmlns", namespace)
        for (key, value) in attributes {
            guard let value else { continue }
            try attribute(key, value)
        }
        try body()
        try check(xmlTextWriterEndElement(writer), "end <\(name)>")
    }

    /// Writes `<name attributes…>text</name>`.
    func textElement(_ name: String, _ text: String, _ attributes: KeyValuePairs<String, String?> = [:]) throws {
        try element(name, attributes) { try self.text(text) }
    }

    /// Writes one text node, escaped.
    func text(_ text: String) throws {
        try Self.withXMLChars(XMLText.sanitized(text)) { try check(xmlTextWriterWriteString(writer, $0), "write text") }
    }

    /// Ends the document and closes the file (libxml2 buffers through stdio until then).
    func finish() throws {
        guard !finished else { return }
        let ended = xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        finished = true
        try check(ended, "end the document")
    }

    private func attribute(_ key: String, _ value: String) throws {
        try Self.withXMLChars(key) { name in
            try Self.withXMLChars(XMLText.sanitized(value)) { content in
                try check(xmlTextWriterWriteAttribute(writer, name, content), "write attribute \(key)")
            }
        }
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status >= 0 else { throw ReportError(.io, file: path, "libxml2 could not \(what)") }
    }

    /// Calls `body` with the text as a NUL-terminated `xmlChar` (UTF-8) string.
    private static func withXMLChars<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) throws -> T) rethrows -> T {
        try text.withCString { try body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
