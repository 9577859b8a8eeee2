import Foundation
import Testing

/// `aftershock forecast --run ID --against FILE`: a past run's forecast and probabilities against
/// a later accounts file, run as a user runs it.
struct ForecastCheckCommandTests {
  static let sample = CLIWorkspace.repositoryRoot.appendingPathComponent("Data/sample").path

  /// A workspace holding the history of one run of the sample as of `asOf`.
  static func workspaceWithRun(asOf: String) throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    let run = try workspace.run([
      "run", "--data", sample, "--as-of", asOf, "--out", "run", "--db", "history.sqlite",
    ])
    #expect(run.status == 0, "\(run.errors)")
    return workspace
  }

  /// The sample as of 2024-08-15 against its own accounts file (outcomes to 2024-11-16): the 30- and
  /// 90-day horizons are checked. The probabilities' figures agree with `Scripts/risk_against_truth.py`'s
  /// `auc` and log-loss on the same 673 accounts (computed once from `forecast_check_accounts.csv`
  /// with the truth file's `churned_outcome`, which matches the file's outcome for every one of them:
  /// AUC 0.81614, log-loss 0.33401, Brier 0.10180; the model's own probabilities, before the
  /// accounts renewing within the notice lead were read as not gone yet, gave 0.80606, 0.34469 and 0.10519).
  @Test func sampleRunAsOfAugustIsCheckedAtThirtyAndNinetyDays() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    let result = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", Self.sample + "/accounts.csv", "--out", "check",
    ])
    #expect(result.status == 0, "\(result.errors)")
    let output = result.output
    #expect(output.contains("check of run 1 (as of 2024-08-15) against \(Self.sample)/accounts.csv"), "\(output)")
    #expect(
      output.contains(
        "outcomes known until 2024-11-15: the file's latest churn_date (ACC-000962); --known-until sets another day"),
      "\(output)")
    #expect(
      output.contains(
        "4 account(s) marked churned false have a renewal_date after it (to 2024-11-16, ACC-000917): taken as "
          + "renewals still ahead"), "\(output)")
    #expect(output.contains("accounts: 1,738 open in the run, 1,738 of them in the file"), "\(output)")
    #expect(output.contains("262 settled by 2024-08-15"), "\(output)")
    #expect(
      output.contains(
        "horizons checked: 30 days (to 2024-09-14), 90 days (to 2024-11-13); not yet: 180 (ends 2025-02-11), "
          + "365 (ends 2025-08-15), after 2024-11-15"), "\(output)")
    #expect(output.contains("ROC AUC 0.816, log-loss 0.334, Brier 0.102"), "\(output)")
    #expect(output.contains("(95 of 673)"), "\(output)")
    #expect(!output.lowercased().contains("nan"), "\(output)")

    let table = try String(contentsOfFile: workspace.path("check/forecast_check.csv"), encoding: .utf8)
    let lines = table.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "segment,horizon_days,horizon_end,accounts,forecast_retained,low90,high90,actual_retained,covered,"
        + "forecast_arr_retained,arr_low90,arr_high90,actual_arr_retained,arr_covered")
    #expect(lines.count == 9, "all and three segments at two horizons")
    #expect(lines[1].hasPrefix("all,30,2024-09-14,1738,"), "\(lines[1])")
    #expect(lines[1].contains(",1691,yes,"), "1,691 of 1,738 not churned by 2024-09-14: \(lines[1])")
    #expect(lines[2].hasPrefix("all,90,2024-11-13,1738,"), "\(lines[2])")
    // 1,620, not 1,635: 15 accounts gave notice by 2024-11-13 though their renewal falls after it.
    #expect(lines[2].contains(",1620,yes,"), "\(lines[2])")

    let accounts = try String(contentsOfFile: workspace.path("check/forecast_check_accounts.csv"), encoding: .utf8)
      .split(separator: "\n")
    #expect(accounts.count == 2_001, "every account of the file, each once")
    #expect(accounts.filter { $0.contains(",compared,") }.count == 1_738)
    #expect(accounts.filter { $0.hasSuffix(",yes") }.count == 673)

    // An earlier known-until day checks fewer horizons, and says where the day came from.
    let earlier = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", Self.sample + "/accounts.csv", "--known-until", "2024-10-01",
    ])
    #expect(earlier.status == 0, "\(earlier.errors)")
    #expect(
      earlier.output.contains(
        "outcomes known until 2024-10-01: --known-until; the file's latest churn_date is 2024-11-15"),
      "\(earlier.output)")
    #expect(earlier.output.contains("horizons checked: 30 days (to 2024-09-14); not yet: 90"), "\(earlier.output)")
  }

  /// An account of the run missing from the later file and a new one in it are counted and named;
  /// the new one's formula-like id is neutralised in the CSV.
  @Test func missingAndNewAccountsAreNamedNotDropped() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    var lines = try String(contentsOfFile: Self.sample + "/accounts.csv", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // ACC-000002 is open on 2024-08-15 (renewal 2025-01-28).
    lines.removeAll { $0.hasPrefix("ACC-000002,") }
    lines.insert("@SUM(1),Newco,smb,emea,Ann Lee,5000,10,starter,2024-10-01,2025-10-01,0,none,false,,", at: 1)
    try lines.joined(separator: "\n").write(toFile: workspace.path("later.csv"), atomically: true, encoding: .utf8)
    let result = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", "later.csv", "--out", "check",
    ])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.output.contains(
        "accounts: 1,738 open in the run, 1,737 of them in the file; 1 left out of every figure (listed on stderr)"),
      "\(result.output)")
    #expect(result.output.contains("1 new since (contract_start after it): @SUM(1)"), "\(result.output)")
    #expect(
      result.errors.contains(
        "warning: 1 open account(s) of the run are not in later.csv, left out of every figure: ACC-000002"),
      "\(result.errors)")
    #expect(result.output.contains("forecast again over the 1,737 accounts compared"), "\(result.output)")
    let accounts = try String(contentsOfFile: workspace.path("check/forecast_check_accounts.csv"), encoding: .utf8)
    #expect(accounts.contains("ACC-000002,missing,"), "\(accounts.prefix(300))")
    #expect(accounts.contains("'@SUM(1)"), "the formula guard")
    #expect(!accounts.contains("\n@SUM(1)"))
  }

  /// A run too recent for the file fails, names the runs it can check, and writes nothing.
  @Test func aRunTooRecentForTheFileNamesTheRunsItCanCheck() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    let recent = try workspace.run([
      "run", "--data", Self.sample, "--as-of", "2024-11-13", "--out", "run2", "--db", "history.sqlite",
    ])
    #expect(recent.status == 0, "\(recent.errors)")
    let result = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", Self.sample + "/accounts.csv", "--out", "check",
    ])
    #expect(result.status == 1)
    #expect(
      result.errors.contains(
        "nothing to check yet: run 2 is as of 2024-11-13 and its shortest horizon (30 days) ends 2024-12-13, after "
          + "2024-11-15"), "\(result.errors)")
    #expect(result.errors.contains("runs this file can check: --run 1 (as of 2024-08-15)"), "\(result.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("check/forecast_check.csv")))
  }

  /// The sample's accounts file with each of its columns rewritten by `edit` (fields counted from
  /// the end, as quoted names may hold commas: churn_date is -1, churned -2, renewal_date -6).
  static func editedSample(_ edit: (inout [String]) -> Void, header: String? = nil) throws -> String {
    let lines = try String(contentsOfFile: sample + "/accounts.csv", encoding: .utf8)
      .split(separator: "\n").map(String.init)
    return
      ([header ?? lines[0]]
      + lines.dropFirst().map { line in
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        edit(&fields)
        return fields.joined(separator: ",")
      }).joined(separator: "\n") + "\n"
  }

  /// A later CRM export: renewed accounts have their renewal_date rolled forward a year, and the
  /// accounts whose renewal is still ahead are marked churned false (Active) rather than blank.
  /// The check reads it as the generator's own file: known until the latest churn date (the
  /// renewal dates of accounts marked false are not taken as known), the renewals rolled past the
  /// run's are renewals, and the figures are the same; no warning says an outcome is missing.
  @Test func aCRMExportWithRolledRenewalsAndActiveUndecidedAccountsGivesTheSameFigures() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    let crm = try Self.editedSample { fields in
      let n = fields.count
      if fields[n - 2] == "false", let year = Int(fields[n - 6].prefix(4)) {
        fields[n - 6] = String(year + 1) + fields[n - 6].dropFirst(4)
      }
      if fields[n - 2].isEmpty { fields[n - 2] = "false" }
    }
    try crm.write(toFile: workspace.path("crm.csv"), atomically: true, encoding: .utf8)
    let result = try workspace.run(["forecast", "--db", "history.sqlite", "--against", "crm.csv", "--out", "check"])
    #expect(result.status == 0, "\(result.errors)")
    let output = result.output
    #expect(
      output.contains(
        "outcomes known until 2024-11-15: the file's latest churn_date (ACC-000962); --known-until sets another day"),
      "\(output)")
    #expect(output.contains("if the file truly knows those renewals, pass --known-until 2025-11-16"), "\(output)")
    #expect(output.contains("ROC AUC 0.816, log-loss 0.334, Brier 0.102"), "\(output)")
    #expect(output.contains("(95 of 673)"), "\(output)")
    #expect(
      output.contains(
        "72 settled by 2024-08-15 (churned or renewed: not open then); 190 marked churned false with a renewal_date "
          + "after it: renewed before it with the renewal_date rolled forward since (as the file does for 593 of the "
          + "run's accounts), or open then but not in the run"), "\(output)")
    #expect(!result.errors.contains("no outcome in the file"), "\(result.errors)")
    let table = try String(contentsOfFile: workspace.path("check/forecast_check.csv"), encoding: .utf8)
    #expect(table.contains("all,30,2024-09-14,1738,") && table.contains(",1691,yes,"), "\(table)")
    #expect(table.contains("all,90,2024-11-13,1738,") && table.contains(",1620,yes,"), "\(table)")
  }

  /// An account the run had open that the later file has churned before the run's as-of day is
  /// left out of every figure and named, not counted lost in the first horizon.
  @Test func aChurnBeforeTheRunsAsOfDayIsLeftOutAndNamed() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    // ACC-000002 is open on 2024-08-15 (renewal 2025-01-28).
    let later = try Self.editedSample { fields in
      if fields[0] == "ACC-000002" {
        fields[fields.count - 2] = "true"
        fields[fields.count - 1] = "2024-08-01"
      }
    }
    try later.write(toFile: workspace.path("later.csv"), atomically: true, encoding: .utf8)
    let result = try workspace.run(["forecast", "--db", "history.sqlite", "--against", "later.csv", "--out", "check"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
      result.output.contains(
        "accounts: 1,738 open in the run, 1,737 of them in the file; 1 left out of every figure (listed on stderr)"),
      "\(result.output)")
    #expect(
      result.errors.contains(
        "1 open account(s) of the run churned on or before the run's as-of day 2024-08-15 by later.csv, though open "
          + "in its input (it did not know they had left): left out of every figure: ACC-000002"), "\(result.errors)")
    let table = try String(contentsOfFile: workspace.path("check/forecast_check.csv"), encoding: .utf8)
    #expect(table.contains("all,30,2024-09-14,1737,"), "\(table)")
    #expect(table.contains(",1690,yes,"), "the 1,691 retained less ACC-000002: \(table)")
    let accounts = try String(contentsOfFile: workspace.path("check/forecast_check_accounts.csv"), encoding: .utf8)
    #expect(accounts.contains("ACC-000002,churned_by_as_of,"), "\(accounts.prefix(400))")
  }

  /// The later file is read with the accounts-reading options `run` takes: dates written month
  /// first need --date-order mdy, a CRM's Status column --map churned=Status; the figures are
  /// those of the file as written first.
  @Test func theLaterFileTakesTheReadingOptionsOfRun() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    let header = try String(contentsOfFile: Self.sample + "/accounts.csv", encoding: .utf8)
      .prefix { $0 != "\n" }.replacingOccurrences(of: ",churned,", with: ",Status,")
    let crm = try Self.editedSample(
      { fields in
        let n = fields.count
        for index in [n - 7, n - 6, n - 1] where fields[index].count == 10 {
          let parts = fields[index].split(separator: "-")
          fields[index] = "\(parts[1])/\(parts[2])/\(parts[0])"
        }
        fields[n - 2] = ["true": "Churned", "false": "Active"][fields[n - 2]] ?? ""
      }, header: header)
    try crm.write(toFile: workspace.path("crm.csv"), atomically: true, encoding: .utf8)
    let read = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", "crm.csv", "--date-order", "mdy", "--map", "churned=Status",
    ])
    #expect(read.status == 0, "\(read.errors)")
    #expect(read.output.contains("ROC AUC 0.816, log-loss 0.334, Brier 0.102"), "\(read.output)")
    #expect(read.output.contains("(95 of 673)"), "\(read.output)")

    // Without --map the Status column is not the outcome: said so, not taken for "no outcome".
    let unmapped = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", "crm.csv", "--date-order", "mdy",
    ])
    #expect(unmapped.status == 0, "\(unmapped.errors)")
    #expect(
      unmapped.errors.contains("crm.csv has no churned column (tried churned, churn, is_churned"), "\(unmapped.errors)")
    #expect(unmapped.errors.contains("--map churned=COLUMN"), "\(unmapped.errors)")

    // Neither churned nor churn_date: nothing to check, said so.
    let bare = try Self.editedSample(
      { $0.removeLast(2) }, header: header.replacingOccurrences(of: ",Status,churn_date", with: ""))
    try bare.write(toFile: workspace.path("bare.csv"), atomically: true, encoding: .utf8)
    let none = try workspace.run(["forecast", "--db", "history.sqlite", "--against", "bare.csv"])
    #expect(none.status == 1)
    #expect(
      none.errors.contains("bare.csv has no column for churned (tried churned, churn, is_churned"), "\(none.errors)")
    #expect(none.errors.contains("so it records no outcome and there is nothing to check"), "\(none.errors)")
  }

  /// A tickets file given to --against is named as one; --horizon 60 says its model error is the
  /// next stored horizon's, as `forecast --horizon 60` does.
  @Test func aTicketsFileIsNamedAndABorrowedModelErrorIsNoted() throws {
    let workspace = try Self.workspaceWithRun(asOf: "2024-08-15")
    defer { workspace.remove() }
    let tickets = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", Self.sample + "/tickets.csv",
    ])
    #expect(tickets.status == 1)
    #expect(
      tickets.errors.contains("tickets.csv looks like a tickets file (its columns fit tickets)"), "\(tickets.errors)")
    #expect(!tickets.errors.contains("duplicate"), "\(tickets.errors)")

    let sixty = try workspace.run([
      "forecast", "--db", "history.sqlite", "--against", Self.sample + "/accounts.csv", "--horizon", "60",
    ])
    #expect(sixty.status == 0, "\(sixty.errors)")
    #expect(
      sixty.output.contains(
        "note: at 60 days the churn model's own error is that of the next horizon the run stored (of 30, 90, 180, "
          + "365 days)"), "\(sixty.output)")
  }

  @Test(arguments: [
    (["--date-order", "mdy"], "'--date-order' needs '--against FILE' or '--backtest'"),
    (["--known-until", "2024-11-16"], "'--known-until' needs '--against FILE'"),
    (["--against", "a.csv", "--backtest"], "'--against' does not go with '--backtest'"),
    (["--against", "a.csv", "--cut", "2024-01-01"], "'--cut' needs '--backtest'"),
  ])
  func checkOptionsInTheWrongCompanyAreBadUsage(_ arguments: [String], _ message: String) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(["forecast", "--db", "missing.sqlite"] + arguments)
    #expect(result.status == 2, "\(result.errors)")
    #expect(result.errors.contains(message), "\(result.errors)")
  }
}
