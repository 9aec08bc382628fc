import ArgumentParser
import Foundation
import PartnerAuditCore

/// Options every warehouse command shares: where the configuration and the warehouse are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: partner-audit.yml in the working directory, if present).")
    var config: String?

    @Option(name: .long, help: "The warehouse file (overrides `warehouse` in the configuration).")
    var warehouse: String?

    @Flag(name: .long, help: "Log more (every retry and request problem, at debug level).")
    var verbose = false

    /// The configuration: the file named by `--config`, else `partner-audit.yml` if it exists, else defaults.
    func loadConfiguration() throws -> Configuration {
        var configuration: Configuration
        if let config {
            configuration = try ConfigurationFile.load(config)
        } else if FileManager.default.fileExists(atPath: ConfigurationFile.defaultName) {
            configuration = try ConfigurationFile.load(ConfigurationFile.defaultName)
        } else {
            configuration = Configuration()
        }
        if let warehouse { configuration.warehouse = warehouse }
        return configuration
    }
}

/// Reading `partner-audit.yml`.
enum ConfigurationFile {
    static let defaultName = "partner-audit.yml"

    static func load(_ path: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, message: "cannot be read (does it exist?)")
        }
        return try Configuration(yaml: String(decoding: data, as: UTF8.self), file: path)
    }
}

/// Parses `--since`/`--until`-style values: an ISO 8601 UTC time or a date (midnight UTC).
enum MomentArgument {
    static func parse(_ text: String, option: String) throws -> Date {
        if let date = Timestamp.parse(text) { return date }
        if let date = Timestamp.parse(text + "T00:00:00Z") { return date }
        throw UsageError("\(option) '\(text)' is not a date (2026-09-30) or a UTC time (2026-09-30T12:00:00Z)")
    }
}
