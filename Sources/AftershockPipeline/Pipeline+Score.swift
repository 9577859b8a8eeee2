import AftershockIngest
import AftershockReport
import AftershockText
import Dispatch
import Foundation

/// The streaming record filter behind `aftershock score`: records in (CSV, TSV or JSON Lines),
/// the same records out with sentiment, aspect, churn-intent and competitor columns appended.
///
/// Memory is bounded by one batch of records (`batchSize`), whatever the input's size. Each
/// batch is analysed on `workers` threads, one `TextAnalyzer` each, and written in input order.
/// Nothing but the header (or, for JSON Lines, nothing at all) carries over between records, so
/// the filter runs unchanged as a Hadoop Streaming or Spark `RDD.pipe` map step.
public enum ScorePipeline {
  /// The format written.
  public enum OutputFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header; formula-like cells neutralised (`'=...`).
    case csv
    /// One JSON object per line.
    case jsonl
  }

  /// How to read and write.
  public struct Options: Sendable {
    /// The input format; by extension, then content (files), else CSV (standard input), when nil.
    public var inputFormat: InputFormat?
    /// The output format; the input's (CSV for TSV) when nil.
    public var outputFormat: OutputFormat?
    /// The column holding the text; found among common names (body, comment, text, ...) when nil.
    public var textColumn: String?
    /// Threads analysing texts.
    public var workers: Int
    /// Records per batch.
    public var batchSize: Int

    /// Options with automatic formats and text column, one thread, batches of 4,096 records.
    ///
    /// One thread is the default because two did not beat it on the 2-core machine it was
    /// measured on (load from other jobs); raise `workers` on an idle many-core machine.
    public init(
      inputFormat: InputFormat? = nil, outputFormat: OutputFormat? = nil, textColumn: String? = nil,
      workers: Int = 1, batchSize: Int = 4096
    ) {
      self.inputFormat = inputFormat
      self.outputFormat = outputFormat
      self.textColumn = textColumn
      self.workers = max(1, workers)
      self.batchSize = max(1, batchSize)
    }
  }

  /// Counts and timings of one run.
  public struct Summary: Sendable, Equatable {
    /// Records read (written and quarantined).
    public var recordsRead = 0
    /// Records written.
    public var recordsWritten = 0
    /// Records quarantined (reported through the callback, not written): those the reader rejects,
    /// and JSON Lines records whose text is an object or array (`nested_value`) or a boolean
    /// (`not_text`), as `validate` says.
    public var quarantined = 0
    /// Records with no value in the text column, or a value with nothing to read (blank, markup,
    /// punctuation, a reply that only quotes): written with their score columns blank.
    public var withoutText = 0
    /// Input bytes read.
    public var bytesRead: Int64 = 0
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// The input's format.
    public var inputFormat: InputFormat = .csv
    /// The output's format.
    public var outputFormat: OutputFormat = .csv
    /// The text column used; for JSON Lines, the key first found with a value ("" when no record
    /// had one: `textKeysWanted` says what was looked for).
    public var textColumn = ""
    /// The text keys looked for, in order of preference: `--text-column`'s, or `textColumnNames`.
    public var textKeysWanted: [String] = []
    /// Extra header rows under a CSV header (a Qualtrics export's question-text and ImportId rows),
    /// skipped: neither read nor written.
    public var headerRowsSkipped = 0
    /// Rows repeating the CSV header further down (exports joined one after another), skipped.
    public var repeatedHeaderRowsSkipped = 0
    /// Blank rows and rows of delimiters only (`,,,,`) skipped, as `validate` and `run` skip them.
    public var emptyRowsSkipped = 0
    /// One-field lines after an empty row at the end of a CSV, skipped as a report's footer.
    public var footerRowsSkipped = 0
    /// JSON Lines keys first seen after the CSV header was written (their values are not in the CSV).
    public var keysNotInHeader: [String] = []
    /// Columns (or JSON keys) of the input named like the scores this run writes (an output of
    /// `score` scored again), left out so that each score appears once, this run's.
    public var replacedColumns: [String] = []
    /// Columns (or JSON keys) of the input named like a score in an input that is no earlier
    /// output of `score` (it lacks some of the score columns: a user's own `sentiment_label`, say),
    /// kept under their name with `_input` appended: a reader's gold labels are data.
    public var keptColumns: [String] = []
    /// CSV columns written to JSON Lines under another key, "'Status' as 'Status_2'": a repeated
    /// name, or none (`column_N`).
    public var renamedKeys: [String] = []
  }

  /// Common names of the column holding a ticket's or a survey answer's text, in order of preference.
  public static let textColumnNames = [
    "body", "comment", "text", "description", "message", "content", "comments", "feedback", "verbatim",
    "review", "ticket_description", "body_text", "open_text", "free_text", "nps_comment", "response",
  ]

  /// Names of the appended columns, in order (model columns only with a trained model).
  public static func addedColumns(withModel: Bool) -> [String] {
    var names = ["sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg", "sentiment_label"]
    names += Aspect.allCases.map { "aspect_\($0.description)" }
    names += ["aspects", "churn_intent", "churn_intent_evidence", "competitor_mentioned", "other_language"]
    if withModel { names += ["sentiment_model_label", "sentiment_model_probability"] }
    return names
  }

  /// Scores every record of `path` (`-` for standard input) into `sink`.
  ///
  /// - Parameters:
  ///   - path: the input (`-` for standard input).
  ///   - options: the formats, text column, batch size and worker count.
  ///   - lexicon: the lexicons of the rules.
  ///   - model: a trained sentiment model, whose label and probability columns are then added.
  ///   - sink: where the scored records go.
  ///   - onQuarantine: called, in input order, for each record the reader rejects.
  ///   - onKeyNotInHeader: called once per JSON Lines key that the CSV header written earlier lacks.
  /// - Throws: `PipelineError` when no text column can be found (in JSON Lines, known at the end of
  ///   the input: nothing is written when it fit in one batch); `IngestError` when the input
  ///   cannot be read; `ReportError` when the output cannot be written (`.brokenPipe` for `| head`).
  public static func run(
    path: String, options: Options, lexicon: TextLexicon, model: LinearSentimentModel?, sink: ByteSink,
    onQuarantine: @escaping (QuarantineEntry) -> Void, onKeyNotInHeader: @escaping (String) -> Void = { _ in }
  ) throws -> Summary {
    let start = DispatchTime.now().uptimeNanoseconds
    let input = try TableInput.open(path: path, format: options.inputFormat)
    let format = input.format
    var summary = Summary()
    summary.inputFormat = format
    summary.outputFormat = options.outputFormat ?? (format == .jsonl ? .jsonl : .csv)
    let writer = RecordWriter(
      sink: sink, format: summary.outputFormat, added: addedColumns(withModel: model != nil), model: model)
    let analyzers = AnalyzerPool(lexicon: lexicon, model: model, count: options.workers)
    var keysReported = Set<String>()
    // Every score name, the model's too: a file scored with a model and scored again without
    // one loses its old model columns rather than keeping them beside the new scores.
    let replaced = ScoreColumns(addedColumns(withModel: true))
    let baseScores = addedColumns(withModel: false)
    let baseColumns = ScoreColumns(baseScores)
    /// Fills `batch` until it is full or the input ends; false at the end of the input.
    let fill: (RecordBatch) throws -> Bool
    /// Called once the input has ended, before its last batch is written: throws when the input
    /// cannot have been scored (a JSON Lines input none of whose records has the text key).
    var checkAtEnd: () throws -> Void = {}

    switch input {
    case .delimited(let reader, _):
      guard !reader.header.isEmpty else { throw IngestError.emptyInput(file: path) }
      // Columns named like this run's scores (a scored file scored again) are left out: the new
      // scores replace them instead of following them under the same names.
      let added = Set(addedColumns(withModel: true))
      // An earlier output of score has every score column; an input with only some of them
      // names its own data so (a reader's `sentiment_label`), kept as `<name>_input`.
      let rescored = Set(baseScores).isSubset(of: reader.header)
      let kept = reader.header.indices.filter { !rescored || !added.contains(reader.header[$0]) }
      if rescored {
        summary.replacedColumns = reader.header.filter { added.contains($0) }
      } else {
        summary.keptColumns = reader.header.filter { added.contains($0) }
      }
      let keptHeader = kept.map { added.contains(reader.header[$0]) ? reader.header[$0] + "_input" : reader.header[$0] }
      // A Qualtrics export names its questions by tag: without a common text name, its one
      // text-entry question (ImportId `QID<n>_TEXT`) is the text, as validate and run take it.
      var textColumnName = options.textColumn
      let lowered = Set(keptHeader.map { $0.lowercased().trimmingCharacters(in: .whitespaces) })
      if textColumnName == nil, !textColumnNames.contains(where: lowered.contains) {
        textColumnName = ExtraHeaderRows.textEntryColumn(inFile: path, format: options.inputFormat)
      }
      let textIndex = try findTextColumn(textColumnName, in: keptHeader, file: path)
      // Two columns of the text's name (up to case and punctuation: "Body" and "body"): which
      // one holds the text is not known, as validate and run refuse it; --text-column naming
      // one exactly picks it.
      let same = TextColumns.sameName(as: textIndex, in: keptHeader)
      if same.count > 1,
        !(options.textColumn.map { name in same.filter { keptHeader[$0] == name }.count == 1 } ?? false)
      {
        let names = same.map { "'\(keptHeader[$0])' (column \(kept[$0] + 1))" }.joined(separator: ", ")
        throw PipelineError.failed(
          "\(path) has \(same.count) columns named as its text is: \(names); which one holds the text is not "
            + "known: name one with --text-column (its exact name), or rename or remove the others")
      }
      summary.textColumn = keptHeader[textIndex]
      let textColumn = kept[textIndex]
      try writer.begin(header: keptHeader)
      // A Qualtrics export's question-text and ImportId rows are not responses: skipped, as validate and run skip them.
      var extraHeaderRows = ExtraHeaderRows(header: reader.header)
      // Spreadsheet leftovers as validate and run read them: rows of delimiters only, an empty
      // field after a trailing delimiter that every row has, and a report's footer.
      reader.skipsSpreadsheetArtefacts = true
      var footer = ReportFooter()
      let quarantine = { (entry: QuarantineEntry) in
        summary.recordsRead += 1
        summary.quarantined += 1
        onQuarantine(entry)
      }
      fill = { batch in
        while let event = try reader.nextRecord() {
          // The header again (exports joined one after another): no record, as validate and run
          // read it; checked first, as the Qualtrics check below takes one in the first rows too.
          if case .record = event, reader.repeatsHeader() {
            summary.repeatedHeaderRowsSkipped += 1
            continue
          }
          if case .record = event, extraHeaderRows.isExtraHeaderRow(reader) {
            summary.headerRowsSkipped += 1
            continue
          }
          if case .malformed(let entry) = event, footer.holds(entry, reader: reader) { continue }
          footer.release().forEach(quarantine)
          switch event {
          case .malformed(let entry):
            quarantine(entry)
          case .record:
            summary.recordsRead += 1
            batch.beginRecord()
            for field in kept where field < reader.fieldCount {
              reader.withField(field) { batch.appendField(key: nil, value: $0, kind: .string) }
            }
            if textColumn >= reader.fieldCount { summary.withoutText += 1 }
            batch.endRecord(textField: textColumn < reader.fieldCount ? textIndex : -1)
            if batch.count == options.batchSize {
              summary.bytesRead = reader.bytesRead
              return true
            }
          }
        }
        footer.finish().forEach(quarantine)
        summary.footerRowsSkipped = footer.linesSkipped
        summary.emptyRowsSkipped = reader.emptyRowsSkipped
        summary.bytesRead = reader.bytesRead
        return false
      }
    case .jsonLines(let reader):
      summary.textKeysWanted = options.textColumn.map { [$0] } ?? textColumnNames
      let wanted = summary.textKeysWanted.map { Array($0.lowercased().utf8) }
      // A key may first appear on any line, so a text key that no record has is known only at
      // the end; until one has it, the keys seen are kept (a bounded list) for the message.
      var textKeySeen = false
      var objectsRead = 0
      var keysSeen = JSONLinesKeys()
      checkAtEnd = {
        guard !textKeySeen, objectsRead > 0 else { return }
        throw missingTextKey(
          options.textColumn, file: path, keysSeen: keysSeen, alreadyWritten: summary.recordsWritten)
      }

      var headerWritten = summary.outputFormat == .jsonl
      // A kept score key with "_input" appended (`<key>_input`), reused record after record.
      var renamed: [UInt8] = []
      if headerWritten { try writer.begin(header: []) }
      fill = { batch in
        while let event = try reader.nextRecord() {
          summary.recordsRead += 1
          switch event {
          case .malformed(let entry):
            summary.quarantined += 1
            onQuarantine(entry)
          case .record:
            objectsRead += 1
            if !textKeySeen {
              textKeySeen = hasTextKey(reader, wanted: wanted)
              if !textKeySeen { keysSeen.note(reader) }
            }
            let textField = textMember(of: reader, wanted: wanted)
            if textField >= 0, reader.valueKind(textField) == .nested {
              // As validate and run: an object or array is no text, and is not scored as an empty one.
              summary.quarantined += 1
              onQuarantine(nestedTextEntry(reader, member: textField, file: path))
              continue
            }
            if textField >= 0, reader.valueKind(textField) == .boolean {
              // As validate and run: true or false is no text, and "true" is not scored as the word.
              summary.quarantined += 1
              onQuarantine(booleanTextEntry(reader, member: textField, file: path))
              continue
            }
            if textField >= 0, let entry = repeatedTextEntry(reader, member: textField, file: path) {
              // As validate and run: the text key given twice with different values is ambiguous.
              summary.quarantined += 1
              onQuarantine(entry)
              continue
            }
            // A record of an earlier output of score has every score key; one with only some of
            // them gives its own data under those names: kept as `<key>_input`.
            var scoreKeys = 0
            for member in 0..<reader.memberCount where reader.withKey(member, { baseColumns.isScore($0) }) {
              scoreKeys += 1
            }
            let rescored = scoreKeys >= baseScores.count
            if !headerWritten {
              // CSV output from JSON Lines: the first record's keys are the header.
              try writer.begin(
                header: (0..<reader.memberCount).map { reader.key(at: $0) }.compactMap {
                  replaced.isScore($0) ? (rescored ? nil : $0 + "_input") : $0
                })
              headerWritten = true
            }
            batch.beginRecord()
            var textAt = -1
            var appended = 0
            for member in 0..<reader.memberCount {
              let skipped = reader.withKey(member) { key in
                // Keys named like this run's scores (a scored file scored again) are left out.
                if replaced.isScore(key) {
                  if rescored { return true }
                  renamed.removeAll(keepingCapacity: true)
                  renamed.append(contentsOf: key)
                  renamed.append(contentsOf: "_input".utf8)
                  renamed.withUnsafeBytes { name in
                    reader.withValue(member) { value in
                      batch.appendField(key: name, value: value, kind: reader.valueKind(member))
                    }
                  }
                  return false
                }
                reader.withValue(member) { value in
                  batch.appendField(key: key, value: value, kind: reader.valueKind(member))
                }
                return false
              }
              if skipped {
                replaced.note(reader.key(at: member))
                continue
              }
              if !rescored, reader.withKey(member, { replaced.isScore($0) }) {
                replaced.noteKept(reader.key(at: member))
              }
              if member == textField { textAt = appended }
              appended += 1
            }
            if textField < 0 { summary.withoutText += 1 }
            if summary.textColumn.isEmpty, textField >= 0 { summary.textColumn = reader.key(at: textField) }
            batch.endRecord(textField: textAt)
            if batch.count == options.batchSize {
              summary.bytesRead = reader.bytesRead
              return true
            }
          }
        }
        if !headerWritten {
          try writer.begin(header: [])
          headerWritten = true
        }
        summary.bytesRead = reader.bytesRead
        return false
      }
    }

    func write(_ batch: RecordBatch) throws {
      try writer.write(batch)
      summary.recordsWritten += batch.count
      batch.reset()
      for key in writer.unknownKeys.sorted() where keysReported.insert(key).inserted { onKeyNotInHeader(key) }
    }

    if options.workers == 1 {
      // One thread: read, analyse, write, batch after batch.
      let batch = RecordBatch(capacity: options.batchSize)
      var more = true
      while more {
        more = try fill(batch)
        if !more { try checkAtEnd() }
        analyzers.analyze(batch)
        try write(batch)
      }
    } else {
      // Overlapped: while the workers analyse one batch, this thread writes the previous one
      // and reads the next, so reading and writing no longer wait for the analysis.
      var current = RecordBatch(capacity: options.batchSize)
      var next = RecordBatch(capacity: options.batchSize)
      var more = try fill(current)
      if !more { try checkAtEnd() }
      var running: DispatchGroup? = analyzers.start(current)
      defer { running?.wait() }
      while true {
        if more {
          more = try fill(next)
          if !more { try checkAtEnd() }
        }
        running?.wait()
        running = next.count > 0 ? analyzers.start(next) : nil
        try write(current)
        if running == nil { break }
        swap(&current, &next)
      }
    }
    summary.keysNotInHeader = writer.unknownKeys.sorted()
    summary.withoutText += writer.textsWithoutWords
    summary.renamedKeys = writer.renamedKeys.map { "'\($0.from)' as '\($0.to)'" }
    if case .jsonLines = input {
      summary.replacedColumns = replaced.seen
      summary.keptColumns = replaced.kept
    }
    try writer.writePendingHeader()
    try sink.flush()
    summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return summary
  }

  /// Where the text is: the named column (exact, then case-insensitive), else the first common name.
  static func findTextColumn(_ name: String?, in header: [String], file: String) throws -> Int {
    if let name {
      guard let index = TableLoader.columnIndex(name, in: header) else {
        throw TableLoader.missingColumn(name, file: file, seen: header)
      }
      return index
    }
    let lowered = header.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    for candidate in textColumnNames {
      if let index = lowered.firstIndex(of: candidate) { return index }
    }
    if let index = TextColumns.index(in: header) { return index }
    if header.first?.hasPrefix("{") == true {
      throw IngestError.formatMismatch(file: file, readAs: .csv, looksLike: .jsonl)
    }
    throw PipelineError.failed(
      "\(file) has no text column (looked for \(textColumnNames.prefix(6).joined(separator: ", ")), ...); "
        + "columns seen: \(header.joined(separator: ", ")); name it with --text-column")
  }

  /// Whether the current JSON Lines record has a wanted text key, whatever its value (`null` too).
  private static func hasTextKey(_ reader: JSONLinesReader, wanted: [[UInt8]]) -> Bool {
    (0..<reader.memberCount).contains { member in
      reader.withKey(member) { rankOfTextKey($0, wanted: wanted) } != nil
    }
  }

  /// The error of a JSON Lines input none of whose records has the text key: `--text-column`'s, or
  /// any of `textColumnNames`, as `findTextColumn` says of a CSV header, naming the keys seen.
  /// Records written before the input ended (it was more than one batch) are said to be unscored.
  static func missingTextKey(_ name: String?, file: String, keysSeen: JSONLinesKeys, alreadyWritten: Int)
    -> PipelineError
  {
    let keys = "keys seen: " + JSONLinesKeys.shown(keysSeen.keys, more: keysSeen.more)
    var message =
      name.map { "\(file) has no key '\($0)' in any record (--text-column \($0)); \(keys)" }
      ?? "\(file) has no text key in any record (looked for \(textColumnNames.prefix(6).joined(separator: ", ")), "
      + "...); \(keys); name it with --text-column"
    if alreadyWritten > 0 {
      message +=
        "; the \(alreadyWritten) record(s) written before the input ended were scored without their text: "
        + "discard that output"
    }
    return .failed(message)
  }

  /// The member of the current JSON Lines record holding its text: the best-ranked wanted key
  /// whose value is not null (it may be nested: the caller quarantines that), or -1.
  private static func textMember(of reader: JSONLinesReader, wanted: [[UInt8]]) -> Int {
    var textField = -1
    var textRank = Int.max
    for member in 0..<reader.memberCount where reader.valueKind(member) != .null {
      if let rank = reader.withKey(member, { rankOfTextKey($0, wanted: wanted) }), rank < textRank {
        textRank = rank
        textField = member
      }
    }
    return textField
  }

  /// The `nested_value` entry of a record whose text member holds an object or array, worded as
  /// `validate` words it for a schema field.
  private static func nestedTextEntry(_ reader: JSONLinesReader, member: Int, file: String) -> QuarantineEntry {
    let what = reader.withValue(member) { $0.first == UInt8(ascii: "[") } ? "an array" : "an object"
    return QuarantineEntry(
      file: file, line: reader.line, recordID: nil, reason: .nestedValue,
      detail: "member '\(reader.key(at: member))' (the text) holds \(what); the text needs a plain value",
      raw: reader.rawExcerpt)
  }

  /// The `conflicting_fields` entry of a record that gives its text key again with another value
  /// (which text the export meant is unknown), or nil.
  private static func repeatedTextEntry(_ reader: JSONLinesReader, member: Int, file: String) -> QuarantineEntry? {
    let repeated = (0..<reader.memberCount).first { other in
      other != member && reader.withKey(other, { a in reader.withKey(member) { b in a.elementsEqual(b) } })
        && !reader.withValue(other, { a in reader.withValue(member) { b in a.elementsEqual(b) } })
    }
    guard let repeated else { return nil }
    let (first, second) = (min(member, repeated), max(member, repeated))
    return QuarantineEntry(
      file: file, line: reader.line, recordID: nil, reason: .conflictingFields,
      detail: "key '\(reader.key(at: member))' is given twice with different values (members \(first + 1) and "
        + "\(second + 1)): which one the export meant is unknown",
      raw: reader.rawExcerpt)
  }

  /// The `not_text` entry of a record whose text member holds `true` or `false`, worded as
  /// `validate` words it for a schema field.
  private static func booleanTextEntry(_ reader: JSONLinesReader, member: Int, file: String) -> QuarantineEntry {
    QuarantineEntry(
      file: file, line: reader.line, recordID: nil, reason: .notText,
      detail: "member '\(reader.key(at: member))' (the text) holds the JSON boolean \(reader.string(at: member)), "
        + "not text; give the text as a JSON string",
      raw: reader.rawExcerpt)
  }

  private static func rankOfTextKey(_ key: UnsafeRawBufferPointer, wanted: [[UInt8]]) -> Int? {
    for (rank, name) in wanted.enumerated() where name.count == key.count {
      var same = true
      for i in 0..<key.count {
        var byte = key[i]
        if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
        if byte != name[i] {
          same = false
          break
        }
      }
      if same { return rank }
    }
    return nil
  }

  // MARK: - One text

  /// A readable breakdown of one text (what `score --text` prints).
  public struct Explanation: Sendable {
    /// Everything the analyzer found.
    public var analysis: TextAnalysis
    /// Each sentence with its compound.
    public var sentences: [(text: String, compound: Double)]
    /// Mentioned aspects with their compound and number of clauses.
    public var aspects: [(name: String, compound: Double, mentions: Int)]
    /// The churn-intent phrase, if any.
    public var intentEvidence: String?
    /// The competitor named, if any.
    public var competitor: String?
    /// The trained model's label and probability, if a model was given.
    public var modelLabel: (label: String, probability: Double)?
  }

  /// Analyses one text and explains the result sentence by sentence.
  public static func explain(_ text: String, lexicon: TextLexicon, model: LinearSentimentModel?) -> Explanation {
    let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
    analyzer.checksLanguage = true
    let analysis = analyzer.analyze(text)
    let bytes = Array(text.utf8)
    func slice(_ range: Range<Int>) -> String {
      guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return "" }
      return DisplayText.plain(String(decoding: bytes[range], as: UTF8.self))
    }
    return Explanation(
      analysis: analysis,
      sentences: analyzer.sentenceSentiments.map { (slice($0.byteRange), $0.compound) },
      aspects: analysis.aspects.mentioned.map {
        ($0.description, analysis.aspects[score: $0], analysis.aspects[mentions: $0])
      },
      intentEvidence: analysis.churnIntentEvidence.map(slice),
      competitor: analysis.competitorEvidence.map(slice),
      modelLabel: modelLabel(model, analysis.modelPrediction))
  }

  private static func modelLabel(_ model: LinearSentimentModel?, _ prediction: SentimentPrediction?)
    -> (label: String, probability: Double)?
  {
    guard let model, let prediction else { return nil }
    return (model.labels[prediction.labelIndex], prediction.probability)
  }
}

