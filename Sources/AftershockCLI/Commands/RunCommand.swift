import AftershockIngest
import AftershockModel
import AftershockPipeline
import Foundation

/// `aftershock run`: the nightly job over the day's exports.
enum RunCommand: Command {
  static let spec = CommandSpec(
    name: "run",
    abstract: "The nightly run: score texts, churn risk per account, forecast, history and reports.",
    discussion: """
      EXAMPLES:
        aftershock run                                   # the bundled sample (Data/sample) into out/
        aftershock run --data exports/2026-11-25 --out reports/ --as-of 2026-11-25
        aftershock run --accounts a.csv --tickets zendesk.csv --map account_id="Requester organization"

      Writes into --out: scored_tickets.csv, scored_surveys.csv, accounts_risk.csv, account_features.csv,
      at_risk.md, report.md, summary_*.csv, forecast.csv, charts/*.svg, quarantine.csv, manifest.json;
      and the run into the SQLite history (--db). Outputs are staged and moved into place only when the
      run succeeds; re-running the same --as-of replaces that run. Without --as-of, the run scores at the
      day of the latest ticket or survey answer in the inputs.
      """,
    options: [
      .init(name: "--data", valueName: "DIR", help: "Folder with accounts, tickets and surveys (.csv/.tsv/.jsonl).", defaultValue: "Data/sample"),
      .init(name: "--accounts", valueName: "FILE", help: "Accounts input (instead of --data)."),
      .init(name: "--tickets", valueName: "FILE", help: "Tickets input (instead of --data)."),
      .init(name: "--surveys", valueName: "FILE", help: "Survey answers input (optional)."),
      .init(name: "--out", valueName: "DIR", help: "Output folder.", defaultValue: "out"),
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "<out>/aftershock.sqlite"),
      .init(name: "--as-of", valueName: "DATE", help: "Day to score at (YYYY-MM-DD)."),
      .init(name: "--model-file", valueName: "FILE", help: "Churn model (default: fitted on this run's labelled accounts when at least 50, 10 of each outcome; else Data/models/churn.json, trained on the bundled sample)."),
      .init(name: "--data-dir", valueName: "DIR", help: "Aftershock's Data/ folder (lexicons, models).", defaultValue: "./Data"),
      .init(name: "--max-bad", valueName: "SHARE", help: "Fail when more than this share of an input is quarantined.", defaultValue: "0.2"),
      .init(name: "--high", valueName: "P", help: "Churn probability from which an account is high risk.", defaultValue: "0.5"),
      .init(name: "--medium", valueName: "P", help: "Churn probability from which an account is medium risk.", defaultValue: "0.2"),
      .init(name: "--horizon", valueName: "DAYS", help: "One forecast horizon instead of 30, 90, 180 and 365 days."),
      .init(name: "--workers", valueName: "N", help: "Threads scoring texts (default: every core)."),
    ] + InputOptions.specs)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let dataDirectory = try DataDirectory.locate(explicit: arguments.string("--data-dir"))
    let inputs: (accounts: String, tickets: String, surveys: String?)
    if arguments.string("--accounts") != nil || arguments.string("--tickets") != nil {
      guard let accounts = arguments.string("--accounts"), let tickets = arguments.string("--tickets") else {
        throw UsageError(command: spec.name, message: "--accounts and --tickets go together (or use --data DIR)")
      }
      if arguments.string("--data") != nil {
        throw UsageError(command: spec.name, message: "use either --data DIR or --accounts/--tickets/--surveys, not both")
      }
      inputs = (accounts, tickets, arguments.string("--surveys"))
    } else {
      let folder = arguments.string("--data") ?? dataDirectory.file("sample")
      inputs = try RunConfiguration.inputs(in: folder)
    }
    let out = arguments.string("--out") ?? "out"
    let high = try arguments.number("--high", in: 0...1) ?? 0.5
    let medium = try arguments.number("--medium", in: 0...1) ?? 0.2
    guard medium <= high else {
      throw UsageError(command: spec.name, message: "--medium (\(medium)) must not be above --high (\(high))")
    }
    var configuration = RunConfiguration(
      accountsPath: inputs.accounts, ticketsPath: inputs.tickets, surveysPath: inputs.surveys, outputDirectory: out,
      databasePath: arguments.string("--db"), dataDirectory: dataDirectory,
      churnModelPath: arguments.string("--model-file"),
      ingestOptions: try InputOptions.make(from: arguments),
      maximumBadShare: try arguments.number("--max-bad", in: 0...1) ?? 0.2,
      tiers: RiskTiers(high: high, medium: medium),
      horizons: try arguments.integer("--horizon", in: 1...3650).map { [$0] } ?? [30, 90, 180, 365],
      workerCount: try arguments.integer("--workers", in: 1...256))
    if let asOf = try arguments.date("--as-of") {
      configuration.asOf = Day(Timestamp(secondsSinceEpoch: Int64(asOf.timeIntervalSince1970)))
    } else {
      console.progress(ProgressReport(stage: "find as-of day", fraction: 0, detail: "latest ticket or survey answer"))
      configuration.asOf = try NightlyRun.latestActivityDay(configuration)
      console.progress(ProgressReport(stage: "find as-of day", fraction: 1, detail: configuration.asOf?.description ?? "none; today"))
    }
    let result = try NightlyRun.run(configuration) { console.progress($0) }
    console.endProgress()
    try console.line(
      "run \(result.runID) as of \(result.asOf)\(result.replacedEarlierRun ? " (replaced the earlier run of that day)" : "")")
    for input in result.inputs {
      try console.line(
        "  \(input.kind): \(grouped(input.read)) read, \(grouped(input.accepted)) accepted, \(grouped(input.quarantined)) quarantined  (\(input.file))")
    }
    try console.line(
      "  \(grouped(result.openAccounts)) open accounts scored, \(grouped(result.highRiskAccounts)) high risk, "
        + String(format: "$%.0f", result.arrAtRisk) + " ARR at risk")
    try console.line("  churn model: \(result.churnModel)")
    let total = result.stageSeconds.reduce(0) { $0 + $1.1 }
    try console.line(
      "  time: " + String(format: "%.2f s", total) + " ("
        + result.stageSeconds.map { "\($0.0) " + String(format: "%.2f", $0.1) }.joined(separator: ", ") + ")")
    try console.line("outputs in \(result.outputDirectory)/: report.md, at_risk.md, accounts_risk.csv, … (\(result.files.count) files)")
    try console.line("history in \(result.databasePath); try: aftershock at-risk --db \(result.databasePath)")
    return 0
  }
}
