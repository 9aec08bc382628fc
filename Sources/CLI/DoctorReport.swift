import PartnerAuditCore
import Source

/// What `doctor` prints: a line per read, the rules a forbidden optional read leaves not testable,
/// and what the tool's own client holds beyond what it needs.
struct DoctorReport {
    var probes: [AccessProbe]

    /// Whether the extraction can run: every required read answered.
    var requiredReadsAnswer: Bool {
        probes.allSatisfy { !$0.read.isRequired || $0.verdict == .answered }
    }

    func text(ownClient: Result<ClientSnapshot, any Error>) -> String {
        var lines = probes.map(Self.line)
        lines.append("")
        lines += Self.ownGrant(ownClient)
        let forbiddenOptional = probes.filter { !$0.read.isRequired && $0.verdict != .answered }.count
        lines.append("")
        lines.append(requiredReadsAnswer
            ? "result: every required read answers" + (forbiddenOptional > 0 ? "; \(forbiddenOptional) optional read\(forbiddenOptional == 1 ? "" : "s") not: see above" : "")
            : "result: a required read does not answer: extract will fail (exit 3) until the client's roles grant it")
        return lines.joined(separator: "\n")
    }

    /// `  name  verdict  what`, aligned.
    static func line(_ name: String, _ verdict: String, _ what: String) -> String {
        "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + verdict.padding(toLength: 11, withPad: " ", startingAt: 0) + what
    }

    private static func line(_ probe: AccessProbe) -> String {
        let read = probe.read
        let grant = read.permissions.isEmpty ? "needs no permission" : read.permissions.joined(separator: " or ")
        let what = "\(read.request) (\(grant))"
        switch probe.verdict {
        case .answered:
            return line(read.title, "ok", what)
        case .forbidden, .notServed:
            let verdict = probe.verdict == .forbidden ? "FORBIDDEN" : "NOT SERVED"
            return line(read.title, verdict, what + ": " + consequence(of: read))
        case .failed(let error):
            return line(read.title, "FAILED", "\(what): \(error)")
        }
    }

    /// What a read that does not answer costs.
    static func consequence(of read: AccessRead) -> String {
        switch read {
        case .clients, .roles: "extract fails: no rule can run without the clients and their grants"
        case .allowlist: "extract fails: AL-1, AL-2 and AL-3 judge the organisation's allowlist"
        case .auditLog: "extract fails: the audit log is the evidence (AT-1, CM-1, LP-6, AL-4, ER-1…3 read it)"
        case .usage: "LP-2, AN-1 and AN-2 are not testable unless gateway access logs are extracted; the run goes on"
        case .scopeRegistry, .permissionCatalog: "WS-2 uses the shipped list in its place; the run goes on"
        }
    }

    /// The tool's own grant against what its reads need: every permission beyond them is a warning.
    private static func ownGrant(_ result: Result<ClientSnapshot, any Error>) -> [String] {
        let client: ClientSnapshot
        switch result {
        case .success(let found): client = found
        case .failure(let error): return ["own grant: not read (\(error))"]
        }
        let needed = Set(LiveAccessCheck.neededPermissions.joined())
        let held = client.scopes
        var lines = ["own grant: \(client.id) (\(client.name)) holds \(held.count) permission\(held.count == 1 ? "" : "s"): \(held.joined(separator: ", "))"]
        let extra = held.filter { !needed.contains($0) }
        let writes = extra.filter(isWrite)
        if extra.isEmpty {
            lines.append("  ok: nothing beyond what the tool reads with")
        } else {
            lines.append("  WARNING: \(extra.count) permission\(extra.count == 1 ? "" : "s") the tool does not need\(writes.isEmpty ? "" : ", \(writes.count) of them writing"): \(extra.joined(separator: ", ")); remove them from its roles")
        }
        if held.contains("directory:organization:admin") {
            lines.append("  note: directory:organization:admin is needed to read the IP allowlist; the platform has no narrower permission for it")
        }
        return lines
    }

    /// A permission that changes something: any action but `view` (a `*` included).
    private static func isWrite(_ permission: String) -> Bool {
        guard let action = permission.split(separator: ":").last else { return true }
        return action != "view"
    }
}
