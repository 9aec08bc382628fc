import ArgumentParser
import PartnerAuditCore

/// `--dialect guide|live`: read by its raw value.
extension SourceDialect: ExpressibleByArgument {}
