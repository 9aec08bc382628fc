import Foundation

/// Runs compliance-trestle, the OSCAL community's Python tool, through the `python3` on the PATH
/// (the one `.ci/run` installs it for), with a timeout.
enum Trestle {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Reads an assessment-results document with trestle's own models (pydantic, unknown fields
    /// refused) and prints it back as trestle serialises it.
    static let loadScript = """
        import pathlib, sys
        from trestle.oscal.assessment_results import AssessmentResults
        document = AssessmentResults.oscal_read(pathlib.Path(sys.argv[1]))
        sys.stdout.write(document.oscal_serialize_json())
        """

    /// Whether `python3` imports trestle's assessment-results models.
    static func isInstalled() async throws -> Bool {
        try await python(["-c", "import trestle.oscal.assessment_results"]).status == 0
    }

    /// Loads `file` with trestle and returns what trestle serialises back.
    static func load(_ file: URL) async throws -> Output {
        try await python(["-c", loadScript, file.path])
    }

    /// Runs `python3` with `arguments`; kills it after `timeout` seconds.
    static func python(_ arguments: [String], timeout: TimeInterval = 180) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try runBlocking(arguments, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(_ arguments: [String], timeout: TimeInterval) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("trestle-\(UUID().uuidString)")
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
            throw FixtureError("python3 did not finish within \(Int(timeout)) seconds")
        }
        return Output(status: process.terminationStatus, stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }
}
