import AftershockStore
import Foundation
import Testing

@testable import AftershockPipeline

/// A run whose history cannot take it leaves the previous outputs, and says which file and why.
@Suite(.serialized) struct NightlyRunHistoryTests {
  static func contents(of out: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    // The outputs, not the history beside them (its -wal and -shm change as it is opened).
    for file in try StagingFolder.listFiles(in: out) where !file.hasPrefix("aftershock.sqlite") {
      files[file] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
    }
    return files
  }

  /// 02: the history's COMMIT fails after the outputs were moved into place (a full disk fails
  /// there, when SQLite writes the log). Here a deferred foreign key the test adds to the history
  /// (a row the run's insert into `runs` makes, pointing at no run) fails the real COMMIT: the run
  /// throws naming the history, and the previous outputs and history are as they were.
  @Test func runWhoseHistoryCannotCommitLeavesThePreviousOutputs() throws {
    let folder = try NightlyRunTests.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/out"
    let history = out + "/aftershock.sqlite"
    _ = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-16"))
    let before = try Self.contents(of: out)
    let runsBefore = try RunHistory.open(history).runs().map(\.asOf)
    do {
      let database = try Database(path: history)
      try database.execute(
        """
        CREATE TABLE tripwire (run_id INTEGER REFERENCES runs (run_id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TRIGGER trip AFTER INSERT ON runs BEGIN INSERT INTO tripwire VALUES (-1); END;
        """)
    }
    do {
      _ = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-17"))
      Issue.record("the run should fail at the commit")
    } catch {
      let message = String(describing: error)
      #expect(message.hasPrefix("cannot save the run in the history \(history): "), "\(message)")
      #expect(message.contains("the previous outputs were put back"), "\(message)")
    }
    #expect(try Self.contents(of: out) == before, "the outputs are the previous run's")
    #expect(try RunHistory.open(history).runs().map(\.asOf) == runsBefore)
    let left = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(!left.contains { $0.hasPrefix(".staging-") }, "\(left)")
  }

  /// 02: a history another process holds the write lock of past the busy timeout is named, with
  /// what to do; the outputs stay as they were.
  @Test func runOnAHistoryLockedByAnotherWriterSaysSo() throws {
    let folder = try NightlyRunTests.workspace(accounts: 200)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/out"
    let history = out + "/aftershock.sqlite"
    _ = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-16"))
    let before = try Self.contents(of: out)
    let writer = try Database(path: history)
    try writer.execute("BEGIN IMMEDIATE TRANSACTION")
    defer { try? writer.execute("ROLLBACK TRANSACTION") }
    do {
      _ = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-17"))
      Issue.record("the run should fail on the lock")
    } catch {
      #expect(
        String(describing: error)
          == "the history \(history) is locked by another process (a run still saving?); try again when it has finished"
      )
    }
    #expect(try Self.contents(of: out) == before)
  }

  /// 04: a `--db` the run's outputs would be moved over is refused before any work (nothing is
  /// made), also through a symlink to the output folder; names the outputs do not take are fine.
  @Test func runRefusesAHistoryNamedLikeAnOutput() throws {
    let folder = try NightlyRunTests.workspace(accounts: 200)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/out"
    for history in [out + "/accounts_risk.csv", out + "/charts/h.sqlite", out + "/./sub/../Report.MD"] {
      do {
        _ = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-16") { $0.databasePath = history })
        Issue.record("--db \(history) should be refused")
      } catch {
        #expect(
          String(describing: error)
            == "--db \(history) is in the output folder \(out) under a name the run's outputs take; "
            + "give the history another name (e.g. \(out)/aftershock.sqlite)")
      }
      #expect(!FileManager.default.fileExists(atPath: out), "nothing is made for \(history)")
    }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: out)
    #expect(NightlyRun.outputName(of: folder + "/link/manifest.json", in: out) != nil)
    #expect(NightlyRun.outputName(of: out + "/report.md", in: folder + "/link/") != nil)
    #expect(NightlyRun.outputName(of: out + "/aftershock.sqlite", in: out) == nil)
    #expect(NightlyRun.outputName(of: out + "/history.db", in: out) == nil)
    #expect(NightlyRun.outputName(of: folder + "/accounts_risk.csv", in: out) == nil)
    #expect(NightlyRun.outputName(of: out + "/old/report.md", in: out) != nil)
  }
}
