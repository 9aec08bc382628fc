import Foundation

/// Runs compliance-trestle, the OSCAL community's Python tool, through the `python3` on the PATH
/// (the one `.ci/run` installs it for), with a timeout.
enum Trestle {
    typealias Output = ToolProcess.Output

    /// Reads an assessment-results document with trestle's own models (pydantic, unknown fields
    /// refused) and prints it back as trestle serialises it.
    static let loadScript = """
        import pathlib, sys
        from trestle.oscal.assessment_results import AssessmentResults
        document = AssessmentResults.oscal_read(pathlib.Path(sys.argv[1]))
        sys.stdout.write(document.oscal_serialize_json())
        """

    /// Whether `python3` imports trestle's assessment-results models.
    static func isInstalled() async throws -> Bool {
        try await python(["-c", "import trestle.oscal.assessment_results"]).status == 0
    }

    /// Loads `file` with trestle and returns what trestle serialises back.
    static func load(_ file: URL) async throws -> Output {
        try await python(["-c", loadScript, file.path])
    }

    /// Runs `python3` with `arguments`; kills it after `timeout` seconds.
    static func python(_ arguments: [String], timeout: TimeInterval = 180) async throws -> Output {
        try await ToolProcess.run("/usr/bin/env", ["python3"] + arguments, timeout: timeout)
    }
}
