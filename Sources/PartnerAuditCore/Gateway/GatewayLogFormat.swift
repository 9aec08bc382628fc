/// How one configured gateway log is read: a preset's name and map, or `fields` and its own map.
package struct GatewayLogFormat: Sendable, Equatable {
    /// `kong`, `aws-apigateway`, `envoy`, `nginx-json` or `fields`: recorded on each event as `details.gateway`.
    package var name: String
    package var fieldMap: GatewayFieldMap

    package init(name: String, fieldMap: GatewayFieldMap) {
        self.name = name
        self.fieldMap = fieldMap
    }

    package init(_ preset: GatewayPreset) {
        self.init(name: preset.rawValue, fieldMap: preset.fieldMap)
    }
}
