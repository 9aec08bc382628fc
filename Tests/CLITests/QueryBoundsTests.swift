import Foundation
import Testing
import TestSupport
import Warehouse

@Suite("query is bounded: rows by --max-rows, text by --max-megabytes, the whole command, printing included, by --timeout", .serialized)
struct QueryBoundsTests {
    /// A statement giving `count` rows of about 60 characters.
    private func rows(_ count: Int) -> String {
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT \(count)) SELECT i, printf('%050d', i) AS padding FROM n"
    }

    @Test("A result over --max-rows is refused with exit 2 saying how to raise it, nothing printed; raised, every row is printed")
    func maxRows() async throws {
        let folder = try WorkingFolder()
        do { _ = try Warehouse(path: folder.path("warehouse.sqlite")) }
        let runner = CommandLineRunner(directory: folder.url)
        let capped = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--max-rows", "1000", "--format", "csv", rows(1001)])
        #expect(capped.status == 2, "\(capped.stderr)")
        #expect(capped.stdout.isEmpty)
        #expect(capped.stderr.contains("more than 1000 rows") && capped.stderr.contains("--max-rows"), "\(capped.stderr)")

        let exact = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--max-rows", "1001", "--format", "csv", rows(1001)])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.components(separatedBy: "\r\n").count == 1 + 1001 + 1)

        let byDefault = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--format", "csv", rows(100_001)])
        #expect(byDefault.status == 2 && byDefault.stderr.contains("more than 100000 rows"), "\(byDefault.stderr)")
    }

    @Test("A result holding more text than --max-megabytes is refused with exit 2 saying how to raise it, nothing printed; raised, it is printed")
    func maxMegabytes() async throws {
        let folder = try WorkingFolder()
        do { _ = try Warehouse(path: folder.path("warehouse.sqlite")) }
        let runner = CommandLineRunner(directory: folder.url)
        // Three rows of 600,000 characters each: 1.7 MiB of text in three rows, far under --max-rows.
        let wide = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 3) SELECT i, hex(zeroblob(300000)) AS wide FROM n"
        let capped = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--max-megabytes", "1", "--format", "csv", wide])
        #expect(capped.status == 2, "\(capped.stderr)")
        #expect(capped.stdout.isEmpty)
        #expect(capped.stderr.contains("more than 1 MiB of text") && capped.stderr.contains("--max-megabytes"), "\(capped.stderr)")

        let raised = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--max-megabytes", "2", "--format", "csv", wide])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.utf8.count > 1_800_000)

        let refused = try await runner.run(["query", "--warehouse", folder.path("warehouse.sqlite"), "--max-megabytes", "0", wide])
        #expect(refused.status == 2 && refused.stderr.contains("--max-megabytes"), "\(refused.stderr)")
    }

    @Test("Output no one reads is stopped at --timeout: exit 2, saying the output was cut")
    func timeoutCoversPrinting() async throws {
        let folder = try WorkingFolder()
        do { _ = try Warehouse(path: folder.path("warehouse.sqlite")) }
        // stdout is a pipe nobody reads: the process blocks once the pipe's buffer (64 KiB) is full.
        let process = Process()
        process.executableURL = CommandLineRunner.binary
        process.arguments = ["query", "--warehouse", folder.path("warehouse.sqlite"), "--timeout", "2", "--format", "csv", rows(50_000)]
        process.currentDirectoryURL = folder.url
        let unread = Pipe()
        let errors = folder.path("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardOutput = unread
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        await ProcessLaunchGate.wait()
        // Timed from the launch: the gate's wait for other tests' descriptors is not the command's time.
        let started = Date()
        try process.run()
        let finished = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: exited.wait(timeout: .now() + 60) == .success) }
        }
        if !finished {
            process.terminate()
            Issue.record("query was still writing 60 s after a --timeout of 2 s")
            return
        }
        let stderr = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(process.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("stopped after 2 seconds (--timeout)") && stderr.contains("output"), "\(stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        _ = unread
    }
}
