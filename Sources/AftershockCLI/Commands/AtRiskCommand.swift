import AftershockIngest
import AftershockPipeline
import AftershockReport
import AftershockStore
import Foundation

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
      new on the list, up or down by more than 5 points, or 'same'.

      A list cut by --top says how many accounts match ("25 of 9,574 accounts shown"): in the
      table's heading, and on standard error for csv, md and json.

      --manager ignores case and spacing; a cell naming several managers ("Maria Gonzalez; Tom
      Hargreaves", also / | & and) lists the account for each. A name differing only by accents is
      another manager's: standard error names it. --manager "" lists the accounts with no manager.
      The history keeps open accounts only: a manager whose accounts all renewed or churned has none.

      In csv and json the risk is cut, not rounded, to four decimals, so that a figure pasted into
      --min-risk keeps its account; they end with the account manager and the renewal date.
      """,
    options: [
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "out/aftershock.sqlite"),
      .init(
        name: "--run", valueName: "RUN",
        help: "A run id, or the as-of date (YYYY-MM-DD) of a run (default: the latest as-of)."),
      .init(
        name: "--manager", valueName: "NAME",
        help: "Only this account manager's accounts (case and spacing aside; \"\" for the accounts with none).",
        allowsEmpty: true),
      .init(
        name: "--segment", valueName: "S", help: "Only this segment (as ingest writes it: Mid-Market is mid_market)."),
      .init(name: "--tier", valueName: "TIER", help: "Only this tier: high, medium or low."),
      .init(name: "--min-risk", valueName: "P", help: "Only accounts with churn probability at least P (0-1)."),
      .init(name: "--top", valueName: "N", help: "At most N accounts, the riskiest first.", defaultValue: "25"),
      .init(name: "--format", valueName: "FORMAT", help: "table, csv, md or json.", defaultValue: "table"),
      .init(
        name: "--width", valueName: "COLUMNS",
        help: "Width of the terminal output, at least 40 (narrower than the table: a block of lines per account); "
          + "default: the terminal's width, else $COLUMNS, else 100."),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let run = try Self.run(arguments)
    let query = AtRiskQuery(
      runID: run.id, runAsOf: run.asOf,
      accountManager: arguments.string("--manager"),
      segment: arguments.string("--segment"),
      tier: try arguments.choice("--tier", from: ["high", "medium", "low"], ignoringCase: true),
      minimumProbability: try arguments.number("--min-risk", in: 0...1),
      limit: try arguments.integer("--top", in: 1...1_000_000) ?? 25)
    let format = try arguments.choice("--format", from: ["table", "csv", "md", "json"]) ?? "table"
    let width =
      try arguments.integer("--width", in: 40...1000)
      ?? Self.defaultWidth(
        terminal: console.outputTerminalWidth, columns: ProcessInfo.processInfo.environment["COLUMNS"])
    let listing = try RunHistory.atRisk(database: arguments.string("--db") ?? "out/aftershock.sqlite", query: query)
    // The manager and renewal date are for machines (a team lead's pivot): the terminal's table
    // and the Markdown keep their width.
    let table = AtRiskList.table(listing, assignment: format == "csv" || format == "json")
    let runName = "run \(listing.run.id.map(String.init) ?? "?")"
    // A filter no account matches is most often a typo: say which values the run has, on standard
    // error, so that a CSV or JSON listing stays clean.
    for filter in listing.unmatched {
      console.diagnostic("aftershock at-risk: " + Self.unmatchedNote(filter, run: runName))
    }
    // A name differing only by accents may be the same person written twice in the CRM, or
    // another: not merged, but said, with the command that lists them.
    for other in listing.similarManagers {
      console.diagnostic(
        "aftershock at-risk: note: also \(grouped(other.accountCount)) account\(other.accountCount == 1 ? "" : "s") "
          + "under '\(other.name)', a name that differs only by accents, not listed; ask for it with --manager "
          + ShellWord.quoted(other.name))
    }
    let cut = listing.isCut ? Self.cutNote(listing) : nil
    if let cut, format != "table" { console.diagnostic("aftershock at-risk: " + cut) }
    switch format {
    case "csv": try console.standardOutput.write(table.renderCSV())
    case "md": try console.write(table.renderMarkdown())
    case "json": try console.writeJSON(table.renderJSON())
    default:
      let previous = listing.previousRun.map { "compared with \($0.asOf)" } ?? "no earlier run to compare with"
      let count = cut ?? "\(grouped(listing.entries.count)) account\(listing.entries.count == 1 ? "" : "s")"
      let heading = "\(runName) as of \(listing.run.asOf), \(previous); \(count)"
      for line in DisplayWidth.wrap(heading, to: width) { try console.line(line) }
      if listing.entries.isEmpty {
        try console.line("no account matches these filters")
      } else {
        let numberColumn = TextTable.Column("#", isNumeric: true)
        let whyColumn = table.columns.firstIndex { $0.key == "why" }
        let shown = table.columns.indices.filter { $0 != whyColumn }
        let numbered = TextTable(
          columns: [numberColumn] + shown.map { table.columns[$0] },
          rows: table.rows.enumerated().map { offset, row in [String(offset + 1)] + shown.map { row[$0] } })
        if numbered.fitsTerminal(width: width) {
          // The reasons are what a manager reads aloud: give them full lines under the table,
          // wrapped under their number, the numbers right-aligned to the widest (3 at least).
          try console.write(numbered.renderTerminal(width: width))
          try console.line()
          let numberWidth = max(3, String(table.rows.count).count)
          let indent = String(repeating: " ", count: numberWidth + 2)
          for (index, row) in table.rows.enumerated() {
            let number = String(index + 1)
            let reasons = whyColumn.map { row[$0] } ?? ""
            for (part, text) in DisplayWidth.wrap(TextTable.terminalSafe(reasons), to: width - indent.count)
              .enumerated()
            {
              try console.line(
                (part == 0 ? String(repeating: " ", count: numberWidth - number.count) + number + "  " : indent) + text)
            }
          }
        } else {
          // Too narrow for the numbers and ids, which are never cut: one block per account.
          let withReasons = TextTable(
            columns: [numberColumn] + table.columns,
            rows: table.rows.enumerated().map { offset, row in [String(offset + 1)] + row })
          try console.write(withReasons.renderBlocks(width: width))
        }
      }
    }
    return 0
  }

  /// `--run`: a run id (`7`) or a run's as-of date (`2024-11-15`); neither when not given.
  static func run(_ arguments: ParsedArguments) throws -> (id: Int64?, asOf: String?) {
    guard let text = arguments.string("--run") else { return (nil, nil) }
    if let day = ParsedArguments.parseDay(text) { return (nil, day.description) }
    guard let id = Int64(text), id >= 1 else {
      throw UsageError(
        command: arguments.command,
        message: "the value '\(text)' is invalid for '--run'; expected a run id (a whole number from 1) "
          + "or an as-of date YYYY-MM-DD")
    }
    return (id, nil)
  }

  /// The width when `--width` is not given: the terminal's (`terminal`, from standard output),
  /// else the `COLUMNS` environment variable (`columns`), else 100, so output piped without
  /// `COLUMNS` stays the same; kept within 40 to 1000, as `--width` is.
  static func defaultWidth(terminal: Int?, columns: String?) -> Int {
    guard let detected = terminal ?? columns.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), detected > 0
    else { return 100 }
    return min(max(detected, 40), 1000)
  }

  /// What the listing says of a manager or segment filter that no account of the run matches.
  ///
  /// The history keeps each run's open accounts only: a manager of the accounts file whose
  /// accounts all renewed or churned is not in the run, so a manager not found is not called
  /// unknown, and names are suggested only when one is near (an outside audit read "no account
  /// manager is 'X'; closest: ..." of a manager whose accounts had all renewed).
  static func unmatchedNote(_ filter: UnmatchedFilter, run: String) -> String {
    guard filter.column == "account_manager" else {
      let nearest = filter.nearest()
      return "no segment of \(run) is '\(filter.value)'"
        + (nearest.isEmpty
          ? " (the run has none)"
          : "; closest: " + nearest.map { "'\($0)'" }.joined(separator: ", ")
            + " (of \(filter.known.count) segment\(filter.known.count == 1 ? "" : "s"))")
    }
    if ManagerName.key(filter.value).isEmpty { return "every open account of \(run) has an account manager" }
    var note = "no open account of \(run) is managed by '\(filter.value)'"
    let near = filter.near()
    if !near.isEmpty {
      note +=
        "; closest: " + near.map { "'\($0)'" }.joined(separator: ", ")
        + " (of \(filter.known.count) manager\(filter.known.count == 1 ? "" : "s"))"
    }
    if let other = filter.otherRun, let earlier = other.run {
      let id = earlier.id.map(String.init) ?? "?"
      note +=
        "; run \(id) as of \(earlier.asOf) listed \(grouped(other.accountCount)) open "
        + "account\(other.accountCount == 1 ? "" : "s") of theirs (--run \(id))"
    } else if near.isEmpty {
      note += " (a run keeps its open accounts only: a manager whose accounts all renewed or churned has none)"
    }
    return note
  }

  /// "25 of 9,574 accounts shown; --top N for more": a list cut by `--top`.
  static func cutNote(_ listing: AtRiskListing) -> String {
    "\(grouped(listing.entries.count)) of \(grouped(listing.matchingCount)) accounts shown; "
      + "--top N for more"
  }
}
