/// One request as a gateway's access-log line records it (source-api.md section 6): checked,
/// each text bounded, so what reaches the warehouse is what the rules can read.
package struct GatewayRequest: Sendable, Equatable {
    package var timestampMillis: Int64
    /// The OAuth client the gateway authenticated.
    package var clientID: String
    /// Canonical IPv4 or IPv6 text, port stripped.
    package var sourceIP: String
    package var method: String
    package var path: String
    package var status: Int
    package var requestID: String?
    package var userAgent: String?

    package init(timestampMillis: Int64, clientID: String, sourceIP: String, method: String, path: String, status: Int,
                 requestID: String? = nil, userAgent: String? = nil) {
        self.timestampMillis = timestampMillis
        self.clientID = clientID
        self.sourceIP = sourceIP
        self.method = method
        self.path = path
        self.status = status
        self.requestID = requestID
        self.userAgent = userAgent
    }

    /// Reads one line's bytes (without its newline) through `map`: the line is checked whole as
    /// JSON, and only the values `map` names are built (`JSONParser.select`).
    ///
    /// - Throws: `GatewayLineError` when the line is not a JSON object, a required field is
    ///   missing, a value is not what the field holds (a bad address, timestamp, status, method),
    ///   or a field read holds an escaped NUL (`\u0000`) or a lone surrogate (`\ud800`): SQLite's
    ///   `json_extract` ends a string at a NUL, so the stored text and the columns would disagree.
    package init(line: [UInt8], map: borrowing GatewayFieldMap) throws(GatewayLineError) {
        self = try line.withUnsafeBufferPointer { (bytes) throws(GatewayLineError) in try GatewayRequest(line: bytes, map: map) }
    }

    /// `init(line:map:)` from the reading buffer, without a copy of the line.
    package init(line: UnsafeBufferPointer<UInt8>, map: borrowing GatewayFieldMap) throws(GatewayLineError) {
        let selected: [JSONValue?]?
        var unreadable: Set<Int> = []
        do {
            selected = try JSONParser.select(line, map.selection, unreadableSlots: &unreadable)
        } catch {
            throw GatewayLineError("not JSON (\(error.message) at byte \(error.offset))")
        }
        guard let selected else { throw GatewayLineError("not a JSON object") }
        if !unreadable.isEmpty, let field = GatewayField.allCases.first(where: { map.slot($0, in: selected).map(unreadable.contains) == true }) {
            throw GatewayLineError("\(field.rawValue) holds an escaped NUL or a lone surrogate (\\u0000, \\ud800): SQLite would read the stored text otherwise")
        }
        try self.init(map: map, selected: selected)
    }

    /// Reads the fields from the slots `JSONParser.select` filled for `map`.
    private init(map: borrowing GatewayFieldMap, selected: borrowing [JSONValue?]) throws(GatewayLineError) {
        func value(_ field: GatewayField) -> JSONValue? { map.value(field, in: selected) }
        func required(_ field: GatewayField) throws(GatewayLineError) -> JSONValue {
            guard let found = value(field), !Self.isDash(found) else {
                let paths = map.candidates(field).map { $0.joined(separator: ".") }.joined(separator: " or ")
                throw GatewayLineError("no \(field.rawValue) (\(paths))")
            }
            return found
        }
        func text(_ field: GatewayField, max: Int) throws(GatewayLineError) -> String {
            let found = try required(field)
            let text: String
            switch found {
            case .string(let string): text = string
            case .int(let number): text = String(number)
            default: throw GatewayLineError("\(field.rawValue) is not a string")
            }
            guard !text.isEmpty, text.utf8.count <= max else { throw GatewayLineError("\(field.rawValue) is empty or longer than \(max) bytes") }
            return text
        }
        let time = try required(.timestamp)
        guard let millis = GatewayTime.milliseconds(time) else {
            throw GatewayLineError("bad timestamp '\(GatewayLineError.excerpt(time.stringValue ?? time.canonicalText))'")
        }
        timestampMillis = millis
        clientID = try text(.clientId, max: 256)
        let address = try text(.sourceIp, max: 64)
        guard let canonical = GatewayAddress.canonical(address) else {
            throw GatewayLineError("bad source address '\(GatewayLineError.excerpt(address))'")
        }
        sourceIP = canonical
        let method = try text(.method, max: 16)
        guard method.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
            throw GatewayLineError("bad method '\(GatewayLineError.excerpt(method))'")
        }
        self.method = method.utf8.allSatisfy({ $0 <= 90 }) ? method : method.uppercased()
        path = try text(.path, max: 8192)
        let statusValue = try required(.status)
        guard let status = statusValue.intValue, (100...599).contains(status) else {
            throw GatewayLineError("bad status '\(GatewayLineError.excerpt(statusValue.stringValue ?? statusValue.canonicalText))'")
        }
        self.status = Int(status)
        requestID = Self.optional(value(.requestId), max: 200)
        userAgent = Self.optional(value(.userAgent), max: 1024)
    }

    /// An optional text field: absent, `-`, empty, not text or too long all read as absent.
    private static func optional(_ value: JSONValue?, max: Int) -> String? {
        guard let text = value?.nonEmptyString, text != "-", text.utf8.count <= max else { return nil }
        return text
    }

    /// Envoy writes `-` for a value it does not have.
    private static func isDash(_ value: JSONValue) -> Bool { value.stringValue == "-" }
}
