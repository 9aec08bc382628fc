import Foundation

/// report.pdf: report.html printed by headless Chromium (one section a page: the page's print
/// styles break before each), for auditors who file PDFs.
enum PDFPrinter {
    /// The environment variable naming a Chromium binary.
    static let environmentVariable = "PARTNER_AUDIT_CHROMIUM"
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    /// The Chromium to print with, or `nil` when none is installed.
    static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let named = environment[environmentVariable] { return FileManager.default.isExecutableFile(atPath: named) ? named : nil }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints `html` to `pdf` (under its partial name first); a Chromium that fails or takes
    /// more than `timeout` seconds is an error naming it.
    static func print(_ html: URL, to pdf: URL, timeout: TimeInterval = 180) throws {
        guard let chromium = chromium() else {
            throw ReportError(.usage, "--format pdf needs Chromium: install it (Debian: chromium) or set \(environmentVariable)")
        }
        let partial = PackFiles.partial(pdf.lastPathComponent, in: pdf.deletingLastPathComponent())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                             "--print-to-pdf=\(partial.path)", html.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw ReportError(.io, file: chromium, "cannot be started: \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw ReportError(.io, file: chromium, "did not print report.pdf within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0, let head = FileManager.default.contents(atPath: partial.path)?.prefix(5), head == Data("%PDF-".utf8) else {
            try? FileManager.default.removeItem(at: partial)
            throw ReportError(.io, file: chromium, "exited \(process.terminationStatus) without printing report.pdf")
        }
        try PackFiles.move(partial, to: pdf)
    }
}
