import PartnerAuditCore
import Warehouse

/// What each rule reads, per source (rules.md): when no source the stretch was extracted
/// from holds a rule's facts, the rule is *not testable* — it says so, with the reason, and
/// never passes for want of data.
///
/// The guide dialect's audit log holds every fact. The live platform's does not: it has no
/// per-request record and no per-client `allowAccessToAllUsers`. Its API Usage service and a
/// gateway's access logs give back the per-request facts.
package enum RuleSources {
    /// Why the rule cannot be judged from these sources, or `nil` when it can.
    package static func notTestable(_ ruleID: String, from extracted: ExtractedSources) -> String? {
        guard extracted.isLiveOnly else { return nil }
        let perRequest = extracted.holds(.apiUsage) || extracted.holds(.gateway)
        // The latest run could not read the usage it read before: what came since is unknown.
        let lost = extracted.unavailable[.apiUsage].map { " (the latest extraction could not read the API usage: \($0))" } ?? ""
        switch ruleID {
        case "LP-3":
            return "the live platform has no per-client allowAccessToAllUsers setting"
        case "LP-2" where !perRequest:
            return "the live audit log records no API requests and no API usage rows or gateway access logs were extracted, so which granted permissions are used is unknown" + lost
        case "AN-1" where !perRequest:
            return "the live audit log records no denied requests and no API usage rows or gateway access logs were extracted" + lost
        case "AN-2" where !perRequest:
            return "the live audit log records no rate-limited (429) answers and no API usage rows or gateway access logs were extracted" + lost
        default:
            return nil
        }
    }
}
