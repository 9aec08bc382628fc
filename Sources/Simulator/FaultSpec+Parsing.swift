import Foundation

extension FaultSpec {
    /// Parses the `--faults` text; the error names the item it could not read.
    package static func parse(_ text: String) throws(SimulatorError) -> FaultSpec {
        var spec = FaultSpec.none
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].lowercased()
            let value = parts.count > 1 ? parts[1] : nil
            switch (name, value) {
            case ("none", nil): continue
            case ("all", nil): spec = merge(spec, .all)
            case ("late", nil): spec.late = true
            case ("legacyallowlist", nil): spec.legacyAllowlist = true
            case ("failqueries", nil): spec.failingQueries = true
            case ("overgrant", nil): spec.overgrantedAuditor = true
            case ("429", let value?): spec.rateLimited = try rate(value, item: item)
            case ("5xx", let value?): spec.serverErrors = try rate(value, item: item)
            case ("drop", let value?): spec.drops = try rate(value, item: item)
            case ("slow", let value?): spec.slow = try rate(value, item: item)
            case ("budget", let value?): spec.budgetPerMinute = try budget(value, item: item)
            case ("forbid", let value?) where value.hasPrefix("/api/"): spec.forbiddenPath = value
            default:
                throw SimulatorError(.invalidFaultSpec, "unknown fault '\(item)': expected 429=RATE, 5xx=RATE, drop=RATE, "
                    + "slow=RATE, late, budget=N/min, legacyallowlist, failqueries, overgrant, forbid=/api/PATH, all or none")
            }
        }
        return spec
    }

    private static func rate(_ text: String, item: String) throws(SimulatorError) -> Double {
        guard let value = Double(text), value.isFinite, (0...1).contains(value) else {
            throw SimulatorError(.invalidFaultSpec, "fault '\(item)': the rate must be a number between 0 and 1")
        }
        return value
    }

    private static func budget(_ text: String, item: String) throws(SimulatorError) -> Int {
        let count = text.hasSuffix("/min") ? String(text.dropLast(4)) : text
        guard let value = Int(count), value > 0 else {
            throw SimulatorError(.invalidFaultSpec, "fault '\(item)': the budget must be a positive count per minute, like budget=300/min")
        }
        return value
    }

    /// `base` with every fault `extra` turns on added.
    private static func merge(_ base: FaultSpec, _ extra: FaultSpec) -> FaultSpec {
        var merged = base
        merged.rateLimited = max(base.rateLimited, extra.rateLimited)
        merged.serverErrors = max(base.serverErrors, extra.serverErrors)
        merged.drops = max(base.drops, extra.drops)
        merged.slow = max(base.slow, extra.slow)
        merged.late = base.late || extra.late
        merged.budgetPerMinute = base.budgetPerMinute ?? extra.budgetPerMinute
        merged.legacyAllowlist = base.legacyAllowlist || extra.legacyAllowlist
        merged.forbiddenPath = base.forbiddenPath ?? extra.forbiddenPath
        merged.failingQueries = base.failingQueries || extra.failingQueries
        merged.overgrantedAuditor = base.overgrantedAuditor || extra.overgrantedAuditor
        return merged
    }
}
