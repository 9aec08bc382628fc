/// The tool's name and version as packs record them.
package enum ToolInfo {
    package static let name = "partner-audit"
    /// Raised with each release; manifests and report.xml carry it.
    package static let version = "0.6.0"
}
