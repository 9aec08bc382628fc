import PartnerAuditCore

/// How the extractor cuts time into windows.
package struct ExtractionSettings: Sendable {
    /// The length of one window: one transaction and one checkpoint.
    package var windowLength = TimeSpan.day
    /// How far before the watermark each incremental run re-reads, for late events.
    package var overlap = TimeSpan.minutes(15)
    /// How far behind now a window must end to be closed (no longer growing).
    package var lag = TimeSpan.minutes(5)
    /// Where a first run starts when no `--since` is given: the source's retention.
    package var firstRunLookback = TimeSpan.days(90)
    /// A window the source says holds more events than this is split before it is paged,
    /// so memory stays bounded however busy a day was.
    package var maxEventsPerWindow = 12_000
    /// The shortest window a busy one is split into: a window this short that still holds more
    /// than `maxEventsPerWindow` fails, naming itself, instead of being cut into seconds.
    package var finestWindow = TimeSpan.minutes(1)
    /// The most pages one window may take: more than a window of `maxEventsPerWindow` needs even
    /// at `pageSize` 1 (the live dialect reads up to twice that before it splits). A source that
    /// pages past it, or repeats a page or a cursor, fails the window (`PagingGuard`).
    package var maxPagesPerWindow = 25_000
    /// The most events of one window that may be left out because they cannot be read
    /// (`RejectedEvent`): one bad event never stops extraction, but a window with more is a
    /// broken source, not a bad event, and fails.
    package var maxRejectedPerWindow = 100
    /// Reads run side by side (a source whose reads span several windows: the live audit
    /// queries), all under the API client's one budget; windows are still committed in order.
    package var concurrency = 4
    /// The most events a read holds ahead of its commit before it waits: with `concurrency`
    /// reads, memory holds at most about this many events for each.
    package var readAheadEvents = 24_000
    /// The most bytes of events a read holds ahead of its commit before it waits: what bounds
    /// memory when a source makes its events large (24,000 events of 300 KB would be 7 GB).
    package var readAheadBytes = 32 << 20

    package init() {}
}
