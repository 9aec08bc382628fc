import Foundation
import PartnerAuditCore

/// Where the extractor's client credentials come from: the environment, or a 0600 file.
/// Never the command line.
enum CredentialsSource {
    static let idVariable = "PARTNER_AUDIT_CLIENT_ID"
    static let secretVariable = "PARTNER_AUDIT_CLIENT_SECRET"

    /// The environment's credentials if both are set, else the configured file's.
    static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Credentials {
        if let id = environment[idVariable], let secret = environment[secretVariable], !id.isEmpty, !secret.isEmpty {
            return Credentials(clientID: id, clientSecret: Secret(secret))
        }
        guard let file else {
            throw UsageError("no credentials: set \(idVariable) and \(secretVariable), or source.credentialsFile in the configuration")
        }
        return try fromFile(file)
    }

    /// Refuses `path` when `start` or a folder above it is writable by group or others (without
    /// the sticky bit) or belongs to someone other than this user or root.
    private static func checkFolders(from start: URL, of path: String) throws {
        var folder = start
        while true {
            var folderStatus = stat()
            if stat(folder.path, &folderStatus) == 0 {
                if folderStatus.st_mode & 0o022 != 0, folderStatus.st_mode & S_ISVTX == 0 {
                    throw UsageError("credentials file \(path) is under \(folder.path), which group or others can write (mode \(String(folderStatus.st_mode & 0o777, radix: 8))): anyone there could replace it; refusing it")
                }
                guard folderStatus.st_uid == geteuid() || folderStatus.st_uid == 0 else {
                    throw UsageError("credentials file \(path) is under \(folder.path), which belongs to uid \(folderStatus.st_uid), not to this user (uid \(geteuid())) or root: its owner could replace it; refusing it")
                }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return }
            folder = parent
        }
    }

    /// Reads `KEY=VALUE` lines; refuses a file that group or others can read, that is not a
    /// regular file, that someone else owns, or whose folder others can write (they could
    /// swap the file).
    static func fromFile(_ path: String) throws -> Credentials {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw UsageError("credentials file \(path) cannot be read")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw UsageError("credentials file \(path) is not a regular file (a symbolic link, say); refusing it")
        }
        let mode = Int(status.st_mode & 0o777)
        guard mode & 0o077 == 0 else {
            throw UsageError("credentials file \(path) has mode \(String(mode, radix: 8)); refusing it: run `chmod 600 \(path)`")
        }
        guard status.st_uid == geteuid() || status.st_uid == 0 else {
            throw UsageError("credentials file \(path) belongs to uid \(status.st_uid), not to this user (uid \(geteuid())) or root; refusing it")
        }
        // Every folder above it too, as written and with its links resolved (a linked folder
        // would hide the real one): whoever can write or owns any of them could swap the file.
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        try checkFolders(from: folder, of: path)
        try checkFolders(from: folder.resolvingSymlinksInPath(), of: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("credentials file \(path) cannot be read")
        }
        var values: [String: String] = [:]
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw UsageError("credentials file \(path):\(number + 1): expected KEY=VALUE")
            }
            values[String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)] =
                String(trimmed[trimmed.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let id = values[idVariable], let secret = values[secretVariable], !id.isEmpty, !secret.isEmpty else {
            throw UsageError("credentials file \(path) must set \(idVariable) and \(secretVariable)")
        }
        return Credentials(clientID: id, clientSecret: Secret(secret))
    }
}
