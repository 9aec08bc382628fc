import ArgumentParser
import Foundation
import PartnerAuditCore
import Warehouse

/// Runs a command's body and turns any failure into one clear line on stderr and the
/// documented exit code: the error's own `ExitStatus` when it has one, else 2 for bad
/// input and 3 for anything else.
func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ExitCodeProviding {
        Console.error("\(error)")
        throw ExitCode(error.exitStatus.rawValue)
    } catch where WarehouseError.isCorruption(error) {
        // SQLite found the file damaged in the middle of a read: an integrity failure, not a source one.
        Console.error("INTEGRITY FAILURE: the warehouse is damaged (\(error)); restore it from a backup")
        throw ExitCode(ExitStatus.integrity.rawValue)
    } catch is CancellationError {
        Console.error("cancelled")
        throw ExitCode(ExitStatus.sourceFailed.rawValue)
    } catch {
        Console.error("\(error)")
        throw ExitCode(ExitStatus.sourceFailed.rawValue)
    }
}

/// A usage problem found while running (not while parsing): exit 2 with the message.
struct UsageError: Error, CustomStringConvertible, ExitCodeProviding {
    var description: String
    init(_ description: String) { self.description = description }
    var exitStatus: ExitStatus { .usage }
}

/// stdout carries results; stderr carries errors, progress and logs.
enum Console {
    /// An error on stderr, control characters shown as codes: it may quote what a source sent.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("partner-audit: error: \(TerminalText.escapedLines(message))\n".utf8))
    }

    /// A report for a person on stdout (`verify`, `doctor`), control characters shown as codes:
    /// it may quote a pack's file names or a source's answers. Results for tools use `output`.
    static func report(_ text: String) {
        output(TerminalText.escapedLines(text))
    }

    static func output(_ text: String) {
        // By byte: "\r\n" is one Character, so hasSuffix("\n") would add a blank line after CSV's last CRLF.
        FileHandle.standardOutput.write(Data((text.utf8.last == 0x0A ? text : text + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress lines) or a pipe or file (cron: one log line per window).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