// MARK: - Batch

/// Records of one batch: field bytes copied into one arena, and each record's analysis.
private final class RecordBatch: @unchecked Sendable {
  struct Field {
    var keyStart: Int32
    var keyEnd: Int32
    var valueStart: Int32
    var valueEnd: Int32
    var kind: JSONLinesReader.ValueKind
  }

  var arena: [UInt8] = []
  var fields: [Field] = []
  /// Per record: first field index, end field index, text field index (-1: none).
  var recordFields: [(start: Int, end: Int, text: Int)] = []
  var analyses: [TextAnalysis] = []
  var count: Int { recordFields.count }
  private var currentStart = 0

  init(capacity: Int) {
    arena.reserveCapacity(1 << 20)
    fields.reserveCapacity(capacity * 8)
    recordFields.reserveCapacity(capacity)
    analyses.reserveCapacity(capacity)
  }

  func reset() {
    arena.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    recordFields.removeAll(keepingCapacity: true)
    analyses.removeAll(keepingCapacity: true)
  }

  func beginRecord() { currentStart = fields.count }

  func appendField(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer, kind: JSONLinesReader.ValueKind) {
    let keyStart = arena.count
    if let key { arena.append(contentsOf: key) }
    let valueStart = arena.count
    arena.append(contentsOf: value)
    fields.append(
      Field(
        keyStart: Int32(keyStart), keyEnd: Int32(valueStart), valueStart: Int32(valueStart),
        valueEnd: Int32(arena.count), kind: kind))
  }

