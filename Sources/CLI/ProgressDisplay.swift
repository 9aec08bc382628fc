import Extractor
import Foundation
import Logging
import PartnerAuditCore

/// Shows extraction progress: a live line on a terminal, one log line per window otherwise (cron).
struct ProgressDisplay: Sendable {
    let logger: Logger
    let terminal: Bool

    func windowCommitted(_ progress: WindowProgress) {
        let rate = progress.elapsedSeconds > 0 ? Double(progress.totalEventsStored) / progress.elapsedSeconds : 0
        if terminal {
            let line = String(format: "\r\u{1B}[2Kwindow %d/%d · pages %d · events %d · %.0f events/s · %d requests",
                              progress.index, progress.planned, progress.totalPages, progress.totalEventsStored, rate, progress.requests)
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            logger.info("window \(progress.index)/\(progress.planned) \(progress.window): \(progress.pages) pages, \(progress.stored) new of \(progress.seen) events")
        }
        // Whatever the display: an event left out is worth a line of its own in the log.
        for event in progress.leftOut {
            logger.warning("window \(progress.window): left out an event that cannot be read: \(event)")
        }
    }

    /// Ends the live line so the next output starts on its own line.
    func finish() {
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
