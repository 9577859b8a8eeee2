import AftershockModel
import AftershockPipeline

/// `aftershock merge PARTIAL... --out DIR`: the reduce step of a sharded run.
enum MergeCommand: Command {
  static let spec = CommandSpec(
    name: "merge",
    abstract:
      "Combine the partial states of sharded runs (run --partial) into one run: risk, forecast, history, reports.",
    discussion: """
      EXAMPLES:
        aftershock run --partial --as-of 2024-11-13 --accounts a.csv --tickets t-1.csv --out shard-1
        aftershock run --partial --as-of 2024-11-13 --accounts a.csv --tickets t-2.csv --surveys s.csv --out shard-2
        aftershock merge shard-1 shard-2 --out out

      Each PARTIAL is a shard's output folder (or the partial.json in it); the folder's scored_tickets.csv,
      scored_surveys.csv and quarantine.csv are concatenated into --out. The order of the partials does not
      matter. Then, as 'aftershock run' does: churn risk, forecast, offer comparison, the run in the SQLite
      history (--db; the same as-of replaces that run) and every report, written atomically. The outputs
      equal those of one run over all the shards' inputs.

      Refused (exit 1, nothing written): partials of another accounts table, as-of day, aftershock version
      or lexicons; two partials that read the same tickets or surveys file; a shard folder whose files are
      missing or changed (checked by sha256, so a same-size edit is caught); a partial.json written before
      partials recorded those checksums; a damaged partial.json (the field is named); a --model-file that
      is not a churn model.
      Refused (exit 2): an --out that is, is inside or holds one of the partials' folders.
      """,
    positionalName: "PARTIAL...",
    positionalHelp: "Shard output folders written by 'aftershock run --partial' (or their partial.json).",
    positionalCount: 1...Int.max,
    options: [
      .init(name: "--out", valueName: "DIR", help: "Output folder (required)."),
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "<out>/aftershock.sqlite"),
      .init(name: "--model-file", valueName: "FILE", help: "Churn model (default: as in 'aftershock run')."),
      .init(
        name: "--data-dir", valueName: "DIR", help: "Aftershock's Data/ folder (the shipped churn model).",
        defaultValue: "found automatically"),
    ] + RiskOptions.specs)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    guard let out = arguments.string("--out") else {
      throw UsageError(command: spec.name, message: "missing expected option '--out <DIR>'")
    }
    let tiers = try RiskOptions.tiers(from: arguments, command: spec.name)
    let configuration = MergeConfiguration(
      partialPaths: arguments.positionals, outputDirectory: out, databasePath: arguments.string("--db"),
      dataDirectory: try DataDirectory.locate(explicit: arguments.string("--data-dir")),
      churnModelPath: arguments.string("--model-file"), tiers: tiers,
      horizons: try RiskOptions.horizons(from: arguments))
    if let partial = configuration.partialOverlappingOutput() {
      throw UsageError(
        command: spec.name,
        message: "--out \(out) overlaps the partial \(partial): merge would write over the shard; choose another folder"
      )
    }
    try OutputFolder.check(out)
    let result = try NightlyRun.merge(configuration) { console.progress($0) }
    console.endProgress()
    try console.summary(of: spec.name, outcome: "the merge succeeded (outputs in \(result.outputDirectory))") {
      try console.line("merged \(arguments.positionals.count) partials")
      try RunCommand.printResult(result, console: console)
    }
    return 0
  }
}
