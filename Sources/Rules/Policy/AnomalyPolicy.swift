/// Thresholds of the anomaly rules.
package struct AnomalyPolicy: Sendable, Equatable {
    /// AN-1: denied tokens and 401/403 responses for one client in one hour that make a burst.
    package var deniedPerHour = 20
    /// AN-2: 429 responses for one client in one UTC day that count as a throttled day; a client
    /// with `AnomalyRules.persistentDays` such days in the lookback keeps drawing rate limits.
    ///
    /// An extension of the `anomaly` section of spec/rules.md, which gives AN-2 no threshold.
    package var rateLimitedPerDay = 5

    package init() {}
}
