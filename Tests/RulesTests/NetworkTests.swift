import Testing
@testable import Rules

@Suite("IP addresses and CIDR blocks")
struct NetworkTests {
    // MARK: - Addresses

    @Test("An IPv4 address parses to its value and prints in dotted decimal")
    func ipv4RoundTrip() throws {
        let address = try #require(IPAddress("192.0.2.1"))
        #expect(address.family == .v4)
        #expect(address.v4Value == 0xC000_0201)
        #expect(address.description == "192.0.2.1")
    }

    @Test("An IPv6 address prints in RFC 5952 canonical form", arguments: [
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("fe80::0001:0:0:2", "fe80::1:0:0:2"),
        ("64:ff9b::198.51.100.7", "64:ff9b::c633:6407"),
    ])
    func ipv6Canonical(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.family == .v6)
        #expect(address.description == canonical)
    }

    @Test("An IPv4-mapped IPv6 address is its IPv4 address")
    func mappedIsIPv4() throws {
        let mapped = try #require(IPAddress("::ffff:1.2.3.4"))
        #expect(mapped == IPAddress("1.2.3.4"))
        #expect(mapped.family == .v4)
        #expect(mapped.description == "1.2.3.4")
        #expect(IPAddress("::ffff:0102:0304") == mapped)
    }

    @Test("Malformed addresses are refused", arguments: [
        "", " 1.2.3.4", "010.0.0.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", "12345", "abc",
        "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::1", ":1::", "1:", "g::1",
        "12345::", "1:2:3:4:5:6:7:8::", "::1.2.3.4:5", "1.2.3.4::",
    ])
    func malformedAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("Addresses sort IPv4 first, then numerically")
    func ordering() throws {
        let texts = ["::1", "10.0.0.2", "2001:db8::", "10.0.0.10", "9.255.255.255"]
        let sorted = try texts.map { try #require(IPAddress($0)) }.sorted().map(\.description)
        #expect(sorted == ["9.255.255.255", "10.0.0.2", "10.0.0.10", "::1", "2001:db8::"])
    }

    // MARK: - Blocks

    @Test("A bare address is a single-address block")
    func bareAddress() throws {
        #expect(try CIDRBlock.parse("192.0.2.7").description == "192.0.2.7/32")
        #expect(try CIDRBlock.parse("2001:db8::1").description == "2001:db8::1/128")
    }

    @Test("Host bits are accepted, cleared to the network address and remembered")
    func hostBits() throws {
        let written = try CIDRBlock.parse("10.1.2.3/16")
        let clean = try CIDRBlock.parse("10.1.0.0/16")
        #expect(written.description == "10.1.0.0/16")
        #expect(written.hadHostBits)
        #expect(!clean.hadHostBits)
        #expect(written == clean)
    }

    @Test("An IPv4 block contains its first and last address and nothing either side")
    func ipv4Edges() throws {
        let block = try CIDRBlock.parse("10.1.0.0/16")
        #expect(block.lastAddress.description == "10.1.255.255")
        #expect(block.contains(try #require(IPAddress("10.1.0.0"))))
        #expect(block.contains(try #require(IPAddress("10.1.255.255"))))
        #expect(!block.contains(try #require(IPAddress("10.0.255.255"))))
        #expect(!block.contains(try #require(IPAddress("10.2.0.0"))))
    }

    @Test("An IPv6 block contains its first and last address and nothing either side")
    func ipv6Edges() throws {
        let block = try CIDRBlock.parse("2001:db8::/32")
        #expect(block.lastAddress.description == "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(block.contains(try #require(IPAddress("2001:db8::"))))
        #expect(block.contains(try #require(IPAddress("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))))
        #expect(!block.contains(try #require(IPAddress("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"))))
        #expect(!block.contains(try #require(IPAddress("2001:db9::"))))
    }

    @Test("A block never contains an address of the other family, but an IPv4-mapped address is IPv4")
    func familiesDoNotMix() throws {
        let v4Everything = try CIDRBlock.parse("0.0.0.0/0")
        let v6Everything = try CIDRBlock.parse("::/0")
        #expect(!v6Everything.contains(try #require(IPAddress("1.2.3.4"))))
        #expect(!v4Everything.contains(try #require(IPAddress("::1"))))
        #expect(v4Everything.contains(try #require(IPAddress("::ffff:1.2.3.4"))))
    }

    @Test("An IPv4-mapped IPv6 block is the IPv4 block, and its prefix must reach past the mapping")
    func mappedBlock() throws {
        #expect(try CIDRBlock.parse("::ffff:10.0.0.0/104") == CIDRBlock.parse("10.0.0.0/8"))
        let error = #expect(throws: CIDRError.self) { try CIDRBlock.parse("::ffff:10.0.0.0/64") }
        #expect(error?.code == .mappedPrefixTooShort(64))
    }

    @Test("A block contains the blocks nested in it, and nested blocks overlap")
    func nesting() throws {
        let wide = try CIDRBlock.parse("10.0.0.0/8")
        let narrow = try CIDRBlock.parse("10.1.0.0/16")
        let beside = try CIDRBlock.parse("11.0.0.0/8")
        #expect(wide.contains(narrow))
        #expect(!narrow.contains(wide))
        #expect(wide.overlaps(narrow) && narrow.overlaps(wide))
        #expect(!wide.overlaps(beside))
        #expect(!wide.overlaps(try CIDRBlock.parse("::/0")))
    }

    @Test("With the default maximums an IPv4 /24 passes and a /23 is broader")
    func ipv4Breadth() throws {
        #expect(!(try CIDRBlock.parse("34.120.7.0/24")).isBroader(thanIPv4: 24, ipv6: 48))
        #expect(try CIDRBlock.parse("34.120.6.0/23").isBroader(thanIPv4: 24, ipv6: 48))
    }

    @Test("With the default maximums an IPv6 /48 passes and a /47 is broader")
    func ipv6Breadth() throws {
        #expect(!(try CIDRBlock.parse("2600:1f18:1::/48")).isBroader(thanIPv4: 24, ipv6: 48))
        #expect(try CIDRBlock.parse("2600:1f18::/47").isBroader(thanIPv4: 24, ipv6: 48))
    }

    @Test("0.0.0.0/0 and ::/0 are everything, and nothing narrower is")
    func everything() throws {
        #expect(try CIDRBlock.parse("0.0.0.0/0").isEverything)
        #expect(try CIDRBlock.parse("::/0").isEverything)
        #expect(!(try CIDRBlock.parse("0.0.0.0/1")).isEverything)
        #expect(try CIDRBlock.parse("0.0.0.0/0").addressCountDescription == "4294967296")
        #expect(try CIDRBlock.parse("::/0").addressCountDescription == "2^128")
        #expect(try CIDRBlock.parse("192.0.2.0/24").addressCount == 256)
    }

    // MARK: - Malformed blocks

    @Test("A malformed block is an error naming the problem", arguments: [
        ("10.0.0.300/24", CIDRError.Code.octetOutOfRange("300"), "'10.0.0.300/24': octet 300 is out of range"),
        ("1.2.3/24", .wrongOctetCount(3), "'1.2.3/24': an IPv4 address has 4 octets, not 3"),
        ("1.2.3.4/33", .prefixTooLong(33, max: 32), "'1.2.3.4/33': prefix 33 is longer than 32"),
        ("::1::2/64", .repeatedCompression, "'::1::2/64': '::' appears more than once"),
        ("abc", .notAnAddress, "'abc': is not an IPv4 (a.b.c.d) or IPv6 address"),
        ("", .empty, "'': is empty"),
        ("010.0.0.0/8", .octetLeadingZero("010"), "'010.0.0.0/8': octet '010' has a leading zero (octal or decimal?)"),
        ("2001:db8::/129", .prefixTooLong(129, max: 128), "'2001:db8::/129': prefix 129 is longer than 128"),
        ("10.0.0.0/", .badPrefix(""), "'10.0.0.0/': prefix '' is not a whole number"),
        ("10.0.0.0/8/8", .badPrefix("8/8"), "'10.0.0.0/8/8': prefix '8/8' is not a whole number"),
        ("fe80::1%eth0/64", .zoneID, "'fe80::1%eth0/64': zone ids ('%eth0') are not allowed"),
    ])
    func malformedBlock(text: String, code: CIDRError.Code, message: String) {
        let error = #expect(throws: CIDRError.self) { try CIDRBlock.parse(text) }
        #expect(error?.code == code)
        #expect(error?.description == message)
    }

    // MARK: - Reserved space

    @Test("Each special-purpose range is classified with its kind", arguments: [
        ("10.20.0.0/16", ReservedKind.privateNetwork), ("172.31.255.0/24", .privateNetwork), ("192.168.1.0/24", .privateNetwork),
        ("127.0.0.1", .loopback), ("::1", .loopback),
        ("169.254.10.0/24", .linkLocal), ("fe80::/64", .linkLocal),
        ("100.64.0.0/10", .sharedAddressSpace),
        ("192.0.2.0/24", .documentation), ("198.51.100.128/25", .documentation), ("203.0.113.7", .documentation),
        ("2001:db8:1::/48", .documentation),
        ("fd12:3456::/32", .uniqueLocal),
        ("0.0.0.0/8", .unspecified), ("::", .unspecified),
        ("224.0.0.0/24", .multicast), ("ff02::1", .multicast),
        ("198.19.0.0/16", .benchmarking), ("2001:2::/48", .benchmarking),
        ("255.255.255.255", .futureUse),
    ])
    func reserved(text: String, kind: ReservedKind) throws {
        #expect(reservedKind(of: try CIDRBlock.parse(text)) == kind)
    }

    @Test("Public space is not reserved", arguments: ["34.120.0.0/24", "8.8.8.8", "172.32.0.0/16", "2600:1f18::/32", "100.128.0.0/10"])
    func publicSpace(text: String) throws {
        #expect(reservedKind(of: try CIDRBlock.parse(text)) == nil)
    }

    @Test("A wider block that overlaps reserved space is classified by what it overlaps")
    func overlapping() throws {
        #expect(reservedKind(of: try CIDRBlock.parse("8.0.0.0/6")) == .privateNetwork)
        #expect(reservedKind(of: try CIDRBlock.parse("192.0.0.0/16")) == .documentation)
    }

    @Test("Everything is not classified as reserved: it is a different finding")
    func everythingIsNotReserved() throws {
        #expect(reservedKind(of: try CIDRBlock.parse("0.0.0.0/0")) == nil)
        #expect(reservedKind(of: try CIDRBlock.parse("::/0")) == nil)
    }

    @Test("Every reserved range is in the table and every kind has a name for findings")
    func reservedTable() {
        #expect(ReservedKind.allCases.map(\.blocks.count).reduce(0, +) == 20)
        #expect(ReservedKind.privateNetwork.name == "RFC 1918 private space")
        #expect(ReservedKind.allCases.allSatisfy { !$0.name.isEmpty && !$0.blocks.isEmpty })
    }
}

@Suite("Network index")
struct NetworkIndexTests {
    @Test("The index finds the same partner environments as scanning every network")
    func agreesWithScan() throws {
        let policy = try Policy(yaml: """
            partners:
              - id: acme
                networks:
                  prod: [34.10.0.0/24, 2001:db8:10::/48]
                  staging: [34.10.0.128/25, 34.20.0.0/16]
              - id: globex
                networks:
                  prod: [34.10.0.0/23, 0.0.0.0/0]
            """, file: "policy.yml", knownRuleIDs: [])
        let index = NetworkIndex(policy)
        for text in ["34.10.0.1", "34.10.0.200", "34.10.1.9", "34.20.255.1", "8.8.8.8", "2001:db8:10::1", "2001:db8:11::1"] {
            let address = try #require(IPAddress(text))
            let scanned = policy.environments(containing: address).map { "\($0.partnerID)/\($0.environment)" }
            #expect(index.places(containing: address).map { "\($0.partnerID)/\($0.environment)" } == scanned, "\(text)")
        }
    }
}
