@testable import CLI
import Extractor
import Foundation
import PartnerAuditCore
import Reports
import Source
import Testing
import Warehouse

/// cli.md, "Exit codes": what each layer's failure means to the person reading the exit code.
@Suite("Exit statuses")
struct ExitStatusTests {
    private static let window = TimeWindow(fromMillis: 0, toMillis: 1)

    @Test("A source that fails is exit 3, whether met in a window or before one")
    func sourceFailures() {
        for code: SourceError.Code in [.credentialsRefused, .unauthorized, .forbidden, .retriesExhausted, .unexpectedStatus(400), .malformedResponse, .queryFailed,
                                       .insecureRedirect, .deadlineExceeded, .responseTooLarge, .runawayPaging, .tooManyEvents] {
            let error = SourceError(code, request: "GET /x", message: "m")
            #expect(error.exitStatus == .sourceFailed, "\(code)")
            #expect(ExtractionError(window: Self.window, place: "page 2", underlying: error).exitStatus == .sourceFailed)
        }
    }

    @Test("A refused URL, a bad configuration, a bad period and an unopenable warehouse are usage errors (exit 2)")
    func usage() {
        #expect(SourceError(.insecureURL, request: "http://x", message: "m").exitStatus == .usage)
        #expect(ConfigurationError(file: "c.yml", line: 2, message: "m").exitStatus == .usage)
        #expect(ReportPeriodError(text: "2026-Q5", reason: "r").exitStatus == .usage)
        #expect(WarehouseError(.newerSchema, path: "w.sqlite", message: "m").exitStatus == .usage)
    }

    @Test("A pack that does not verify, a stored finding that does not read and a warehouse refused a migration are integrity failures (exit 4)")
    func integrity() {
        #expect(ReportError(.integrity, file: "manifest.json", "m").exitStatus == .integrity)
        #expect(StoredFindingError(fingerprint: "f", column: "severity", reason: "r").exitStatus == .integrity)
        #expect(WarehouseError(.tampered, path: "w.sqlite", message: "m").exitStatus == .integrity)
    }

    @Test("Exit codes are the documented numbers")
    func numbers() {
        #expect([ExitStatus.success, .findingsAtThreshold, .usage, .sourceFailed, .integrity, .locked].map(\.rawValue) == [0, 1, 2, 3, 4, 5])
    }
}
