import CLibXML2
import Foundation

/// A parsed XML document for the tests: libxml2's tree, read with the network off and no
/// entity substitution, walked into plain Swift values.
final class XMLTree {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var children: [Element]

        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
        func child(_ name: String) -> Element? { children.first { $0.name == name } }
    }

    let root: Element

    init(file: URL) throws {
        guard let document = xmlReadFile(file.path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            throw FixtureError("\(file.lastPathComponent) does not parse")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw FixtureError("\(file.lastPathComponent) has no root") }
        self.root = Self.element(root)
    }

    private static func element(_ node: xmlNodePtr) -> Element {
        let attributes = attributes(of: node)
        var children: [Element] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                children.append(element(current))
            } else if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
        return Element(name: String(cString: node.pointee.name), attributes: attributes, text: text, children: children)
    }
}
