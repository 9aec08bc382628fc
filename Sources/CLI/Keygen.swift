import ArgumentParser
import Foundation
import Reports

/// `partner-audit keygen`: an Ed25519 key pair for signing packs.
struct Keygen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an Ed25519 key pair for signing evidence packs.",
        discussion: """
            Writes the private key to --out (mode 0600) and the public key, in minisign's format, beside it \
            (--out with .pub added). Name the private key as signingKey: in the configuration; give auditors \
            the .pub file: they check a pack with `minisign -Vm manifest.json -p KEY.pub`, or with \
            `partner-audit verify --pack DIR --public-key KEY.pub`.

            Example: partner-audit keygen --out /etc/partner-audit/pack-signing.key
            """)

    @Option(help: "Where the private key goes; the public key goes to the same path with .pub added.")
    var out: String

    @Flag(help: "Replace keys already there.")
    var force = false

    func run() async throws {
        try await reportingFailures {
            let publicPath = out + ".pub"
            for path in [out, publicPath] where FileManager.default.fileExists(atPath: path) && !force {
                throw UsageError("\(path) exists; a signing key is not replaced unless --force says so (packs signed with it would no longer verify against a new public key)")
            }
            let key = SigningKey.generate()
            try? FileManager.default.removeItem(atPath: out)
            // Created 0600 in one step: the secret is never in a file others could read, not even for a moment.
            let descriptor = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else { throw UsageError("cannot create the private key \(out): \(String(cString: strerror(errno)))") }
            let text = Array(key.fileText.utf8)
            let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == text.count else { throw UsageError("cannot write the private key \(out)") }
            try Data(key.publicKey.fileText.utf8).write(to: URL(fileURLWithPath: publicPath))
            Console.output("""
                signing key \(key.keyIDText)
                  private: \(out) (mode 0600; name it as signingKey: in the configuration)
                  public:  \(publicPath) (give it to auditors: minisign -Vm manifest.json -p \(publicPath))
                """)
        }
    }
}
