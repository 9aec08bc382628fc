import PartnerAuditCore

// MARK: - Small readers the policy needs on top of YAMLMapping

extension YAMLMapping {
    /// A single value that must be present and not blank; the error names `context` and the mapping's line.
    func requiredString(_ key: String, in context: String) throws(ConfigurationError) -> String {
        guard let value = try string(key) else {
            throw ConfigurationError(file: file, line: line, message: "\(context) has no '\(key)'")
        }
        guard !value.allSatisfy(\.isWhitespace) else {
            throw ConfigurationError(file: file, line: line(of: key) ?? line, message: "\(context): '\(key)' is empty")
        }
        return value
    }

    /// A whole number within `range`, or `fallback` when the key is absent.
    func int(_ key: String, in range: ClosedRange<Int>, default fallback: Int, context: String) throws(ConfigurationError) -> Int {
        guard let number = try int(key) else { return fallback }
        guard range.contains(number) else {
            throw ConfigurationError(
                file: file, line: line(of: key) ?? line,
                message: "\(context)\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(number)"
            )
        }
        return number
    }

    /// An error about this mapping, at the given line or else the mapping's own.
    func error(_ message: String, line: Int? = nil) -> ConfigurationError {
        ConfigurationError(file: file, line: line ?? self.line, message: message)
    }
}
