import Testing
@testable import PartnerAuditCore

/// The reading loop's shortcuts must give what the plain code gives: a path's API family read
/// on its bytes, integers written without a string, fields looked up by index.
@Suite("The gateway reading loop's shortcuts")
struct GatewayHotPathTests {
    @Test("A path's API family read on its bytes is the one read on its characters", arguments: [
        "/api/v2/users/42", "/api/v2/routing/queues?pageSize=25", "api/v2/users", "//api//v2//users", "/api/v2", "/api/v2/",
        "/api/x2/users", "/apix/v2/users", "/api/v2?users/x", "/api/v/users", "/not-the-api/é", "/api/v2/é/x", "/api/v\u{301}2/users",
        "/api/v2/" + String(repeating: "a", count: 64), "/api/v2/" + String(repeating: "a", count: 65) + "/x", "", "/", "?", "/api/v2/\u{1}",
    ])
    func resource(path: String) {
        #expect(GatewayRequest.resource(of: path) == GatewayRequest.resource(ofText: path))
    }

    @Test("Integers are written as String(value) writes them")
    func decimals() {
        var generator = SystemRandomNumberGenerator()
        let values: [Int64] = [0, 9, 10, 99, 100, -1, -10, 1_790_812_800_123, .max, .min, .max - 1, .min + 1]
            + (0..<500).map { _ in Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator) }
        for value in values {
            var out: [UInt8] = []
            DecimalText.append(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
            #expect(DecimalText.count(value) == String(value).utf8.count)
        }
    }

    @Test("Each field's index is its place in allCases")
    func fieldIndexes() {
        for (place, field) in GatewayField.allCases.enumerated() { #expect(field.index == place) }
    }
}
