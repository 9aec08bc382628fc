import Foundation
import GRDB
import PartnerAuditCore
import Reports
import Testing

@Suite("Evidence pack round trip and reproducibility")
struct RoundTripTests {
    /// Rebuilds a finding from its `<finding>` element.
    private func finding(_ element: XMLTree.Element) throws -> Finding {
        let a = element.attributes
        func required(_ key: String) throws -> String {
            guard let value = a[key] else { throw FixtureError("<finding> without \(key)") }
            return value
        }
        let evidence = try #require(element.child("evidence"))
        var counts: [String: Int] = [:]
        for count in evidence.children("count") { counts[count.attributes["name"] ?? ""] = Int(count.attributes["value"] ?? "") }
        let waiver = element.child("waiver").map {
            WaiverNote(justification: $0.child("justification")?.text ?? "", approvedBy: $0.attributes["approvedBy"] ?? "",
                       expires: $0.attributes["expires"] ?? "", expired: $0.attributes["expired"] == "true")
        }
        return Finding(
            fingerprint: try required("fingerprint"), ruleID: try required("ruleId"),
            category: try #require(FindingCategory(rawValue: try required("category"))), severity: try #require(Severity(rawValue: try required("severity"))),
            clientID: try required("clientId"), clientName: try required("clientName"), partner: try required("partner"),
            environment: try required("environment"), subject: try required("subject"), title: element.child("title")?.text ?? "",
            detail: element.child("detail")?.text ?? "",
            evidence: Evidence(
                scopes: evidence.children("scope").map(\.text), cidrs: evidence.children("cidr").map(\.text),
                sourceIPs: evidence.children("sourceIP").map(\.text),
                events: evidence.children("event").map {
                    CitedEvent(id: $0.attributes["id"] ?? "", timestamp: $0.attributes["timestamp"] ?? "",
                               sourceIP: $0.attributes["sourceIP"] ?? "", action: $0.attributes["action"] ?? "")
                },
                counts: counts),
            controls: element.children("control").compactMap { $0.attributes["ref"] }, remediation: element.child("remediation")?.text ?? "",
            status: try #require(FindingStatus(rawValue: try required("status"))), firstSeen: try required("firstSeen"),
            lastSeen: try required("lastSeen"), resolvedAt: a["resolvedAt"], waiver: waiver)
    }

    @Test("Every finding of findings.json is in report.xml with the same fields, hostile text included")
    func everyFindingRoundTrips() async throws {
        let fixture = try await ReportFixture()
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let json = try JSONDecoder().decode([Finding].self, from: Data(contentsOf: pack.url(of: "findings.json")))
        let tree = try XMLTree(file: pack.url(of: "report.xml"))
        let xml = try #require(tree.root.child("findings")).children("finding").map(finding)
        #expect(json.count > 10)
        #expect(xml == json)
        #expect(json.contains { $0.clientName == ReportFixture.hostileName })
        #expect(json.contains { $0.ruleID == "AT-1" }, "Q3 starts before the simulator's first event: its first days are a gap")
        #expect(json.contains { $0.evidence.events.count > 0 })
        let inventory = try #require(tree.root.child("inventory")).children("client")
        #expect(inventory.contains { $0.child("name")?.text == ReportFixture.hostileName })
        #expect(inventory.contains { $0.child("description")?.text == ReportFixture.hostileDescription })
        let changes = try #require(tree.root.child("changes")).children("change")
        #expect(changes.contains { $0.children("field").contains { $0.child("new")?.text == ReportFixture.hostileName } })
    }

