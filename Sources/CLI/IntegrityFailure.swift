import PartnerAuditCore
import Warehouse

/// The warehouse's hash chain does not verify: exit 4 from every command that finds it.
///
/// `extract` and `run` find it before they append anything and stop there, so a broken
/// chain is never extended; `evaluate` and `report` finish first (the AT-2 finding and the
/// pack that shows the break are the evidence) and then fail.
struct IntegrityFailure: Error, CustomStringConvertible, ExitCodeProviding {
    var chain: ChainVerification
    /// What the command did or did not do because of it.
    var consequence: String

    var exitStatus: ExitStatus { .integrity }

    var description: String {
        "INTEGRITY FAILURE: the warehouse's hash chain does not verify after \(chain.rows) good rows: \(chain.firstBreak ?? "(no detail)"). "
            + "\(consequence) Run `partner-audit verify`, treat the warehouse as tampered, and restore it from a backup "
            + "(or move it aside as evidence and start a new one)."
    }

    /// Throws when the chain is broken.
    static func check(_ chain: ChainVerification, _ consequence: String) throws(IntegrityFailure) {
        guard chain.isIntact else { throw IntegrityFailure(chain: chain, consequence: consequence) }
    }
}
