import AftershockStore
import Foundation
import Testing

/// The nightly job and the commands that read its history, run as a user runs them.
@Suite(.serialized) struct RunCommandTests {
  @Test func generateRunAtRiskAndReportWorkTogether() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let generated = try workspace.run(["generate", "--accounts", "300", "--seed", "3", "--out", "sample"])
    #expect(generated.status == 0, "\(generated.errors)")
    #expect(generated.output.contains("wrote 300 accounts"))

    let first = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-01"])
    #expect(first.status == 0, "\(first.errors)")
    #expect(first.output.contains("run 1 as of 2024-11-01"))
    #expect(first.output.contains("outputs in out/"))
    #expect(first.errors.contains("score tickets"), "plain stage lines on a non-terminal stderr")

    let second = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-16"])
    #expect(second.status == 0, "\(second.errors)")
    let atRisk = try workspace.run(["at-risk", "--top", "5"])
    #expect(atRisk.status == 0, "\(atRisk.errors)")
    #expect(atRisk.output.contains("compared with 2024-11-01"))
    let widest = atRisk.output.components(separatedBy: "\n").map { $0.count }.max() ?? 0
    #expect(widest <= 100, "the terminal table fits 100 columns")

    let csv = try workspace.run(["at-risk", "--format", "csv", "--tier", "high"])
    #expect(csv.status == 0)
    #expect(csv.output.hasPrefix("Account,ID,Segment,ARR,Renews,Risk,Tier,Change,Why"))
    let firstRow = csv.output.components(separatedBy: "\n").dropFirst().first ?? ""
    #expect(firstRow.contains(",high,"), "only the high tier: \(firstRow)")

