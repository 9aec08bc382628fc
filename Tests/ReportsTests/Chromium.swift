import Foundation

/// Runs Debian's headless Chromium, one invocation at a time, with a timeout.
enum Chromium {
    static let path = "/usr/bin/chromium"

    typealias Output = ToolProcess.Output

    /// One Chromium at a time in this process: it is heavy on two cores.
    private static let gate = DispatchSemaphore(value: 1)

    /// Runs Chromium headless on a file URL with the extra arguments; kills it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) async throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        return try await ToolProcess.run(path, [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--no-first-run",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
        ] + arguments, timeout: timeout, gate: gate)
    }
}

struct ChromiumError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
