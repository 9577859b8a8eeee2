/// Why an operation of the run store could not go on (record-level problems are data, not errors).
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// SQLite refused an operation; the wrapped error carries its code, message and SQL (the SQL
  /// only in its debug description).
  case database(DatabaseError)
  /// The database file could not be opened or created.
  case cannotOpen(path: String, reason: String)
  /// The history cannot be written or created at the path (a folder, a read-only file system,
  /// no permission), found before the run's work.
  case unwritableHistory(path: String, reason: String)
  /// The file was written by a newer Aftershock whose schema this one does not know.
  case schemaTooNew(path: String, found: Int, supported: Int)
  /// A migration step failed; the file stays at the previous version.
  case migrationFailed(path: String, version: Int, underlying: DatabaseError)
  /// An `as_of` date is not a calendar date written `YYYY-MM-DD`.
  case invalidAsOf(String)
  /// No run has the given id.
  case runNotFound(id: Int64)
  /// No run has the given as-of date.
  case noRunAsOf(String)
  /// The history holds no run yet.
  case noRuns(path: String)
  /// No history file exists at the path given for a query.
  case missingHistory(path: String)
  /// The file given for a query is an SQLite database (or an empty file) without Aftershock's
  /// tables: a reader never creates or migrates them.
  case notAHistory(path: String)
  /// The file given to write the history to is an SQLite database of something else (tables,
  /// but not Aftershock's): the run does not add its tables to it.
  case foreignDatabase(path: String)
  /// The file is damaged, or its tables are not the ones Aftershock wrote; the wrapped error is
  /// SQLite's (corrupt page, not a database, no such table or column).
  case damaged(path: String, underlying: DatabaseError)
  /// Two scores of one run name the same account.
  case duplicateAccount(accountID: String, asOf: String)
  /// A churn probability is not a number in [0, 1].
  case invalidProbability(accountID: String, value: Double)
  /// A run field that must hold a JSON object does not.
  case invalidJSON(field: String, value: String)

  public var description: String {
    switch self {
    case .database(let error):
      return error.description
    case .cannotOpen(let path, let reason):
      return "cannot open database \(path): \(reason)"
    case .unwritableHistory(let path, let reason):
      return "cannot write the history \(path): \(reason); give --db a file in a folder you can write"
    case .schemaTooNew(let path, let found, let supported):
      return
        "database \(path) has schema version \(found) but this aftershock knows up to \(supported); upgrade aftershock"
    case .migrationFailed(let path, let version, let underlying):
      return "cannot upgrade the history \(path) to schema version \(version) (\(underlying)); "
        + "it is damaged or not an Aftershock history"
    case .invalidAsOf(let value):
      return "as-of date '\(value)' is not a date written YYYY-MM-DD"
    case .runNotFound(let id):
      return "no run with id \(id) in the history"
    case .noRunAsOf(let asOf):
      return "no run as of \(asOf) in the history"
    case .missingHistory(let path):
      return "no history at \(path); run `aftershock run --db \(path)` first or check --db"
    case .notAHistory(let path):
      return "no Aftershock history in \(path) (run 'aftershock run' first)"
    case .foreignDatabase(let path):
      return "\(path) is a database of something else (it has tables, but no Aftershock history); "
        + "give --db a new file or an Aftershock history"
    case .damaged(let path, let underlying):
      return "\(path) is damaged or not an Aftershock history (\(underlying))"
    case .noRuns(let path):
      return "the history \(path) holds no run yet; run `aftershock run` first"
    case .duplicateAccount(let accountID, let asOf):
      return "account \(accountID) is scored twice in the run as of \(asOf)"
    case .invalidProbability(let accountID, let value):
      return "account \(accountID) has churn probability \(value), expected a number from 0 to 1"
    case .invalidJSON(let field, let value):
      return "run field \(field) must be a JSON object, got '\(value.prefix(80))'"
    }
  }
}
