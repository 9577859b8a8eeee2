import Foundation
import Testing

/// `aftershock forecast`, its backtest and its options, run as a user runs them.
struct ForecastCommandTests {
  /// The bundled sample's accounts file (its last churn is on 2024-11-13).
  static let sampleAccounts = CLIWorkspace.repositoryRoot.appendingPathComponent("Data/sample/accounts.csv").path

  @Test(arguments: [["--cut", "2024-01-01"], ["--accounts", "/no/such/file.csv"], ["--max-bad", "0.5"]])
  func backtestOptionsWithoutBacktestAreBadUsage(_ option: [String]) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(["forecast", "--db", "missing.sqlite"] + option)
    #expect(result.status == 2, "\(result.errors)")
    #expect(result.errors.contains("'\(option[0])' needs '--backtest'"), "\(result.errors)")
    #expect(result.output.isEmpty)
  }

  @Test func backtestCutAtTheEndOfTheDataSaysSoWithoutNaN() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(
      ["forecast", "--backtest", "--accounts", Self.sampleAccounts, "--cut", "2024-11-13", "--out", "bt"])
    #expect(result.status == 1, "\(result.output)")
    #expect(!(result.output + result.errors).lowercased().contains("nan"), "\(result.output)\(result.errors)")
    #expect(result.errors.contains("nothing to compare after the cut day 2024-11-13"), "\(result.errors)")
    #expect(result.errors.contains("choose an earlier --cut"), "\(result.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("bt/backtest.csv")), "no empty backtest.csv")
  }

  @Test func backtestLeavesOutAnAccountThatChurnedBeforeItStartedWithAWarningInDates() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    var accounts = try String(contentsOfFile: Self.sampleAccounts, encoding: .utf8)
    accounts +=
      "ACC-999999,Bad Co,smb,latam,Maria Gonzalez,1000,1,basic,2024-03-01,2025-03-01,1,none,false,true,2024-01-15\n"
    try accounts.write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let result = try workspace.run(["forecast", "--backtest", "--accounts", "accounts.csv", "--cut", "2023-11-16"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.errors.contains(
        "warning: 1 of 2,001 account record(s) in accounts.csv quarantined, left out of the backtest (date_order 1):"),
      "\(result.errors)")
    #expect(
      result.errors.contains(
        "accounts.csv:2002 (ACC-999999): date_order: churn_date 2024-01-15 is before contract_start 2024-03-01"),
      "\(result.errors)")
    #expect(!result.errors.contains("19737"), "dates, not day numbers")
    #expect(result.output.contains("backtest cut at 2023-11-16"), "\(result.output)")
  }
  /// The sample's accounts with `arr` unreadable in the first `badARR` rows and `contract_start`
  /// blank in the `noStart` rows after them (rows with a quoted name are left as they are).
  static func damagedSample(badARR: Int, noStart: Int) throws -> String {
    var lines = try String(contentsOfFile: sampleAccounts, encoding: .utf8).split(separator: "\n").map(String.init)
    var damaged = 0
    for index in lines.indices.dropFirst() where damaged < badARR + noStart && !lines[index].contains("\"") {
      var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if damaged < badARR { cells[5] = "not a number" } else { cells[8] = "" }
      lines[index] = cells.joined(separator: ",")
      damaged += 1
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Records the backtest cannot use are counted and named, never dropped without a word.
  @Test func backtestCountsAndNamesTheAccountsItLeavesOut() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.damagedSample(badARR: 10, noStart: 3).write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let result = try workspace.run(["forecast", "--backtest", "--accounts", "accounts.csv", "--cut", "2024-08-01"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.output.contains(
        "  accounts: 2,000 read, 1,990 accepted, 10 quarantined, 3 without a contract_start  (accounts.csv)"),
      "\(result.output)")
    #expect(
      result.errors.contains(
        "aftershock forecast: warning: 10 of 2,000 account record(s) in accounts.csv quarantined, left out of the backtest "
          + "(invalid_number 10):\n  accounts.csv:2 (ACC-000001): invalid_number: arr 'not a number' is not a number"),
      "\(result.errors)")
    #expect(result.errors.contains("  ... and 5 more\n"), "\(result.errors)")
    #expect(
      result.errors.contains("warning: 3 account(s) without a contract_start left out of the backtest"),
      "\(result.errors)")
  }

  /// Past --max-bad (0.2 by default, as for `run`) the backtest fails and writes nothing.
  @Test func backtestFailsPastMaxBad() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.damagedSample(badARR: 600, noStart: 0).write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let failed = try workspace.run([
      "forecast", "--backtest", "--accounts", "accounts.csv", "--cut", "2024-08-01", "--out", "bt",
    ])
    #expect(failed.status == 1, "\(failed.output)")
    #expect(
      failed.errors.contains(
        "error: accounts.csv: 30.0% of records quarantined (invalid_number 600), more than --max-bad 20.0%; the first on line 2 (ACC-000001)"
      ),
      "\(failed.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("bt/backtest.csv")))
    let allowed = try workspace.run(
      [
        "forecast", "--backtest", "--accounts", "accounts.csv", "--cut", "2024-08-01", "--max-bad", "0.5", "--out",
        "bt",
      ])
    #expect(allowed.status == 0, "\(allowed.errors)")
    #expect(
      allowed.output.contains("  accounts: 2,000 read, 1,400 accepted, 600 quarantined  (accounts.csv)"),
      "\(allowed.output)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("bt/backtest.csv")))
  }

  /// A run whose accounts have all churned or renewed succeeds, and so does its forecast: there
  /// is nothing to forecast, which is said in a line, with a forecast.csv of the header only.
  @Test func forecastOfARunWithNoOpenAccountSaysSoAndSucceeds() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "30", "--seed", "5", "--out", "sample"]).status == 0)
    // Settle every open account (churned and churn_date empty at the end of the line) as renewed.
    let accounts =
      try String(contentsOfFile: workspace.path("sample/accounts.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.hasSuffix(",,") ? $0.dropLast(2) + ",false," : $0 }.joined(separator: "\n")
      + "\n"
    try accounts.write(toFile: workspace.path("sample/accounts.csv"), atomically: true, encoding: .utf8)
    // As of a day after every renewal date: a renewal decided after the as-of day is still open.
    let run = try workspace.run(["run", "--data", "sample", "--as-of", "2030-01-01"])
    #expect(run.status == 0, "\(run.errors)")
    let result = try workspace.run(["forecast", "--out", "fc"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.output.contains("run 1 as of ") && result.output.contains("has no open account to forecast"),
      "\(result.output)")
    #expect(!result.errors.contains("error"), "\(result.errors)")
    let csv = try String(contentsOfFile: workspace.path("fc/forecast.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 && csv.hasPrefix("segment,horizon_days,"), "\(csv)")
  }

  /// The sample's churn all follows its outage (2024-07-19): a backtest cut before it fits a flat
  /// curve, which forecasts everyone retained, and says so with the first churn day; a cut after
  /// it does not.
  @Test func backtestCutBeforeAnyChurnSaysItsCurveIsFlat() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let early = try workspace.run(["forecast", "--backtest", "--accounts", Self.sampleAccounts, "--cut", "2023-11-16"])
    #expect(early.status == 0, "\(early.errors)")
    #expect(
      early.errors.contains("warning: no account had churned by the cut 2023-11-16, so the curve fitted there is flat")
        && early.errors.contains("the first churn is on 2024-07-"), "\(early.errors)")
    #expect(early.output.contains("no churn before the cut, so the curve is flat"), "\(early.output)")
    #expect(!early.output.contains("intervals cover"), "zero-width intervals are not said to cover: \(early.output)")
    // Without --cut the default moves past the first churn, and says so.
    let byDefault = try workspace.run(["forecast", "--backtest", "--accounts", Self.sampleAccounts])
    #expect(byDefault.status == 0, "\(byDefault.errors)")
    #expect(byDefault.errors.contains("30 days after the first churn on 2024-07-"), "\(byDefault.errors)")
    #expect(
      !byDefault.errors.contains("flat curve") && byDefault.output.contains("intervals cover"), "\(byDefault.output)")
    let late = try workspace.run(
      ["forecast", "--backtest", "--accounts", Self.sampleAccounts, "--cut", "2024-09-01", "--horizon", "30"])
    #expect(late.status == 0, "\(late.errors)")
    #expect(!late.errors.contains("flat"), "\(late.errors)")
  }

  /// `--backtest` reads an accounts file: a history option beside it is bad usage, not ignored.
  @Test(arguments: [["--db", "out/aftershock.sqlite"], ["--run", "1"]])
  func historyOptionsWithBacktestAreBadUsage(_ option: [String]) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(["forecast", "--backtest", "--accounts", Self.sampleAccounts] + option)
    #expect(result.status == 2, "\(result.errors)")
    #expect(result.errors.contains("'\(option[0])' does not go with '--backtest'"), "\(result.errors)")
  }

  /// No account had started by the cut: the message names the cut as the user gave it (--cut),
  /// the earliest start, and what to do.
  @Test func backtestCutBeforeEveryStartNamesTheCut() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(["forecast", "--backtest", "--accounts", Self.sampleAccounts, "--cut", "2015-01-01"])
    #expect(result.status == 1)
    #expect(
      result.errors.contains("no account had started by --cut 2015-01-01: the earliest contract_start is "),
      "\(result.errors)")
    #expect(result.errors.contains("choose a --cut on or after it"), "\(result.errors)")
    #expect(!result.errors.contains("as-of day") && !result.errors.contains("to work with"), "\(result.errors)")
  }
}
