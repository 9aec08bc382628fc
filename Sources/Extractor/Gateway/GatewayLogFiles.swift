import Foundation
import PartnerAuditCore

/// The files one `gateway:` entry names: its glob expanded, oldest first (by modification time,
/// then the rotated names first), so requests reach the chain roughly in time order.
enum GatewayLogFiles {
    static func matching(_ pattern: String) throws(GatewayReadError) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        let status = glob(pattern, 0, nil, &matches)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw GatewayReadError(file: pattern, "the pattern cannot be expanded (glob error \(status))") }
        var paths: [(path: String, modified: Int64)] = []
        for index in 0..<Int(matches.gl_pathc) {
            guard let pointer = matches.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            paths.append((path, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
        }
        return paths.sorted { $0.modified != $1.modified ? $0.modified < $1.modified : $0.path > $1.path }.map(\.path)
    }
}
