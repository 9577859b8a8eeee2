import CSQLite

/// An error reported by SQLite: its result codes, its message and the SQL that failed.
///
/// Modelled on GRDB's `DatabaseError`. It prints for a user as
/// "sqlite error 19: FOREIGN KEY constraint failed"; the SQL, which would show a user the
/// store's internals (a multi-line `CREATE TABLE` or `SELECT`), is kept in ``sql`` and in the
/// debug description: "... - while executing `INSERT ...`".
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct DatabaseError: Error, CustomStringConvertible, CustomDebugStringConvertible, Equatable, Sendable {
  /// The primary result code (`SQLITE_CONSTRAINT` is 19); the low 8 bits of ``extendedResultCode``.
  public let resultCode: Int32
  /// The extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY` is 787).
  public let extendedResultCode: Int32
  /// SQLite's own message (`sqlite3_errmsg`), or the description of the code when there is none.
  public let message: String
  /// The SQL being prepared or run when the error happened, if any.
  public let sql: String?

  /// Makes an error from its parts.
  public init(extendedResultCode: Int32, message: String? = nil, sql: String? = nil) {
    self.extendedResultCode = extendedResultCode
    self.resultCode = extendedResultCode & 0xFF
    self.message = message ?? String(cString: sqlite3_errstr(extendedResultCode))
    self.sql = sql
  }

  /// Reads the error state of a connection after a failed call that returned `code`.
  init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
    var extended = code
    var message: String? = nil
    if let connection {
      let connectionCode = sqlite3_extended_errcode(connection)
      // The connection's code is the one that matches `code` when the failure came from it.
      if connectionCode & 0xFF == code & 0xFF { extended = connectionCode }
      if let text = sqlite3_errmsg(connection) { message = String(cString: text) }
    }
    self.init(extendedResultCode: extended, message: message, sql: sql)
  }

  /// SQLite's code and message, without the SQL: what a user is shown.
  public var description: String {
    "sqlite error \(resultCode): \(message)"
  }

  /// The description followed by the SQL that failed, for a developer.
  public var debugDescription: String {
    guard let sql else { return description }
    return description + " - while executing `\(sql)`"
  }

  /// Whether the error is a constraint violation (`SQLITE_CONSTRAINT`).
  public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }

  /// Whether the error says the file is damaged or holds another schema than the statement
  /// expects: `SQLITE_CORRUPT`, `SQLITE_NOTADB`, a missing table or column (`SQLITE_ERROR`),
  /// a value of another type (`SQLITE_MISMATCH`) or an unreadable format (`SQLITE_FORMAT`).
  public var isDamagedOrForeignFile: Bool {
    [SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_ERROR, SQLITE_MISMATCH, SQLITE_FORMAT].contains(resultCode)
  }
}
