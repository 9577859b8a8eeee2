import AftershockIngest
import AftershockPipeline
import AftershockReport

/// `aftershock validate FILE...`: detects each input's kind and format, counts, and explains what it quarantines.
enum ValidateCommand: Command {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check inputs: detect their kind and format, count records, explain what would be quarantined.",
    discussion: """
      EXAMPLES:
        aftershock validate Data/sample
        aftershock validate exports/zendesk.csv --map account_id="Requester organization"
        aftershock validate a.csv zendesk.csv --map tickets.account_id="Requester organization"
        aftershock validate "Customer Feedback Q4.csv" --kind surveys
        cat tickets.jsonl | aftershock validate - --format jsonl

      A folder stands for the accounts/tickets/surveys files in it (.csv, .tsv, .jsonl or .ndjson),
      as for 'aftershock run --data': two files for one kind, or a name there that is not a file
      (a dangling link, a folder), is an error. Names are lower case (Accounts.csv is not
      read); a folder without the accounts or tickets 'run --data' needs is said so, naming such
      a file. Accounts are read first, so tickets and surveys of unknown accounts are reported. Exit 1 when an input cannot be read
      or its quarantined share passes --max-bad.

      An input's kind comes from --kind; else from its name (a folder's tickets.csv, or a word:
      ticket; survey, nps, csat, response; account, customer) unless its header fits another
      kind completely and that kind better; else from --map (fields only one kind has, or a
      KIND.FIELD=COLUMN whose columns one input still open holds); else from its header. Each
      line says which decided.
      With one file, every --map must match it; with several, a --map FIELD=COLUMN applies to
      each input whose kind has FIELD and whose header has COLUMN, and must apply to one. In JSON
      Lines a key may first appear on any line: a mapped key that no record has is an error once
      the input is read, naming the keys it has (nested members are not read: source.body is one
      key, not the body inside source).
      """,
    positionalName: "FILE...",
    positionalHelp: "Input files or folders ('-' for standard input).",
    positionalCount: 1...Int.max,
    options: InputOptions.specs + [
      .init(
        name: "--kind", valueName: "KIND",
        help: "Read every input as accounts, tickets or surveys (default: by name, --map, then columns)."),
      .init(name: "--examples", valueName: "N", help: "Examples shown per quarantine reason.", defaultValue: "3"),
      .init(
        name: "--max-bad", valueName: "SHARE", help: "Fail when more than this share of an input is quarantined.",
        defaultValue: "1"),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let options = try InputOptions.make(from: arguments)
    let examples = try arguments.integer("--examples", in: 0...1000) ?? 3
    let maxBad = try arguments.number("--max-bad", in: 0...1) ?? 1
    let kind = try arguments.choice("--kind", from: RecordKind.allCases.map(\.rawValue)).flatMap(
      RecordKind.init(rawValue:))
    // Standard input can be read once: a second '-' would start where the first stopped.
    if arguments.positionals.filter({ $0 == "-" }).count > 1 {
      throw UsageError(command: spec.name, message: "only one input can be read from standard input ('-')")
    }
    let reports = try Ingest.validate(arguments.positionals, options: options, kind: kind, examplesPerReason: examples)
    var failed = false
    for report in reports {
      let summary = report.summary
      try console.line(
        "\(summary.file): \(summary.kind.rawValue) (\(summary.format.rawValue)"
          + (report.kindRule.map { "; kind by \($0.rawValue)" } ?? "") + "), "
          + "\(grouped(summary.read)) read, \(grouped(summary.accepted)) accepted, \(grouped(summary.quarantined)) quarantined"
          + (summary.read > 0 ? String(format: " (%.2f%%)", summary.quarantinedShare * 100) : ""))
      if summary.headerRowsSkipped > 0 {
        try console.line("  skipped \(summary.headerRowsSkipped) extra header row(s) (Qualtrics export)")
      }
      if summary.repeatedHeaderRowsSkipped > 0 {
        try console.line(
          "  skipped \(summary.repeatedHeaderRowsSkipped) row(s) repeating the header (exports joined one after another)"
        )
      }
      if summary.footerRowsSkipped > 0 {
        try console.line(
          "  skipped \(summary.footerRowsSkipped) footer line(s) after the data (report export, e.g. Salesforce)")
      }
      if summary.emptyRowsSkipped > 0 {
        try console.line("  skipped \(summary.emptyRowsSkipped) empty row(s) (blank, or delimiters only)")
      }
      for (field, count) in summary.nestedValuesLeftEmpty.sorted(by: { $0.key < $1.key }) {
        try console.line("  \(field): left empty in \(grouped(count)) record(s) whose value is a JSON object or array")
      }
      let renamed = summary.columns.filter { $0.field.lowercased() != $0.column.lowercased() }
      if !renamed.isEmpty {
        try console.line("  columns: " + renamed.map { "\($0.field) <- \"\($0.column)\"" }.joined(separator: ", "))
      }
      if !summary.fieldsNotFound.isEmpty {
        try console.line("  not found: " + summary.fieldsNotFound.joined(separator: ", "))
      }
      if summary.kind == .accounts, summary.read > 0, summary.fieldsNotFound.contains("arr") {
        try console.line("  warning: " + NightlyRun.missingARRWarning(file: summary.file))
      }
      if summary.kind == .accounts, summary.read > 0, summary.fieldsNotFound.contains("churned") {
        try console.line("  warning: " + NightlyRun.missingChurnedWarning(file: summary.file))
      }
      if let conflict = summary.decimalMarkConflict {
        try console.line(
          "  warning: "
            + InputSummary.decimalMarkWarning(
              file: summary.file, readWithGrouping: conflict.readWithGrouping, refused: conflict.refused))
      }
      if let dates = summary.dateOrderEvidence {
        try console.line("  warning: " + dates.warning(file: summary.file))
      }
      for (reason, count) in summary.quarantinedByReason.sorted(by: {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }) {
        try console.line("  \(reason.rawValue): \(grouped(count))")
        for entry in report.examples[reason] ?? [] {
          var text = "    line \(entry.line)"
          if let id = entry.recordID { text += " (\(InvisibleCharacters.escaped(id)))" }
          text += ": \(entry.detail)"
          try console.line(text)
        }
        if reason == .invalidUTF8 {
          try console.line("    (" + InputSummary.windows1252Hint(file: summary.file) + ")")
        }
      }
      if summary.quarantinedShare > maxBad {
        failed = true
        console.diagnostic(
          "aftershock validate: error: \(summary.file): "
            + String(
              format: "%.2f%% quarantined, more than --max-bad %.2f%%", summary.quarantinedShare * 100, maxBad * 100))
      }
    }
    // A folder is validated for what it holds; one that lacks an input a run needs says so, and
    // names a file that is that input's name but for case (never read, as run never reads it).
    let accountsRead = reports.contains { $0.summary.kind == .accounts }
    for folder in try InputFolder.folders(among: arguments.positionals) {
      for kind in folder.kindsARunMisses {
        let names = InputFolder.inputNames(of: kind)
        var note =
          "\(folder.directory): no \(kind.rawValue) file (expected \(names.dropLast().joined(separator: ", ")) or "
          + "\(names.last ?? "")), which 'aftershock run --data \(ShellWord.quoted(folder.directory))' needs"
        if let misnamed = folder.misnamed[kind] { note += "; " + InputFolder.misnamedNote(misnamed) }
        if kind == .accounts && !accountsRead {
          note += "; tickets and survey answers were not checked for unknown accounts"
        }
        try console.line(note)
      }
    }
    let read = reports.reduce(0) { $0 + $1.summary.read }
    let quarantined = reports.reduce(0) { $0 + $1.summary.quarantined }
    try console.line("\(reports.count) input(s): \(grouped(read)) records read, \(grouped(quarantined)) quarantined")
    return failed ? 1 : 0
  }
}

/// An integer with thousands separators (`12,345`), for people.
func grouped(_ value: Int) -> String {
  FixedFormat.grouped(Double(value))
}
