import PartnerAuditCore
import Source
import Warehouse

/// Cuts the results of one read that spans several windows, sorted by time, into those windows:
/// once a result at or past a window's end arrives, that window is complete.
///
/// A window that fills past `cutAt` events, or past `PreparedEvents.closingBytes` of them, is
/// cut at the next later instant, so memory stays bounded however busy a day was (or however
/// large a source makes its events) and no query is asked again: the part before that instant
/// is complete, and the rest of the window is filled on.
///
/// ```swift
/// var cutter = WindowCutter(windows: days, cutAt: 12_000)
/// for window in try cutter.admit(page, request: "results page 2") { commit(window) }
/// for window in cutter.finish() { commit(window) }
/// ```
struct WindowCutter {
    /// The window being filled; `pages` counts the pages read while it was.
    private(set) var current: TimeWindow
    private(set) var pages = 0
    private var later: ArraySlice<TimeWindow>
    private var events = PreparedEvents()
    /// Messages of the window being filled that could not be read (`EventPage.rejected`).
    private var leftOut: LeftOutEvents
    private var lastMillis: Int64
    private let cutAt: Int

    /// - Parameters:
    ///   - windows: contiguous, in order, at least one.
    ///   - cutAt: events in one window past which it is cut; twice as many at one instant fail the read.
    ///   - maxRejected: messages of one window that may be left out because they cannot be read.
    init?(windows: [TimeWindow], cutAt: Int, maxRejected: Int = 100) {
        guard let first = windows.first else { return nil }
        leftOut = LeftOutEvents(limit: maxRejected)
        current = first
        later = windows.dropFirst()
        lastMillis = first.fromMillis
        self.cutAt = max(cutAt, 1)
    }

    /// Files one page's events under their windows and returns the windows it completed, in order.
    ///
    /// - Throws: `SourceError(.malformedResponse)` for a result earlier than the one before it (the
    ///   results are not sorted, so no window could be committed before the read ends) or past the
    ///   read's end; `.tooManyEvents` for more than twice `cutAt` events at one instant;
    ///   `WindowTooLarge` when a window's bytes outgrow what the warehouse takes in one commit;
    ///   `.malformedResponse` when the window being filled holds more messages that cannot be
    ///   read than `maxRejected` (those of a page are filed under the window filled after its
    ///   readable messages: a message that cannot be read has no time to file it by).
    mutating func admit(_ page: EventPage, request: String) throws -> [FilledWindow] {
        pages += 1
        var done: [FilledWindow] = []
        for event in page.events {
            let instant = event.timestampMillis
            guard instant >= lastMillis else {
                throw SourceError(.malformedResponse, request: request, message:
                    "audit message \(event.id) at \(event.timestamp) comes after one at \(Timestamp.format(milliseconds: lastMillis)): "
                    + "the results are not sorted by time; nothing of the window was stored")
            }
            while instant >= current.toMillis, let next = later.first {
                done.append(close())
                current = next
                later = later.dropFirst()
            }
            guard instant < current.toMillis else {
                throw SourceError(.malformedResponse, request: request, message: "audit message \(event.id) at \(event.timestamp) lies after the queried interval")
            }
            if events.count >= cutAt || events.byteCount >= PreparedEvents.closingBytes, instant > lastMillis, instant > current.fromMillis {
                let rest = TimeWindow(fromMillis: instant, toMillis: current.toMillis)
                current = TimeWindow(fromMillis: current.fromMillis, toMillis: instant)
                done.append(close())
                current = rest
            } else if events.count >= 2 * cutAt {
                throw SourceError(.tooManyEvents, request: request, message:
                    "more than \(2 * cutAt) audit messages at \(event.timestamp), one instant: they cannot be read in bounded memory; nothing of the window was stored")
            }
            try events.append(event)
            lastMillis = instant
        }
        try leftOut.add(page.rejected, request: request)
        return done
    }

    /// The read has ended: the window being filled and every later one (empty) are complete.
    mutating func finish() -> [FilledWindow] {
        var done = [close()]
        for window in later {
            done.append(FilledWindow(window: window, events: PreparedEvents(), pages: 0, requests: 0, rejected: []))
        }
        later = []
        return done
    }

    /// Hands over the window being filled, with the pages read into it (its requests are counted when it is committed).
    private mutating func close() -> FilledWindow {
        let filled = FilledWindow(window: current, events: events, pages: pages, requests: 0, rejected: leftOut.take())
        events = PreparedEvents()
        pages = 0
        return filled
    }
}
