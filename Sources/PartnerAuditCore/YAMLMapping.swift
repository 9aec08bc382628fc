import Yams

/// A YAML mapping read strictly: every key must be known, every value of the right type,
/// and every error names the file and the line.
///
/// Shared by the configuration file and the policy file.
package struct YAMLMapping {
    package let file: String
    private let mapping: Node.Mapping
    /// Where the mapping itself starts (1-based), for errors about a missing key.
    package let line: Int

    /// Parses a whole document whose top level must be a mapping; an empty document is an empty mapping.
    package static func document(_ text: String, file: String) throws(ConfigurationError) -> YAMLMapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: error.line, message: "is not valid YAML: \(error.summary)")
        } catch {
            throw ConfigurationError(file: file, line: nil, message: "is not valid YAML: \(error)")
        }
        guard let node else { return YAMLMapping(file: file, mapping: Node.Mapping([]), line: 1) }
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, line: node.mark?.line, message: "the top level must be a mapping of keys to values")
        }
        return YAMLMapping(file: file, mapping: mapping, line: mapping.mark?.line ?? 1)
    }

    private init(file: String, mapping: Node.Mapping, line: Int) {
        self.file = file
        self.mapping = mapping
        self.line = line
    }

    /// Refuses any key outside `known`, naming the key and its line.
    package func rejectUnknownKeys(_ known: Set<String>, context: String) throws(ConfigurationError) {
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !known.contains(name) {
                let list = known.sorted().joined(separator: ", ")
                throw ConfigurationError(file: file, line: key.mark?.line, message: "unknown key '\(name)' in \(context) (known: \(list))")
            }
        }
    }

    /// The line of a key, for errors about its value.
    package func line(of key: String) -> Int? { entry(key)?.key.mark?.line }

    package func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let (_, value) = entry(key), !isNull(value) else { return nil }
        guard let scalar = value.scalar else { throw typeError(key, value, "a single value") }
        return scalar.string
    }

    package func int(_ key: String) throws(ConfigurationError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let number = Int(text) else {
            throw ConfigurationError(file: file, line: line(of: key), message: "'\(key)' must be a whole number, not '\(text)'")
        }
        return number
    }

    package func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ConfigurationError(file: file, line: line(of: key), message: "'\(key)' must be true or false, not '\(text)'")
        }
    }

    /// A list of single values, each with its line.
    package func strings(_ key: String) throws(ConfigurationError) -> [(value: String, line: Int?)]? {
        guard let (_, value) = entry(key), !isNull(value) else { return nil }
        guard let sequence = value.sequence else { throw typeError(key, value, "a list") }
        var out: [(String, Int?)] = []
        for element in sequence {
            guard let scalar = element.scalar else {
                throw ConfigurationError(file: file, line: element.mark?.line, message: "'\(key)' must list single values")
            }
            out.append((scalar.string, element.mark?.line))
        }
        return out
    }

    package func mapping(_ key: String) throws(ConfigurationError) -> YAMLMapping? {
        guard let (_, value) = entry(key), !isNull(value) else { return nil }
        guard let inner = value.mapping else { throw typeError(key, value, "a mapping of keys to values") }
        return YAMLMapping(file: file, mapping: inner, line: inner.mark?.line ?? line(of: key) ?? line)
    }

    /// A list of mappings.
    package func mappings(_ key: String) throws(ConfigurationError) -> [YAMLMapping]? {
        guard let (_, value) = entry(key), !isNull(value) else { return nil }
        guard let sequence = value.sequence else { throw typeError(key, value, "a list") }
        var out: [YAMLMapping] = []
        for element in sequence {
            guard let inner = element.mapping else {
                throw ConfigurationError(file: file, line: element.mark?.line, message: "each entry of '\(key)' must be a mapping")
            }
            out.append(YAMLMapping(file: file, mapping: inner, line: inner.mark?.line ?? line))
        }
        return out
    }

    /// Every key of this mapping with its line, in document order.
    package var keys: [(name: String, line: Int?)] {
        mapping.map { ($0.key.string ?? "?", $0.key.mark?.line) }
    }

    // MARK: - Helpers

    private func entry(_ key: String) -> (key: Node, value: Node)? {
        mapping.first { $0.key.string == key }.map { ($0.key, $0.value) }
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func typeError(_ key: String, _ value: Node, _ expected: String) -> ConfigurationError {
        ConfigurationError(file: file, line: value.mark?.line ?? line(of: key), message: "'\(key)' must be \(expected)")
    }
}

extension YamlError {
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    fileprivate var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(self)"
        }
    }
}