    let notebook = try workspace.run(["report", "--format", "ipynb", "--out", "nb"])
    #expect(notebook.status == 0, "\(notebook.errors)")
    let data = try Data(contentsOf: URL(fileURLWithPath: workspace.path("nb/aftershock_report.ipynb")))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)

    let forecast = try workspace.run(["forecast", "--horizon", "90"])
    #expect(forecast.status == 0, "\(forecast.errors)")
    #expect(forecast.output.contains("all"))
  }

  @Test func killedRunLeavesThePreviousOutputsAndHistoryIntact() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "200", "--seed", "5", "--out", "small"]).status == 0)
    #expect(try workspace.run(["generate", "--accounts", "6000", "--seed", "6", "--out", "large"]).status == 0)
    let first = try workspace.run(["run", "--data", "small", "--as-of", "2024-11-16"])
    #expect(first.status == 0, "\(first.errors)")
    let manifest = workspace.path("out/manifest.json")
    let before = try Data(contentsOf: URL(fileURLWithPath: manifest))
    let reportBefore = try Data(contentsOf: URL(fileURLWithPath: workspace.path("out/report.md")))

    // Start a longer run into the same folder and kill it while it scores tickets.
    let process = Process()
    process.executableURL = CLIWorkspace.binary
    process.arguments = ["run", "--data", "large", "--as-of", "2024-11-17", "--workers", "1"]
    process.currentDirectoryURL = workspace.directory
    var environment = ProcessInfo.processInfo.environment
    environment["AFTERSHOCK_DATA"] = CLIWorkspace.repositoryRoot.appendingPathComponent("Data").path
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var sawStaging = false
    while Date() < deadline, process.isRunning {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out"))) ?? []
      if let staging = names.first(where: { $0.hasPrefix(".staging-") }),
        FileManager.default.fileExists(atPath: workspace.path("out/\(staging)/scored_tickets.csv"))
          || ((try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out/\(staging)")))?.count ?? 0) > 0
      {
        sawStaging = true
        break
      }
      usleep(20_000)
    }
    #expect(sawStaging, "the run started writing before it was killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)

    #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == before, "manifest.json is the previous run's")
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("out/report.md"))) == reportBefore)
    let history = try workspace.run(["at-risk", "--top", "3"])
    #expect(history.status == 0, "\(history.errors)")
    #expect(history.output.contains("as of 2024-11-16"), "the history still has the previous run as its latest")
  }

  /// Run from a folder holding `Data/`, with no option naming it, the default inputs are named
  /// as the user sees them (`Data/sample/accounts.csv`), not by the machine's absolute path, in
  /// the summary and in the report (a committed report would carry the build machine's path).
  @Test func defaultInputsFoundInTheWorkingDirectoryKeepRelativeNames() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let data = CLIWorkspace.repositoryRoot.appendingPathComponent("Data")
    try FileManager.default.createDirectory(atPath: workspace.path("Data"), withIntermediateDirectories: false)
    for entry in try FileManager.default.contentsOfDirectory(atPath: data.path) where entry != "sample" {
      try FileManager.default.createSymbolicLink(
        atPath: workspace.path("Data/" + entry), withDestinationPath: data.appendingPathComponent(entry).path)
    }
    #expect(try workspace.run(["generate", "--accounts", "80", "--seed", "4", "--out", "Data/sample"]).status == 0)
    let result = try workspace.run(["run", "--out", "o"], findsDataItself: true)
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("(Data/sample/accounts.csv)"), "\(result.output)")
    let report = try String(contentsOfFile: workspace.path("o/report.md"), encoding: .utf8)
    #expect(report.contains("| Data/sample/tickets.csv |") && !report.contains(workspace.directory.path), "\(report)")
  }

  /// A data folder's competitors.txt (which generate writes) is read beside the shipped list, and
  /// said so: the sample's fictional competitors make moves to them churn intent. Files named
  /// with --competitors must exist.
  @Test func aDataFoldersCompetitorsAreRead() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "300", "--seed", "3", "--out", "sample"]).status == 0)
    let folder = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-01", "--out", "a"])
    #expect(folder.status == 0, "\(folder.errors)")
    #expect(folder.output.contains("competitors also from: sample/competitors.txt"), "\(folder.output)")
    #expect(folder.output.contains("your products from: sample/products.txt"), "\(folder.output)")
    let files = try workspace.run([
      "run", "--accounts", "sample/accounts.csv", "--tickets", "sample/tickets.csv", "--as-of", "2024-11-01",
      "--out", "b",
    ])
    #expect(files.status == 0, "\(files.errors)")
    #expect(!files.output.contains("competitors also from"), "\(files.output)")
    func intents(_ out: String) throws -> Int {
      let text = try String(contentsOfFile: workspace.path(out + "/scored_tickets.csv"), encoding: .utf8)
      return text.components(separatedBy: ",true,").count - 1
    }
    #expect(try intents("a") > intents("b"))
    let named = try workspace.run([
      "run", "--accounts", "sample/accounts.csv", "--tickets", "sample/tickets.csv", "--as-of", "2024-11-01",
      "--competitors", "sample/competitors.txt", "--products", "sample/products.txt", "--out", "c",
    ])
    #expect(named.status == 0, "\(named.errors)")
    let scoredA = try String(contentsOfFile: workspace.path("a/scored_tickets.csv"), encoding: .utf8)
    let scoredC = try String(contentsOfFile: workspace.path("c/scored_tickets.csv"), encoding: .utf8)
    #expect(scoredA == scoredC, "the folder's lists and the same lists named give the same scores")
    let missing = try workspace.run(["run", "--data", "sample", "--competitors", "ours.txt", "--out", "d"])
    #expect(missing.status != 0)
    #expect(missing.errors.contains("ours.txt: no such file (--competitors names a file"), "\(missing.errors)")
    let folder2 = try workspace.run(["run", "--data", "sample", "--competitors", "sample", "--out", "d"])
    #expect(folder2.errors.contains("sample: a folder (--competitors"), "\(folder2.errors)")
  }

  /// `--no-header` reads the files `generate` writes, without their header rows, as the files
  /// with them: every ticket's body is scored as its body (not its subject), and every account
  /// and survey answer lands in its fields.
  @Test func theToolsOwnFilesWithoutHeadersScoreAsWithThem() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "120", "--seed", "5", "--out", "sample"]).status == 0)
    try FileManager.default.createDirectory(atPath: workspace.path("bare"), withIntermediateDirectories: false)
    for kind in ["accounts", "tickets", "surveys"] {
      let text = try String(contentsOfFile: workspace.path("sample/\(kind).csv"), encoding: .utf8)
      let header = try #require(text.firstIndex(of: "\n"))
      try String(text[text.index(after: header)...]).write(
        toFile: workspace.path("bare/\(kind).csv"), atomically: true, encoding: .utf8)
    }
    func run(_ folder: String, _ extra: [String]) throws -> CLIRun {
      try workspace.run(
        [
          "run", "--accounts", "\(folder)/accounts.csv", "--tickets", "\(folder)/tickets.csv", "--surveys",
          "\(folder)/surveys.csv", "--as-of", "2024-11-13", "--out", folder + "-out",
        ] + extra)
    }
    let headed = try run("sample", [])
    #expect(headed.status == 0, "\(headed.errors)")
    let bare = try run("bare", ["--no-header"])
    #expect(bare.status == 0, "\(bare.errors)")
    for output in ["scored_tickets.csv", "scored_surveys.csv", "accounts_risk.csv"] {
      let expected = try String(contentsOfFile: workspace.path("sample-out/" + output), encoding: .utf8)
        .split(separator: "\n")
      let got = try String(contentsOfFile: workspace.path("bare-out/" + output), encoding: .utf8).split(separator: "\n")
      #expect(expected.count > 10, "\(output) holds rows")
      #expect(got.count == expected.count, "\(output)")
      let difference = zip(got, expected).first { $0 != $1 }.map { "\($0.0)\n  instead of \($0.1)" }
      #expect(difference == nil, "\(output) is the same without the header rows")
    }
    let help = try workspace.run(["run", "--help"])
    #expect(
      help.output.contains("tickets: ticket_id, account_id, created_at, subject, body, channel, priority, status"))
    #expect(!help.output.contains("DESIGN.md"))
  }

  /// A Zendesk export with US dates: the run it stops on --max-bad says most records are
  /// ambiguous dates and how to read them, as `validate` does; with that option it runs.
  @Test func aRunStoppedByAmbiguousDatesSaysHowToReadThem() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try """
    account_id,name,arr
    A-100,Acme,12000
    A-101,Globex,45000

    """.write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try """
    "Ticket ID","Organization","Subject","Description","Created at"
    "1001","A-101","Outage","The outage killed our morning.","11/14/2024 2:03 PM"
    "1002","A-100","Re: incident","Support was great.","11/10/2024 9:15 AM"
    "1003","A-100","cancel","We will not cancel, we are happy.","11/12/2024 10:00 AM"

    """.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let inputs = ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let run = try workspace.run(inputs)
    #expect(run.status == 1)
    #expect(
      run.errors.contains(
        "tickets.csv: 66.7% of records quarantined, more than --max-bad 20.0%; see quarantine_of_failed_run.csv "
          + "beside the outputs (the previous outputs were not replaced); most (2 of 2) are invalid_date, e.g. "
          + "line 3 (1002): created_at '11/10/2024 9:15 AM' is ambiguous"), "\(run.errors)")
    #expect(run.errors.contains("say which with --date-order mdy or --date-order dmy"), "\(run.errors)")
    let fixed = try workspace.run(inputs + ["--date-order", "mdy"])
    #expect(fixed.status == 0, "\(fixed.errors)")
  }

  @Test func runOnMissingInputsFailsWithAClearMessage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("empty"), withIntermediateDirectories: true)
    let result = try workspace.run(["run", "--data", "empty"])
    #expect(result.status == 1)
    #expect(result.errors.contains("no accounts file in empty"))
    let atRisk = try workspace.run(["at-risk", "--db", "nowhere.sqlite"])
    #expect(atRisk.status == 1)
    #expect(atRisk.errors.contains("no history at nowhere.sqlite (no such file)"), "\(atRisk.errors)")
    #expect(
      !FileManager.default.fileExists(atPath: workspace.path("nowhere.sqlite")), "reading never creates a history")
  }

  /// `--db` naming another program's database: refused before any work, the file left as it was.
  @Test func runAndMergeLeaveAnotherProgramsDatabaseAlone() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    try Database(path: workspace.path("crm.sqlite"), configuration: .init(usesWriteAheadLog: false))
      .execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace.path("crm.sqlite")))
    let refusal =
      "crm.sqlite is a database of something else (it has tables, but no Aftershock history); "
      + "give --db a new file or an Aftershock history"
    let inputs = ["--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let run = try workspace.run(["run"] + inputs + ["--db", "crm.sqlite", "--out", "out"])
    #expect(run.status == 1)
    #expect(run.errors.contains(refusal), "\(run.errors)")
    #expect(!run.errors.contains("find as-of day"), "refused before reading the inputs")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out")))
    let partial = try workspace.run(["run", "--partial", "--as-of", "2024-10-10"] + inputs + ["--out", "shard"])
    #expect(partial.status == 0, "\(partial.errors)")
    let merge = try workspace.run(["merge", "shard", "--db", "crm.sqlite", "--out", "merged"])
    #expect(merge.status == 1)
    #expect(merge.errors.contains(refusal), "\(merge.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("merged")))
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("crm.sqlite"))) == before)
    // The same inputs write a new history.
    let fresh = try workspace.run(["run"] + inputs + ["--db", "history.sqlite", "--out", "out"])
    #expect(fresh.status == 0, "\(fresh.errors)")
    // A history named like one of the outputs is refused before the pass that finds the as-of day.
    for db in ["out/accounts_risk.csv", "out/charts"] {
      let clash = try workspace.run(["run"] + inputs + ["--db", db, "--out", "out"])
      #expect(clash.status == 1)
      #expect(clash.errors.contains("under a name the run's outputs take"), "\(db): \(clash.errors)")
      #expect(!clash.errors.contains("find as-of day"), "refused before reading the inputs")
    }
    // "hist/" was created as the file hist, which the readers given "hist/" could not find.
    let slash = try workspace.run(["run"] + inputs + ["--db", "hist/", "--out", "out"])
    #expect(slash.status == 1)
    #expect(slash.errors.contains("cannot write the history hist/: it ends with '/'"), "\(slash.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("hist")))
  }

  /// A run whose outputs and history are committed has succeeded even when its summary cannot be
  /// printed (a full log volume, `>&-` in a cron job): a warning, exit 0. A command whose product
  /// is standard output still fails.
  @Test(arguments: [CLIWorkspace.StreamTarget.full, .closed])
  func aSummaryThatCannotBePrintedIsAWarningAfterASuccessfulRun(target: CLIWorkspace.StreamTarget) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let inputs = ["--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let run = try workspace.run(["run"] + inputs + ["--out", "out"], standardOutput: target)
    #expect(run.status == 0, "\(target): \(run.errors)")
    #expect(
      run.errors.contains(
        "aftershock run: warning: the run succeeded (outputs in out) but its summary could not be written to standard output: "
      ),
      "\(run.errors)")
    #expect(!run.errors.contains("error:"), "\(run.errors)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("out/manifest.json")))
    let history = try RunStore(readingFrom: workspace.path("out/aftershock.sqlite"))
    #expect(try history.latestRun()?.status == "succeeded")

    let partial = try workspace.run(
      ["run", "--partial", "--as-of", "2024-10-10"] + inputs + ["--out", "shard"], standardOutput: target)
    #expect(partial.status == 0, "\(partial.errors)")
    #expect(
      partial.errors.contains("aftershock run: warning: the partial run succeeded (state in shard/partial.json)"),
      "\(partial.errors)")
    let merge = try workspace.run(["merge", "shard", "--out", "merged"], standardOutput: target)
    #expect(merge.status == 0, "\(merge.errors)")
    #expect(
      merge.errors.contains("aftershock merge: warning: the merge succeeded (outputs in merged)"), "\(merge.errors)")
    let report = try workspace.run(["report", "--out", "report"], standardOutput: target)
    #expect(report.status == 0, "\(report.errors)")
    #expect(
      report.errors.contains("aftershock report: warning: the report was written (to report)"), "\(report.errors)")
    let generate = try workspace.run(["generate", "--accounts", "20", "--out", "sample"], standardOutput: target)
    #expect(generate.status == 0, "\(generate.errors)")
    #expect(
      generate.errors.contains("aftershock generate: warning: the sample was written (to sample)"), "\(generate.errors)"
    )

    let atRisk = try workspace.run(["at-risk"], standardOutput: target)
    #expect(atRisk.status == 1, "the list is the product of at-risk: \(atRisk.errors)")
    #expect(atRisk.errors.contains("aftershock at-risk: error: cannot write <stdout>"), "\(atRisk.errors)")
  }

  /// A `--db` the run could not write (a folder, a path under a file) fails before any work,
  /// naming the path and why, instead of "unable to open database file" after the scoring.
  @Test func anUnwritableHistoryIsRefusedBeforeAnyWork() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    try FileManager.default.createDirectory(atPath: workspace.path("adir"), withIntermediateDirectories: true)
    let inputs = ["--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let folder = try workspace.run(["run"] + inputs + ["--db", "adir", "--out", "out"])
    #expect(folder.status == 1)
    #expect(
      folder.errors.contains(
        "aftershock run: error: cannot write the history adir: it is a folder, not a file; give --db a file in a folder you can write"
      ),
      "\(folder.errors)")
    #expect(!folder.errors.contains("find as-of day"), "refused before reading the inputs")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out")))
    let underFile = try workspace.run(["run"] + inputs + ["--db", "accounts.csv/h.sqlite", "--out", "out"])
    #expect(underFile.status == 1)
    #expect(underFile.errors.contains("accounts.csv is a file, not a folder"), "\(underFile.errors)")
    #expect(!underFile.errors.contains("score tickets"), "\(underFile.errors)")
  }

  /// An `--out` that is a link to a missing folder is named as one, not as "a file with the same name".
  @Test func aDanglingLinkAsOutIsNamedAsOne() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    try FileManager.default.createSymbolicLink(
      atPath: workspace.path("dangling"), withDestinationPath: "missing-target")
    let inputs = ["--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let run = try workspace.run(["run"] + inputs + ["--out", "dangling", "--db", "h.sqlite"])
    #expect(run.status == 1)
    #expect(
      run.errors.contains("aftershock run: error: --out dangling is a link to a missing folder missing-target"),
      "\(run.errors)")
    let slash = try workspace.run(["run"] + inputs + ["--out", "dangling/", "--db", "h.sqlite"])
    #expect(slash.errors.contains("--out dangling/ is a link to a missing folder missing-target"), "\(slash.errors)")
    let inside = try workspace.run(["run"] + inputs + ["--out", "dangling/day-1", "--db", "h.sqlite"])
    #expect(
      inside.errors.contains("--out dangling/day-1 is inside dangling, a link to a missing folder missing-target"),
      "\(inside.errors)")
    #expect(try workspace.run(["run"] + inputs + ["--out", "out"]).status == 0)
    let report = try workspace.run(["report", "--out", "dangling"])
    #expect(report.status == 1)
    #expect(
      report.errors.contains("aftershock report: error: --out dangling is a link to a missing folder missing-target"),
      "\(report.errors)")
    let shard = try workspace.run(["run", "--partial", "--as-of", "2024-10-10"] + inputs + ["--out", "shard"])
    #expect(shard.status == 0, "\(shard.errors)")
    let merge = try workspace.run(["merge", "shard", "--out", "dangling"])
    #expect(merge.status == 1)
    #expect(
      merge.errors.contains("aftershock merge: error: --out dangling is a link to a missing folder missing-target"),
      "\(merge.errors)")
  }

  /// The command lines a run prints to paste (the at-risk hint, the merge hint) quote paths a
  /// shell would split or expand, and pasting them works.
  @Test func theHintsToPasteAreShellQuoted() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let inputs = ["--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let run = try workspace.run(["run"] + inputs + ["--out", "my out", "--db", "my out/it's db.sqlite"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains(#"try: aftershock at-risk --db 'my out/it'\''s db.sqlite'"#), "\(run.output)")
    let hint = try #require(
      run.output.components(separatedBy: "try: aftershock ").last?.trimmingCharacters(in: .newlines))
    let pasted = Process()
    pasted.executableURL = URL(fileURLWithPath: "/bin/sh")
    pasted.arguments = ["-c", "exec \"$0\" " + hint, CLIWorkspace.binary.path]
    pasted.currentDirectoryURL = workspace.directory
    pasted.standardOutput = FileHandle.nullDevice
    pasted.standardError = FileHandle.nullDevice
    try pasted.run()
    pasted.waitUntilExit()
    #expect(pasted.terminationStatus == 0, "pasting: \(hint)")
    let shard = try workspace.run(["run", "--partial", "--as-of", "2024-10-10"] + inputs + ["--out", "-shard 1"])
    #expect(shard.status == 0, "\(shard.errors)")
    #expect(shard.output.contains("aftershock merge './-shard 1' [other shards...]"), "\(shard.output)")
  }

  /// A back-dated run (an as-of before the history's latest) is not what `at-risk` lists by
  /// default: its hint adds `--run` with the run's id, and pasting it lists that run.
  @Test func theHintOfABackDatedRunNamesTheRun() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let inputs = ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv"]
    let latest = try workspace.run(inputs + ["--as-of", "2024-10-05"])
    #expect(latest.status == 0, "\(latest.errors)")
    #expect(latest.output.contains("try: aftershock at-risk --db out/aftershock.sqlite\n"), "\(latest.output)")
    let back = try workspace.run(inputs + ["--as-of", "2024-10-03", "--out", "back", "--db", "out/aftershock.sqlite"])
    #expect(back.status == 0, "\(back.errors)")
    #expect(
      back.output.contains(
        "history in out/aftershock.sqlite (its latest as-of is 2024-10-05, after this run's); "
          + "try: aftershock at-risk --db out/aftershock.sqlite --run 2\n"), "\(back.output)")
    let hint = try #require(
      back.output.components(separatedBy: "try: aftershock ").last?.trimmingCharacters(in: .newlines))
    let pasted = try workspace.run(hint.split(separator: " ").map(String.init))
    #expect(pasted.output.hasPrefix("run 2 as of 2024-10-03"), "\(pasted.output)")
  }

  /// One-letter paths: `--db h` trapped in Foundation's path code (exit 132).
  @Test func oneLetterHistoryAndOutputNamesWork() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--db", "h", "--out", "o",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let atRisk = try workspace.run(["at-risk", "--db", "h"])
    #expect(atRisk.status == 0, "\(atRisk.errors)")
    let report = try workspace.run(["report", "--db", "h", "--out", "r"])
    #expect(report.status == 0, "\(report.errors)")
  }

  /// A small export: three open accounts, six tickets (one typed in as 2099-01-01 when `future`).
  static func writeExport(in workspace: CLIWorkspace, future: Bool, accounts: Bool = true) throws {
    if accounts {
      try writeAccounts(in: workspace)
    }
    try writeTickets(in: workspace, future: future)
  }

  private static func writeAccounts(in workspace: CLIWorkspace) throws {
    try """
    account_id,name,segment,arr,renewal_date,offer
    A1,Acme,enterprise,120000,2025-01-01,voucher_10
    A2,Globex,smb,8000,2024-12-15,none
    A3,Initech,mid_market,40000,2025-03-01,service_credit

    """.write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
  }

  private static func writeTickets(in workspace: CLIWorkspace, future: Bool) throws {
    try """
    ticket_id,account_id,created_at,body
    T1,A1,2024-10-01T09:00:00Z,The outage cost us a day. A voucher is not enough.
    T2,A2,2024-10-02T10:00:00Z,Thanks for the quick updates during the incident.
    T3,A3,2024-10-03T10:00:00Z,Support was helpful.
    T4,A1,2024-10-04T10:00:00Z,Still waiting for the root cause analysis.
    T5,A2,2024-10-05T10:00:00Z,All good now.
    \(future ? "T6,A3,2099-01-01T00:00:00Z,\"Terrible, awful outage; we are cancelling.\"" : "")

    """.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
  }

  /// One ticket dated 2099 neither becomes the run's as-of day nor is scored into the run: it is
  /// quarantined with its reason, and every account scores as without it.
  @Test func aTicketDatedInTheFutureNeitherMovesTheRunNorIsScored() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let clean = try workspace.run(["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--out", "clean"])
    #expect(clean.status == 0, "\(clean.errors)")
    #expect(clean.output.contains("run 1 as of 2024-10-05"))

    try Self.writeExport(in: workspace, future: true)
    let run = try workspace.run(["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--out", "future"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("run 1 as of 2024-10-05"), "\(run.output)")
    #expect(run.output.contains("tickets: 6 read, 5 accepted, 1 quarantined"), "\(run.output)")
    let quarantine = try String(contentsOfFile: workspace.path("future/quarantine.csv"), encoding: .utf8)
    #expect(
      quarantine.contains(
        "tickets.csv,7,T6,after_as_of,created_at 2099-01-01T00:00:00Z is dated after the run's as-of day 2024-10-05"),
      "\(quarantine)")
    let scored = try String(contentsOfFile: workspace.path("future/scored_tickets.csv"), encoding: .utf8)
    #expect(!scored.contains("T6,"))
    let risk = { (folder: String) in
      try String(contentsOfFile: workspace.path(folder + "/accounts_risk.csv"), encoding: .utf8)
    }
    #expect(try risk("future") == risk("clean"), "the future ticket changes no account's risk")

    // With --as-of, a record after that day is not the run's either.
    let earlier = try workspace.run(
      [
        "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--out", "earlier", "--as-of", "2024-10-03",
        "--max-bad", "0.5",
      ])
    #expect(earlier.status == 0, "\(earlier.errors)")
    #expect(earlier.output.contains("tickets: 6 read, 3 accepted, 3 quarantined"), "\(earlier.output)")
    let scoredEarlier = try String(contentsOfFile: workspace.path("earlier/scored_tickets.csv"), encoding: .utf8)
    #expect(scoredEarlier.split(separator: "\n").dropFirst().map { String($0.prefix(3)) } == ["T1,", "T2,", "T3,"])
  }

  /// A contract_start of 1900-01-01 is what Excel writes for "unknown": read as a date it made a
  /// customer of 125 years at 100% risk. It is quarantined, saying why, and drives no risk.
  @Test func aPlaceholderContractStartIsQuarantinedNotACenturyOfTenure() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try """
    account_id,name,segment,arr,contract_start,renewal_date,offer
    A1,Acme,enterprise,120000,2021-03-01,2025-01-01,voucher_10
    A2,Globex,smb,17160,1900-01-01,2025-01-28,none
    A3,Initech,mid_market,40000,2022-06-15,2025-03-01,service_credit
    A4,Hooli,smb,9000,2023-02-01,2025-02-01,none
    A5,Umbrella,mid_market,50000,2020-09-30,2024-12-30,none
    A6,Stark,enterprise,200000,2019-05-05,2025-05-05,voucher_10

    """.write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try Self.writeExport(in: workspace, future: false, accounts: false)
    // A2's two tickets go with it (unknown_account), as for any quarantined account.
    let run = try workspace.run(
      ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-11-13", "--max-bad", "0.5"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("accounts: 6 read, 5 accepted, 1 quarantined"), "\(run.output)")
    let quarantine = try String(contentsOfFile: workspace.path("out/quarantine.csv"), encoding: .utf8)
    #expect(
      quarantine.contains(
        "accounts.csv,3,A2,out_of_range,\"contract_start 1900-01-01 is on or before 1970-01-01, a placeholder for an unknown date"
      ),
      "\(quarantine)")
    let risk = try String(contentsOfFile: workspace.path("out/accounts_risk.csv"), encoding: .utf8)
    #expect(!risk.contains("A2,") && !risk.contains("125 years"), "\(risk)")
  }

  /// The customers who renewed by the as-of day are on no list: the summary says how many, and how
  /// many of them the model reads as high risk at the renewal they passed (a user audit found a
  /// renewed customer writing "we will not renew" on no list, and the run silent about it). A run
  /// with none says nothing of them.
  @Test func theSummarySaysHowManyRenewedCustomersItLeavesOffTheLists() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let sample = CLIWorkspace.repositoryRoot.appendingPathComponent("Data/sample").path
    let run = try workspace.run(["run", "--data", sample, "--as-of", "2024-11-15"])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n").map(String.init)
    let scored = try #require(lines.firstIndex { $0.contains("open accounts scored") }, "\(run.output)")
    #expect(
      lines[scored + 1]
        == "  779 renewed by the as-of day: customers still, on neither the at-risk list nor the forecast; 22 of them "
        + "renewed though the model reads them high risk (accounts_risk.csv, status renewed)", "\(run.output)")
    // As of the outage's day no renewal has been settled yet.
    let early = try workspace.run(["run", "--data", sample, "--as-of", "2024-07-19", "--out", "early"])
    #expect(early.status == 0, "\(early.errors)")
    #expect(!early.output.contains("renewed by the as-of day"), "\(early.output)")
  }

  /// The summary's ARR at risk has its thousands separated, as its counts do ("$2,986,003", not "$2986003").
  @Test func theSummaryGroupsTheDigitsOfARRAtRisk() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    // Enough ARR that its share at risk runs past a thousand dollars.
    let accounts = try String(contentsOfFile: workspace.path("accounts.csv"), encoding: .utf8)
    try accounts.replacingOccurrences(of: "A2,Globex,smb,8000,", with: "A2,Globex,smb,80000000,")
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-10-05",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let risk = try String(contentsOfFile: workspace.path("out/accounts_risk.csv"), encoding: .utf8)
    let rows = risk.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let column = try #require(rows.first?.firstIndex(of: "arr_at_risk"))
    let total = rows.dropFirst().compactMap { Double($0[column]) }.reduce(0, +)
    #expect(total >= 1_000, "the check needs a separator: \(total)")
    // The summary sums the accounts' unrounded figures, the CSV's cells are rounded to cents: the
    // two totals may differ by a dollar.
    let said = try #require(
      run.output.split(separator: "\n").first { $0.contains(" ARR at risk") }?
        .split(separator: " ").first { $0.hasPrefix("$") }, "\(run.output)")
    #expect(said.wholeMatch(of: /\$\d{1,3}(,\d{3})+/) != nil, "grouped in threes: \(said)")
    let value = try #require(Double(said.dropFirst().replacingOccurrences(of: ",", with: "")))
    #expect(abs(value - total) <= 1, "\(said) against the CSV's \(total)")
  }

  /// An ARR written `-0` is 0 in every output, never `-0.00` or `$-0`.
  @Test func aNegativeZeroARRPrintsAsZero() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let accounts = try String(contentsOfFile: workspace.path("accounts.csv"), encoding: .utf8)
    try accounts.replacingOccurrences(of: "A2,Globex,smb,8000,", with: "A2,Globex,smb,-0,")
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-10-05",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let risk = try String(contentsOfFile: workspace.path("out/accounts_risk.csv"), encoding: .utf8)
    let row = try #require(risk.split(separator: "\n").first { $0.hasPrefix("A2,") })
    #expect(row.contains(",0.00,") && !row.contains("-0"), "\(row)")
    for file in ["at_risk.md", "report.md"] {
      let text = try String(contentsOfFile: workspace.path("out/" + file), encoding: .utf8)
      #expect(!text.contains("$-0") && !text.contains("-0.00"), "\(file)")
    }
  }

  /// Tickets (or survey answers) on standard input are read by the as-of pass and then by the run.
  @Test func ticketsFromStandardInputAreReadWithoutAsOf() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeExport(in: workspace, future: false)
    let tickets = try Data(contentsOf: URL(fileURLWithPath: workspace.path("tickets.csv")))
    let run = try workspace.run(["run", "--accounts", "accounts.csv", "--tickets", "-"], input: tickets)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("run 1 as of 2024-10-05"), "\(run.output)")
    // The export's blank last line is skipped and counted.
    #expect(
      run.output.contains("tickets: 5 read, 5 accepted, 0 quarantined, skipped 1 empty row  (-)"), "\(run.output)")
    let scored = try String(contentsOfFile: workspace.path("out/scored_tickets.csv"), encoding: .utf8)
    #expect(scored.split(separator: "\n").count == 6)

    let twice = try workspace.run(["run", "--accounts", "-", "--tickets", "-"], input: tickets)
    #expect(twice.status == 2, "standard input can feed one input only")
  }

  /// `cat tickets.csv | aftershock run --tickets -` with a quote left open in ticket 10 and more
  /// than the 4 MiB record bound after it: the run reads every ticket, as from the file, and the
  /// manifest's counts add up. (It used to read 11, publish on 10 and exit 0.)
  @Test func ticketsOnStandardInputWithAStrayQuoteAreAllRead() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,name,segment,arr,renewal_date,offer\nA1,Acme,enterprise,120000,2025-01-01,voucher_10\n"
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let tickets = ValidateCommandTests.tickets(count: 60_000, strayQuoteAt: 10)
    let run = try workspace.run(
      ["run", "--accounts", "accounts.csv", "--tickets", "-", "--as-of", "2024-11-13"], input: Data(tickets.utf8))
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("tickets: 60,000 read, 59,999 accepted, 1 quarantined  (-)"), "\(run.output)")
    let manifest = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: workspace.path("out/manifest.json"))))
    let inputs = (manifest as? [String: Any])?["inputs"] as? [[String: Any]] ?? []
    let read = inputs.first { $0["file"] as? String == "-" }
    #expect(read?["read"] as? Int == 60_000)
    #expect(read?["quarantined"] as? Int == 1)
    #expect(read?["bytes"] as? Int == tickets.utf8.count)
  }
}
