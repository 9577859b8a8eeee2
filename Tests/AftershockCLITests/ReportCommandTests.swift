import Foundation
import Testing

/// `aftershock report` writes its files as one set, run as a user runs it.
@Suite(.serialized) struct ReportCommandTests {
  /// A workspace whose history holds run 1 (2024-11-01) and run 2 (2024-11-16).
  static func workspaceWithTwoRuns() throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    #expect(try workspace.run(["generate", "--accounts", "200", "--seed", "3", "--out", "sample"]).status == 0)
    for asOf in ["2024-11-01", "2024-11-16"] {
      let run = try workspace.run(["run", "--data", "sample", "--as-of", asOf])
      #expect(run.status == 0, "\(run.errors)")
    }
    return workspace
  }

  @Test func reportThatCannotWriteReportMDLeavesNoOtherFileInOut() throws {
    let workspace = try Self.workspaceWithTwoRuns()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("r/report.md"), withIntermediateDirectories: true)
    let result = try workspace.run(["report", "--run", "2", "--out", "r"])
    #expect(result.status == 1, "\(result.output)")
    #expect(result.errors.contains("r/report.md"), "\(result.errors)")
    let left = try FileManager.default.contentsOfDirectory(atPath: workspace.path("r"))
    #expect(left == ["report.md"], "no summary CSV or chart of the failed report, no staging folder: \(left)")
  }

  @Test func failedNotebookReportLeavesThePreviousReportWhole() throws {
    let workspace = try Self.workspaceWithTwoRuns()
    defer { workspace.remove() }
    let first = try workspace.run(["report", "--run", "1", "--out", "r"])
    #expect(first.status == 0, "\(first.errors)")
    let before = try Self.contents(of: workspace.path("r"))
    // The notebook of run 2 cannot be put in place.
    try FileManager.default.createDirectory(
      atPath: workspace.path("r/aftershock_report.ipynb"), withIntermediateDirectories: true)
    let second = try workspace.run(["report", "--run", "2", "--format", "ipynb", "--out", "r"])
    #expect(second.status == 1, "\(second.output)")
    var after = try Self.contents(of: workspace.path("r"))
    after.removeValue(forKey: "aftershock_report.ipynb")
    #expect(after == before, "every file is still run 1's, none left half-replaced")
    #expect(after["report.md"].map { String(decoding: $0, as: UTF8.self).contains("2024-11-01") } == true)

    // Once the way is clear, the whole set is run 2's.
    try FileManager.default.removeItem(atPath: workspace.path("r/aftershock_report.ipynb"))
    let third = try workspace.run(["report", "--run", "2", "--format", "ipynb", "--out", "r"])
    #expect(third.status == 0, "\(third.errors)")
    let report = try String(contentsOfFile: workspace.path("r/report.md"), encoding: .utf8)
    let notebook = try String(contentsOfFile: workspace.path("r/aftershock_report.ipynb"), encoding: .utf8)
    #expect(report.contains("2024-11-16") && notebook.contains("2024-11-16"))
  }

  /// The audit's D15: `report --run 1` into the folder holding run 2's outputs (by default `out`,
  /// `run`'s folder too) put run 1's report.md beside run 2's manifest and accounts_risk.csv.
  @Test func aReportOfAnotherRunIsRefusedInAFolderHoldingARunsOutputs() throws {
    let workspace = try Self.workspaceWithTwoRuns()
    defer { workspace.remove() }
    // The history's files change as it is read (its -shm); the outputs must not.
    func outputs() throws -> [String: Data] {
      try Self.contents(of: workspace.path("out")).filter { !$0.key.hasPrefix("aftershock.sqlite") }
    }
    let before = try outputs()
    let refused = try workspace.run(["report", "--run", "1"])
    #expect(refused.status == 2, "\(refused.output)")
    #expect(
      refused.errors.contains(
        "error: --out out holds the outputs of run 2 as of 2024-11-16 (its manifest.json); the report of run 1 "
          + "(as of 2024-11-01) written there would sit beside that run's accounts_risk.csv and at_risk.md, one folder "
          + "mixing two runs; give the report a folder of its own, e.g. --out report-2024-11-01, or write that run's "
          + "own report with --run 2"),
      "\(refused.errors)")
    #expect(try outputs() == before, "no output in out changed")

    // The folder's own run, named or by default, and a folder of its own are fine.
    for arguments in [
      ["report"], ["report", "--run", "2", "--format", "ipynb"],
      ["report", "--run", "1", "--out", "report-2024-11-01"],
    ] {
      let result = try workspace.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.errors)")
    }
    let report = try String(contentsOfFile: workspace.path("out/report.md"), encoding: .utf8)
    #expect(report.contains("2024-11-16") && !report.contains("2024-11-01,"))
    let own = try String(contentsOfFile: workspace.path("report-2024-11-01/report.md"), encoding: .utf8)
    #expect(own.contains("2024-11-01"))

    // A run of the same day again, into another folder, replaces run 2 in the history: out's files
    // are of the replaced run, so the new run's report does not go beside them either.
    let again = try workspace.run([
      "run", "--data", "sample", "--as-of", "2024-11-16", "--out", "other", "--db", "out/aftershock.sqlite",
    ])
    #expect(again.status == 0, "\(again.errors)")
    let replaced = try workspace.run(["report", "--run", "2"])
    #expect(replaced.status == 2, "\(replaced.output)")
    #expect(replaced.errors.contains("holds the outputs of run 2 as of 2024-11-16, started at "), "\(replaced.errors)")
    // Start times to the millisecond: two runs of a day started within one second are still two.
    let started = #"started at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"#
    #expect(replaced.errors.range(of: started, options: .regularExpression) != nil, "\(replaced.errors)")
  }

  /// The audit's leftover of D15: a folder holding only reports mixed two runs, run 2's notebook
  /// beside run 1's report.md and summaries (which the notebook then loaded as its own).
  @Test func aFolderOfReportsHoldsOnlyTheLastReportWritten() throws {
    let workspace = try Self.workspaceWithTwoRuns()
    defer { workspace.remove() }
    #expect(try workspace.run(["report", "--run", "2", "--format", "ipynb", "--out", "r"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.path("r/aftershock_report.ipynb")))
    let md = try workspace.run(["report", "--run", "1", "--out", "r"])
    #expect(md.status == 0, "\(md.errors)")
    let files = try Self.contents(of: workspace.path("r"))
    #expect(files["aftershock_report.ipynb"] == nil, "run 2's notebook is gone: \(files.keys.sorted())")
    #expect(files.keys.allSatisfy { !$0.hasPrefix(".") }, "no staging folder left: \(files.keys.sorted())")
    let listed = try JSONSerialization.jsonObject(with: files["report_files.json"] ?? Data()) as? [String: Any]
    #expect(Set(listed?["files"] as? [String] ?? []) == Set(files.keys), "the list names every file in the folder")
    #expect(files["report.md"].map { String(decoding: $0, as: UTF8.self).contains("2024-11-01") } == true)

    // The next run into a folder where report wrote a notebook retires it with the run's own outputs.
    #expect(try workspace.run(["report", "--format", "ipynb"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.path("out/aftershock_report.ipynb")))
    let run = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-20"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out/aftershock_report.ipynb")))
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out/report_files.json")))
  }

  /// Every file under `folder` (relative path to bytes), hidden ones included.
  static func contents(of folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue { files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)) }
    }
    return files
  }
}
