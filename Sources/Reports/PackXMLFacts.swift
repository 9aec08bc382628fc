import CLibXML2
import Foundation

/// What report.xml says about the pack that manifest.json also says: the organisation, the
/// period, and the chain the pack was made from — so `verify --pack` can check the files
/// agree with each other, not only each with its digest.
struct PackXMLFacts: Equatable {
    var organization: String?
    var period: String?
    var chainRows: String?
    var chainHead: String?
    /// `true` or `false`: whether the chain verified when the pack was made.
    var chainIntact: String?
    var ledgerEntries: String?
    var ledgerHead: String?

    /// Reads the facts from report.xml, streaming, network off, no entities loaded; `nil`
    /// when the file cannot be read as XML.
    static func read(_ url: URL) -> PackXMLFacts? {
        xmlInitParser()
        guard let reader = xmlReaderForFile(url.path, nil, Int32(XML_PARSE_NONET.rawValue)) else { return nil }
        defer { xmlFreeTextReader(reader) }
        var facts = PackXMLFacts()
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                switch name(reader) {
                case "cover" where facts.organization == nil:
                    facts.organization = attribute(reader, "organization")
                    facts.period = attribute(reader, "period")
                case "chain" where facts.chainHead == nil:
                    facts.chainRows = attribute(reader, "rows")
                    facts.chainHead = attribute(reader, "head")
                    facts.chainIntact = attribute(reader, "intact")
                    facts.ledgerEntries = attribute(reader, "ledgerEntries")
                    facts.ledgerHead = attribute(reader, "ledgerHead")
                default:
                    break
                }
            }
            status = xmlTextReaderRead(reader)
        }
        return status == 0 ? facts : nil
    }

    private static func name(_ reader: OpaquePointer) -> String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    private static func attribute(_ reader: OpaquePointer, _ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { partner_audit_xml_free(value) }
        return String(cString: value)
    }
}
