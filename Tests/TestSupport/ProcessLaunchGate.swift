import Foundation

/// Holds back a `Process.run()` while this test process has more file descriptors open than
/// the toolchain's Foundation can list safely.
///
/// On Linux, `Process.run()` reads `/proc/self/fd` to find the highest descriptor and copies
/// each entry's whole 256-byte `d_name`, past the end of the entry (swift-corelibs-foundation
/// pull request 5472, merged after the 6.3 release). While every entry fits in glibc's 32 KiB
/// directory buffer — fewer than about 1,350 descriptors — the extra bytes are still inside it;
/// with more, the last entry sits at the buffer's end and the copy can run onto an unmapped
/// page, and the whole test run dies with SIGSEGV inside `Process.run()`. The suite's tests run
/// side by side holding warehouses and loopback connections, up to about 1,600 descriptors at
/// once in their first minute, so every launch in the tests waits here until fewer than
/// `limit` are open (other tests finishing free them), for at most `patience` seconds.
package enum ProcessLaunchGate {
    /// Well under the ~1,350 descriptors whose entries fill the buffer.
    static let limit = 1_000
    static let patience: TimeInterval = 180

    /// Waits, off the thread (a test's task), until few enough descriptors are open.
    package static func wait() async {
        let deadline = Date().addingTimeInterval(patience)
        while openDescriptors() >= limit, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The same wait for code already on a dispatch thread of its own (never the cooperative pool).
    package static func waitBlocking() {
        let deadline = Date().addingTimeInterval(patience)
        while openDescriptors() >= limit, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The descriptors open now: `FileManager` reads each entry's name by its length, not past it.
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }
}