  func endRecord(textField: Int) {
    recordFields.append((currentStart, fields.count, textField < 0 ? -1 : currentStart + textField))
  }
}

/// One analyzer per worker, kept across batches.
private final class AnalyzerPool: @unchecked Sendable {
  let analyzers: [TextAnalyzer]

  init(lexicon: TextLexicon, model: LinearSentimentModel?, count: Int) {
    analyzers = (0..<count).map { _ in
      let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
      analyzer.checksLanguage = true
      return analyzer
    }
  }

  /// Analyses `batch` on a background thread (and the workers); wait on the group before reading it.
  func start(_ batch: RecordBatch) -> DispatchGroup {
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { self.analyze(batch) }
    return group
  }

  func analyze(_ batch: RecordBatch) {
    let count = batch.count
    batch.analyses = [TextAnalysis](repeating: TextAnalysis(), count: count)
    let workers = min(analyzers.count, max(1, count / 64))
    batch.arena.withUnsafeBytes { arena in
      batch.analyses.withUnsafeMutableBufferPointer { out in
        let shared = SharedBatch(arena: arena, out: out)
        let work: @Sendable (Int) -> Void = { worker in
          let analyzer = self.analyzers[worker]
          var record = worker
          while record < count {
            let text = batch.recordFields[record].text
            if text >= 0 {
              let field = batch.fields[text]
              let bytes = UnsafeRawBufferPointer(
                rebasing: shared.arena[Int(field.valueStart)..<Int(field.valueEnd)])
              shared.out[record] = analyzer.analyze(utf8: bytes)
            }
            record += workers
          }
        }
        if workers == 1 {
          work(0)
        } else {
          DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
      }
    }
  }
}

private struct SharedBatch: @unchecked Sendable {
  let arena: UnsafeRawBufferPointer
  let out: UnsafeMutableBufferPointer<TextAnalysis>
}

// MARK: - Writer

/// The names of the columns `score` writes, to leave out of a record that already has them (a
/// scored file scored again); a key is compared only when its first byte starts one of them.
private final class ScoreColumns {
  private let names: [[UInt8]]
  /// Per byte, whether some name starts with it.
  private let firstBytes: [Bool]
  /// The input's keys left out, in the order first seen.
  private(set) var seen: [String] = []

