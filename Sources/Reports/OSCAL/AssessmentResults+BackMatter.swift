import PartnerAuditCore

extension AssessmentResults {
    /// What each pack file is, as its back-matter resource says, and its media type.
    private static let fileKinds: [String: (description: String, mediaType: String)] = [
        PackFiles.html: ("The human-readable report: cover, summary, control matrices, findings, inventory, changes, coverage and integrity, method.", "text/html"),
        PackFiles.pdf: ("report.html printed by headless Chromium, one section a page.", "application/pdf"),
        PackFiles.xml: ("The report's content as data, valid against evidence.xsd.", "application/xml"),
        PackFiles.schema: ("The XML schema report.xml is valid against.", "application/xml"),
        PackFiles.findingsJSON: ("Every finding of the period with every field.", "application/json"),
        PackFiles.findingsCSV: ("Every finding of the period with every field, for spreadsheets (cells that could run as formulas are neutralised).", "text/csv"),
        PackFiles.events: ("The audit events the findings cite (or every event of the period), each with its hash-chain row and hash.", "application/gzip"),
    ]

    /// The resource that stands for the assessment plan (import-ap links to it), then one resource per pack file.
    var backMatter: JSONValue {
        .object(["resources": .array([planResource] + files.map(fileResource))])
    }

    var planUUID: String { uuid("plan") }

    func resourceUUID(_ name: String) -> String { uuid("resource", name) }

    /// The method: the rule catalog, the policy, the lookback, and the command that makes the pack again.
    var planResource: JSONValue {
        let method = content.method
        return OSCALFields.object([
            "uuid": .string(planUUID),
            "title": .string("Assessment method: PartnerAudit's rule catalog and policy"),
            "description": .string("Every rule of the catalog (\(DisplayText.plural(method.rules.count, "rule")), each mapped to the controls it tests) "
                + "evaluated over the warehouse under the policy with SHA-256 \(method.policyDigest), looking back \(DisplayText.plural(method.lookbackDays, "day")); "
                + "report.html's Method section lists them. The same pack is made again with: \(method.reproduceCommand)"),
            "props": OSCALFields.props([
                OSCALFields.prop("tool", "\(ToolInfo.name) \(ToolInfo.version)"), OSCALFields.prop("policy-digest", method.policyDigest),
                OSCALFields.prop("policy", method.policySource ?? ""), OSCALFields.prop("lookback-days", String(method.lookbackDays)),
                OSCALFields.prop("evaluations", String(method.evaluations.count)),
            ] + method.rules.map { OSCALFields.prop("rule-id", $0.id) }),
        ])
    }

    /// One pack file: its name as the link, its media type and its SHA-256.
    func fileResource(_ file: PackFile) -> JSONValue {
        let kind = Self.fileKinds[file.name]
        return OSCALFields.object([
            "uuid": .string(resourceUUID(file.name)),
            "title": .string(OSCALFields.line(file.name)),
            "description": kind.map { JSONValue.string($0.description) },
            "props": OSCALFields.props([OSCALFields.prop("bytes", String(file.bytes))]),
            "rlinks": .array([OSCALFields.object([
                "href": .string(file.name),
                "media-type": kind.map { JSONValue.string($0.mediaType) },
                "hashes": .array([.object(["algorithm": .string("SHA-256"), "value": .string(file.sha256)])]),
            ])]),
        ])
    }
}
