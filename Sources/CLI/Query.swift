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

            Example: partner-audit query "SELECT actor_id, count(*) FROM events WHERE outcome = 'denied' GROUP BY 1" --format csv
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One SQL statement that reads.")
    var sql: String

    @Option(help: "Stop a query still running after this many seconds (exit 2, like any failed query).")
    var timeout: Int = 300

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.loadConfiguration()
            let result = try ReadOnlyQuery.run(sql, warehouse: configuration.warehouse, timeout: .seconds(timeout))
            Console.output(format.render(columns: result.columns, rows: result.rows))
        }
    }
}