  init(_ names: [String]) {
    self.names = names.map { Array($0.utf8) }
    var firstBytes = [Bool](repeating: false, count: 256)
    for name in self.names { if let first = name.first { firstBytes[Int(first)] = true } }
    self.firstBytes = firstBytes
  }

  func isScore(_ key: UnsafeRawBufferPointer) -> Bool {
    guard let first = key.first, firstBytes[Int(first)] else { return false }
    return names.contains { $0.count == key.count && $0.elementsEqual(key) }
  }

  func isScore(_ key: String) -> Bool {
    var key = key
    return key.withUTF8 { isScore(UnsafeRawBufferPointer($0)) }
  }

  func note(_ key: String) {
    if !seen.contains(key) { seen.append(key) }
  }

  /// The input's keys named like a score kept as `<key>_input`, in the order first seen.
  private(set) var kept: [String] = []

  func noteKept(_ key: String) {
    if !kept.contains(key) { kept.append(key) }
  }
}

/// Writes scored records as CSV (formula guard) or JSON Lines.
private final class RecordWriter {
  let sink: ByteSink
  let format: ScorePipeline.OutputFormat
  let added: [String]
  /// Each added column's JSON key with its quotes and colon.
  let addedKeys: [[UInt8]]
  let model: LinearSentimentModel?
  var header: [String] = []
  var headerKeys: [[UInt8]] = []
  var headerIndex: [[UInt8]: Int] = [:]
  var unknownKeys = Set<String>()
  private var headerPending = false
  private var scratch: [UInt8] = []
  private var row: [(start: Int, end: Int)?] = []

