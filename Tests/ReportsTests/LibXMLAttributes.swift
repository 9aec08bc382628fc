import CLibXML2

/// A libxml2 element's attributes by name; an attribute without a value reads as empty.
func attributes(of node: xmlNodePtr) -> [String: String] {
    var attributes: [String: String] = [:]
    var attribute = node.pointee.properties
    while let current = attribute {
        let name = String(cString: current.pointee.name)
        if let value = xmlGetProp(node, current.pointee.name) {
            attributes[name] = String(cString: value)
            partner_audit_xml_free(value)
        } else {
            attributes[name] = ""
        }
        attribute = current.pointee.next
    }
    return attributes
}
