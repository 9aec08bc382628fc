import Extractor
import PartnerAuditCore
import Reports
import Rules
import Source
import Warehouse

// What each layer's errors mean as an exit code (cli.md, "Exit codes").

extension ConfigurationError: ExitCodeProviding {
    var exitStatus: ExitStatus { .usage }
}

extension SourceError: ExitCodeProviding {
    /// A refused URL is the configuration's fault; anything else is the source's.
    var exitStatus: ExitStatus { code == .insecureURL ? .usage : .sourceFailed }
}

extension ExtractionError: ExitCodeProviding {
    var exitStatus: ExitStatus { underlying.exitStatus }
}

extension WarehouseError: ExitCodeProviding {
    /// A damaged or tampered file is an integrity failure; anything else about opening it is the configuration's.
    var exitStatus: ExitStatus { code == .corrupt || code == .tampered ? .integrity : .usage }
}

extension ReportPeriodError: ExitCodeProviding {
    var exitStatus: ExitStatus { .usage }
}

extension ReportError: ExitCodeProviding {
    var exitStatus: ExitStatus {
        switch code {
        case .integrity, .tamperedWarehouse: .integrity
        case .usage, .templates: .usage
        case .invalidXML, .io: .sourceFailed
        }
    }
}

extension StoredFindingError: ExitCodeProviding {
    /// A stored finding this version cannot read: the warehouse is not as this version wrote it.
    var exitStatus: ExitStatus { .integrity }
}

extension WindowTooLarge: ExitCodeProviding {
    var exitStatus: ExitStatus { .sourceFailed }
}

extension CatalogDataError: ExitCodeProviding {
    /// The rule catalog's data is missing or malformed: how the tool was installed or configured.
    var exitStatus: ExitStatus { .usage }
}

extension SigningError: ExitCodeProviding {
    /// A key that cannot be read is the configuration's fault.
    var exitStatus: ExitStatus { .usage }
}
