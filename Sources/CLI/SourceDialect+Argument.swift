import ArgumentParser
import PartnerAuditCore

/// `--dialect guide|live`.
extension SourceDialect: ExpressibleByArgument {}
