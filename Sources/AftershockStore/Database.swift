import CSQLite

// swift-format-ignore: AlwaysUseLowerCamelCase
/// SQLite's "copy the bytes now" destructor, which Swift does not import (defined as GRDB does).
nonisolated(unsafe) let SQLITE_TRANSIENT = unsafeBitCast(
  OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One connection to an SQLite database file (or `:memory:`), closed when the object goes away.
///
/// Opening turns on extended result codes, a busy timeout, `foreign_keys` and (for files) WAL
/// journaling. A connection is used from one thread at a time.
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/open.html>
public final class Database {
  /// How a connection is opened.
  public struct Configuration: Sendable {
    /// How long a writer waits for another connection's lock before failing with `SQLITE_BUSY`.
    public var busyTimeoutMilliseconds: Int32
    /// Whether files use write-ahead logging (readers do not block the writer).
    public var usesWriteAheadLog: Bool
    /// Whether the connection only reads (the file must exist).
    public var isReadOnly: Bool
    /// Whether a missing file is created (otherwise opening it fails with `SQLITE_CANTOPEN`).
    public var createsFile: Bool
    /// Whether the file is read as if nothing could change it while open (SQLite's `immutable=1`,
    /// implies read-only): no locks and no `-shm` file, so a write-ahead-log database in a folder
    /// the user cannot write can be read, but a `-wal` file beside it is ignored.
    public var isImmutable: Bool

    /// Makes a configuration; the defaults suit the nightly run.
    public init(
      busyTimeoutMilliseconds: Int32 = 5_000, usesWriteAheadLog: Bool = true, isReadOnly: Bool = false,
      createsFile: Bool = true, isImmutable: Bool = false
    ) {
      self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
      self.usesWriteAheadLog = usesWriteAheadLog
      self.isReadOnly = isReadOnly || isImmutable
      self.createsFile = createsFile
      self.isImmutable = isImmutable
    }
  }

  let handle: OpaquePointer
  /// The path given at opening (`:memory:` for an in-memory database).
  public let path: String

  /// Opens (creating it unless read-only) the database at `path`; `":memory:"` opens a private in-memory one.
  public init(path: String, configuration: Configuration = Configuration()) throws(DatabaseError) {
    var connection: OpaquePointer? = nil
    let flags =
      (configuration.isReadOnly
        ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (configuration.createsFile ? SQLITE_OPEN_CREATE : 0)))
      | SQLITE_OPEN_NOMUTEX | (configuration.isImmutable ? SQLITE_OPEN_URI : 0)
    let code = sqlite3_open_v2(
      configuration.isImmutable ? Self.uri(path: path, query: "immutable=1") : path, &connection, flags, nil)
    guard code == SQLITE_OK, let connection else {
      let error = DatabaseError(code: code, connection: connection)
      if let connection { sqlite3_close_v2(connection) }
      throw error
    }
    self.handle = connection
    self.path = path
    sqlite3_extended_result_codes(connection, 1)
    sqlite3_busy_timeout(connection, configuration.busyTimeoutMilliseconds)
    _ = csqlite_db_config_defensive(connection, 1)
    try execute("PRAGMA foreign_keys = ON")
    if configuration.usesWriteAheadLog && !configuration.isReadOnly && path != ":memory:" && !path.isEmpty {
      let mode = try prepare("PRAGMA journal_mode = WAL")
      _ = try mode.step()
      try execute("PRAGMA synchronous = NORMAL")
    }
  }

  /// A `file:` URI naming `path` (absolute or relative), with `query` appended.
  ///
  /// Every byte but unreserved ones and `/` is percent-encoded, so `?`, `#` and `%` in a file
  /// name stay part of the name. Related SQLite documentation: <https://www.sqlite.org/uri.html>
  static func uri(path: String, query: String) -> String {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
    var encoded = ""
    for byte in path.utf8 {
      if unreserved.contains(byte) {
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    // An absolute path gets an empty authority (`file:///x`), so `//x` is not read as a host.
    return (path.hasPrefix("/") ? "file://" : "file:") + encoded + "?" + query
  }

  deinit {
    // Statements hold a strong reference to their database, so none is left unfinalized here.
    sqlite3_close_v2(handle)
  }

  /// Prepares one SQL statement for repeated use.
  public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
    try Statement(database: self, sql: sql)
  }

  /// Runs one or more `;`-separated statements that take no arguments, discarding any rows.
  public func execute(_ sql: String) throws(DatabaseError) {
    let result: DatabaseError? = sql.withCString { start -> DatabaseError? in
      var next: UnsafePointer<CChar>? = start
      while let current = next, current.pointee != 0 {
        var statement: OpaquePointer? = nil
        var tail: UnsafePointer<CChar>? = nil
        let code = sqlite3_prepare_v3(handle, current, -1, 0, &statement, &tail)
        guard code == SQLITE_OK else {
          return DatabaseError(code: code, connection: handle, sql: sql)
        }
        next = tail
        guard let statement else { continue }  // only whitespace or a comment
        defer { sqlite3_finalize(statement) }
        while true {
          let step = sqlite3_step(statement)
          if step == SQLITE_ROW { continue }
          if step == SQLITE_DONE { break }
          return DatabaseError(code: step, connection: handle, sql: String(cString: sqlite3_sql(statement)))
        }
      }
      return nil
    }
    if let result { throw result }
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: commits when it returns, rolls back when it throws.
  ///
  /// The first error wins: if `body` throws, the rollback's own failure (if any) is ignored and
  /// `body`'s error is rethrown; if the commit fails, the transaction is rolled back and the
  /// commit's error is thrown. Transactions do not nest: inside one, `body` joins it.
  public func inTransaction<Result>(_ body: () throws -> Result) throws -> Result {
    if !isAutocommit { return try body() }
    try execute("BEGIN IMMEDIATE TRANSACTION")
    let result: Result
    do {
      result = try body()
      try execute("COMMIT TRANSACTION")
    } catch {
      if !isAutocommit { try? execute("ROLLBACK TRANSACTION") }
      throw error
    }
    return result
  }

  /// Whether no transaction is open (SQLite's autocommit mode).
  public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

  /// The rowid of the last row inserted through this connection.
  public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// The number of rows changed by the last `INSERT`, `UPDATE` or `DELETE`.
  public var changedRowCount: Int { Int(sqlite3_changes64(handle)) }

  /// The schema version stored in the file header (`PRAGMA user_version`).
  public func userVersion() throws(DatabaseError) -> Int {
    let statement = try prepare("PRAGMA user_version")
    guard try statement.step() else { return 0 }
    return Int(statement.int64(at: 0))
  }

  /// Whether the database has a table or view named `name`.
  public func tableExists(_ name: String) throws(DatabaseError) -> Bool {
    let statement = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")
    try statement.bind(name, at: 1)
    return try statement.step()
  }

  /// The journal mode in effect (`wal`, `memory`, `delete`, ...).
  public func journalMode() throws(DatabaseError) -> String {
    let statement = try prepare("PRAGMA journal_mode")
    guard try statement.step() else { return "" }
    return statement.string(at: 0)
  }

  /// Whether foreign-key constraints are enforced on this connection.
  public func enforcesForeignKeys() throws(DatabaseError) -> Bool {
    let statement = try prepare("PRAGMA foreign_keys")
    guard try statement.step() else { return false }
    return statement.int64(at: 0) != 0
  }

  /// Applies, in one transaction and in version order, the migrations newer than the file's `user_version`.
  ///
  /// Returns the versions applied (empty when the file was already current). Throws
  /// ``StoreError/schemaTooNew(path:found:supported:)`` when the file is newer than the
  /// migrations, ``StoreError/migrationFailed(path:version:underlying:)`` when a step fails; on failure
  /// nothing is applied.
  public func migrate(_ migrations: [Migration]) throws(StoreError) -> [Int] {
    let ordered = migrations.sorted { $0.version < $1.version }
    let latest = ordered.last?.version ?? 0
    do {
      return try inTransaction { () throws -> [Int] in
        let current = try userVersion()
        if current > latest { throw StoreError.schemaTooNew(path: path, found: current, supported: latest) }
        var applied: [Int] = []
        for migration in ordered where migration.version > current {
          do {
            try execute(migration.sql)
            try execute("PRAGMA user_version = \(migration.version)")
          } catch let error as DatabaseError {
            throw StoreError.migrationFailed(path: path, version: migration.version, underlying: error)
          }
          applied.append(migration.version)
        }
        return applied
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError.database(error)
    } catch {
      throw StoreError.database(DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(error)"))
    }
  }
}

@available(*, unavailable)
extension Database: Sendable {}
