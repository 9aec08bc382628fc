import GRDB

/// The warehouse schema: named, append-only migrations. Never edit one that has shipped; add the next.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events-clients-runs") { db in
            try createEventLog(db)
            try createClientSnapshots(db)
            try createExtractionTables(db)
            try createViews(db)
        }
        migrator.registerMigration("v2-findings") { db in
            try createFindings(db)
        }
        migrator.registerMigration("v3-live-clients") { db in
            try addAllowlistScope(db)
        }
        migrator.registerMigration("v4-events-by-hour-and-actor") { db in
            try indexEventsByHourAndActor(db)
        }
        migrator.registerMigration("v5-extraction-sources") { db in
            try addExtractionSources(db)
        }
        migrator.registerMigration("v6-finding-resolution-note") { db in
            try addResolutionNote(db)
        }
        migrator.registerMigration("v7-row-ledger") { db in
            try RowLedger.install(db)
        }
        migrator.registerMigration("v8-api-usage") { db in
            try APIUsageTable.create(db)
            try RowLedger.govern(db, table: APIUsageTable.name)
        }
        migrator.registerMigration("v9-gateway-files") { db in
            try GatewayFileTable.create(db)
            try RowLedger.govern(db, table: GatewayFileTable.name)
            try addWindowSource(db)
        }
        migrator.registerMigration("v10-grant-registries") { db in
            try GrantRegistryTable.create(db)
            try RowLedger.govern(db, table: GrantRegistryTable.name)
        }
        migrator.registerMigration("v11-window-rejected-events") { db in
            try addWindowRejectedEvents(db)
        }
        migrator.registerMigration("v12-action-index-without-requests") { db in
            try indexActionsButRequests(db)
        }
        return migrator
    }

    /// `event_log_by_action` without the `api.request` rows: the gateway's and the audit log's
    /// requests are nearly every row, and their queries read them by time (`event_log_by_time`)
    /// anyway, while the index cost every stored request a fifth B-tree insert: about 1 µs of
    /// the writer's 9 for a gateway line. A query for other actions says the condition
    /// (`EventLogTable.byActionCondition`), so SQLite still reads them through it.
    private static func indexActionsButRequests(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX event_log_by_action;
            CREATE INDEX event_log_by_action ON event_log(action, timestamp) WHERE action <> 'api.request';
            """)
    }

    /// Which source committed each extraction window: the audit log's windows are the coverage
    /// AT-1 judges; a gateway batch's window only records where the chain stood after it.
    /// The events of a window the source sent that could not be read (`RejectedEvent`): left out
    /// so the rest of the window is stored, and kept here as JSON (`[{"id": …, "reason": …}]`,
    /// NULL when none) for AT-1 and the record. Under the ledger like the rest of the row.
    private static func addWindowRejectedEvents(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE extraction_window ADD COLUMN rejected_json TEXT")
        try RowLedger.govern(db, table: "extraction_window")
    }

    private static func addWindowSource(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE extraction_window ADD COLUMN source TEXT NOT NULL DEFAULT 'audit-log'")
        try RowLedger.govern(db, table: "extraction_window")
    }

    /// Why a finding was resolved, when that is more than "not found again": the per-client
    /// findings an organisation-wide one replaces are resolved with a note naming it. The
    /// `findings` view shows it.
    private static func addResolutionNote(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE finding ADD COLUMN resolution_note TEXT;
            DROP VIEW findings;
            CREATE VIEW findings AS
                SELECT fingerprint, rule_id, category, severity, client_id, client_name, partner, environment, subject,
                       title, detail, evidence_json, controls_json, remediation, status, first_seen, last_seen,
                       resolved_at, waiver_json, resolution_note
                FROM finding;
            """)
    }

    /// One line per source in each run's record, and each source's own checkpoint.
    ///
    /// A run reads several sources (the audit log today; the API Usage service and gateway logs
    /// next). Each gets its row in `extraction_source`, and its checkpoints are named after it:
    /// the audit log's `watermark` becomes `audit-log.watermark`. Earlier runs read only the audit
    /// log, so each gets that one line, with the run's own counters.
    private static func addExtractionSources(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE extraction_source (
                run_id INTEGER NOT NULL REFERENCES extraction_run(id),
                source TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                status TEXT NOT NULL DEFAULT 'running',
                since TEXT NOT NULL,
                until TEXT NOT NULL,
                windows INTEGER NOT NULL DEFAULT 0,
                pages INTEGER NOT NULL DEFAULT 0,
                requests INTEGER NOT NULL DEFAULT 0,
                items_seen INTEGER NOT NULL DEFAULT 0,
                items_stored INTEGER NOT NULL DEFAULT 0,
                error TEXT,
                PRIMARY KEY (run_id, source)
            );
            INSERT INTO extraction_source (run_id, source, started_at, finished_at, status, since, until, windows, pages,
                                           requests, items_seen, items_stored, error)
                SELECT id, 'audit-log', started_at, finished_at, status, since, until, windows, pages,
                       requests, events_seen, events_stored, error
                FROM extraction_run;
            UPDATE checkpoint SET name = 'audit-log.watermark' WHERE name = 'watermark';
            CREATE VIEW extraction_sources AS
                SELECT run_id, source, started_at, finished_at, status, since, until, windows, pages, requests,
                       items_seen, items_stored, error
                FROM extraction_source;
            """)
    }

    /// Whose allowlist a client snapshot carries: its own (guide) or the organisation's (live);
    /// the client views gain the column.
    private static func addAllowlistScope(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE client_snapshot ADD COLUMN ip_allowlist_scope TEXT NOT NULL DEFAULT 'client';
            DROP VIEW clients;
            DROP VIEW client_history;
            CREATE VIEW clients AS
                SELECT client_id AS id, name, partner, environment, type, grant_type, scopes_json,
                       ip_allowlist_json, ip_allowlist_scope, state, date_created, date_modified
                FROM client_snapshot WHERE valid_to IS NULL;
            CREATE VIEW client_history AS
                SELECT client_id AS id, name, partner, environment, type, grant_type, scopes_json,
                       ip_allowlist_json, ip_allowlist_scope, state, date_created, date_modified, secret_last_rotated,
                       allow_access_to_all_users, valid_from, valid_to
                FROM client_snapshot;
            """)
    }

    /// Findings with their lifecycle, the evaluations that produced them, and each status change.
    private static func createFindings(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX event_log_by_action ON event_log(action, timestamp);
            CREATE TABLE evaluation_run (
                id INTEGER PRIMARY KEY,
                as_of TEXT NOT NULL,
                lookback_from TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                policy_digest TEXT NOT NULL,
                found INTEGER NOT NULL,
                new INTEGER NOT NULL,
                still_open INTEGER NOT NULL,
                resolved INTEGER NOT NULL,
                waived INTEGER NOT NULL
            );
            CREATE TABLE finding (
                fingerprint TEXT PRIMARY KEY,
                rule_id TEXT NOT NULL,
                category TEXT NOT NULL,
                severity TEXT NOT NULL,
                client_id TEXT NOT NULL,
                client_name TEXT NOT NULL,
                partner TEXT NOT NULL,
                environment TEXT NOT NULL,
                subject TEXT NOT NULL,
                title TEXT NOT NULL,
                detail TEXT NOT NULL,
                evidence_json TEXT NOT NULL,
                controls_json TEXT NOT NULL,
                remediation TEXT NOT NULL,
                status TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                resolved_at TEXT,
                waiver_json TEXT,
                evaluation_id INTEGER NOT NULL REFERENCES evaluation_run(id)
            );
            CREATE INDEX finding_by_status ON finding(status, severity);
            CREATE TABLE finding_change (
                evaluation_id INTEGER NOT NULL REFERENCES evaluation_run(id),
                fingerprint TEXT NOT NULL,
                change TEXT NOT NULL,
                PRIMARY KEY (evaluation_id, fingerprint)
            );
            CREATE VIEW findings AS
                SELECT fingerprint, rule_id, category, severity, client_id, client_name, partner, environment, subject,
                       title, detail, evidence_json, controls_json, remediation, status, first_seen, last_seen,
                       resolved_at, waiver_json
                FROM finding;
            CREATE VIEW evaluations AS
                SELECT id, as_of, lookback_from, started_at, finished_at, policy_digest, found, new, still_open, resolved, waived
                FROM evaluation_run;
            """)
    }

    /// Audit events, append-only and hash-chained in insertion order (`seq`).
    private static func createEventLog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE event_log (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                timestamp TEXT NOT NULL,
                actor_type TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                action TEXT NOT NULL,
                resource TEXT NOT NULL,
                resource_id TEXT,
                outcome TEXT NOT NULL,
                source_ip TEXT,
                method TEXT,
                path TEXT,
                status INTEGER,
                scope TEXT,
                user_agent TEXT,
                raw_json TEXT NOT NULL,
                window_id INTEGER NOT NULL,
                hash BLOB NOT NULL
            );
            CREATE INDEX event_log_by_time ON event_log(timestamp);
            CREATE INDEX event_log_by_actor ON event_log(actor_id, timestamp);
            CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
            BEGIN SELECT RAISE(ABORT, 'event_log is append-only: events cannot be updated'); END;
            CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
            BEGIN SELECT RAISE(ABORT, 'event_log is append-only: events cannot be deleted'); END;
            """)
    }

    /// Replaces `event_log_by_actor (actor_id, timestamp)` with `(hour, actor_id, timestamp)`.
    ///
    /// Events arrive in time order, so every insert of a window lands in the window's own hours:
    /// a few hundred index pages per window, whatever the number of actors. Led by `actor_id`, the
    /// index took each window's inserts at the end of every actor's range — one page per actor —
    /// and with 1,000 clients that made extraction twice as slow. `citedEvents` asks for one
    /// actor hour by hour (`substr(timestamp, 1, 13)`, the hour-bucket text the rules use).
    private static func indexEventsByHourAndActor(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX event_log_by_actor;
            CREATE INDEX event_log_by_hour_actor ON event_log(substr(timestamp, 1, 13), actor_id, timestamp);
            """)
    }

    /// OAuth clients as a history: one row per distinct state, `valid_to` NULL for the current one.
    private static func createClientSnapshots(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE client_snapshot (
                seq INTEGER PRIMARY KEY,
                client_id TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                name TEXT NOT NULL,
                partner TEXT,
                environment TEXT,
                description TEXT,
                type TEXT NOT NULL,
                grant_type TEXT NOT NULL,
                scopes_json TEXT NOT NULL,
                redirect_uris_json TEXT NOT NULL,
                ip_allowlist_json TEXT,
                allow_access_to_all_users INTEGER NOT NULL,
                is_third_party INTEGER NOT NULL,
                state TEXT NOT NULL,
                date_created TEXT,
                date_modified TEXT,
                secret_last_rotated TEXT,
                raw_json TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                run_id INTEGER
            );
            CREATE UNIQUE INDEX client_snapshot_current ON client_snapshot(client_id) WHERE valid_to IS NULL;
            CREATE INDEX client_snapshot_by_client ON client_snapshot(client_id, valid_from);
            """)
    }

    /// Extraction runs and their windows: the coverage reports show and gaps are computed from.
    private static func createExtractionTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE extraction_run (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                status TEXT NOT NULL DEFAULT 'running',
                dialect TEXT NOT NULL,
                since TEXT NOT NULL,
                until TEXT NOT NULL,
                windows INTEGER NOT NULL DEFAULT 0,
                pages INTEGER NOT NULL DEFAULT 0,
                requests INTEGER NOT NULL DEFAULT 0,
                events_seen INTEGER NOT NULL DEFAULT 0,
                events_stored INTEGER NOT NULL DEFAULT 0,
                clients INTEGER NOT NULL DEFAULT 0,
                error TEXT
            );
            CREATE TABLE extraction_window (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES extraction_run(id),
                from_ts TEXT NOT NULL,
                to_ts TEXT NOT NULL,
                status TEXT NOT NULL,
                pages INTEGER NOT NULL DEFAULT 0,
                events_seen INTEGER NOT NULL DEFAULT 0,
                events_stored INTEGER NOT NULL DEFAULT 0,
                finished_at TEXT NOT NULL,
                chain_seq INTEGER,
                chain_head BLOB,
                error TEXT
            );
            CREATE INDEX extraction_window_by_time ON extraction_window(from_ts, to_ts);
            CREATE TABLE checkpoint (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """)
    }

    /// The documented views (cli.md): stable columns for ad-hoc queries.
    private static func createViews(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIEW events AS
                SELECT id, timestamp, actor_type, actor_id, action, resource, resource_id, outcome,
                       source_ip, method, path, status, json_extract(raw_json, '$.details') AS details_json
                FROM event_log;
            CREATE VIEW clients AS
                SELECT client_id AS id, name, partner, environment, type, grant_type, scopes_json,
                       ip_allowlist_json, state, date_created, date_modified
                FROM client_snapshot WHERE valid_to IS NULL;
            CREATE VIEW client_history AS
                SELECT client_id AS id, name, partner, environment, type, grant_type, scopes_json,
                       ip_allowlist_json, state, date_created, date_modified, secret_last_rotated,
                       allow_access_to_all_users, valid_from, valid_to
                FROM client_snapshot;
            CREATE VIEW extraction_runs AS
                SELECT id, started_at, finished_at, status, dialect, since, until, windows, pages,
                       requests, events_seen, events_stored, clients, error
                FROM extraction_run;
            CREATE VIEW extraction_windows AS
                SELECT id, run_id, from_ts, to_ts, status, pages, events_seen, events_stored, finished_at, error
                FROM extraction_window;
            """)
    }
}
