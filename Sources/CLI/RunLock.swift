import Foundation
import PartnerAuditCore

/// An exclusive lock beside the warehouse, so two runs never overlap.
///
/// Held with `flock`, so the kernel releases it when the process ends however it ends;
/// the file keeps the holder's pid for the message the second run prints.
final class RunLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock or throws `LockHeld` (exit 5) at once; never waits.
    init(warehouse: String) throws {
        path = warehouse + ".lock"
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        // Never through a symbolic link: a link planted at the lock's path would have the pid
        // written over (and its target truncated) whatever file it points to.
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link; remove it (the lock file is created afresh)" : String(cString: strerror(errno))
            throw UsageError("cannot open the lock file \(path): \(reason)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw UsageError("cannot use the lock file \(path): it is not a regular file")
        }
        // Nor a hard link: it would name another file, whose bytes the pid would replace.
        guard status.st_nlink == 1 else {
            close(descriptor)
            throw UsageError("cannot use the lock file \(path): it is a hard link to another file (\(status.st_nlink) names); remove it (the lock file is created afresh)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw LockHeld(path: path, holder: holder)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Another run holds the warehouse lock.
struct LockHeld: Error, CustomStringConvertible, ExitCodeProviding {
    var path: String
    var holder: String
    var description: String {
        "another run holds the warehouse lock \(path)\(holder.isEmpty ? "" : " (pid \(holder))"); not starting a second one"
    }
    var exitStatus: ExitStatus { .locked }
}