  init(sink: ByteSink, format: ScorePipeline.OutputFormat, added: [String], model: LinearSentimentModel?) {
    self.sink = sink
    self.format = format
    self.added = added
    self.model = model
    addedKeys = added.map { Array("\"\($0)\":".utf8) }
    scratch.reserveCapacity(1 << 16)
  }

  /// Sets the header; a CSV one is written with the first records (`write`), or by
  /// `writePendingHeader` when there are none, so that an input refused once read to its end
  /// (`ScorePipeline.missingTextKey`) leaves nothing written when it fit in one batch.
  func begin(header: [String]) throws {
    self.header = header
    // JSON Lines keys are unique: a CSV's two "Status" columns would give a record one key
    // twice, of which a JSON parser keeps one (an outside audit), and an unnamed column (Excel's
    // trailing empty ones) a key "". They become "Status_2", "column_5".
    var keys = header
    if format == .jsonl {
      var used = Set<String>()
      for (index, name) in header.enumerated() {
        var key = name.isEmpty ? "column_\(index + 1)" : name
        var n = 2
        while used.contains(key) {
          key = (name.isEmpty ? "column_\(index + 1)" : name) + "_\(n)"
          n += 1
        }
        used.insert(key)
        if key != name { renamedKeys.append((name, key)) }
        keys[index] = key
      }
    }
    headerKeys = keys.map { Array($0.utf8) }
    for (index, key) in headerKeys.enumerated() where headerIndex[key] == nil { headerIndex[key] = index }
    headerPending = format == .csv
  }

