import Foundation
import PartnerAuditCore
import Reports
import Rules
import Warehouse
import Testing

@Suite("An organisation-wide IP allowlist in the evidence pack")
struct OrganizationAllowlistTests {
    private typealias Fixture = OrganizationAllowlistFixture

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The text of `<p id="organization-allowlist" …>…</p>`.
    private func paragraph(in html: String) throws -> Substring {
        let start = try #require(html.range(of: #"<p id="organization-allowlist""#), "report.html has no organisation-wide allowlist paragraph")
        let end = try #require(html[start.upperBound...].range(of: "</p>"))
        return html[start.lowerBound..<end.upperBound]
    }

    @Test("report.html prints the organisation-wide list once, above the table, and each client's cell links to it")
    func htmlShowsTheListOnce() async throws {
        let fixture = try await Fixture()
        defer { fixture.tearDown() }
        let pack = try await fixture.pack()
        let html = try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8)

        let paragraph = try paragraph(in: html)
        #expect(paragraph.contains("Organisation-wide IP allowlist (40 entries; it applies to every client below):"))
        #expect(occurrences(of: Fixture.marker, in: html) == 1, "the list is printed more than once")
        #expect(paragraph.contains("<code>\(Fixture.marker)</code>"))
        let table = try #require(html.range(of: #"<table class="inventory">"#))
        #expect(paragraph.endIndex <= table.lowerBound, "the list is not above the table")

