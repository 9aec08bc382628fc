// MARK: - Strings holding a NUL

extension JSONValue {
    /// Where a string of this value (a key or a value, at any depth) holds a NUL (`\u0000` as
    /// sent): a path such as `name` or `roleDivisions[0].roleId`; `nil` when none does.
    ///
    /// SQLite ends a text at a NUL where the columns are bound and where `json_extract` reads
    /// the stored text, while the canonical text keeps it as `\u0000`: a record holding one
    /// would read one way in its columns and another in its stored JSON, so the sources refuse
    /// it. (A lone surrogate was decoded as U+FFFD, which both read alike.)
    package var pathToNUL: String? { pathToNUL(under: "") }

    private func pathToNUL(under path: String) -> String? {
        switch self {
        case .string(let text):
            return text.utf8.contains(0) ? (path.isEmpty ? "(whole)" : path) : nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = element.pathToNUL(under: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for key in members.keys.sorted() {
                let named = path.isEmpty ? key : "\(path).\(key)"
                if key.utf8.contains(0) { return Self.visibleNUL(named) + " (the key)" }
                if let found = members[key]?.pathToNUL(under: named) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// `text` with each NUL written `\u0000`, for an error message.
    package static func visibleNUL(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\\u0000") : text
    }

    /// The reason a record holding a NUL at some path is refused, for `SourceDataError`.
    package static let nulReason = "holds an escaped NUL (\\u0000): SQLite would end the text there in the columns and in the stored JSON, so they and the text as sent would disagree"
}