    @Test("Two packs of the same period are byte-identical apart from the generated-at stamp")
    func reproducible() async throws {
        let fixture = try await ReportFixture()
        defer { Task { await fixture.tearDown() } }
        let first = try await fixture.pack(named: "first", generatedAt: fixture.simulator.clock.now.addingTimeInterval(2 * 3600))
        let second = try await fixture.pack(named: "second", generatedAt: fixture.simulator.clock.now.addingTimeInterval(3 * 86_400 + 0.123))
        for name in ["findings.json", "findings.csv", "events.csv.gz", "evidence.xsd"] {
            #expect(try Data(contentsOf: first.url(of: name)) == Data(contentsOf: second.url(of: name)), "\(name) differs")
        }
        func withoutStamp(_ pack: EvidencePack) throws -> String {
            try String(contentsOf: pack.url(of: "report.xml"), encoding: .utf8)
                .replacingOccurrences(of: #"generatedAt="[^"]*""#, with: #"generatedAt="""#, options: .regularExpression)
        }
        let firstXML = try withoutStamp(first)
        #expect(firstXML == (try withoutStamp(second)))
        #expect(firstXML.count > 10_000)
        let manifests = try [first, second].map { try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: $0.url(of: "manifest.json"))) }
        #expect(manifests[0].generatedAt != manifests[1].generatedAt)
        #expect(manifests[0].chain == manifests[1].chain)
    }

    @Test("events.csv.gz holds the cited events, or with --with-events every event of the period")
    func eventsExport() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let cited = try await fixture.pack(named: "cited")
        let json = try JSONDecoder().decode([Finding].self, from: Data(contentsOf: cited.url(of: "findings.json")))
        #expect(cited.eventCount == Set(json.flatMap { $0.evidence.events.map(\.id) }).count)
        let all = try await fixture.pack(named: "all", withEvents: true)
        let stored = try await fixture.simulator.warehouse().eventCount()
        #expect(all.eventCount > cited.eventCount)
        #expect(all.eventCount <= stored)
        let gzip = try Data(contentsOf: all.url(of: "events.csv.gz"))
        #expect(gzip.prefix(2) == Data([0x1F, 0x8B]))
    }

    @Test("verify finds a fresh pack intact and names the one file whose byte changed")
    func verifyPack() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        #expect(try PackVerifier.verify(folder: pack.folder).isIntact)
        let target = pack.url(of: "findings.csv")
        var bytes = try Data(contentsOf: target)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: target)
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(!result.isIntact)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("findings.csv") == true)
    }

    /// Rewrites manifest.json through `edit`, keeping its format.
    private func editManifest(_ pack: EvidencePack, _ edit: (inout PackManifest) -> Void) throws {
        let url = pack.url(of: "manifest.json")
        var manifest = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: url))
        edit(&manifest)
        try manifest.encoded().write(to: url)
    }

    /// Edits report.html ("Findings" misspelt) and re-lists it in manifest.json with its new
    /// digest and size, then applies `edit` to the manifest.
    private func editPage(_ pack: EvidencePack, _ edit: (inout PackManifest) -> Void) throws {
        let page = pack.url(of: "report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "Findings", with: "Findngs").utf8).write(to: page)
        let (digest, size) = try FileDigest.sha256(of: page)
        try editManifest(pack) { manifest in
            manifest.files = manifest.files.map { $0.name == "report.html" ? PackFile(name: $0.name, sha256: digest, bytes: size) : $0 }
            edit(&manifest)
        }
    }

    @Test("A chain head edited in manifest.json while report.xml holds the old one: the pack's files disagree and verify says so")
    func manifestAndXMLAgree() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        try editManifest(pack) { $0.chain.head = String(repeating: "ab", count: 32) }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.contains { $0.contains("report.xml and manifest.json disagree on the chain head") }, "\(result.problems)")
    }

    @Test("The chain's verdict edited in manifest.json while report.xml holds the one the pack was made with: verify says they disagree")
    func intactAgrees() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        try editManifest(pack) { $0.chain.intact = false }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.contains("report.xml and manifest.json disagree on the chain's verdict: intact against broken"), "\(result.problems)")
    }

    @Test("The ledger's anchors edited in manifest.json (a truncated ledger's head put in) while report.xml holds the ones the pack was made with: verify says they disagree")
    func ledgerAnchorsAgree() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let manifest = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: pack.url(of: "manifest.json")))
        let entries = try #require(manifest.chain.ledgerEntries)
        #expect(entries > 1)
        let xml = try String(contentsOf: pack.url(of: "report.xml"), encoding: .utf8)
        #expect(xml.contains(#"ledgerEntries="\#(entries)""#) && xml.contains(#"ledgerHead="\#(manifest.chain.ledgerHead ?? "")""#))
        let page = try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8)
        #expect(page.contains(manifest.chain.ledgerHead ?? "-"), "the page shows the ledger head too")
        try editManifest(pack) {
            $0.chain.ledgerEntries = entries - 1
            $0.chain.ledgerHead = String(repeating: "cd", count: 32)
        }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.contains { $0.contains("report.xml and manifest.json disagree on the ledger entries") }, "\(result.problems)")
        #expect(result.problems.contains { $0.contains("report.xml and manifest.json disagree on the ledger head") }, "\(result.problems)")
        #expect(result.problems.contains { $0.contains("report.html does not show the ledger head manifest.json records") }, "\(result.problems)")
    }

    @Test("The fingerprint covers report.html: a page edited and re-listed with its new digest no longer matches the fingerprint")
    func fingerprintCoversThePage() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        #expect(try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8).contains(pack.fingerprint), "the cover shows the fingerprint")
        try editPage(pack) { _ in }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.count == 2, "\(result.problems)")
        #expect(result.problems.contains("manifest.json: the fingerprint does not match the files it lists"), "\(result.problems)")
        #expect(result.problems.contains { $0.hasPrefix("assessment-results.json and manifest.json disagree on the SHA-256 of report.html") }, "\(result.problems)")
    }

    @Test("A manifest forged with its fingerprint recomputed over an unchanged page: the cover no longer shows it, and verify says so")
    func forgedFingerprint() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let findings = pack.url(of: "findings.json")
        try Data("[]\n".utf8).write(to: findings)
        let (digest, size) = try FileDigest.sha256(of: findings)
        let page = try Data(contentsOf: pack.url(of: "report.html"))
        var forged = ""
        try editManifest(pack) { manifest in
            manifest.files = manifest.files.map { $0.name == "findings.json" ? PackFile(name: $0.name, sha256: digest, bytes: size) : $0 }
            manifest.fingerprint = PackManifest.fingerprint(of: manifest.files, sealedHTML: FileDigest.sha256(of: page))
            forged = manifest.fingerprint
        }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(!result.problems.contains("manifest.json: the fingerprint does not match the files it lists"), "the forgery is self-consistent")
        #expect(result.problems.contains("report.html shows the pack fingerprint \(pack.fingerprint) where manifest.json records \(forged)"), "\(result.problems)")
        #expect(result.problems.contains { $0.hasPrefix("assessment-results.json and manifest.json disagree on the pack's fingerprint") }, "\(result.problems)")
    }

    @Test("A manifest downgraded to format 1 (which left the page out) over an edited page: the pack's own contents say its format, and the cover still shows the old fingerprint")
    func downgradedFormat() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        try editPage(pack) { manifest in
            manifest.formatVersion = 1
            manifest.fingerprint = PackManifest.fingerprint(of: manifest.files, sealedHTML: nil)
        }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(!result.problems.contains("manifest.json: the fingerprint does not match the files it lists"), "the forgery is self-consistent as format 1")
        #expect(result.problems.contains { $0.hasPrefix("manifest.json says format 1, but the pack holds what format 3 brought") }, "\(result.problems)")
        #expect(result.problems.contains { $0.hasPrefix("report.html shows the pack fingerprint \(pack.fingerprint) where manifest.json records") }, "\(result.problems)")
    }

    @Test("A client's value changed behind the tool's back: the pack is refused as a warehouse that does not verify (exit 4), not as a bug and not by a trap", arguments: [
        ("a name re-stored as a blob, which the reader would trap on", "UPDATE client_snapshot SET name = X'FF'", "column name"),
        ("a date re-stored as a blob", "UPDATE client_snapshot SET date_created = X'00'", "column date_created"),
        ("a date rewritten as text the schema refuses", "UPDATE client_snapshot SET date_created = 'yesterday'", "differs from its last ledger entry"),
    ])
    func tamperedValueIsNoBug(what: String, statement: String, named: String) async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let queue = try DatabaseQueue(path: fixture.simulator.warehousePath)
        try await queue.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'client_snapshot'")
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'client_snapshot'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
            try db.execute(sql: statement)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
        try queue.close()
        let error = await #expect(throws: ReportError.self) { _ = try await fixture.pack() }
        #expect(error?.code == .tamperedWarehouse, "\(what): \(error.map { "\($0)" } ?? "")")
        #expect(error?.description.contains(named) == true, "\(what): \(error.map { "\($0)" } ?? "")")
        #expect(error?.description.contains("a bug") == false)
    }

    @Test("A page edited with the manifest's new fingerprint hidden in a comment: its cover and footer still show the old one, and verify says so")
    func fingerprintHiddenInAComment() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let page = pack.url(of: "report.html")
        // The page is hashed with every copy of the manifest's fingerprint blanked, so a new
        // fingerprint written only into a comment is a fixed point of the hashing.
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "Findings", with: "Findngs")
            .replacingOccurrences(of: "</body>", with: "<!-- \(PackManifest.placeholder) --></body>")
        var files = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: pack.url(of: "manifest.json"))).files
        let forged = PackManifest.fingerprint(of: files, sealedHTML: FileDigest.sha256(of: Data(html.utf8)))
        try Data(html.replacingOccurrences(of: PackManifest.placeholder, with: forged).utf8).write(to: page)
        let (digest, size) = try FileDigest.sha256(of: page)
        files = files.map { $0.name == "report.html" ? PackFile(name: $0.name, sha256: digest, bytes: size) : $0 }
        try editManifest(pack) { manifest in
            manifest.files = files
            manifest.fingerprint = forged
        }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(!result.problems.contains("manifest.json: the fingerprint does not match the files it lists"), "the forgery is self-consistent")
        #expect(result.problems.contains { $0.hasPrefix("report.html shows the pack fingerprint \(pack.fingerprint) where manifest.json records \(forged)") },
                "\(result.problems)")
    }

    @Test("A report.html the manifest does not list is a problem, not a note: the folder holds a page outside the pack's fingerprint")
    func unlistedPage() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        try editManifest(pack) { manifest in manifest.files.removeAll { $0.name == "report.html" } }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.contains("report.html: in the pack's folder but not listed in manifest.json: a pack file outside its fingerprint"),
                "\(result.problems)")
    }

    @Test("A listed file that is a link to a device is named at once, never read")
    func deviceLink() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        for name in ["events.csv.gz", "report.xml"] {
            try FileManager.default.removeItem(at: pack.url(of: name))
            try FileManager.default.createSymbolicLink(atPath: pack.url(of: name).path, withDestinationPath: "/dev/zero")
        }
        let result = try PackVerifier.verify(folder: pack.folder)
        #expect(result.problems.contains("events.csv.gz: not a plain file (a link or a device), not read"), "\(result.problems)")
        #expect(result.problems.contains("report.xml: not a plain file (a link or a device), not read"), "\(result.problems)")
    }
}
