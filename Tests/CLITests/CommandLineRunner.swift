import Foundation
import TestSupport

/// Runs the built `partner-audit` binary as a user or cron would, capturing its output.
struct CommandLineRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// The `partner-audit` executable SwiftPM built next to the test bundle.
    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["PARTNER_AUDIT_BINARY"] { return URL(fileURLWithPath: explicit) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("partner-audit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("partner-audit")
    }

    var directory: URL
    var environment: [String: String] = [:]

    /// Starts the binary (or another executable, a script of `scripts/` say) without waiting; its
    /// output goes to files, so nothing blocks on a pipe. (Through `ProcessLaunchGate`.)
    func start(_ arguments: [String], executable: URL = CommandLineRunner.binary) async throws -> RunningCommand {
        await ProcessLaunchGate.wait()
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["PARTNER_AUDIT_CLIENT_ID"] = nil
        env["PARTNER_AUDIT_CLIENT_SECRET"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        let command = RunningCommand(process: process)
        process.standardOutput = try FileHandle(forWritingTo: command.stdoutURL)
        process.standardError = try FileHandle(forWritingTo: command.stderrURL)
        process.terminationHandler = { _ in command.exited.signal() }
        try process.run()
        return command
    }

    /// Runs the binary to completion.
    func run(_ arguments: [String]) async throws -> Result {
        try await start(arguments).wait()
    }

    /// Runs a script to completion, in the same environment.
    func run(script: String, _ arguments: [String]) async throws -> Result {
        try await start(arguments, executable: URL(fileURLWithPath: script)).wait()
    }
}

/// A started `partner-audit` process.
final class RunningCommand: Sendable {
    let process: Process
    let stdoutURL: URL
    let stderrURL: URL
    let exited = DispatchSemaphore(value: 0)

    init(process: Process) {
        self.process = process
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cli-output-\(UUID().uuidString)")
        stdoutURL = base.appendingPathExtension("out")
        stderrURL = base.appendingPathExtension("err")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits for the exit (on a dispatch thread, never the cooperative pool) and collects the output.
    func wait() async -> CommandLineRunner.Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.exited.wait()
                let out = (try? Data(contentsOf: self.stdoutURL)) ?? Data()
                let err = (try? Data(contentsOf: self.stderrURL)) ?? Data()
                try? FileManager.default.removeItem(at: self.stdoutURL)
                try? FileManager.default.removeItem(at: self.stderrURL)
                continuation.resume(returning: CommandLineRunner.Result(
                    status: self.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self)))
            }
        }
    }
}

/// A temporary working folder, removed afterwards.
final class WorkingFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String, mode: Int = 0o644) throws {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
