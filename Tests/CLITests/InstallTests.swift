import Foundation
import Testing

@Suite("scripts/install: an installed binary is self-sufficient", .serialized)
struct InstallTests {
    @Test("Installed under a prefix and run from a folder with no templates, demo renders and verifies its pack; without the bundles it says how to install")
    func installedBinaryRendersPacks() async throws {
        let folder = try WorkingFolder()
        let build = CommandLineRunner.binary.deletingLastPathComponent().path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/install").standardized.path
        let runner = CommandLineRunner(directory: folder.url)
        let install = try await runner.run(script: script, ["--from", build, "--prefix", folder.path("prefix")])
        #expect(install.status == 0, "\(install.output)")

        let installed = URL(fileURLWithPath: folder.path("prefix/bin/partner-audit"))
        let demo = try await runner.start(["demo", "--scale", "1000", "--out", folder.path("demo")], executable: installed).wait()
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path("demo/pack/report.html")))

        // A bare copy of the binary, without its bundles: a clear message and a usage exit, not a crash.
        try FileManager.default.createDirectory(atPath: folder.path("bare"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: folder.path("prefix/lib/partner-audit/partner-audit"), toPath: folder.path("bare/partner-audit"))
        let bare = try await runner.start(["demo", "--scale", "1000", "--out", folder.path("bare-demo")],
                                          executable: URL(fileURLWithPath: folder.path("bare/partner-audit"))).wait()
        #expect(bare.status == 2, "\(bare.output)")
        #expect(bare.stderr.contains("scripts/install"), "\(bare.stderr)")
    }
}
