import Foundation

/// Runs Debian's headless Chromium, one invocation at a time, with a timeout.
enum Chromium {
    static let path = "/usr/bin/chromium"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// One Chromium at a time in this process: it is heavy on two cores.
    private static let gate = DispatchSemaphore(value: 1)

    /// Runs Chromium headless on a file URL with the extra arguments; kills it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                gate.wait()
                defer { gate.signal() }
                do {
                    continuation.resume(returning: try runBlocking(arguments, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(_ arguments: [String], timeout: TimeInterval) throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--no-first-run",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
        ] + arguments
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        let (out, err) = (base.appendingPathExtension("out"), base.appendingPathExtension("err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            throw ChromiumError("chromium did not finish within \(Int(timeout)) seconds")
        }
        return Output(status: process.terminationStatus, stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }
}

struct ChromiumError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
