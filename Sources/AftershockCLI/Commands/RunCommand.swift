import AftershockIngest
import AftershockModel
import AftershockPipeline
import AftershockReport
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
        aftershock run --accounts a.csv --tickets t.csv --map tickets.account_id=Company --map body=Description

      --map FIELD=COLUMN applies to each input whose kind has FIELD and whose header has COLUMN (an
      error when it applies to none); --map KIND.FIELD=COLUMN (KIND: accounts, tickets, surveys)
      applies to that kind's input only, which must have COLUMN (a JSON Lines input, in some
      record: one without it fails the run once read, before any output is published).

      Writes into --out: scored_tickets.csv, scored_surveys.csv, accounts_risk.csv, account_features.csv,
      at_risk.md, report.md, summary_*.csv, forecast.csv, charts/*.svg, quarantine.csv, manifest.json;
      and the run into the SQLite history (--db). Outputs are staged and moved into place only when the
      run succeeds; re-running the same --as-of replaces that run. Without --as-of, the run scores at the
      day of the latest ticket, survey answer or churn date in the inputs that is not in the future
      (up to tomorrow in UTC, for time zones), so a date typed as 2099 cannot move the run. A record
      dated after the as-of day is not the run's: a ticket or survey answer is quarantined as
      after_as_of (not scored, and not counted toward --max-bad); an account that churned later, or
      whose renewal date is after the as-of day (whatever was decided then), was still open on the
      as-of day and is scored as open (a churn date past tomorrow is quarantined).
      An input given as '-' is read from standard input (one input at most).

      SHARDED RUNS: with --partial, the run reads one shard of the tickets and survey answers (and the
      whole accounts file) and writes into --out only scored_tickets.csv, scored_surveys.csv,
      quarantine.csv and partial.json, its mergeable state; 'aftershock merge' combines the shards and
      scores risk once, equal to one run over all the data. Every shard needs the same --as-of and the
      same accounts file; each ticket and survey answer goes to exactly one shard:
        aftershock run --partial --as-of 2024-11-13 --accounts a.csv --tickets t-1.csv --out shard-1
        aftershock run --partial --as-of 2024-11-13 --accounts a.csv --tickets t-2.csv --out shard-2
        aftershock merge shard-1 shard-2 --out out
      """,
    options: [
      .init(
        name: "--data", valueName: "DIR", help: "Folder with accounts, tickets and surveys (.csv/.tsv/.jsonl).",
        defaultValue: "Data/sample"),
      .init(name: "--accounts", valueName: "FILE", help: "Accounts input (instead of --data)."),
      .init(name: "--tickets", valueName: "FILE", help: "Tickets input (instead of --data)."),
      .init(name: "--surveys", valueName: "FILE", help: "Survey answers input (optional)."),
      .init(name: "--out", valueName: "DIR", help: "Output folder.", defaultValue: "out"),
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "<out>/aftershock.sqlite"),
      .init(name: "--as-of", valueName: "DATE", help: "Day to score at (YYYY-MM-DD)."),
      .init(
        name: "--model-file", valueName: "FILE",
        help:
          "Churn model (default: fitted on this run's labelled accounts when at least 50, 10 of each outcome; else Data/models/churn.json, trained on the bundled sample)."
      ),
      .init(
        name: "--data-dir", valueName: "DIR", help: "Aftershock's Data/ folder (lexicons, models).",
        defaultValue: "found automatically"),
      .init(
        name: "--competitors", valueName: "FILE",
        help: "Your competitors' names, one a line (repeatable), read beside Data/lexicons/competitors.txt: "
          + "a move to one of them is churn intent. With --data DIR, DIR/competitors.txt is read too.",
        isRepeatable: true),
      .init(
        name: "--products", valueName: "FILE",
        help: "Your own product names, one a line (repeatable): the service when customers cancel or leave "
          + "it ('we will cancel aegis'), never a competitor. With --data DIR, DIR/products.txt is read too.",
        isRepeatable: true),
      .init(
        name: "--max-bad", valueName: "SHARE", help: "Fail when more than this share of an input is quarantined.",
        defaultValue: "0.2"),
    ] + RiskOptions.specs + [
      .init(name: "--workers", valueName: "N", help: "Threads scoring texts (default: every core)."),
      .init(
        name: "--partial", valueName: nil,
        help:
          "Score this shard's texts and write its state (partial.json) for 'aftershock merge' instead of finishing the run; needs --as-of."
      ),
    ] + InputOptions.specs)

  /// Options of the finishing step, which a shard leaves to `merge`.
  static let finishingOptions = ["--db", "--model-file", "--high", "--medium", "--horizon"]

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let dataDirectory = try DataDirectory.locate(explicit: arguments.string("--data-dir"))
    let inputs: (accounts: String, tickets: String, surveys: String?)
    var dataFolder: String? = nil
    let named = ["--accounts", "--tickets", "--surveys"].filter { arguments.string($0) != nil }
    if arguments.string("--data") != nil, let first = named.first {
      throw UsageError(
        command: spec.name,
        message: "--data and \(first) conflict: use either --data DIR or --accounts/--tickets/--surveys, not both")
    }
    if arguments.string("--accounts") != nil || arguments.string("--tickets") != nil {
      guard let accounts = arguments.string("--accounts"), let tickets = arguments.string("--tickets") else {
        throw UsageError(command: spec.name, message: "--accounts and --tickets go together (or use --data DIR)")
      }
      inputs = (accounts, tickets, arguments.string("--surveys"))
      if [inputs.accounts, inputs.tickets, inputs.surveys].filter({ $0 == "-" }).count > 1 {
        throw UsageError(command: spec.name, message: "only one input can be read from standard input ('-')")
      }
    } else {
      if arguments.string("--surveys") != nil {
        throw UsageError(command: spec.name, message: "--surveys needs --accounts and --tickets (or use --data DIR)")
      }
      let folder = arguments.string("--data") ?? dataDirectory.file("sample")
      inputs = try RunConfiguration.inputs(in: folder)
      dataFolder = folder
    }
    let competitorFiles = try RunConfiguration.competitorFiles(
      named: arguments.strings("--competitors"), dataFolder: dataFolder)
    let productFiles = try RunConfiguration.productFiles(named: arguments.strings("--products"), dataFolder: dataFolder)
    let out = arguments.string("--out") ?? "out"
    let tiers = try RiskOptions.tiers(from: arguments, command: spec.name)
    var configuration = RunConfiguration(
      accountsPath: inputs.accounts, ticketsPath: inputs.tickets, surveysPath: inputs.surveys, outputDirectory: out,
      databasePath: arguments.string("--db"), dataDirectory: dataDirectory,
      churnModelPath: arguments.string("--model-file"),
      ingestOptions: try InputOptions.make(from: arguments),
      maximumBadShare: try arguments.number("--max-bad", in: 0...1) ?? 0.2,
      tiers: tiers, horizons: try RiskOptions.horizons(from: arguments),
      workerCount: try arguments.integer("--workers", in: 1...256), competitorFiles: competitorFiles,
      productFiles: productFiles)
    // A --map that fits no input is refused before anything is read; one that fits several is said.
    if configuration.ingestOptions.hasMappings {
      var kinds: [(path: String, kind: RecordKind)] = [(inputs.accounts, .accounts), (inputs.tickets, .tickets)]
      if let surveys = inputs.surveys { kinds.append((surveys, .surveys)) }
      for use in try Ingest.checkMappings(kinds, options: configuration.ingestOptions) where use.inputs.count > 1 {
        console.diagnostic(
          "aftershock run: note: --map \(use.mapping) applies to \(use.inputs.joined(separator: " and ")); "
            + "write it KIND.\(use.mapping) (KIND: accounts, tickets or surveys) to read it in one input only")
      }
    }
    // A wrong --out or --db is refused before the pass over the inputs that finds the as-of day.
    try OutputFolder.check(out)
    if !arguments.isSet("--partial") {
      try NightlyRun.checkHistory(configuration.databasePath, outputDirectory: configuration.outputDirectory)
    }
    if let asOf = try arguments.day("--as-of") {
      configuration.asOf = asOf
    } else if arguments.isSet("--partial") {
      throw UsageError(
        command: spec.name,
        message: "--partial needs --as-of DATE: every shard must score at the same day "
          + "(without it each would take the latest day in its own inputs)")
    } else {
      console.progress(
        ProgressReport(stage: "find as-of day", fraction: 0, detail: "latest ticket, survey answer or churn date"))
      configuration.asOf = try NightlyRun.latestActivityDay(configuration)
      console.progress(
        ProgressReport(stage: "find as-of day", fraction: 1, detail: configuration.asOf?.description ?? "none; today"))
    }
    if arguments.isSet("--partial") {
      if let option = finishingOptions.first(where: { arguments.values[$0] != nil }) {
        throw UsageError(
          command: spec.name,
          message: "\(option) belongs to the finishing step: give it to 'aftershock merge', not to a --partial run")
      }
      let result = try NightlyRun.runPartial(configuration) { console.progress($0) }
      console.endProgress()
      try console.summary(of: spec.name, outcome: "the partial run succeeded (state in \(result.partialPath))") {
        try console.line("partial run as of \(result.asOf): state in \(result.partialPath)")
        try printInputs(result.inputs, console: console)
        try printNameLists(competitorFiles, productFiles, console: console)
        try printTimes(result.stageSeconds, console: console)
        try console.line("outputs in \(result.outputDirectory)/: \(result.files.joined(separator: ", "))")
        try console.line(
          "combine the shards with: aftershock merge \(ShellWord.quoted(result.outputDirectory)) [other shards...] --out DIR"
        )
      }
      return 0
    }
    let result = try NightlyRun.run(configuration) { console.progress($0) }
    console.endProgress()
    try console.summary(of: spec.name, outcome: "the run succeeded (outputs in \(result.outputDirectory))") {
      try printResult(result, console: console, competitorFiles: competitorFiles, productFiles: productFiles)
    }
    return 0
  }

  /// The competitor lists read beside the shipped one and the product lists, if any.
  static func printNameLists(_ competitorFiles: [String], _ productFiles: [String], console: Console) throws {
    if !competitorFiles.isEmpty {
      try console.line("  competitors also from: \(competitorFiles.joined(separator: ", "))")
    }
    if !productFiles.isEmpty { try console.line("  your products from: \(productFiles.joined(separator: ", "))") }
  }

  /// The summary of a finished run (or merge) on standard output.
  static func printResult(
    _ result: RunResult, console: Console, competitorFiles: [String] = [], productFiles: [String] = []
  ) throws {
    try console.line(
      "run \(result.runID) as of \(result.asOf)\(result.replacedEarlierRun ? " (replaced the earlier run of that day)" : "")"
    )
    try printInputs(result.inputs, console: console)
    try printNameLists(competitorFiles, productFiles, console: console)
    try console.line(
      "  \(grouped(result.openAccounts)) open account\(result.openAccounts == 1 ? "" : "s") scored, \(grouped(result.highRiskAccounts)) high risk, "
        + "$\(FixedFormat.grouped(result.arrAtRisk)) ARR at risk")
    if result.renewedAccounts > 0 {
      try console.line(
        "  \(grouped(result.renewedAccounts)) renewed by the as-of day: customers still, on neither the at-risk list "
          + "nor the forecast; \(grouped(result.renewedHighRisk)) of them renewed though the model reads them high risk "
          + "(accounts_risk.csv, status renewed)")
    }
    try console.line("  churn model: \(result.churnModel)")
    for warning in result.warnings { try console.line("  note: \(warning)") }
    try printTimes(result.stageSeconds, console: console)
    try console.line(
      "outputs in \(result.outputDirectory)/: report.md, at_risk.md, accounts_risk.csv, … (\(result.files.count) files)"
    )
    // A back-dated run is not the history's latest, which `at-risk` lists by default: the hint
    // names the run just made.
    let back = result.isBackDated ? " (its latest as-of is \(result.latestAsOf ?? "later"), after this run's)" : ""
    try console.line(
      "history in \(result.databasePath)\(back); try: aftershock at-risk --db \(ShellWord.quoted(result.databasePath))"
        + (result.isBackDated ? " --run \(result.runID)" : ""))
  }

  /// One line per input: read = accepted + quarantined, and the rows skipped as no records.
  static func printInputs(_ inputs: [RunSummary.InputCounts], console: Console) throws {
    for input in inputs {
      let skipped = InputSummary.describeSkipped(input.rowsSkipped ?? [:])
      try console.line(
        "  \(input.kind): \(grouped(input.read)) read, \(grouped(input.accepted)) accepted, \(grouped(input.quarantined)) quarantined"
          + (skipped.isEmpty ? "" : ", " + skipped) + "  (\(input.file))")
    }
  }

  /// The stages' times on one line.
  static func printTimes(_ stageSeconds: [(String, Double)], console: Console) throws {
    let total = stageSeconds.reduce(0) { $0 + $1.1 }
    try console.line(
      "  time: " + String(format: "%.2f s", total) + " ("
        + stageSeconds.map { "\($0.0) " + String(format: "%.2f", $0.1) }.joined(separator: ", ") + ")")
  }
}
