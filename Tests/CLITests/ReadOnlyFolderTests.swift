import Foundation
import Testing
import Warehouse

@Suite("A warehouse copy in a folder the user cannot write", .serialized)
struct ReadOnlyFolderTests {
    /// Runs the binary as a user who cannot write the folder: as uid 65534 through `setpriv` when
    /// the tests run as root (root writes a folder of mode 0555 all the same), else as this user.
    private func runUnprivileged(_ arguments: [String], in folder: WorkingFolder) async throws -> CommandLineRunner.Result {
        let runner = CommandLineRunner(directory: folder.url)
        guard geteuid() == 0 else { return try await runner.run(arguments) }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        try #require(FileManager.default.isExecutableFile(atPath: setpriv.path), "root needs setpriv to run the binary as another user")
        return try await runner.start(["--reuid=65534", "--regid=65534", "--clear-groups", CommandLineRunner.binary.path] + arguments,
                                      executable: setpriv).wait()
    }

    /// A folder holding the given files, then made read-only (0555).
    private func readOnlyFolder(_ name: String, in folder: WorkingFolder, copying files: [(from: String, to: String)]) throws -> String {
        let path = folder.path(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(atPath: file.from, toPath: path + "/" + file.to)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path + "/" + file.to)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
        return path
    }

    @Test("verify and query read a warehouse whose folder cannot be written; nothing is created beside it")
    func verifyInReadOnlyFolder() async throws {
        let folder = try WorkingFolder()
        let original = folder.path("warehouse.sqlite")
        do { _ = try await Warehouse(path: original).findings() }
        #expect(!FileManager.default.fileExists(atPath: original + "-wal"), "SQLite merged the WAL when the warehouse closed")
        let copy = try readOnlyFolder("copy", in: folder, copying: [(original, "warehouse.sqlite")])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy) }

        let verified = try await runUnprivileged(["verify", "--warehouse", copy + "/warehouse.sqlite"], in: folder)
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.stdout.contains("hash chain verified"), "\(verified.output)")
        let queried = try await runUnprivileged(["query", "--warehouse", copy + "/warehouse.sqlite", "--format", "csv",
                                                 "SELECT count(*) AS n FROM events"], in: folder)
        #expect(queried.status == 0, "\(queried.output)")
        #expect(queried.stdout == "n\r\n0\r\n", "\(queried.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy) == ["warehouse.sqlite"])
    }

    @Test("A -wal still holding changes, without its -shm, in a folder that cannot be written is refused, naming the -wal and what to do")
    func pendingWALIsRefused() async throws {
        let folder = try WorkingFolder()
        let live = folder.path("warehouse.sqlite")
        let warehouse = try Warehouse(path: live)  // open: its changes are still in the -wal
        let walSize = try #require(try FileManager.default.attributesOfItem(atPath: live + "-wal")[.size] as? Int)
        try #require(walSize > 0)
        let copy = try readOnlyFolder("copy", in: folder, copying: [(live, "warehouse.sqlite"), (live + "-wal", "warehouse.sqlite-wal")])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy) }
        _ = warehouse

        let refused = try await runUnprivileged(["verify", "--warehouse", copy + "/warehouse.sqlite"], in: folder)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.stderr.contains("warehouse.sqlite-wal holds"), "\(refused.output)")
        #expect(refused.stderr.contains("copy the warehouse together with its -wal file"), "\(refused.output)")
    }
}