  /// Writes the CSV header set by `begin` if it is not written yet.
  func writePendingHeader() throws {
    guard headerPending else { return }
    headerPending = false
    try CSVWriter().writeRow(header + added, to: sink)
  }

  func write(_ batch: RecordBatch) throws {
    try writePendingHeader()
    try batch.arena.withUnsafeBytes { arena in
      for record in 0..<batch.count {
        scratch.removeAll(keepingCapacity: true)
        let info = batch.recordFields[record]
        switch format {
        case .csv: appendCSV(batch, arena: arena, record: info)
        case .jsonl: appendJSON(batch, arena: arena, record: info)
        }
        appendAdded(batch.analyses[record], text: info.text >= 0 ? batch.fields[info.text] : nil, arena: arena)
        scratch.append(format == .csv ? 0x0A : UInt8(ascii: "}"))
        if format == .jsonl { scratch.append(0x0A) }
        try sink.write(scratch)
      }
    }
  }

  private func appendCSV(_ batch: RecordBatch, arena: UnsafeRawBufferPointer, record: (start: Int, end: Int, text: Int))
  {
    let isJSON = batch.fields[record.start..<record.end].contains { $0.keyEnd > $0.keyStart }
    if !isJSON {
      for index in record.start..<record.end {
        if index > record.start { scratch.append(UInt8(ascii: ",")) }
        let f = batch.fields[index]
        appendCSVField(UnsafeRawBufferPointer(rebasing: arena[Int(f.valueStart)..<Int(f.valueEnd)]))
      }
      for _ in (record.end - record.start)..<header.count { scratch.append(UInt8(ascii: ",")) }
      if !header.isEmpty { scratch.append(UInt8(ascii: ",")) }
      return
    }
    // JSON Lines to CSV: place each member under its header column.
    row = [(start: Int, end: Int)?](repeating: nil, count: header.count)
    for index in record.start..<record.end {
      let f = batch.fields[index]
      let key = Array(arena[Int(f.keyStart)..<Int(f.keyEnd)])
      if let column = headerIndex[key] {
        if f.kind != .null { row[column] = (Int(f.valueStart), Int(f.valueEnd)) }
      } else {
        unknownKeys.insert(String(decoding: key, as: UTF8.self))
      }
    }
    for (column, value) in row.enumerated() {
      if column > 0 { scratch.append(UInt8(ascii: ",")) }
      if let value { appendCSVField(UnsafeRawBufferPointer(rebasing: arena[value.start..<value.end])) }
    }
    if !header.isEmpty { scratch.append(UInt8(ascii: ",")) }
  }

