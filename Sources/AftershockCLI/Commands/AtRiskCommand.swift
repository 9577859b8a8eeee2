import AftershockPipeline
import AftershockReport
import AftershockStore

/// `aftershock at-risk`: an account manager's accounts, riskiest first, with reasons and changes.
enum AtRiskCommand: Command {
  static let spec = CommandSpec(
    name: "at-risk",
    abstract: "List accounts at risk from the latest run: risk, tier, ARR, renewal, reasons, change since last run.",
    discussion: """
      EXAMPLES:
        aftershock at-risk --manager "Maria Gonzalez" --top 10
        aftershock at-risk --segment enterprise --tier high --format csv > enterprise_high.csv
        aftershock at-risk --min-risk 0.3 --format json

      'Change' compares with the previous run (the one with the latest as-of before this one):
      new on the list, up or down by more than 5 points, or '='.
      """,
    options: [
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "out/aftershock.sqlite"),
      .init(name: "--run", valueName: "ID", help: "A run id (default: the latest as-of)."),
      .init(name: "--manager", valueName: "NAME", help: "Only this account manager's accounts (case-insensitive)."),
      .init(name: "--segment", valueName: "S", help: "Only this segment."),
      .init(name: "--tier", valueName: "TIER", help: "Only this tier: high, medium or low."),
      .init(name: "--min-risk", valueName: "P", help: "Only accounts with churn probability at least P (0-1)."),
      .init(name: "--top", valueName: "N", help: "At most N accounts.", defaultValue: "25"),
      .init(name: "--format", valueName: "FORMAT", help: "table, csv, md or json.", defaultValue: "table"),
      .init(name: "--width", valueName: "COLUMNS", help: "Width of the terminal table.", defaultValue: "100"),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let query = AtRiskQuery(
      runID: try arguments.integer("--run", in: 1...Int.max).map(Int64.init), accountManager: arguments.string("--manager"),
      segment: arguments.string("--segment"), tier: try arguments.choice("--tier", from: ["high", "medium", "low"]),
      minimumProbability: try arguments.number("--min-risk", in: 0...1), limit: try arguments.integer("--top", in: 1...1_000_000) ?? 25)
    let format = try arguments.choice("--format", from: ["table", "csv", "md", "json"]) ?? "table"
    let width = try arguments.integer("--width", in: 40...1000) ?? 100
    let listing = try RunHistory.atRisk(database: arguments.string("--db") ?? "out/aftershock.sqlite", query: query)
    let table = AtRiskList.table(listing)
    switch format {
    case "csv": try console.standardOutput.write(table.renderCSV())
    case "md": try console.write(table.renderMarkdown())
    case "json": try console.writeJSON(table.renderJSON())
    default:
      let previous = listing.previousRun.map { "compared with \($0.asOf)" } ?? "no earlier run to compare with"
      try console.line("run \(listing.run.id.map(String.init) ?? "?") as of \(listing.run.asOf), \(previous); \(listing.entries.count) account\(listing.entries.count == 1 ? "" : "s")")
      if listing.entries.isEmpty {
        try console.line("no account matches these filters")
      } else {
        // The reasons are what a manager reads aloud: give them full lines under the table.
        let shown = table.columns.indices.filter { table.columns[$0].key != "why" }
        let numbered = TextTable(
          columns: [TextTable.Column("#", isNumeric: true)] + shown.map { table.columns[$0] },
          rows: table.rows.enumerated().map { offset, row in [String(offset + 1)] + shown.map { row[$0] } })
        try console.write(numbered.renderTerminal(width: width))
        try console.line()
        for (index, entry) in listing.entries.enumerated() {
          try console.line("\(String(repeating: " ", count: max(0, 3 - String(index + 1).count)))\(index + 1)  "
            + AtRiskList.reasons(entry.score))
        }
      }
    }
    return 0
  }
}
