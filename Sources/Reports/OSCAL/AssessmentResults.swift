import Foundation
import PartnerAuditCore
import Rules

/// assessment-results.json: the pack's findings as a NIST OSCAL assessment-results document, for
/// the auditor's own tools (compliance-trestle, GRC platforms).
///
/// One `result` for the period: `reviewed-controls` names every control of rules.md's mapping for
/// the requested frameworks, each with its status (satisfied, not satisfied, or not testable and
/// why); one `observation` per finding holds the facts it cites; one `finding` per finding
/// targets its control with `not-satisfied` (an `info` finding, a rule that could not decide,
/// says so with the reason `other`). The pack's other files are back-matter resources with
/// their SHA-256, so the document is written after them and before the manifest, which lists it.
///
/// Every UUID is name-based (`OSCALUUID`) on the organisation, the period and a stable key, so
/// the same warehouse and command give the same document apart from its timestamps. Written with
/// `JSONValue`'s canonical writer: keys sorted, every string escaped, one finding at a time.
struct AssessmentResults {
    var content: PackContent
    /// Every file of the pack written before this one, with its SHA-256.
    var files: [PackFile]
    /// The pack's fingerprint (`PackManifest.fingerprint`), which the metadata names.
    var fingerprint: String
    /// Each finding's stable key: its fingerprint, with `#2`, `#3`… after a fingerprint already seen.
    let keys: [String]
    /// The control references of the requested frameworks, e.g. `SOC2:CC6.1`.
    let referencesInScope: Set<String>

    init(content: PackContent, files: [PackFile], fingerprint: String) {
        self.content = content
        self.files = files.sorted { $0.name < $1.name }
        self.fingerprint = fingerprint
        var seen: [String: Int] = [:]
        keys = content.findings.map { finding in
            let fingerprint = finding.finding.fingerprint
            seen[fingerprint, default: 0] += 1
            return seen[fingerprint] == 1 ? fingerprint : "\(fingerprint)#\(seen[fingerprint] ?? 0)"
        }
        referencesInScope = Set(content.request.frameworks.flatMap { RuleCatalog.controls(of: $0).map(\.reference) })
    }

    /// Streams the document to `sink`.
    func write(into sink: ([UInt8]) throws -> Void) throws {
        try document.write(into: sink)
    }

    var document: StreamedJSON {
        .object(["assessment-results": .object([
            "uuid": .value(.string(documentUUID)),
            "metadata": .value(metadata),
            "import-ap": .value(.object([
                "href": .string("#" + planUUID),
                "remarks": .string("PartnerAudit has no separate OSCAL assessment plan: its rule catalog and policy are the plan, described by the back-matter resource this links to."),
            ])),
            "results": .array([result]),
            "back-matter": .value(backMatter),
        ])])
    }

    // MARK: - Identity

    var organization: String { content.request.organization }
    var period: String { content.request.period.name }

    /// The UUID of `kind` with `key` in this organisation and period.
    func uuid(_ kind: String, _ key: String = "") -> String {
        OSCALUUID.named(kind, organization, period, key)
    }

    /// Changes when the findings or the cited events change (OSCAL wants a new UUID for a changed
    /// document), never with the moment the pack is made.
    var documentUUID: String {
        let stable = [PackFiles.findingsJSON, PackFiles.events].map { name in files.first { $0.name == name }?.sha256 ?? "" }
        return uuid("assessment-results", ([content.request.frameworks.map(\.rawValue).joined(separator: ",")] + stable).joined(separator: " "))
    }

    // MARK: - Metadata and result

    var metadata: JSONValue {
        OSCALFields.object([
            "title": .string(OSCALFields.line("PartnerAudit assessment results: \(organization), \(period)")),
            "last-modified": .string(Timestamp.format(content.request.generatedAt)),
            "version": .string(ToolInfo.version),
            "oscal-version": .string(OSCALFields.oscalVersion),
            "props": OSCALFields.props([
                OSCALFields.prop("organization", organization), OSCALFields.prop("period", period),
                OSCALFields.prop("tool", "\(ToolInfo.name) \(ToolInfo.version)"), OSCALFields.prop("pack-fingerprint", fingerprint),
            ] + content.request.frameworks.map { OSCALFields.prop("framework", $0.rawValue) }),
            "remarks": .string("Part of the evidence pack of \(organization) for \(period): the pack's other files are listed in back-matter with their SHA-256, and manifest.json lists this file with its own (partner-audit verify --pack DIR)."),
        ])
    }

    var result: StreamedJSON {
        let count = content.findings.count
        var members: [String: StreamedJSON] = [
            "uuid": .value(.string(uuid("result"))),
            "title": .value(.string(OSCALFields.line("Partner OAuth clients and audit trail of \(organization), \(period)"))),
            "description": .value(.string(resultDescription)),
            "start": .value(.string(content.request.period.fromText)),
            "end": .value(.string(content.asOfText)),
            "reviewed-controls": .value(reviewedControls),
        ]
        let chain = content.coverage.chain
        if let props = OSCALFields.props([
            OSCALFields.prop("chain-head", chain.head), OSCALFields.prop("chain-rows", String(chain.rows)),
            OSCALFields.prop("chain-intact", String(chain.isIntact)), OSCALFields.prop("events-in-period", String(content.coverage.eventsInPeriod)),
            OSCALFields.prop("evidence-gaps", String(content.coverage.gaps.count)),
        ]) {
            members["props"] = .value(props)
        }
        if count > 0 {
            members["observations"] = .elements(count: count, observation(at:))
            members["findings"] = .elements(count: count, finding(at:))
        }
        return .object(members)
    }

    var resultDescription: String {
        let statuses = content.controlMatrices.flatMap(\.controls).map(\.status)
        let by = { (status: ControlStatus.Status) in statuses.filter { $0 == status }.count }
        let progress = content.inProgress ? " The period had not ended when the pack was made: the evidence runs to \(content.asOfText)." : ""
        return "PartnerAudit's rules evaluated over the OAuth clients and the audit log of \(organization) extracted into its hash-chained warehouse, "
            + "for \(content.request.period.fromText) to \(content.request.period.toText): \(DisplayText.plural(content.findings.count, "finding")); "
            + "\(DisplayText.plural(statuses.count, "control")) reviewed, \(by(.exceptionsFound)) with exceptions, \(by(.notTestable)) not testable, "
            + "\(by(.noExceptions)) without exceptions.\(progress)"
    }
}