  /// Appends one CSV field as `CSVWriter.encode` would (RFC 4180 quoting, formula guard), without copying it first.
  private func appendCSVField(_ bytes: UnsafeRawBufferPointer) {
    var guarded = false
    if let first = bytes.first {
      switch first {
      case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A, 0xEF:
        guarded = CSVWriter.isFormulaLike(Array(bytes))
      default:
        break
      }
    }
    var needsQuotes = false
    for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes && !guarded {
      scratch.append(contentsOf: bytes)
      return
    }
    if needsQuotes { scratch.append(0x22) }
    if guarded { scratch.append(UInt8(ascii: "'")) }
    var runStart = 0
    for index in 0..<bytes.count where bytes[index] == 0x22 {
      scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart...index]))
      scratch.append(0x22)
      runStart = index + 1
    }
    scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    if needsQuotes { scratch.append(0x22) }
  }

  private func appendJSON(
    _ batch: RecordBatch, arena: UnsafeRawBufferPointer, record: (start: Int, end: Int, text: Int)
  ) {
    scratch.append(UInt8(ascii: "{"))
    for index in record.start..<record.end {
      let f = batch.fields[index]
      if index > record.start { scratch.append(UInt8(ascii: ",")) }
      if f.keyEnd > f.keyStart {
        appendJSONString(UnsafeRawBufferPointer(rebasing: arena[Int(f.keyStart)..<Int(f.keyEnd)]))
      } else {
        let column = index - record.start
        if column < headerKeys.count {
          headerKeys[column].withUnsafeBytes { appendJSONString($0) }
        } else {
          appendJSONString(UnsafeRawBufferPointer(start: nil, count: 0))
        }
      }
      scratch.append(UInt8(ascii: ":"))
      let value = UnsafeRawBufferPointer(rebasing: arena[Int(f.valueStart)..<Int(f.valueEnd)])
      switch f.kind {
      case .string: appendJSONString(value)
      case .number, .boolean, .nested: scratch.append(contentsOf: value)
      case .null: scratch.append(contentsOf: "null".utf8)
      }
    }
    if record.end > record.start { scratch.append(UInt8(ascii: ",")) }
  }

  /// Appends a JSON string: runs of plain bytes are copied at once; `"`, `\\` and control bytes are escaped.
  private func appendJSONString(_ bytes: UnsafeRawBufferPointer) {
    scratch.append(0x22)
    var runStart = 0
    for index in 0..<bytes.count {
      let byte = bytes[index]
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
      if runStart < index { scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])) }
      runStart = index + 1
      scratch.append(0x5C)
      switch byte {
      case 0x22, 0x5C: scratch.append(byte)
      case 0x0A: scratch.append(UInt8(ascii: "n"))
      case 0x0D: scratch.append(UInt8(ascii: "r"))
      case 0x09: scratch.append(UInt8(ascii: "t"))
      default:
        scratch.append(UInt8(ascii: "u"))
        scratch.append(0x30)
        scratch.append(0x30)
        scratch.append(Self.hexDigits[Int(byte >> 4)])
        scratch.append(Self.hexDigits[Int(byte & 15)])
      }
    }
    if runStart < bytes.count {
      scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
    scratch.append(0x22)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends the added values (CSV cells after the original ones; JSON members before the `}`).
  /// CSV columns written to JSON Lines under another key (a name repeated, or none), in order.
  private(set) var renamedKeys: [(from: String, to: String)] = []

  /// Records whose text has no word, number or emoji to score (written with blank scores).
  private(set) var textsWithoutWords = 0

  private func appendAdded(_ a: TextAnalysis, text: RecordBatch.Field?, arena: UnsafeRawBufferPointer) {
    let json = format == .jsonl
    var first = true
    func name(_ index: Int) {
      if !first { scratch.append(UInt8(ascii: ",")) }
      first = false
      if json { scratch.append(contentsOf: addedKeys[index]) }
    }
    func string(_ bytes: UnsafeRawBufferPointer) {
      if json { appendJSONString(bytes) } else { appendCSVField(bytes) }
    }
    func literal(_ text: StaticString) {
      if json {
        scratch.append(0x22)
        scratch.append(contentsOf: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        scratch.append(0x22)
      } else {
        scratch.append(contentsOf: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
      }
    }
    // No text (the column absent from the record, or empty): no scores, blank (null in JSON) as
    // the run's scored files leave them; an empty comment written as a neutral 0 counted as an
    // answer's sentiment downstream (an outside audit).
    // A text with nothing to read once markup, quoted mail and punctuation are left out ("   ",
    // "<p></p>", "&nbsp;", "-", a reply that only quotes) is no text either: its neutral 0 pulled
    // averages toward zero (an outside audit).
    let readable = text.map { $0.valueEnd > $0.valueStart && $0.kind != .null } ?? false
    if readable && a.tokenCount == 0 { textsWithoutWords += 1 }
    guard readable, a.tokenCount > 0, let text else {
      for index in addedKeys.indices {
        name(index)
        if json { scratch.append(contentsOf: "null".utf8) }
      }
      return
    }
    var column = 0
    let s = a.sentiment
    for value in [s.compound, s.positive, s.neutral, s.negative] {
      name(column)
      column += 1
      appendFixed(value)
    }
    name(column)
    column += 1
    switch s.label {
    case .positive: literal("positive")
    case .neutral: literal("neutral")
    case .negative: literal("negative")
    }
    var mentioned: [UInt8] = []
    for aspect in Aspect.allCases {
      name(column)
      column += 1
      if a.aspects.isMentioned(aspect) {
        appendFixed(a.aspects[score: aspect])
        if !mentioned.isEmpty { mentioned.append(UInt8(ascii: ";")) }
        mentioned.append(contentsOf: aspect.description.utf8)
      } else if json {
        scratch.append(contentsOf: "null".utf8)
      }
    }
    name(column)
    column += 1
    mentioned.withUnsafeBytes { string($0) }
    name(column)
    column += 1
    scratch.append(contentsOf: (a.churnIntent ? "true" : "false").utf8)
    name(column)
    column += 1
    if let range = a.churnIntentEvidence {
      let start = Int(text.valueStart) + range.lowerBound
      let end = min(Int(text.valueStart) + range.upperBound, Int(text.valueEnd))
      // As a reader should see it (markup removed): evidence is rare, a String here is cheap.
      var evidence = DisplayText.plain(String(decoding: arena[start..<max(start, end)], as: UTF8.self))
      evidence.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    } else if json {
      scratch.append(contentsOf: "null".utf8)
    }
    name(column)
    column += 1
    scratch.append(contentsOf: (a.competitorMentioned ? "true" : "false").utf8)
    name(column)
    column += 1
    scratch.append(contentsOf: (a.readsAsAnotherLanguage ? "true" : "false").utf8)
    if let model {
      name(column)
      column += 1
      if let prediction = a.modelPrediction {
        var label = model.labels[prediction.labelIndex]
        label.withUTF8 { string(UnsafeRawBufferPointer($0)) }
        name(column)
        column += 1
        appendFixed(prediction.probability)
      } else {
        if json { scratch.append(contentsOf: "null".utf8) }
        name(column)
        column += 1
        if json { scratch.append(contentsOf: "null".utf8) }
      }
    }
  }

  /// A number in [-1e9, 1e9] with four decimals, written without Foundation formatting.
  private func appendFixed(_ value: Double) {
    guard value.isFinite else {
      scratch.append(contentsOf: (format == .jsonl ? "null" : "").utf8)
      return
    }
    var scaled = Int64((abs(value) * 10_000).rounded())
    if value < 0 && scaled != 0 { scratch.append(UInt8(ascii: "-")) }
    let fraction = scaled % 10_000
    scaled /= 10_000
    appendInteger(scaled)
    scratch.append(UInt8(ascii: "."))
    scratch.append(UInt8(ascii: "0") + UInt8(fraction / 1000))
    scratch.append(UInt8(ascii: "0") + UInt8(fraction / 100 % 10))
    scratch.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
    scratch.append(UInt8(ascii: "0") + UInt8(fraction % 10))
  }

  private func appendInteger(_ value: Int64) {
    if value >= 10 { appendInteger(value / 10) }
    scratch.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}
