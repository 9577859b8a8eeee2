import AftershockIngest
import AftershockPipeline
import AftershockReport
import Foundation

/// `aftershock forecast`: retention and ARR at risk of a run's open accounts, or a backtest.
enum ForecastCommand: Command {
  static let spec = CommandSpec(
    name: "forecast",
    abstract:
      "Forecast retained accounts and ARR (90% intervals) from a run, check a past run's forecast against a later "
      + "accounts file, or backtest on a history.",
    discussion: """
      EXAMPLES:
        aftershock forecast                              # latest run, 30/90/180/365 days
        aftershock forecast --horizon 60 --out out/
        aftershock forecast --run 3 --against exports/accounts-2024-11-16.csv --out check/
        aftershock forecast --backtest --accounts Data/sample/accounts.csv --cut 2023-11-16

      --against checks a stored run (--run; default the latest) once outcomes are known: a later
      export of the same accounts file (accounts keep their account_id; churned and churn_date now
      filled for those that left), read as 'run' reads accounts (--map, --date-order, --format,
      --no-header, --decimal-mark). An account marked churned false whose renewal_date is later
      than the renewal the run stored renewed then (a CRM rolls it forward); one that churned on
      or before the run's as-of day, though open in its input, is left out and named. For each
      horizon that ends by the day the file knows outcomes until (--known-until, or else its latest
      churn_date: a renewal_date of an account marked churned false may be a renewal still ahead,
      so when those run later it says so; pass --known-until if the file truly knows them) it
      prints the run's forecast of retained accounts and ARR, its 90% interval, what was retained
      and whether the interval covered it. Then it scores the run's churn
      probabilities on the accounts whose next renewal fell within the checked horizons: ROC AUC,
      log-loss, Brier, and by risk tier the mean predicted probability against the share that
      churned. Accounts of the run missing from the file, and the file's accounts not in the run
      (new customers, accounts settled before the run), are counted and named. With --out it
      writes forecast_check.csv and forecast_check_accounts.csv (one row per account).

      The forecast reads each open account's churn probability from the history at the horizon
      (churn is decided at renewal; the account may be gone before the renewal date, by a notice
      lead the run learned from its settled churns, when it had at least 20 dated ones) and sums
      them as a Poisson-binomial. --backtest fits the cohort
      curve (Kaplan-Meier by segment) on what an accounts file knew at --cut and compares its
      forecast with what happened afterwards. Account records that cannot be read are quarantined:
      counted, listed on stderr and left out (exit 1 when their share passes --max-bad); accounts
      without a contract_start are counted and left out too.
      """,
    options: [
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "out/aftershock.sqlite"),
      .init(name: "--run", valueName: "ID", help: "A run id (default: the latest as-of)."),
      .init(name: "--horizon", valueName: "DAYS", help: "One horizon instead of 30, 90, 180 and 365 days."),
      .init(
        name: "--out", valueName: "DIR",
        help: "Also write forecast.csv (forecast_check*.csv with --against, backtest.csv with --backtest) there."),
      .init(
        name: "--against", valueName: "FILE",
        help: "Check the run's forecast and churn probabilities against this later accounts file."),
      .init(
        name: "--known-until", valueName: "DATE",
        help:
          "With --against: the last day the file's outcomes are complete (default: its latest churn_date)."
      ),
      .init(
        name: "--backtest", valueName: nil,
        help: "Backtest on an accounts file (--accounts) instead of a run's history."),
      .init(
        name: "--accounts", valueName: "FILE", help: "Accounts history for --backtest.",
        defaultValue: "Data/sample/accounts.csv"),
      .init(
        name: "--cut", valueName: "DATE",
        help:
          "Backtest cut day (default: the longest horizon before the data's end, or 30 days after the first churn when that is later)."
      ),
      .init(
        name: "--max-bad", valueName: "SHARE",
        help: "With --backtest or --against: fail when more than this share of the accounts is quarantined.",
        defaultValue: "0.2"),
    ] + InputOptions.specs)

  /// The options that say how to read an accounts file: for --against and --backtest only.
  static let readingOptions = InputOptions.specs.map(\.name)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let horizons = try RiskOptions.horizons(from: arguments)
    let header: [String]
    let rows: [[String]]
    let fileName: String
    if arguments.string("--against") != nil {
      if arguments.isSet("--backtest") {
        throw UsageError(
          command: spec.name,
          message:
            "'--against' does not go with '--backtest' (--against checks a stored run; --backtest a cohort curve "
            + "fitted on --accounts)")
      }
      for option in ["--cut", "--accounts"] where arguments.string(option) != nil {
        throw UsageError(
          command: spec.name,
          message: "'\(option)' needs '--backtest'; with '--against' the later accounts file is --against's value")
      }
      return try runCheck(arguments, horizons: horizons, console: console)
    }
    if arguments.string("--known-until") != nil {
      throw UsageError(command: spec.name, message: "'--known-until' needs '--against FILE' (the file it is about)")
    }
    if !arguments.isSet("--backtest") {
      for option in readingOptions where arguments.string(option) != nil || arguments.isSet(option) {
        throw UsageError(
          command: spec.name,
          message: "'\(option)' needs '--against FILE' or '--backtest' (it says how to read an accounts file; "
            + "without them the forecast reads the history)")
      }
    }
    if !arguments.isSet("--backtest") {
      for option in ["--cut", "--accounts", "--max-bad"] where arguments.string(option) != nil {
        throw UsageError(
          command: spec.name,
          message: "'\(option)' needs '--backtest'" + (option == "--max-bad" ? " or '--against FILE'" : "")
            + " (without it the forecast reads the history)")
      }
    }
    if arguments.isSet("--backtest") {
      for option in ["--db", "--run"] where arguments.string(option) != nil {
        throw UsageError(
          command: spec.name, message: "'\(option)' does not go with '--backtest' (it reads --accounts, not a history)")
      }
      let cut = try arguments.day("--cut")
      let outcome = try RunHistory.backtest(
        accountsPath: arguments.string("--accounts") ?? "Data/sample/accounts.csv", cutDay: cut, horizons: horizons,
        options: try InputOptions.make(from: arguments),
        maximumBadShare: try arguments.number("--max-bad", in: 0...1) ?? 0.2)
      let result = outcome.result
      reportLeftOut(outcome, console: console)
      for warning in outcome.warnings { console.diagnostic("aftershock forecast: warning: \(warning)") }
      // A flat curve (no churn before the cut) has intervals of no width: their "coverage" is
      // only the rows where nothing churned either, and is not given as a figure.
      let flat = outcome.warnings.contains { $0.hasPrefix("no account had churned by the cut") }
      try console.line(
        "backtest cut at \(Day(daysSinceEpoch: Int32(result.asOfDay))): "
          + (flat
            ? String(
              format: "no churn before the cut, so the curve is flat and its intervals have no width; "
                + "mean absolute error %.1f accounts", result.meanAbsoluteError)
            : String(
              format: "90%% intervals cover %.0f%% of rows; mean absolute error %.1f accounts", result.coverage * 100,
              result.meanAbsoluteError))
          + (result.skippedHorizons.isEmpty ? "" : "; skipped horizons past the data: \(result.skippedHorizons)"))
      let input = outcome.input
      try console.line(
        "  accounts: \(grouped(input.read)) read, \(grouped(input.accepted)) accepted, \(grouped(input.quarantined)) quarantined"
          + (outcome.withoutContractStart > 0
            ? ", \(grouped(outcome.withoutContractStart)) without a contract_start" : "")
          + "  (\(input.file))")
      header = result.header
      rows = result.stringRows
      fileName = "backtest.csv"
    } else {
      let (run, forecast, withModelError) = try RunHistory.forecast(
        database: arguments.string("--db") ?? "out/aftershock.sqlite",
        runID: try arguments.integer("--run", in: 1...Int.max).map(Int64.init), horizons: horizons)
      let runName = "run \(run.id.map(String.init) ?? "?") as of \(run.asOf)"
      if forecast.rows.isEmpty {
        // Every account has churned or renewed: nothing is left to forecast, which is an answer, not a failure.
        try console.line("\(runName) has no open account to forecast (none has its renewal pending)")
      } else {
        try console.line("forecast of \(runName) (open accounts; 90% intervals)")
      }
      let borrowed = horizons.filter { !withModelError.contains($0) }
      if !forecast.rows.isEmpty && !borrowed.isEmpty {
        try console.line(
          RunHistory.borrowedModelErrorNote(horizons: horizons, stored: withModelError)
            ?? "note: the intervals show which accounts leave given their probabilities, not the churn model's own error"
        )
      }
      header = ForecastTable.header
      rows = ForecastTable.rows(forecast.rows)
      fileName = "forecast.csv"
    }
    let columns = header.map {
      TextTable.Column($0, isNumeric: !["segment", "arr_interval_method", "method"].contains($0))
    }
    if !rows.isEmpty { try console.write(TextTable(columns: columns, rows: rows).renderTerminal(width: 200)) }
    if let out = arguments.string("--out") {
      let sink = try ByteSink(atomicPath: out + "/" + fileName)
      try CSVWriter().writeRow(header, to: sink)
      for row in rows { try CSVWriter().writeRow(row, to: sink) }
      try sink.commit()
      try console.line("wrote \(out)/\(fileName)")
    }
    return 0
  }

  /// Tells on stderr which account records the backtest could not use: the quarantined ones by
  /// reason with the first few, and the accounts without a contract start.
  private static func reportLeftOut(_ outcome: BacktestOutcome, console: Console) {
    let input = outcome.input
    if input.quarantined > 0 {
      let reasons = input.quarantinedByReason.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
        .map { "\($0.key.rawValue) \(grouped($0.value))" }.joined(separator: ", ")
      console.diagnostic(
        "aftershock forecast: warning: \(grouped(input.quarantined)) of \(grouped(input.read)) account record(s) in "
          + "\(input.file) quarantined, left out of the backtest (\(reasons)):")
      for entry in outcome.quarantined {
        console.diagnostic(
          "  \(entry.file):\(entry.line)" + (entry.recordID.map { " (\(InvisibleCharacters.escaped($0)))" } ?? "")
            + ": \(entry.reason.rawValue): \(entry.detail)")
      }
      let more = input.quarantined - outcome.quarantined.count
      if more > 0 { console.diagnostic("  ... and \(grouped(more)) more") }
    }
    if outcome.withoutContractStart > 0 {
      console.diagnostic(
        "aftershock forecast: warning: \(grouped(outcome.withoutContractStart)) account(s) without a contract_start "
          + "left out of the backtest (a tenure curve needs the day each account started)")
    }
  }
}
