import AftershockIngest
import AftershockPipeline
import AftershockSynthetic

/// `aftershock generate`: a realistic synthetic sample with known ground truth.
enum GenerateCommand: Command {
  static let spec = CommandSpec(
    name: "generate",
    abstract: "Write a realistic synthetic sample (accounts, tickets, surveys) with known ground truth.",
    discussion: """
      EXAMPLES:
        aftershock generate --accounts 2000 --seed 42 --out Data/sample
        aftershock generate --accounts 1000000 --out /tmp/big

      Writes accounts.csv, tickets.csv, surveys.csv, truth/ (true churn probabilities and
      text reactions), competitors.txt and products.txt (the fictional competitors the texts
      name and the vendor's product, which 'aftershock run --data DIR' reads) into --out,
      streaming: memory does not grow with --accounts. The same seed gives byte-identical files.
      Data/sample/README.md documents the generating model.

      A folder that already holds any of those files (a day's exports, an earlier sample) is
      refused before anything is written, unless --force says to replace them.
      """,
    options: [
      .init(name: "--accounts", valueName: "N", help: "Number of accounts (1 to 100000000)."),
      .init(name: "--seed", valueName: "S", help: "Random seed.", defaultValue: "42"),
      .init(name: "--out", valueName: "DIR", help: "Output folder."),
      .init(name: "--tickets-per-account", valueName: "X", help: "Mean tickets per account.", defaultValue: "2.5"),
      .init(
        name: "--survey-rate", valueName: "P", help: "Share of accounts answering the survey.", defaultValue: "0.4"),
      .init(
        name: "--outage-date", valueName: "DATE", help: "Day of the outage (YYYY-MM-DD).", defaultValue: "2024-07-19"),
      .init(name: "--as-of", valueName: "DATE", help: "Day the labels are observed (default: outage + 120 days)."),
      .init(name: "--force", valueName: nil, help: "Replace accounts.csv, tickets.csv, ... already in --out."),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    guard let accounts = try arguments.integer("--accounts", in: 1...100_000_000) else {
      throw UsageError(command: spec.name, message: "missing expected argument '--accounts <N>'")
    }
    guard let out = arguments.string("--out") else {
      throw UsageError(command: spec.name, message: "missing expected argument '--out <DIR>'")
    }
    let seedText = arguments.string("--seed") ?? "42"
    guard let seed = UInt64(seedText) else {
      throw UsageError(
        command: spec.name, message: "the value '\(seedText)' is invalid for '--seed'; expected a whole number ≥ 0")
    }
    var configuration = SampleConfiguration(
      accountCount: accounts, seed: seed,
      ticketsPerAccount: try arguments.number("--tickets-per-account", in: 0...50) ?? 2.5,
      surveyResponseRate: try arguments.number("--survey-rate", in: 0...1) ?? 0.4)
    if let outage = try arguments.day("--outage-date") {
      configuration.outageDate = SampleDate(daysSinceEpoch: Int(outage.daysSinceEpoch))
      configuration.asOfDate = configuration.outageDate.adding(days: SampleConfiguration.defaultLabelWindowDays)
    }
    if let asOf = try arguments.day("--as-of") {
      configuration.asOfDate = SampleDate(daysSinceEpoch: Int(asOf.daysSinceEpoch))
    }
    // Dates that give a sample `run` would reject, or an as-of before the outage, are a mistake in the call.
    do {
      try configuration.validate()
    } catch {
      throw UsageError(command: spec.name, message: error.description)
    }
    let generator = SampleGenerator(configuration: configuration)
    let summary = try generator.generate(
      into: out, replacingExisting: arguments.isSet("--force"), progressInterval: max(1_000, accounts / 100)
    ) { step in
      console.progress(
        ProgressReport(
          stage: "generate", fraction: Double(step.accountsWritten) / Double(max(1, step.accountCount)),
          detail: "\(step.accountsWritten) accounts, \(step.ticketsWritten) tickets, \(step.surveysWritten) surveys"))
    }
    console.endProgress()
    try console.summary(of: spec.name, outcome: "the sample was written (to \(out))") {
      try console.line(
        "wrote \(grouped(summary.accountCount)) accounts (\(grouped(summary.labelledCount)) labelled, "
          + "\(grouped(summary.churnedCount)) churned), \(grouped(summary.ticketCount)) tickets, "
          + "\(grouped(summary.surveyCount)) survey answers to \(out) (\(grouped(summary.bytesWritten / 1024)) KiB)")
      for file in summary.files { try console.line("  \(file.relativePath)  \(grouped(file.byteCount)) bytes") }
    }
    return 0
  }
}
