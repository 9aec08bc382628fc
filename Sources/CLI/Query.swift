import ArgumentParser
import Warehouse

/// `partner-audit query`: read-only SQL over the warehouse's views.
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a read-only SQL query over the warehouse.",
        discussion: """
            The warehouse is opened read-only: a statement that writes is refused. Documented views: \
            events, clients, client_history, extraction_runs, extraction_windows, extraction_sources, api_usage, \
            gateway_files, findings, evaluations.

            Bounded: --timeout (300 s) covers the statement and printing its result, so a reader that stops \
            reading cannot hold the command; a result of more than --max-rows rows (100000) is refused, since it \
            is held in memory before it is printed. Either is exit 2.

            Example: partner-audit query "SELECT actor_id, count(*) FROM events WHERE outcome = 'denied' GROUP BY 1" --format csv
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One SQL statement that reads.")
    var sql: String

    @Option(help: "Stop after this many seconds, the statement and printing its result together (exit 2, like any failed query).")
    var timeout: Int = 300

    @Option(name: .customLong("max-rows"), help: "Refuse a result of more rows than this (exit 2, nothing printed): add a LIMIT, or raise it.")
    var maxRows: Int = ReadOnlyQuery.defaultMaxRows

    @Option(name: .customLong("max-megabytes"),
            help: "Refuse a result holding more text than this many MiB (exit 2, nothing printed): add a LIMIT, select less, or raise it.")
    var maxMegabytes: Int = ReadOnlyQuery.defaultMaxBytes >> 20

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
        guard maxRows > 0 else { throw ValidationError("--max-rows must be at least 1") }
        guard (1...1 << 20).contains(maxMegabytes) else { throw ValidationError("--max-megabytes must be from 1 to 1048576") }
    }

    func run() async throws {
        try await reportingFailures {
            let limit = Duration.seconds(timeout)
            let deadline = ContinuousClock.now + limit
            let configuration = try global.loadConfiguration()
            let result = try ReadOnlyQuery.run(sql, warehouse: configuration.warehouse, timeout: limit, maxRows: maxRows, maxBytes: maxMegabytes << 20)
            let text = format.render(columns: result.columns, rows: result.rows)
            try DeadlineOutput.write(text, before: deadline, timeout: limit)
        }
    }
}
