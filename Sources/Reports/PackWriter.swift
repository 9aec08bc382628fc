import Foundation
import Logging
import PartnerAuditCore
import Warehouse

/// Writes one pack's files from its content, data files first, then report.html (whose cover
/// names their fingerprint), then assessment-results.json (which hashes all of them), then
/// manifest.json (which hashes every file).
///
/// Each file is written under a hidden partial name and renamed into place when complete;
/// a failure leaves the previous pack's files as they were. Pack files this build does not
/// write again (report.xml when only HTML is asked for) are removed, so the folder never
/// holds a file its manifest does not vouch for.
struct PackWriter {
    var content: PackContent
    var templates: TemplateSet
    var warehouse: Warehouse
    var logger: Logger
    var findingsShownPerGroup: Int
    var signingKey: SigningKey?

    func write() async throws -> EvidencePack {
        let request = content.request
        let folder = request.outputFolder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError(.io, file: folder.path, "cannot be created: \(error.localizedDescription)")
        }
        // A pack being rebuilt has no manifest until it is complete: a failure leaves it unverifiable, never wrongly vouched for.
        for stale in [PackFiles.manifest, PackFiles.signature] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(stale)) }
        var written: [String] = []
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ what: String) {
            logger.debug("\(what) in \(mark.duration(to: clock.now))")
            mark = clock.now
        }
        let findings = content.findings.map(\.finding)
        try PackFiles.stream(named: PackFiles.findingsJSON, in: folder) { try FindingsFiles.json(findings, into: $0) }
        lap("findings.json")
        try PackFiles.stream(named: PackFiles.findingsCSV, in: folder) { try FindingsFiles.csv(findings, into: $0) }
        lap("findings.csv")
        written += [PackFiles.findingsJSON, PackFiles.findingsCSV]

        let selection: EventSelection = request.withEvents ? .window(request.period.window) : .ids(EventsExport.citedIDs(content.findings))
        let partialEvents = PackFiles.partial(PackFiles.events, in: folder)
        let eventCount = try EventsExport.write(selection, from: warehouse, to: partialEvents)
        try PackFiles.move(partialEvents, to: folder.appendingPathComponent(PackFiles.events))
        written.append(PackFiles.events)
        lap("events.csv.gz (\(eventCount) events)")

        if request.formats.contains(.xml) {
            try EvidenceXML.write(content, validator: SchemaValidator(schema: templates.schema),
                                  temporary: PackFiles.partial(PackFiles.xml, in: folder), destination: folder.appendingPathComponent(PackFiles.xml))
            try PackFiles.write(templates.schema, named: PackFiles.schema, in: folder)
            written += [PackFiles.xml, PackFiles.schema]
            lap("report.xml, written and validated")
        }
        var files = try written.map { try Self.describe($0, in: folder) }
        let fingerprint: String
        if request.formats.contains(.html) || request.formats.contains(.pdf) {
            // Rendered with the fingerprint blanked, hashed, then the fingerprint put in its place.
            let model = ReportViewModel(content, fingerprint: PackManifest.placeholder, shownPerGroup: findingsShownPerGroup)
            let page = try templates.render(model, template: "report.html")
            fingerprint = PackManifest.fingerprint(of: files, sealedHTML: FileDigest.sha256(of: Data(page.utf8)))
            let html = page.replacingOccurrences(of: PackManifest.placeholder, with: fingerprint)
            try PackFiles.write(Data(html.utf8), named: PackFiles.html, in: folder)
            files.append(try Self.describe(PackFiles.html, in: folder))
            lap("report.html")
            if request.formats.contains(.pdf) {
                try PDFPrinter.print(folder.appendingPathComponent(PackFiles.html), to: folder.appendingPathComponent(PackFiles.pdf))
                files.append(try Self.describe(PackFiles.pdf, in: folder))
                lap("report.pdf")
            }
        } else {
            fingerprint = PackManifest.fingerprint(of: files, sealedHTML: nil)
        }
        let oscal = AssessmentResults(content: content, files: files, fingerprint: fingerprint)
        try PackFiles.stream(named: PackFiles.assessmentResults, in: folder) { try oscal.write(into: $0) }
        files.append(try Self.describe(PackFiles.assessmentResults, in: folder))
        lap("assessment-results.json")
        files.sort { $0.name < $1.name }
        for stale in PackFiles.all where stale != PackFiles.manifest && stale != PackFiles.signature && !files.contains(where: { $0.name == stale }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(stale))
        }
        let manifest = PackManifest(
            formatVersion: PackManifest.currentFormat, tool: .init(name: ToolInfo.name, version: ToolInfo.version), organization: request.organization,
            period: .init(name: request.period.name, from: request.period.fromText, to: request.period.toText),
            frameworks: request.frameworks.map(\.rawValue), generatedAt: Timestamp.format(request.generatedAt),
            commandLine: request.redactedCommandLine,
            chain: .init(rows: content.coverage.chain.rows, head: content.coverage.chain.head, intact: content.coverage.chain.isIntact,
                         periodSeq: content.coverage.seal?.seq, periodHead: content.coverage.seal?.head,
                         ledgerEntries: content.coverage.chain.ledgerEntries, ledgerHead: content.coverage.chain.ledgerHead),
            files: files, fingerprint: fingerprint)
        let manifestData = try manifest.encoded()
        try PackFiles.write(manifestData, named: PackFiles.manifest, in: folder)
        if let signingKey {
            let comment = "partner-audit pack \(request.organization) \(request.period.name) fingerprint \(fingerprint) generated \(manifest.generatedAt)"
            let signature = try signingKey.minisignature(of: manifestData, trustedComment: comment)
            try PackFiles.write(Data(signature.utf8), named: PackFiles.signature, in: folder)
        }
        return EvidencePack(folder: folder, files: files, manifestSHA256: FileDigest.sha256(of: manifestData), fingerprint: fingerprint,
                            findingCount: content.findings.count, eventCount: eventCount, chain: content.coverage.chain)
    }

    private static func describe(_ name: String, in folder: URL) throws -> PackFile {
        let (digest, size) = try FileDigest.sha256(of: folder.appendingPathComponent(name))
        return PackFile(name: name, sha256: digest, bytes: size)
    }
}
