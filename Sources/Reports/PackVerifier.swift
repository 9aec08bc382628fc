import Foundation
import PartnerAuditCore

/// Checks an evidence pack against its manifest: every listed file present with its size and
/// SHA-256, the fingerprint recomputed, and report.xml and assessment-results.json agreeing with it.
package enum PackVerifier {
    /// The outcome: what was checked, the mismatches (each naming its file), and notes.
    package struct Result: Sendable {
        package var manifest: PackManifest
        package var checked: [PackFile]
        /// Empty when the pack verifies.
        package var problems: [String]
        /// Things worth saying that do not fail the check (a file the manifest does not list).
        package var notes: [String]
        package var isIntact: Bool { problems.isEmpty }
    }

    /// Reads `manifest.json` in `folder` and checks every file it lists.
    /// A missing or unreadable manifest is a `ReportError(.integrity)`.
    package static func verify(folder: URL) throws -> Result {
        let manifestURL = folder.appendingPathComponent(PackFiles.manifest)
        guard let data = plainContents(manifestURL) else {
            throw ReportError(.integrity, file: PackFiles.manifest, "is missing from \(folder.path)")
        }
        let manifest: PackManifest
        do {
            manifest = try JSONDecoder().decode(PackManifest.self, from: data)
        } catch {
            throw ReportError(.integrity, file: PackFiles.manifest, "cannot be read: \(error)")
        }
        var problems: [String] = []
        var checked: [PackFile] = []
        for file in manifest.files {
            guard !file.name.contains("/"), file.name != PackFiles.manifest, !file.name.hasPrefix(".") else {
                problems.append("\(file.name): not a file name a pack may list")
                continue
            }
            let url = folder.appendingPathComponent(file.name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else {
                problems.append("\(file.name): missing")
                continue
            }
            // Read only a plain file of the listed size: a link to a device (/dev/zero) would be read for ever.
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                problems.append("\(file.name): not a plain file (a link or a device), not read")
                continue
            }
            let listedSize = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            guard listedSize == file.bytes else {
                problems.append("\(file.name): \(listedSize) bytes, the manifest says \(file.bytes)")
                continue
            }
            let (digest, size) = try FileDigest.sha256(of: url)
            if size != file.bytes {
                problems.append("\(file.name): \(size) bytes, the manifest says \(file.bytes)")
            } else if digest != file.sha256 {
                problems.append("\(file.name): SHA-256 \(digest) differs from the manifest's \(file.sha256)")
            } else {
                checked.append(file)
            }
        }
        // The page, read once for the three checks that look into it.
        let page = plainContents(folder.appendingPathComponent(PackFiles.html))
        if expectedFingerprint(manifest, page: page) != manifest.fingerprint {
            problems.append("\(PackFiles.manifest): the fingerprint does not match the files it lists")
        }
        if let downgraded = formatProblem(manifest) { problems.append(downgraded) }
        if let shown = pageFingerprintProblem(manifest, page: page) { problems.append(shown) }
        problems += disagreements(manifest, in: folder, page: page)
        if checked.contains(where: { $0.name == PackFiles.assessmentResults }) {
            problems += oscalDisagreements(manifest, in: folder)
        }
        let listed = Set(manifest.files.map(\.name) + [PackFiles.manifest, PackFiles.signature])
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let unlisted = present.filter { !listed.contains($0) && !$0.hasPrefix(".") }.sorted()
        // A file a pack is made of, lying beside it unlisted, is read as part of it (a page opened
        // from the folder) though nothing covers it; anything else there is only noted.
        problems += unlisted.filter(PackFiles.all.contains).map {
            "\($0): in the pack's folder but not listed in \(PackFiles.manifest): a pack file outside its fingerprint"
        }
        var notes = unlisted.filter { !PackFiles.all.contains($0) }.map { "\($0): not listed in the manifest (not part of the pack)" }
        if !manifest.chain.intact {
            notes.insert("the pack records that the warehouse's hash chain did not verify when it was made (report.xml's firstBreak says where)", at: 0)
        }
        return Result(manifest: manifest, checked: checked, problems: problems, notes: notes)
    }

    /// Why the pack's manifest.json.minisig is not `key`'s signature of its manifest.json, or
    /// `nil` when it is.
    package static func signatureProblem(folder: URL, key: PublicSigningKey) -> String? {
        guard let manifest = plainContents(folder.appendingPathComponent(PackFiles.manifest)) else {
            return "\(PackFiles.manifest): missing"
        }
        guard let signature = plainContents(folder.appendingPathComponent(PackFiles.signature)) else {
            return "\(PackFiles.signature): missing (the pack is not signed)"
        }
        return key.problem(verifying: String(decoding: signature, as: UTF8.self), of: manifest).map { "\(PackFiles.signature): \($0)" }
    }

    /// The fingerprint the files on disk give: format 2 covers report.html (`page`) with the
    /// fingerprint blanked; format 1 left the page out.
    private static func expectedFingerprint(_ manifest: PackManifest, page: Data?) -> String? {
        let listsPage = manifest.files.contains { $0.name == PackFiles.html }
        guard manifest.formatVersion >= 2, listsPage else { return PackManifest.fingerprint(of: manifest.files, sealedHTML: nil) }
        guard let page else { return nil }
        let sealed = PackManifest.sealed(String(decoding: page, as: UTF8.self), fingerprint: manifest.fingerprint)
        return PackManifest.fingerprint(of: manifest.files, sealedHTML: FileDigest.sha256(of: sealed))
    }

    /// The oldest format whose manifest holds what this one does: assessment-results.json came
    /// with format 3, the ledger's anchors with format 2.
    private static func impliedFormat(_ manifest: PackManifest) -> (format: Int, what: String)? {
        if manifest.files.contains(where: { $0.name == PackFiles.assessmentResults }) { return (3, PackFiles.assessmentResults) }
        if manifest.chain.ledgerEntries != nil || manifest.chain.ledgerHead != nil { return (2, "the row ledger's anchors") }
        return nil
    }

    /// Why the manifest's `formatVersion` is older than what the pack holds: the version decides
    /// whether the fingerprint covers report.html, so lowering it would switch that check off.
    private static func formatProblem(_ manifest: PackManifest) -> String? {
        guard let (format, what) = impliedFormat(manifest), manifest.formatVersion < format else { return nil }
        return "\(PackFiles.manifest) says format \(manifest.formatVersion), but the pack holds what format \(format) brought (\(what)): "
            + "a format lowered to leave report.html outside the fingerprint"
    }

    /// Where report.html shows the pack's fingerprint, as every format's templates write it: the
    /// cover, then the footer. The value follows each marker, up to the next `<`.
    static let fingerprintSlots = [#"<dt>Pack fingerprint</dt><dd><code class="hash">"#, "pack fingerprint <code>"]

    /// Whether report.html shows the manifest's fingerprint where it shows one (every format's
    /// cover does). The page is hashed with every copy of the fingerprint blanked, so a manifest
    /// forged with a new fingerprint would otherwise pass while the cover still shows the old one
    /// — the new one written anywhere else on the page (a comment) hashes alike.
    private static func pageFingerprintProblem(_ manifest: PackManifest, page: Data?) -> String? {
        guard manifest.files.contains(where: { $0.name == PackFiles.html }), let page else { return nil }
        let shown = fingerprintSlots.flatMap { shownValues(after: Data($0.utf8), in: page) }
        guard !shown.isEmpty else {
            return "\(PackFiles.html) does not show the fingerprint \(PackFiles.manifest) records (\(manifest.fingerprint)): its cover shows none"
        }
        guard let other = shown.first(where: { $0 != manifest.fingerprint }) else { return nil }
        return "\(PackFiles.html) shows the pack fingerprint \(ErrorText.prefix(other, scalars: 80)) "
            + "where \(PackFiles.manifest) records \(manifest.fingerprint)"
    }

    /// The text after each occurrence of `marker` in `page`, up to the next `<` (at most 200 bytes).
    private static func shownValues(after marker: Data, in page: Data) -> [String] {
        var values: [String] = []
        var searched = page.startIndex..<page.endIndex
        while let found = page.range(of: marker, in: searched) {
            let rest = found.upperBound..<min(found.upperBound + 200, page.endIndex)
            let end = page[rest].firstIndex(of: UInt8(ascii: "<")) ?? rest.upperBound
            values.append(String(decoding: page[found.upperBound..<end], as: UTF8.self))
            searched = found.upperBound..<page.endIndex
        }
        return values
    }

    /// A chain's recorded verdict (`true` or `false`) in words.
    private static func verdict(_ intact: String) -> String {
        switch intact {
        case "true": "intact"
        case "false": "broken"
        default: ErrorText.prefix(intact, scalars: 40)
        }
    }

    /// Where report.xml and manifest.json say different things about the same pack: the
    /// organisation, the period, the chain's rows and head, and the ledger's entries and head
    /// (when the manifest records them: format 2 on; report.xml carries them from schema 1.3).
    private static func disagreements(_ manifest: PackManifest, in folder: URL, page: Data?) -> [String] {
        guard manifest.files.contains(where: { $0.name == PackFiles.xml }) else { return [] }
        let xml = folder.appendingPathComponent(PackFiles.xml)
        guard isPlainFile(xml), let facts = PackXMLFacts.read(xml) else {
            return ["\(PackFiles.xml): cannot be read as XML to compare with \(PackFiles.manifest)"]
        }
        var pairs: [(String, String?, String)] = [
            ("organisation", facts.organization, manifest.organization), ("period", facts.period, manifest.period.name),
            ("chain rows", facts.chainRows, String(manifest.chain.rows)), ("chain head", facts.chainHead, manifest.chain.head),
            ("chain's verdict", facts.chainIntact.map(verdict), verdict(String(manifest.chain.intact))),
        ]
        // A pack written before report.xml carried the ledger's anchors has neither attribute.
        let carriesLedger = facts.ledgerEntries != nil || facts.ledgerHead != nil
        if carriesLedger {
            pairs.append(("ledger entries", facts.ledgerEntries, manifest.chain.ledgerEntries.map { String($0) } ?? "(none)"))
            pairs.append(("ledger head", facts.ledgerHead ?? "", manifest.chain.ledgerHead ?? ""))
        }
        var problems = pairs.compactMap { what, inXML, inManifest in
            inXML == inManifest ? nil
                : "\(PackFiles.xml) and \(PackFiles.manifest) disagree on the \(what): \(inXML ?? "(none)") against \(inManifest)"
        }
        // Such a pack's cover shows both heads: anchors moved in the data files, fingerprint
        // recomputed and put on the cover, still leave the old heads on the page.
        if carriesLedger, let page {
            for (what, head) in [("chain head", manifest.chain.head), ("ledger head", manifest.chain.ledgerHead ?? "")]
            where !head.isEmpty && page.range(of: Data(head.utf8)) == nil {
                problems.append("\(PackFiles.html) does not show the \(what) \(PackFiles.manifest) records (\(head))")
            }
        }
        return problems
    }
}
