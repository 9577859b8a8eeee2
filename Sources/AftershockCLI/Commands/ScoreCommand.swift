import AftershockIngest
import AftershockPipeline
import AftershockReport
import AftershockText
import Foundation

/// `aftershock score`: a streaming record filter that appends sentiment, aspect and churn-intent columns.
enum ScoreCommand: Command {
  static let spec = CommandSpec(
    name: "score",
    abstract: "Score tickets or survey answers as a stream: records in, the same records with scores out.",
    discussion: """
      EXAMPLES:
        aftershock score tickets.csv > scored_tickets.csv
        cat surveys.jsonl | aftershock score - --format jsonl | head
        aftershock score tickets.csv --output-format jsonl --model-file Data/models/sentiment.json
        aftershock score --text "The outage cost us a day. A \\$10 voucher? We are moving to SentinelOne."
        hadoop jar hadoop-streaming.jar -mapper 'aftershock score - --format jsonl' -input tickets/ -output scored/

      Every input field is written back, followed by: sentiment_compound (-1..1), sentiment_pos,
      sentiment_neu, sentiment_neg, sentiment_label (positive ≥ 0.05, negative ≤ -0.05, else
      neutral), aspect_outage, aspect_offer, aspect_support, aspect_communication,
      aspect_reliability, aspect_price, aspect_competitor (compound of the clauses that mention
      the aspect; blank when not mentioned), aspects (the mentioned ones, ';'-joined),
      churn_intent (true/false), churn_intent_evidence (the phrase), competitor_mentioned; with a
      trained model also sentiment_model_label and sentiment_model_probability.
      The text is read from --text-column, else the first of body, comment, text, description,
      message, content, ... found. A JSON Lines input none of whose records has that key is
      refused once read (exit 1), naming the keys seen: when it fit in one --batch nothing was
      written, else the records written before its end are said to be unscored. CSV output goes through the spreadsheet-formula guard
      (a cell such as '=HYPERLINK(...)' is written as ''=HYPERLINK(...)').

      Streaming: memory holds one batch of records whatever the input size; with --jobs N > 1,
      batches are analysed on N threads while the next is read and the last written, in input
      order (on a busy 2-core machine this measured no faster than one thread, hence the default). Only the CSV header line carries state, so the
      command is a pure map step (Hadoop Streaming, Spark RDD.pipe); use JSON Lines when input
      splits have no header. Standard input is read as a file would be (--format, else its first
      bytes); a file whose bytes are the other format is refused with the --format to give, and a
      JSON array with the jq line that makes it JSON Lines. A Qualtrics export's question-text and
      ImportId rows under the header are skipped (as validate and run skip them) and counted. A CSV file
      whose first line has ';' and no comma is read as ';'-separated, as validate and run read it.
      Records the reader rejects (ragged rows, bad JSON, invalid UTF-8, oversized), and JSON Lines
      records whose text is an object or array (nested_value) or true/false (not_text), as validate
      reports them, are not written: each gets one line on stderr and the total is printed at the end, with records/s and MB/s.
      Exit 1 when the quarantined share passes --max-bad.
      """,
    positionalName: "FILE",
    positionalHelp: "Tickets or survey answers: CSV, TSV or JSON Lines ('-' or nothing: standard input).",
    positionalCount: 0...1,
    options: [
      .init(
        name: "--format", valueName: "FORMAT", help: "Input: csv, tsv or jsonl (default: by extension, then content)."),
      .init(name: "--output-format", valueName: "FORMAT", help: "Output: csv or jsonl.", defaultValue: "the input's"),
      .init(name: "--text-column", valueName: "COLUMN", help: "The column (or JSON key) holding the text."),
      .init(name: "--text", valueName: "TEXT", help: "Score one text and print a readable breakdown instead."),
      .init(
        name: "--model-file", valueName: "FILE", help: "A trained sentiment model (adds sentiment_model_* columns)."),
      .init(
        name: "--data-dir", valueName: "DIR", help: "Aftershock's Data/ folder (lexicons).",
        defaultValue: "found automatically"),
      .init(
        name: "--competitors", valueName: "FILE",
        help: "Your competitors' names, one a line (repeatable), read beside Data/lexicons/competitors.txt.",
        isRepeatable: true),
      .init(
        name: "--products", valueName: "FILE",
        help: "Your own product names, one a line (repeatable): the service, never a competitor.", isRepeatable: true),
      .init(
        name: "--jobs", valueName: "N",
        help: "Threads analysing texts; above 1, reading and writing overlap the analysis.", defaultValue: "1"),
      .init(name: "--batch", valueName: "N", help: "Records per batch.", defaultValue: "4096"),
      .init(
        name: "--max-bad", valueName: "SHARE", help: "Fail when more than this share of records is quarantined.",
        defaultValue: "1"),
      .init(name: "--quiet", valueName: nil, help: "No summary line on stderr (quarantine lines are still printed)."),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let inputFormat = try arguments.choice("--format", from: ["csv", "tsv", "jsonl"]).flatMap(
      InputFormat.init(rawValue:))
    let outputFormat = try arguments.choice("--output-format", from: ["csv", "jsonl"])
      .flatMap(ScorePipeline.OutputFormat.init(rawValue:))
    let jobs = try arguments.integer("--jobs", in: 1...1024)
    let batch = try arguments.integer("--batch", in: 1...1_000_000) ?? 4096
    let maxBad = try arguments.number("--max-bad", in: 0...1) ?? 1
    if arguments.string("--text") != nil && !arguments.positionals.isEmpty {
      throw UsageError(command: arguments.command, message: "give either FILE or --text, not both")
    }
    let directory = try DataDirectory.locate(explicit: arguments.string("--data-dir"))
    let lexicon = try TextLexicon(
      dataDirectory: directory.path,
      competitorFiles: RunConfiguration.competitorFiles(named: arguments.strings("--competitors"), dataFolder: nil),
      productFiles: RunConfiguration.productFiles(named: arguments.strings("--products"), dataFolder: nil))
    let model = try arguments.string("--model-file").map { try SentimentPipeline.loadModel(path: $0) }

    if let text = arguments.string("--text") {
      try printExplanation(ScorePipeline.explain(text, lexicon: lexicon, model: model), console: console)
      return 0
    }

    let path = arguments.positionals.first ?? "-"
    var options = ScorePipeline.Options(
      inputFormat: inputFormat, outputFormat: outputFormat, textColumn: arguments.string("--text-column"),
      batchSize: batch)
    if let jobs { options.workers = jobs }
    var invalidUTF8 = 0
    let summary = try ScorePipeline.run(
      path: path, options: options, lexicon: lexicon, model: model, sink: console.standardOutput,
      onQuarantine: { entry in
        if entry.reason == .invalidUTF8 { invalidUTF8 += 1 }
        console.diagnostic(
          "aftershock score: quarantined \(entry.file):\(entry.line)"
            + (entry.recordID.map { " (\(InvisibleCharacters.escaped($0)))" } ?? "")
            + ": \(entry.reason.rawValue): \(entry.detail)")
      },
      onKeyNotInHeader: { key in
        console.diagnostic(
          "aftershock score: warning: key '\(key)' is not in the first record, so not in the CSV header; "
            + "its values are not written (use --output-format jsonl to keep every key)")
      })
    let share = summary.recordsRead == 0 ? 0 : Double(summary.quarantined) / Double(summary.recordsRead)
    if !arguments.isSet("--quiet") || summary.quarantined > 0 {
      let seconds = max(summary.seconds, 1e-9)
      var line = "aftershock score: \(grouped(summary.recordsWritten)) record(s) scored"
      line += ", \(grouped(summary.quarantined)) quarantined of \(grouped(summary.recordsRead)) read"
      if summary.withoutText > 0 { line += ", \(grouped(summary.withoutText)) without text" }
      if summary.headerRowsSkipped > 0 {
        line += ", skipped \(summary.headerRowsSkipped) extra header row(s) (Qualtrics export)"
      }
      if summary.repeatedHeaderRowsSkipped > 0 {
        line +=
          ", skipped \(summary.repeatedHeaderRowsSkipped) row(s) repeating the header"
          + " (exports joined one after another)"
      }
      if summary.emptyRowsSkipped > 0 { line += ", skipped \(grouped(summary.emptyRowsSkipped)) empty row(s)" }
      if summary.footerRowsSkipped > 0 { line += ", skipped \(summary.footerRowsSkipped) footer line(s)" }
      if !summary.keptColumns.isEmpty {
        let names = summary.keptColumns.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        line +=
          ", kept the input's \(names)\(summary.keptColumns.count > 3 ? "..." : "") as <name>_input"
          + " (the input is no earlier output of score: it lacks some score columns)"
      }
      if !summary.renamedKeys.isEmpty {
        let shown = summary.renamedKeys.prefix(3).joined(separator: ", ")
        line += ", wrote column(s) \(shown)\(summary.renamedKeys.count > 3 ? "..." : "") (JSON keys are unique)"
      }
      if !summary.replacedColumns.isEmpty {
        line += ", replaced the \(summary.replacedColumns.count) score column(s) the input already had"
      }
      if !summary.textColumn.isEmpty {
        line += " (text column '\(summary.textColumn)')"
      } else if summary.textKeysWanted.count == 1 {
        line += " (no record had a value under the text key '\(summary.textKeysWanted[0])')"
      } else if !summary.textKeysWanted.isEmpty {
        let keys = summary.textKeysWanted.prefix(4).joined(separator: ", ")
        line += " (no record had a value under a text key: \(keys), ...)"
      }
      line += String(
        format: " in %.2f s: %.0f records/s, %.1f MB/s", summary.seconds, Double(summary.recordsRead) / seconds,
        Double(summary.bytesRead) / 1e6 / seconds)
      console.diagnostic(line)
    }
    // Invalid UTF-8 in records: the likely cause and the command that converts it, once, as
    // validate and run give it.
    if invalidUTF8 > 0 {
      console.diagnostic("aftershock score: \(InputSummary.windows1252Hint(file: path == "-" ? "FILE" : path))")
    }
    // Every record quarantined: nothing was scored, whatever --max-bad allows (a pipeline reading
    // the output would load an empty table and carry on).
    if summary.recordsWritten == 0 && summary.quarantined > 0 {
      console.diagnostic(
        "aftershock score: error: no record was scored: all \(grouped(summary.quarantined)) were quarantined "
          + "(the reasons are above)")
      return 1
    }
    if share > maxBad {
      console.diagnostic(
        "aftershock score: error: "
          + String(format: "%.2f%% of records quarantined, more than --max-bad %.2f%%", share * 100, maxBad * 100))
      return 1
    }
    return 0
  }

  static func printExplanation(_ explanation: ScorePipeline.Explanation, console: Console) throws {
    let a = explanation.analysis
    let s = a.sentiment
    try console.line(
      "sentiment: \(s.label.rawValue), compound \(signed(s.compound))  "
        + "(pos \(fourDecimals(s.positive)), neu \(fourDecimals(s.neutral)), neg \(fourDecimals(s.negative)); "
        + "positive ≥ 0.05, negative ≤ -0.05)")
    if let model = explanation.modelLabel {
      try console.line("model: \(model.label) (probability \(fourDecimals(model.probability)))")
    }
    try console.line("")
    try console.line("sentences:")
    for (index, sentence) in explanation.sentences.enumerated() {
      try console.line("  \(index + 1). \(signed(sentence.compound))  \(oneLine(sentence.text))")
    }
    if explanation.sentences.isEmpty { try console.line("  (none)") }
    try console.line("")
    try console.line("aspects:")
    for aspect in explanation.aspects {
      let noun = aspect.mentions == 1 ? "clause" : "clauses"
      try console.line(
        "  \(aspect.name.padding(toLength: 14, withPad: " ", startingAt: 0))\(signed(aspect.compound))  "
          + "(\(aspect.mentions) \(noun))")
    }
    if explanation.aspects.isEmpty { try console.line("  (none mentioned)") }
    try console.line("")
    if a.churnIntent {
      try console.line(
        "churn intent: yes, \"\(oneLine(explanation.intentEvidence ?? ""))\""
          + (a.churnIntentCount > 1 ? " (\(a.churnIntentCount) statements)" : ""))
    } else {
      try console.line("churn intent: no")
    }
    try console.line("competitor mentioned: " + (explanation.competitor.map { "yes, \"\(oneLine($0))\"" } ?? "no"))
    if a.mentionsMoney { try console.line("mentions money: yes") }
    if a.readsAsAnotherLanguage {
      try console.line(
        "note: this reads as written in another language than English (\(a.knownLowerCaseWords) of its first "
          + "\(a.lowerCaseWords) lower-case words known to the lexicons); the rules read English, so these scores say little"
      )
    }
  }

  private static func signed(_ value: Double) -> String {
    (value >= 0 ? "+" : "") + fourDecimals(value)
  }

  private static func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}
