/// One `gateway:` entry of the configuration (cli.md): which files, read how.
package struct GatewayLogSettings: Sendable, Equatable {
    /// A path whose last components may hold `*` (`/var/log/kong/partner-access.log*`): rotated
    /// and `.gz` files included.
    package var path: String
    package var format: GatewayLogFormat

    package init(path: String, format: GatewayLogFormat) {
        self.path = path
        self.format = format
    }

    /// Reads one entry: `path`, `format` (a preset, or `fields` with a `fields:` map of dotted paths).
    init(_ map: YAMLMapping) throws(ConfigurationError) {
        try map.rejectUnknownKeys(["path", "format", "fields"], context: "gateway")
        guard let path = try map.string("path"), !path.isEmpty else {
            throw ConfigurationError(file: map.file, line: map.line, message: "each gateway entry needs a 'path'")
        }
        let name = try map.string("format") ?? ""
        let fields = try map.mapping("fields")
        if let preset = GatewayPreset(rawValue: name) {
            guard fields == nil else {
                throw ConfigurationError(file: map.file, line: map.line(of: "fields"), message: "gateway 'fields' goes with format: fields, not with the '\(name)' preset")
            }
            self.init(path: path, format: GatewayLogFormat(preset))
            return
        }
        guard name == "fields" else {
            let names = GatewayPreset.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(file: map.file, line: map.line(of: "format") ?? map.line,
                                     message: "gateway.format must be one of \(names) or fields, not '\(name)'")
        }
        guard let fields else {
            throw ConfigurationError(file: map.file, line: map.line(of: "format"), message: "gateway format: fields needs a 'fields' mapping")
        }
        try fields.rejectUnknownKeys(Set(GatewayField.allCases.map(\.rawValue)), context: "gateway.fields")
        var fieldMap = GatewayFieldMap()
        for field in GatewayField.allCases {
            if let dotted = try fields.string(field.rawValue), !dotted.isEmpty { fieldMap.set(field, to: dotted) }
        }
        if let missing = fieldMap.missingRequired.first {
            throw ConfigurationError(file: map.file, line: fields.line, message: "gateway.fields needs '\(missing.rawValue)'")
        }
        self.init(path: path, format: GatewayLogFormat(name: "fields", fieldMap: fieldMap))
    }
}
