import AftershockStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The commands that only read the history (`at-risk`, `report`, `forecast`), run as a user runs
/// them: they never write it, and say in words what is wrong with a file that is not one.
@Suite struct HistoryReaderTests {
  /// Writes a small history of one run at `path` (write-ahead log, as `aftershock run` leaves it;
  /// without the report summary a run stores, so `report` reads it and says the summary is missing).
  static func writeHistory(at path: String) throws {
    let store = try RunStore(path: path)
    let run = RunRecord(asOf: "2026-07-19", startedAt: "2026-07-19T02:00:00Z", status: "succeeded", accountCount: 2)
    let scores = [("A1", "Lucía Herrera", 0.8), ("A2", "Mateo Fernández", 0.4)].map { id, manager, probability in
      AccountScore(
        accountID: id, name: "Account \(id)", segment: "enterprise", accountManager: manager, arr: 100_000,
        churnProbability: probability, tier: probability >= 0.6 ? "high" : "medium")
    }
    try store.saveRun(run, scores: scores)
  }

  /// The bytes of a file, to show a command left it as it was.
  static func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Runs `aftershock` as user `nobody` (root reads any file, so permissions only bite another
  /// user), or as the current user when it is not root; `nil` when that cannot be arranged.
  static func runAsUnprivilegedUser(_ arguments: [String], in workspace: CLIWorkspace) throws -> CLIRun? {
    let process = Process()
    if getuid() == 0 {
      guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
      process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLIWorkspace.binary.path] + arguments
    } else {
      process.executableURL = CLIWorkspace.binary
      process.arguments = arguments
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self), directory: workspace.directory)
  }

  @Test func aHistoryTheUserCannotWriteIsStillRead() throws {
    let workspace = try CLIWorkspace()
    defer {
      chmod(workspace.path("locked"), 0o755)
      workspace.remove()
    }
    chmod(workspace.directory.path, 0o755)
    try FileManager.default.createDirectory(atPath: workspace.path("locked"), withIntermediateDirectories: true)
    try Self.writeHistory(at: workspace.path("readonly.sqlite"))
    try Self.writeHistory(at: workspace.path("locked/history.sqlite"))
    chmod(workspace.path("readonly.sqlite"), 0o444)
    chmod(workspace.path("locked/history.sqlite"), 0o666)
    chmod(workspace.path("locked"), 0o555)
    try FileManager.default.createDirectory(atPath: workspace.path("reports"), withIntermediateDirectories: true)
    chmod(workspace.path("reports"), 0o777)
    let before = try Self.contents(workspace.path("readonly.sqlite"))
    for history in ["readonly.sqlite", "locked/history.sqlite"] {
      let path = workspace.path(history)
      for arguments in [
        ["at-risk", "--db", path], ["forecast", "--db", path],
        ["report", "--db", path, "--out", workspace.path("reports")],
      ] {
        guard let run = try Self.runAsUnprivilegedUser(arguments, in: workspace) else { return }
        if arguments[0] == "report" {
          #expect(run.errors.contains("has no stored report summary"), "the history was read: \(run.errors)")
        } else {
          #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.errors)")
        }
        #expect(!run.errors.contains("readonly database"), "\(run.errors)")
      }
    }
    #expect(try Self.contents(workspace.path("readonly.sqlite")) == before)
  }

  @Test func aRunHoldingTheWriteLockDoesNotBlockTheReaders() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeHistory(at: workspace.path("history.sqlite"))
    let writer = try Database(path: workspace.path("history.sqlite"))
    try writer.execute("BEGIN IMMEDIATE")
    defer { try? writer.execute("ROLLBACK") }
    // The lock is held until the end: a reader it blocked would give up after SQLite's busy
    // timeout and exit 1, so the exit statuses are the test (no clock, which a loaded host trips).
    let atRisk = try workspace.run(["at-risk", "--db", "history.sqlite"])
    #expect(atRisk.status == 0, "\(atRisk.errors)")
    #expect(atRisk.output.contains("A1"))
    let forecast = try workspace.run(["forecast", "--db", "history.sqlite"])
    #expect(forecast.status == 0, "\(forecast.errors)")
  }

  @Test func aFileWithoutAHistoryIsNamedAndLeftAsItWas() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    _ = FileManager.default.createFile(atPath: workspace.path("empty.sqlite"), contents: Data())
    let other = try Database(path: workspace.path("other.sqlite"), configuration: .init(usesWriteAheadLog: false))
    try other.execute("CREATE TABLE foo (x INTEGER); INSERT INTO foo VALUES (1)")
    let files = ["empty.sqlite", "other.sqlite"]
    let before = try files.map { try Self.contents(workspace.path($0)) }
    for command in ["at-risk", "forecast", "report"] {
      for file in files {
        let run = try workspace.run([command, "--db", file] + (command == "report" ? ["--out", "reported"] : []))
        #expect(run.status == 1, "\(command) --db \(file)")
        #expect(
          run.errors.contains("no Aftershock history in \(file) (run 'aftershock run' first)"),
          "\(command) --db \(file): \(run.errors)")
      }
    }
    #expect(try files.map { try Self.contents(workspace.path($0)) } == before)
    let tables = try other.prepare("SELECT name FROM sqlite_master").map { $0.string(at: 0) }
    #expect(tables == ["foo"])
    #expect(try other.userVersion() == 0)
    let devNull = try workspace.run(["report", "--db", "/dev/null", "--out", "reported"])
    #expect(devNull.status == 1)
    #expect(devNull.errors.contains("no Aftershock history in /dev/null"), "\(devNull.errors)")
  }

  @Test func aDamagedOrForeignHistoryIsNamedWithoutItsSQL() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    // A history whose schema version was set back (restored, edited) is read as it is.
    try Self.writeHistory(at: workspace.path("reset.sqlite"))
    try Database(path: workspace.path("reset.sqlite")).execute("PRAGMA user_version = 1")
    let reset = try workspace.run(["at-risk", "--db", "reset.sqlite"])
    #expect(reset.status == 0, "\(reset.errors)")
    // A database whose `runs` table is another one's.
    try Database(path: workspace.path("foreign.sqlite")).execute(
      "CREATE TABLE runs (x INTEGER); PRAGMA user_version = 2")
    let foreignRun = try workspace.run(["at-risk", "--db", "foreign.sqlite"])
    #expect(foreignRun.status == 1)
    #expect(
      foreignRun.errors.contains("foreign.sqlite is damaged or not an Aftershock history"), "\(foreignRun.errors)")
    // A history with pages overwritten.
    try Self.writeHistory(at: workspace.path("damaged.sqlite"))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: workspace.path("damaged.sqlite")))
    let size = try handle.seekToEnd()
    for offset in stride(from: size / 4, to: size, by: 1024) {
      try handle.seek(toOffset: offset)
      handle.write(Data(repeating: 0xA5, count: 200))
    }
    try handle.close()
    let damaged = try workspace.run(["at-risk", "--db", "damaged.sqlite"])
    #expect(damaged.status == 1)
    #expect(damaged.errors.contains("damaged.sqlite is damaged or not an Aftershock history"), "\(damaged.errors)")
    for run in [foreignRun, damaged] {
      #expect(!run.errors.contains("SELECT") && !run.errors.contains("CREATE"), "\(run.errors)")
      #expect(run.errors.split(separator: "\n").count == 1, "one line: \(run.errors)")
    }
  }
}