        let reference = ##"<a class="muted" href="#organization-allowlist">organisation-wide list (40 entries)</a>"##
        #expect(occurrences(of: reference, in: html) == Fixture.clientIDs.count, "each client at the end refers to the list")
        #expect(occurrences(of: "allowlist: the organisation-wide list (40 entries)", in: html) == Fixture.clientIDs.count,
                "each client's grant since the change names the list instead of repeating it")

        // The entry an attacker wrote is text, never markup.
        #expect(paragraph.contains("onerror=alert(9)"))
        let dom = try HTMLDocument(html)
        #expect(!dom.elements.contains { $0.name == "img" }, "the hostile entry became an element")
        let listed = dom.elements.filter { $0.name == "code" && Fixture.currentList.contains($0.text) }.map(\.text)
        #expect(listed.sorted() == Fixture.currentList.sorted(), "every entry once, as text")
        #expect(dom.elements.contains { $0.attributes["id"] == "organization-allowlist" })
    }

    @Test("report.xml validates, holds one organizationAllowlist with its entries, and client allowlists refer to it by scope and count")
    func xmlWritesTheListOnce() async throws {
        let fixture = try await Fixture()
        defer { fixture.tearDown() }
        let pack = try await fixture.pack()
        let file = pack.url(of: "report.xml")
        let outcome = XMLSchemaTests.validateWithTree(file)
        #expect(outcome.valid, "xmlSchemaValidateDoc returned \(outcome.errors)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(occurrences(of: Fixture.marker, in: text) == 1, "the list is written more than once")
        #expect(!text.contains("<img"))

        let inventory = try #require(XMLTree(file: file).root.child("inventory"))
        let lists = inventory.children("organizationAllowlist")
        #expect(lists.count == 1)
        let list = try #require(lists.first)
        #expect(list.attributes == ["present": "true", "scope": "organization", "count": "40"])
        #expect(list.children("entry").map(\.text) == Fixture.currentList, "the entries in order, the hostile one as it was written")
        #expect(inventory.children.firstIndex { $0.name == "organizationAllowlist" } ?? .max < inventory.children.firstIndex { $0.name == "client" } ?? -1,
                "the list comes before the clients")

        let clients = inventory.children("client")
        for id in Fixture.clientIDs {
            let client = try #require(clients.first { $0.attributes["id"] == id })
            let allowlist = try #require(client.child("allowlist"))
            #expect(allowlist.attributes == ["present": "true", "scope": "organization", "count": "40"])
            #expect(allowlist.children.isEmpty, "\(id)'s allowlist repeats the organisation's entries")
            let current = try #require(client.children("grant").last?.child("allowlist"))
            #expect(current.attributes["count"] == "40" && current.children.isEmpty)
        }
    }

    @Test("A grant that held the organisation's earlier list, before it changed in the period, still lists that list's entries")
    func earlierListIsListed() async throws {
        let fixture = try await Fixture()
        defer { fixture.tearDown() }
        let pack = try await fixture.pack()
        let earlier = Fixture.earlierList.joined(separator: ", ")

        let html = try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8)
        #expect(occurrences(of: "allowlist: \(earlier)", in: html) == Fixture.clientIDs.count + 1,
                "the grant before the change, of every client and of the one deleted on that day")
        // The client deleted on the day of the change was last seen with the earlier list: its cell shows it.
        #expect(html.contains("<td class=\"list\"><code>\(Fixture.earlierList[0])</code> <code>\(Fixture.earlierList[1])</code> </td>"))

        let inventory = try #require(XMLTree(file: pack.url(of: "report.xml")).root.child("inventory"))
        let clients = inventory.children("client")
        for id in Fixture.clientIDs {
            let grants = try #require(clients.first { $0.attributes["id"] == id }).children("grant")
            #expect(grants.count == 2)
            let before = try #require(grants.first?.child("allowlist"))
            #expect(before.attributes == ["present": "true", "scope": "organization", "count": "2"])
            #expect(before.children("entry").map(\.text) == Fixture.earlierList)
        }
        let retired = try #require(clients.first { $0.attributes["id"] == Fixture.retiredID })
        #expect(retired.attributes["presentAtEnd"] == "false")
        #expect(retired.child("allowlist")?.children("entry").map(\.text) == Fixture.earlierList)
        #expect(retired.child("allowlist")?.attributes["scope"] == "organization")
    }

    @Test("An organisation without an allowlist says so once, and every client's cell says no allowlist")
    func emptyOrganizationList() async throws {
        let fixture = try await Fixture(currentList: [])
        defer { fixture.tearDown() }
        let pack = try await fixture.pack()

        let html = try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8)
        let paragraph = try paragraph(in: html)
        #expect(paragraph.contains(#"<span class="bad-text">The organisation has no IP allowlist: every client's credentials work from any address.</span>"#))
        #expect(!html.contains(##"href="#organization-allowlist""##), "no link to an empty list")
        #expect(occurrences(of: #"<span class="bad-text">no allowlist</span>"#, in: html) == Fixture.clientIDs.count)

        let file = pack.url(of: "report.xml")
        #expect(XMLSchemaTests.validateWithTree(file).valid)
        let inventory = try #require(XMLTree(file: file).root.child("inventory"))
        let list = try #require(inventory.child("organizationAllowlist"))
        #expect(list.attributes == ["present": "true", "scope": "organization", "count": "0"])
        #expect(list.children.isEmpty)
    }

    @Test("Chromium shows each organisation-wide finding as one card, its clients in a folded list, once per finding")
    func organisationWideFindingCards() async throws {
        guard FileManager.default.isExecutableFile(atPath: Chromium.path) else {
            Issue.record("Chromium is not installed at \(Chromium.path): install Debian's `chromium` package (CI's .ci/run does)")
            return
        }
        let fixture = try await Fixture()
        defer { fixture.tearDown() }
        // Every entry of the list is AL-3: the hostile one is malformed, the marker documentation space, the rest shared address space.
        let engine = RuleEngine(warehouse: try Warehouse(path: fixture.warehousePath), policy: .defaults, catalog: try ScopeCatalog.load(), logger: fixture.logger)
        let asOf = Timestamp.milliseconds(try #require(Timestamp.parse("2026-09-30T00:00:00.000Z")))
        let found = try await engine.evaluate(asOf: asOf, policyDigest: "test", startedAt: Date(), now: Date()).findings
        let shared = found.filter { $0.ruleID == "AL-3" }
        #expect(shared.count == Fixture.currentList.count, "one per entry of the list, not one per client and entry")
        #expect(shared.allSatisfy { $0.isOrganizationWide && $0.evidence.affectedClients.map(\.id) == Fixture.clientIDs })

        let pack = try await fixture.pack()
        let dump = try await Chromium.run(["--dump-dom", pack.url(of: "report.html").absoluteString])
        #expect(dump.status == 0, "chromium exited \(dump.status): \(dump.stderr.suffix(2000))")
        let dom = try HTMLDocument(dump.stdout)
        let cards = dom.elements.filter { $0.name == "article" && shared.map { "f-\($0.fingerprint)" }.contains($0.attributes["id"] ?? "") }
        let shownPerGroup = 25  // EvidencePackBuilder.findingsShownPerGroup
        #expect(cards.count == min(shared.count, shownPerGroup), "each organisation-wide finding is one card")
        let lists = dom.elements.filter { $0.name == "details" && $0.attributes["class"] == "affected" }
        #expect(lists.count == cards.count)
        for card in cards {
            #expect(card.text.contains("The 3 clients this organisation-wide setting binds"))
            for id in Fixture.clientIDs { #expect(card.text.contains(id)) }
        }
        #expect(!dom.elements.contains { $0.name == "img" }, "the hostile entry became an element")
    }

    @Test("Chromium: a client id whose quote carries a combining mark stays inside its attribute; no attribute is injected")
    func combiningMarkStaysEscaped() async throws {
        guard FileManager.default.isExecutableFile(atPath: Chromium.path) else {
            Issue.record("Chromium is not installed at \(Chromium.path): install Debian's `chromium` package (CI's .ci/run does)")
            return
        }
        let fixture = try await Fixture()
        defer { fixture.tearDown() }
        // The red team's id: `"` + U+0301 is one Swift Character, which per-Character escaping let through.
        let hostileID = "evil\"\u{301} onfocus=alert(7) autofocus tabindex=1 style=\"outline:9px solid red"
        let warehouse = try Warehouse(path: fixture.warehousePath)
        _ = try await warehouse.recordClients([Fixture.client(hostileID, list: Fixture.currentList)], runID: nil,
                                              at: try #require(Timestamp.parse(Fixture.listChange)))
        let pack = try await fixture.pack()
        let source = try String(contentsOf: pack.url(of: "report.html"), encoding: .utf8)
        #expect(source.contains("evil&quot;\u{301} onfocus=alert(7)"))

        let dump = try await Chromium.run(["--dump-dom", pack.url(of: "report.html").absoluteString])
        #expect(dump.status == 0, "chromium exited \(dump.status): \(dump.stderr.suffix(2000))")
        let dom = try HTMLDocument(dump.stdout)
        let injected = dom.elements.filter { element in element.attributes.keys.contains { ["onfocus", "autofocus", "tabindex", "style"].contains($0.lowercased()) } }
        #expect(injected.isEmpty, "injected attributes on \(injected.map(\.name))")
        #expect(dom.elements.contains { $0.name == "tr" && $0.attributes["id"] == "client-\(hostileID)" }, "the whole id stays the attribute's value")
    }
}
