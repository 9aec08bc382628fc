import Foundation
import PartnerAuditCore
import Reports
import Rules
import Testing

@Suite("assessment-results.json: the pack as OSCAL, loaded by compliance-trestle", .serialized)
struct AssessmentResultsTests {
    /// The values of the properties named `name` of an OSCAL object.
    private func props(_ object: JSONValue?, _ name: String) -> [String] {
        (object?["props"]?.arrayValue ?? []).filter { $0["name"]?.stringValue == name }.compactMap { $0["value"]?.stringValue }
    }

    @Test("compliance-trestle loads a planted organisation's assessment-results.json: one result, every control reviewed, a finding per finding of findings.json with its rule and control, every other file hashed")
    func trestleLoadsTheFindings() async throws {
        let fixture = try await ReportFixture()
        defer { Task { await fixture.tearDown() } }
        let pack = try await fixture.pack()
        let manifest = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: pack.url(of: "manifest.json")))
        let listed = try #require(manifest.files.first { $0.name == "assessment-results.json" }, "the manifest does not list assessment-results.json")
        #expect(listed.sha256 == (try FileDigest.sha256(of: pack.url(of: "assessment-results.json")).hex))
        #expect(try PackVerifier.verify(folder: pack.folder).isIntact)

        guard try await Trestle.isInstalled() else {
            Issue.record("compliance-trestle is not installed for python3: `python3 -m pip install compliance-trestle` (CI's .ci/run does)")
            return
        }
        let loaded = try await Trestle.load(pack.url(of: "assessment-results.json"))
        #expect(loaded.status == 0, "trestle refused the document: \(loaded.stderr.suffix(3000))")
        let document = try #require(try JSONParser.parse(loaded.stdout)["assessment-results"])
        let results = try #require(document["results"]?.arrayValue)
        #expect(results.count == 1)
        let result = try #require(results.first)

        // reviewed-controls: every control of the mapping, its token beside its reference.
        let selections = try #require(result["reviewed-controls"]?["control-selections"]?.arrayValue)
        var referenceOfToken: [String: String] = [:]
        for selection in selections {
            let token = try #require(selection["include-controls"]?.arrayValue?.first?["control-id"]?.stringValue)
            referenceOfToken[token] = props(selection, "control").first
            #expect(props(selection, "status").count == 1)
        }
        let mapping = Control.Framework.allCases.flatMap { RuleCatalog.controls(of: $0) }.map(\.reference)
        #expect(Set(referenceOfToken.values) == Set(mapping))
        #expect(referenceOfToken.count == mapping.count)
        #expect(referenceOfToken["hipaa-164.308.a.4.ii.b"] == "HIPAA:164.308(a)(4)(ii)(B)")

        // One OSCAL finding per finding, in order, with its rule, fingerprint and one of its controls as the target.
        let json = try JSONDecoder().decode([Finding].self, from: Data(contentsOf: pack.url(of: "findings.json")))
        let findings = try #require(result["findings"]?.arrayValue)
        #expect(json.count > 10)
        #expect(findings.count == json.count)
        let observations = Set((result["observations"]?.arrayValue ?? []).compactMap { $0["uuid"]?.stringValue })
        for (oscal, finding) in zip(findings, json) {
            #expect(props(oscal, "rule-id") == [finding.ruleID])
            #expect(props(oscal, "fingerprint") == [finding.fingerprint])
            let target = try #require(oscal["target"])
            #expect(target["type"]?.stringValue == "objective-id")
            let reference = try #require(referenceOfToken[target["target-id"]?.stringValue ?? ""], "\(finding.ruleID) targets a control the result does not review")
            #expect(finding.controls.contains(reference), "\(finding.ruleID) targets \(reference), not one of its controls \(finding.controls)")
            #expect(target["status"]?["state"]?.stringValue == "not-satisfied")
            #expect(target["status"]?["reason"]?.stringValue == (finding.severity == .info ? "other" : "fail"))
            let related = oscal["related-observations"]?.arrayValue?.compactMap { $0["observation-uuid"]?.stringValue } ?? []
            #expect(!related.isEmpty && related.allSatisfy(observations.contains))
        }
        #expect(observations.count == json.count)
        #expect(findings.contains { props($0, "client-name") == [ReportFixture.hostileName] }, "the hostile client name is not kept exactly")
        #expect(Set(json.map(\.ruleID)) == Set(findings.flatMap { props($0, "rule-id") }))

        // back-matter: every other file of the pack with the SHA-256 the manifest gives it; import-ap resolves.
        let resources = try #require(document["back-matter"]?["resources"]?.arrayValue)
        var hashes: [String: String] = [:]
        for resource in resources {
            guard let link = resource["rlinks"]?.arrayValue?.first, let href = link["href"]?.stringValue else { continue }
            let hash = link["hashes"]?.arrayValue?.first
            #expect(hash?["algorithm"]?.stringValue == "SHA-256")
            hashes[href] = hash?["value"]?.stringValue
        }
        let others = manifest.files.filter { $0.name != "assessment-results.json" }
        #expect(hashes == Dictionary(uniqueKeysWithValues: others.map { ($0.name, $0.sha256) }))
        #expect(others.contains { $0.name == "report.html" } && others.contains { $0.name == "events.csv.gz" })
        let plan = try #require(document["import-ap"]?["href"]?.stringValue)
        #expect(resources.contains { "#" + ($0["uuid"]?.stringValue ?? "") == plan })
    }

    @Test("Two packs of the same warehouse and command give the same OSCAL UUIDs and results; an unevaluated day has other UUIDs and says its controls are not testable; a changed byte fails verify")
    func stableUUIDs() async throws {
        let fixture = try await ReportFixture(scale: 2_000)
        defer { Task { await fixture.tearDown() } }
        let first = try await fixture.pack(named: "first", generatedAt: fixture.simulator.clock.now.addingTimeInterval(2 * 3600))
        let second = try await fixture.pack(named: "second", generatedAt: fixture.simulator.clock.now.addingTimeInterval(3 * 86_400 + 0.123))
        func document(_ pack: EvidencePack) throws -> JSONValue {
            try #require(try JSONParser.parse([UInt8](Data(contentsOf: pack.url(of: "assessment-results.json"))))["assessment-results"])
        }
        let (a, b) = (try document(first), try document(second))
        #expect(a["uuid"] != nil && a["uuid"] == b["uuid"])
        #expect(a["metadata"]?["last-modified"] != b["metadata"]?["last-modified"], "the two packs were made at different moments")
        #expect(a["results"] == b["results"], "the result differs between two packs of the same warehouse and command")
        let uuids = { (d: JSONValue) in (d["back-matter"]?["resources"]?.arrayValue ?? []).compactMap { $0["uuid"]?.stringValue } }
        #expect(uuids(a) == uuids(b) && !uuids(a).isEmpty)
        let findingUUIDs = (a["results"]?.arrayValue?.first?["findings"]?.arrayValue ?? []).compactMap { $0["uuid"]?.stringValue }
        #expect(findingUUIDs.count > 10 && Set(findingUUIDs).count == findingUUIDs.count, "finding UUIDs are not one per finding")

        // A day before the simulated organisation's first event: no evaluation covers it, so the rules' controls are not testable.
        let before = try await fixture.builder().build(ReportRequest(
            organization: "test-org", period: try ReportPeriod.parse("2026-06-01"), outputFolder: fixture.simulator.folder.appendingPathComponent("june"),
            generatedAt: fixture.simulator.clock.now.addingTimeInterval(86_400)))
        let other = try document(before)
        #expect(other["uuid"] != a["uuid"])
        #expect(other["results"]?.arrayValue?.first?["uuid"] != a["results"]?.arrayValue?.first?["uuid"])
        let selections = other["results"]?.arrayValue?.first?["reviewed-controls"]?["control-selections"]?.arrayValue ?? []
        let notTestable = selections.filter { props($0, "status") == ["not-testable"] }
        #expect(!notTestable.isEmpty, "no control of an unevaluated day is not testable")
        #expect(notTestable.allSatisfy { props($0, "objective-status").isEmpty && ($0["remarks"]?.stringValue ?? "").contains("No evaluation") })
        if try await Trestle.isInstalled() {
            let loaded = try await Trestle.load(before.url(of: "assessment-results.json"))
            #expect(loaded.status == 0, "trestle refused the document: \(loaded.stderr.suffix(3000))")
        } else {
            Issue.record("compliance-trestle is not installed for python3: `python3 -m pip install compliance-trestle` (CI's .ci/run does)")
        }

        // findings.json changed and the manifest rewritten to match: assessment-results.json still hashes the old one.
        let findings = second.url(of: "findings.json")
        try Data(try String(contentsOf: findings, encoding: .utf8).replacingOccurrences(of: "critical", with: "low").utf8).write(to: findings)
        let (digest, size) = try FileDigest.sha256(of: findings)
        let manifestURL = second.url(of: "manifest.json")
        var manifest = try JSONDecoder().decode(PackManifest.self, from: Data(contentsOf: manifestURL))
        manifest.files = manifest.files.map { $0.name == "findings.json" ? PackFile(name: $0.name, sha256: digest, bytes: size) : $0 }
        try manifest.encoded().write(to: manifestURL)
        let rewritten = try PackVerifier.verify(folder: second.folder).problems
        #expect(rewritten.contains { $0.hasPrefix("assessment-results.json and manifest.json disagree on the SHA-256 of findings.json") }, "\(rewritten)")

        let target = first.url(of: "assessment-results.json")
        var bytes = try Data(contentsOf: target)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: target)
        let verdict = try PackVerifier.verify(folder: first.folder)
        #expect(verdict.problems.count == 1 && verdict.problems.first?.hasPrefix("assessment-results.json") == true, "\(verdict.problems)")
    }
}
