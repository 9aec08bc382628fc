/// One file of a pack as the manifest records it.
package struct PackFile: Sendable, Hashable, Codable {
    package var name: String
    package var sha256: String
    package var bytes: Int64

    package init(name: String, sha256: String, bytes: Int64) {
        self.name = name
        self.sha256 = sha256
        self.bytes = bytes
    }
}
