/// The history's schema, as ordered migrations (`PRAGMA user_version` is the applied version).
///
/// Tables and columns are named plainly so anyone can query the file with `sqlite3`:
/// `runs`, `account_scores` (one row per account per run) and `quarantine`, plus the view
/// `latest_scores` (the scores of the run with the greatest `as_of`) and `run_reports` (each
/// run's summary as JSON, version 2). Version 3 adds `account_scores.model_probability`.
enum Schema {
  /// Every migration, oldest first. Append; never edit a shipped step.
  static let migrations: [Migration] = [
    Migration(
      version: 1,
      sql: """
        CREATE TABLE runs (
          run_id INTEGER PRIMARY KEY,
          as_of TEXT NOT NULL UNIQUE
            CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
          started_at TEXT NOT NULL,
          finished_at TEXT,
          status TEXT NOT NULL,
          input_summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(input_summary)),
          model_versions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(model_versions)),
          account_count INTEGER NOT NULL DEFAULT 0,
          ticket_count INTEGER NOT NULL DEFAULT 0,
          survey_count INTEGER NOT NULL DEFAULT 0,
          quarantine_count INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE account_scores (
          run_id INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
          account_id TEXT NOT NULL,
          name TEXT,
          segment TEXT,
          region TEXT,
          account_manager TEXT,
          arr REAL,
          renewal_date TEXT,
          days_to_renewal INTEGER,
          churn_probability REAL NOT NULL CHECK (churn_probability BETWEEN 0 AND 1),
          tier TEXT NOT NULL,
          arr_at_risk REAL,
          driver_1 TEXT,
          driver_2 TEXT,
          driver_3 TEXT,
          sentiment_outage REAL,
          sentiment_offer REAL,
          ticket_count INTEGER NOT NULL DEFAULT 0,
          survey_count INTEGER NOT NULL DEFAULT 0,
          churn_intent_count INTEGER NOT NULL DEFAULT 0,
          nps REAL,
          csat REAL,
          offer TEXT,
          PRIMARY KEY (run_id, account_id)
        ) STRICT;

        CREATE INDEX account_scores_by_risk ON account_scores (run_id, churn_probability DESC);
        CREATE INDEX account_scores_by_manager ON account_scores (run_id, account_manager COLLATE NOCASE);

        CREATE TABLE quarantine (
          quarantine_id INTEGER PRIMARY KEY,
          run_id INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
          file TEXT NOT NULL,
          line INTEGER,
          record_id TEXT,
          reason TEXT NOT NULL,
          detail TEXT,
          raw TEXT
        ) STRICT;

        CREATE INDEX quarantine_by_run ON quarantine (run_id);

        CREATE VIEW latest_scores AS
          SELECT account_scores.* FROM account_scores
          WHERE run_id = (SELECT run_id FROM runs ORDER BY as_of DESC LIMIT 1);
        """),
    Migration(
      version: 2,
      sql: """
        CREATE TABLE run_reports (
          run_id INTEGER PRIMARY KEY REFERENCES runs (run_id) ON DELETE CASCADE,
          summary TEXT NOT NULL CHECK (json_valid(summary))
        ) STRICT;
        """),
    // The churn model's own probability, before it is read against the notice lead (the shown
    // `churn_probability` of an account renewing within the notice lead is conditioned on its not
    // having left yet; the forecast conditions the model's probability itself).
    Migration(
      version: 3,
      sql: """
        ALTER TABLE account_scores ADD COLUMN model_probability REAL
          CHECK (model_probability IS NULL OR model_probability BETWEEN 0 AND 1);
        """),
  ]

  /// The version a current file has.
  static var latestVersion: Int { migrations.last?.version ?? 0 }
}
