import CSQLite
import Foundation

/// A prepared SQL statement, reusable after ``reset()``; finalized when the object goes away.
///
/// Prepared with `sqlite3_prepare_v3`. Parameters are numbered from 1 (`?` or `?NNN`) or
/// named (`:name`, `@name`, `$name`); columns are numbered from 0. Text and blobs are
/// bound with `SQLITE_TRANSIENT`, so the caller's buffers need not outlive the call.
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt.html>
public final class Statement {
  let handle: OpaquePointer
  /// The connection the statement belongs to (kept alive while the statement lives).
  public let database: Database
  /// The SQL text the statement was prepared from.
  public let sql: String

  init(database: Database, sql: String) throws(DatabaseError) {
    var statement: OpaquePointer? = nil
    var tail: UnsafePointer<CChar>? = nil
    let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
    guard code == SQLITE_OK else {
      throw DatabaseError(code: code, connection: database.handle, sql: sql)
    }
    guard let statement else {
      throw DatabaseError(extendedResultCode: SQLITE_MISUSE, message: "no statement in the SQL", sql: sql)
    }
    self.handle = statement
    self.database = database
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  // MARK: Parameters

  /// The number of parameters the SQL declares.
  public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

  /// Binds a value to parameter `index` (1-based).
  public func bind(_ value: DatabaseValue, at index: Int) throws(DatabaseError) {
    let position = Int32(index)
    let code: Int32
    switch value {
    case .null:
      code = sqlite3_bind_null(handle, position)
    case .integer(let integer):
      code = sqlite3_bind_int64(handle, position, integer)
    case .real(let real):
      code = sqlite3_bind_double(handle, position, real)
    case .text(var text):
      code = text.withUTF8 { bytes in
        // An empty buffer may have no address, which SQLite would read as NULL.
        guard let base = bytes.baseAddress, bytes.count > 0 else {
          return sqlite3_bind_text(handle, position, "", 0, SQLITE_TRANSIENT)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text(handle, position, $0, Int32(bytes.count), SQLITE_TRANSIENT)
        }
      }
    case .blob(let data):
      if data.isEmpty {
        code = sqlite3_bind_zeroblob(handle, position, 0)
      } else {
        code = data.withUnsafeBytes { bytes in
          sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), SQLITE_TRANSIENT)
        }
      }
    }
    guard code == SQLITE_OK else {
      throw DatabaseError(code: code, connection: database.handle, sql: sql)
    }
  }

  /// Binds a value to the named parameter (spelled with its prefix, e.g. `":as_of"`).
  public func bind(_ value: DatabaseValue, named name: String) throws(DatabaseError) {
    let index = sqlite3_bind_parameter_index(handle, name)
    guard index > 0 else {
      throw DatabaseError(extendedResultCode: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
    }
    try bind(value, at: Int(index))
  }

  /// Binds an optional integer to parameter `index` (1-based); `nil` binds `NULL`.
  public func bind(_ value: Int64?, at index: Int) throws(DatabaseError) { try bind(DatabaseValue(value), at: index) }
  /// Binds an optional integer to parameter `index` (1-based); `nil` binds `NULL`.
  public func bind(_ value: Int?, at index: Int) throws(DatabaseError) { try bind(DatabaseValue(value), at: index) }
  /// Binds an optional real to parameter `index` (1-based); `nil` and NaN bind `NULL`.
  public func bind(_ value: Double?, at index: Int) throws(DatabaseError) { try bind(DatabaseValue(value), at: index) }
  /// Binds optional text to parameter `index` (1-based); `nil` binds `NULL`.
  public func bind(_ value: String?, at index: Int) throws(DatabaseError) { try bind(DatabaseValue(value), at: index) }
  /// Binds optional bytes to parameter `index` (1-based); `nil` binds `NULL`.
  public func bind(_ value: Data?, at index: Int) throws(DatabaseError) { try bind(DatabaseValue(value), at: index) }
  /// Binds an optional integer to a named parameter; `nil` binds `NULL`.
  public func bind(_ value: Int64?, named name: String) throws(DatabaseError) {
    try bind(DatabaseValue(value), named: name)
  }
  /// Binds an optional real to a named parameter; `nil` and NaN bind `NULL`.
  public func bind(_ value: Double?, named name: String) throws(DatabaseError) {
    try bind(DatabaseValue(value), named: name)
  }
  /// Binds optional text to a named parameter; `nil` binds `NULL`.
  public func bind(_ value: String?, named name: String) throws(DatabaseError) {
    try bind(DatabaseValue(value), named: name)
  }
  /// Binds optional bytes to a named parameter; `nil` binds `NULL`.
  public func bind(_ value: Data?, named name: String) throws(DatabaseError) {
    try bind(DatabaseValue(value), named: name)
  }

  /// Binds values to parameters 1, 2, ... in order.
  public func bind(_ values: [DatabaseValue]) throws(DatabaseError) {
    for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
  }

  // MARK: Stepping

  /// Advances to the next row: `true` when a row is available, `false` when the statement is done.
  public func step() throws(DatabaseError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW:
      return true
    case SQLITE_DONE:
      return false
    default:
      let error = DatabaseError(code: code, connection: database.handle, sql: sql)
      sqlite3_reset(handle)
      throw error
    }
  }

  /// Runs the statement to completion, discarding rows, then resets it (bindings are kept).
  public func execute() throws(DatabaseError) {
    defer { sqlite3_reset(handle) }
    while try step() {}
  }

  /// Steps through every row, handing the statement to `row` to read columns, then resets it.
  public func map<Element>(_ row: (Statement) throws -> Element) throws -> [Element] {
    defer { sqlite3_reset(handle) }
    var elements: [Element] = []
    while try step() { elements.append(try row(self)) }
    return elements
  }

  /// Rewinds the statement so it can run again; bindings are kept.
  public func reset() {
    sqlite3_reset(handle)
  }

  /// Sets every parameter back to `NULL`.
  public func clearBindings() {
    sqlite3_clear_bindings(handle)
  }

  // MARK: Columns

  /// The number of columns in a result row.
  public var columnCount: Int { Int(sqlite3_column_count(handle)) }

  /// The name of column `index` (0-based).
  public func columnName(at index: Int) -> String {
    guard let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
    return String(cString: name)
  }

  /// Whether column `index` (0-based) of the current row is `NULL`.
  public func isNull(at index: Int) -> Bool {
    sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
  }

  /// Column `index` (0-based) as an integer (`NULL` reads as 0).
  public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

  /// Column `index` (0-based) as a real (`NULL` reads as 0).
  public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

  /// Column `index` (0-based) as text (`NULL` reads as the empty string).
  public func string(at index: Int) -> String {
    guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, Int32(index)))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  /// Column `index` (0-based) as bytes (`NULL` reads as empty).
  public func data(at index: Int) -> Data {
    let count = Int(sqlite3_column_bytes(handle, Int32(index)))
    guard count > 0, let bytes = sqlite3_column_blob(handle, Int32(index)) else { return Data() }
    return Data(bytes: bytes, count: count)
  }

  /// Column `index` (0-based) as an integer, or `nil` when `NULL`.
  public func optionalInt64(at index: Int) -> Int64? { isNull(at: index) ? nil : int64(at: index) }
  /// Column `index` (0-based) as a real, or `nil` when `NULL`.
  public func optionalDouble(at index: Int) -> Double? { isNull(at: index) ? nil : double(at: index) }
  /// Column `index` (0-based) as text, or `nil` when `NULL`.
  public func optionalString(at index: Int) -> String? { isNull(at: index) ? nil : string(at: index) }

  /// Column `index` (0-based) as the value SQLite stored, with its type.
  public func value(at index: Int) -> DatabaseValue {
    switch sqlite3_column_type(handle, Int32(index)) {
    case SQLITE_INTEGER: return .integer(int64(at: index))
    case SQLITE_FLOAT: return .real(double(at: index))
    case SQLITE_TEXT: return .text(string(at: index))
    case SQLITE_BLOB: return .blob(data(at: index))
    default: return .null
    }
  }
}

@available(*, unavailable)
extension Statement: Sendable {}
