import Foundation
import Testing

@testable import AftershockStore

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-store-\(UUID())").path
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

@Suite struct DatabaseTests {
  @Test func inMemoryDatabaseOpensAndAnswers() throws {
    let database = try Database(path: ":memory:")
    let statement = try database.prepare("SELECT sqlite_version(), 1 + 1")
    #expect(try statement.step())
    #expect(statement.string(at: 0).hasPrefix("3."))
    #expect(statement.int64(at: 1) == 2)
    #expect(try statement.step() == false)
    #expect(try database.enforcesForeignKeys())
  }

  @Test func fileDatabaseUsesWriteAheadLog() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let database = try Database(path: folder + "/history.sqlite")
    #expect(try database.journalMode() == "wal")
    try database.execute("CREATE TABLE t (x INTEGER)")
    #expect(FileManager.default.fileExists(atPath: folder + "/history.sqlite-wal"))
  }

  @Test func valuesRoundTripThroughBindingsAndColumns() throws {
    let database = try Database(path: ":memory:")
    try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
    let insert = try database.prepare("INSERT INTO t VALUES (:i, :r, :s, :b, :n)")
    try insert.bind(Int64.min, named: ":i")
    try insert.bind(-0.125, named: ":r")
    try insert.bind("héllo, \"wörld\"\n🙂", named: ":s")
    try insert.bind(Data([0, 1, 255]), named: ":b")
    try insert.bind(.null, named: ":n")
    try insert.execute()
    // Reuse after reset: the empty string stays text, not NULL.
    try insert.bind("", named: ":s")
    try insert.execute()
    let rows = try database.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid").map { row in
      [row.value(at: 0), row.value(at: 1), row.value(at: 2), row.value(at: 3), row.value(at: 4)]
    }
    #expect(rows.count == 2)
    #expect(
      rows[0] == [.integer(Int64.min), .real(-0.125), .text("héllo, \"wörld\"\n🙂"), .blob(Data([0, 1, 255])), .null])
    #expect(rows[1][2] == .text(""))
  }

  @Test func unknownParameterNameIsAnError() throws {
    let database = try Database(path: ":memory:")
    let statement = try database.prepare("SELECT :a")
    #expect(throws: DatabaseError.self) { try statement.bind("x", named: ":b") }
  }

  @Test func errorCarriesSQLitesMessageAndTheSQL() throws {
    let database = try Database(path: ":memory:")
    try database.execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))")
    let insert = try database.prepare("INSERT INTO child (parent_id) VALUES (?)")
    try insert.bind(42, at: 1)
    do {
      try insert.execute()
      Issue.record("a dangling foreign key was accepted")
    } catch {
      #expect(error.resultCode == 19)
      #expect(error.extendedResultCode == 787)
      #expect(error.message == "FOREIGN KEY constraint failed")
      #expect(error.sql == "INSERT INTO child (parent_id) VALUES (?)")
      // The user reads SQLite's words; the SQL is for a developer's debug output.
      #expect(error.description == "sqlite error 19: FOREIGN KEY constraint failed")
      #expect(
        error.debugDescription
          == "sqlite error 19: FOREIGN KEY constraint failed - while executing `INSERT INTO child (parent_id) VALUES (?)`"
      )
    }
  }

  @Test func syntaxErrorNamesTheSQL() throws {
    let database = try Database(path: ":memory:")
    do {
      _ = try database.prepare("SELEC 1")
      Issue.record("bad SQL was prepared")
    } catch {
      #expect(error.resultCode == 1)
      #expect(error.message.contains("syntax error"))
      #expect(!error.description.contains("SELEC 1"))
      #expect(error.debugDescription.hasSuffix("- while executing `SELEC 1`"))
    }
  }

  @Test func throwingTransactionRollsBackAndRethrowsTheFirstError() throws {
    struct Stop: Error, Equatable {}
    let database = try Database(path: ":memory:")
    try database.execute("CREATE TABLE t (x INTEGER)")
    #expect(throws: Stop()) {
      try database.inTransaction {
        try database.execute("INSERT INTO t VALUES (1)")
        throw Stop()
      }
    }
    #expect(database.isAutocommit)
    let count = try database.prepare("SELECT count(*) FROM t")
    #expect(try count.step())
    #expect(count.int64(at: 0) == 0)
    try database.inTransaction { try database.execute("INSERT INTO t VALUES (2)") }
    count.reset()
    #expect(try count.step())
    #expect(count.int64(at: 0) == 1)
  }

  @Test func migrationsApplyInOrderOnceAndRefuseNewerFiles() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/m.sqlite"
    let steps = [
      Migration(version: 2, sql: "ALTER TABLE t ADD COLUMN y TEXT"),
      Migration(version: 1, sql: "CREATE TABLE t (x INTEGER)"),
    ]
    do {
      let database = try Database(path: path)
      #expect(try database.migrate(steps) == [1, 2])
      #expect(try database.userVersion() == 2)
    }
    let reopened = try Database(path: path)
    #expect(try reopened.migrate(steps) == [])
    #expect(throws: StoreError.schemaTooNew(path: path, found: 2, supported: 1)) {
      try reopened.migrate([steps[1]])
    }
  }

  @Test func immutableOpeningReadsAFileWhoseNameNeedsEscapingInAURI() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/a ?#%é.sqlite"
    try Database(path: path, configuration: .init(usesWriteAheadLog: false)).execute(
      "CREATE TABLE t (x); PRAGMA user_version = 7")
    let database = try Database(path: path, configuration: .init(isImmutable: true))
    #expect(try database.userVersion() == 7)
    #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO t VALUES (1)") }
  }

  @Test func failingMigrationLeavesTheFileAtItsVersion() throws {
    let database = try Database(path: ":memory:")
    let steps = [
      Migration(version: 1, sql: "CREATE TABLE t (x INTEGER)"),
      Migration(version: 2, sql: "ALTER TABLE missing ADD COLUMN y TEXT"),
    ]
    #expect(throws: StoreError.self) { try database.migrate(steps) }
    #expect(try database.userVersion() == 0)
    #expect(try database.migrate(Array(steps.prefix(1))) == [1])
  }
}
