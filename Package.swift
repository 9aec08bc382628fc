// swift-tools-version: 6.1
import PackageDescription

/// PartnerAudit: source → warehouse → rules → findings → reports.
///
/// Each layer is a library target in its own folder; `partner-audit` is a thin executable
/// over the `CLI` library, so the commands can be exercised from tests.
let package = Package(
    name: "PartnerAudit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "partner-audit", targets: ["partner-audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Named because Source and Simulator import NIOCore (and Source NIOHTTP1) themselves; already
        // in the graph through async-http-client and hummingbird, as are the two below.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Models, time, configuration parsing. No I/O.
        .target(
            name: "PartnerAuditCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The API we read: one `AuditSource` protocol, one adapter per dialect.
        .target(
            name: "Source",
            dependencies: [
                "PartnerAuditCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The append-only, hash-chained SQLite warehouse.
        .target(
            name: "Warehouse",
            dependencies: [
                "PartnerAuditCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the measured hot paths (the event insert and the chain walk).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The rule engine: catalog, policy, networks, rules → findings.
        .target(
            name: "Rules",
            dependencies: [
                "PartnerAuditCore", "Warehouse",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The endpoint → scope map and the known-scope registry: data, not code.
            resources: [.copy("Data")]
        ),
        // Source → warehouse, window by window; gateway access logs from files (zlib for `.gz`,
        // SHA-256 for file identities and line ids).
        .target(
            name: "Extractor",
            dependencies: [
                "PartnerAuditCore", "Source", "Warehouse", "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A seeded organisation served over loopback, faults included.
        .target(
            name: "Simulator",
            dependencies: [
                // zlib: the partner gateway's rotated access log (`access.log.2.gz`).
                "PartnerAuditCore", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libxml2 (writing report.xml, validating it against the XSD): Reports only. zlib: events.csv.gz
        // (Reports) and `.gz` gateway logs (Extractor).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Evidence packs: view models, Mustache templates, XML + XSD, manifest.
        .target(
            name: "Reports",
            dependencies: [
                "PartnerAuditCore", "Warehouse", "Rules", "CLibXML2", "CZlib",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The repository's templates/ folder, shipped in the bundle so an installed binary has them.
            resources: [.copy("../../templates")]
        ),
        // The subcommands.
        .target(
            name: "CLI",
            dependencies: [
                "PartnerAuditCore", "Source", "Warehouse", "Extractor", "Rules", "Simulator", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(name: "partner-audit", dependencies: ["CLI"]),
        // A developer's benchmark of the gateway source's reading loop alone (scripts/bench-reading).
        .executableTarget(
            name: "gateway-reading-bench",
            dependencies: ["Extractor", "PartnerAuditCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // What the test targets share: a simulator, a warehouse and an extractor on one manual clock.
        .target(
            name: "TestSupport",
            dependencies: [
                "PartnerAuditCore", "Source", "Warehouse", "Extractor", "Simulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // The hostile test server: routes a test writes, on a loopback port.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PartnerAuditCoreTests", dependencies: ["PartnerAuditCore", "TestSupport"]),
        .testTarget(name: "SourceTests", dependencies: ["PartnerAuditCore", "Source", "TestSupport"], exclude: ["Payloads"]),
        .testTarget(name: "WarehouseTests", dependencies: ["PartnerAuditCore", "Warehouse", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "PartnerAuditCore", "Simulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RulesTests",
            dependencies: [
                "PartnerAuditCore", "Warehouse", "Rules", "Simulator", "TestSupport", "Extractor",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ExtractorTests",
            dependencies: [
                "PartnerAuditCore", "Source", "Warehouse", "Extractor", "Simulator", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "PartnerAuditCore", "Warehouse", "Rules", "Reports", "Simulator", "TestSupport", "CLibXML2",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "PartnerAuditCore", "Simulator", "CLI", "Extractor", "Reports", "Source", "Warehouse", "partner-audit", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
