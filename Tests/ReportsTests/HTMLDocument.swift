import CLibXML2
import Foundation

/// A DOM dump parsed with libxml2's HTML parser (network off), flattened to its elements.
struct HTMLDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    var elements: [Element] = []

    init(_ html: String) throws {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let parsed: htmlDocPtr? = html.withCString { htmlReadMemory($0, Int32(strlen($0)), "dom.html", "UTF-8", options) }
        guard let document = parsed else { throw ChromiumError("the dumped DOM does not parse") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw ChromiumError("the dumped DOM has no root") }
        walk(root)
    }

    private mutating func walk(_ node: xmlNodePtr) {
        let attributes = attributes(of: node)
        var text = ""
        if let content = xmlNodeGetContent(node) {
            text = String(cString: content)
            partner_audit_xml_free(content)
        }
        elements.append(Element(name: String(cString: node.pointee.name).lowercased(), attributes: attributes, text: text))
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { walk(current) }
            child = current.pointee.next
        }
    }
}
