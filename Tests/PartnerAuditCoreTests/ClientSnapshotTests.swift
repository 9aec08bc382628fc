import Testing
@testable import PartnerAuditCore

@Suite("OAuth client decoding")
struct ClientSnapshotTests {
    @Test("The live API's field names are accepted as aliases and grant types normalised")
    func liveAliases() throws {
        let json = try JSONParser.parse("""
            {"id": "c1", "name": "Partner-Integration-Prod-Acme", "authorizedGrantType": "CLIENT-CREDENTIALS",
             "registeredRedirectUri": ["https://x"], "scope": ["routing:queue:read"], "extra": {"kept": true}}
            """)
        let client = try ClientSnapshot(sourceJSON: json)
        #expect(client.grantType == "client_credentials")
        #expect(client.redirectURIs == ["https://x"])
        #expect(client.scopes == ["routing:queue:read"])
        #expect(client.rawJSON.contains(#""extra":{"kept":true}"#))
        #expect(client.nameConvention == PartnerAppName(parsing: "Partner-Integration-Prod-Acme"))
        #expect(client.nameConvention?.partner == "acme")
        #expect(client.nameConvention?.environment == "prod")
    }

    @Test("A secret the source sends is never kept")
    func dropsSecrets() throws {
        let json = try JSONParser.parse(#"{"id": "c1", "name": "n", "secret": "s3cr3t-value", "clientSecret": "other"}"#)
        let client = try ClientSnapshot(sourceJSON: json)
        #expect(!client.rawJSON.contains("s3cr3t-value"))
        #expect(!client.rawJSON.contains("other"))
    }

    @Test("A secret is never kept at any depth or in any letter case")
    func dropsNestedSecrets() throws {
        let text = #"{"id": "c1", "name": "n", "SECRET": "top-1", "credentials": {"Client_Secret": "nested-2", "keep": "visible"}, "#
            + #""history": [{"ClientSecret": "in-array-3"}, {"note": "fine"}]}"#
        let client = try ClientSnapshot(sourceJSON: try JSONParser.parse(text))
        for planted in ["top-1", "nested-2", "in-array-3"] { #expect(!client.rawJSON.contains(planted), "\(planted) was kept") }
        #expect(client.rawJSON.contains("visible") && client.rawJSON.contains("fine"))
    }

    @Test("A malformed field names the client and the field")
    func malformedField() {
        let error = #expect(throws: SourceDataError.self) {
            try ClientSnapshot(sourceJSON: try JSONParser.parse(#"{"id": "c9", "name": "n", "scopes": "routing"}"#))
        }
        #expect(error?.description == "OAuth client c9: field 'scopes' is not a list of strings")
    }

    @Test("A NUL in any string of the client is refused, naming where: its columns and stored JSON would read apart", arguments: [
        (#""id": "c1\u0000-shadow""#, "id", "OAuth client c1\\u0000-shadow"),
        (#""id": "c1", "name": "Partner-Integration-Prod-Acme\u0000 (shadow)""#, "name", "OAuth client c1"),
        (#""id": "c1", "roleDivisions": [{"roleId": "r1"}, {"roleId": "r\u0000"}]"#, "roleDivisions[1].roleId", "OAuth client c1"),
        (#""id": "c1", "extra": {"k\u0000": 1}"#, "extra.k\\u0000 (the key)", "OAuth client c1"),
    ])
    func nulRefused(members: String, field: String, what: String) {
        let error = #expect(throws: SourceDataError.self) { try ClientSnapshot(sourceJSON: try JSONParser.parse("{\(members)}")) }
        #expect(error?.field == field)
        #expect(error?.what == what)
        #expect(error?.description.utf8.contains(0) == false, "the message prints the NUL as \\u0000")
    }

    @Test("Names off the convention are not attributed", arguments: ["legacy-sync-tool", "Partner-Integration-Prod", "Partner-Integration--Acme"])
    func offConvention(name: String) {
        #expect(PartnerAppName(parsing: name) == nil)
    }
}
