/// Streams inputs into typed records and quarantine entries; the entry points the pipeline calls.
///
/// Order for a run: `streamAccounts` first (it fills an `AccountDirectory`), then `streamTickets` and
/// `streamSurveys` with that directory so records for unknown accounts are quarantined and account ids
/// are shared. Records and entries are delivered one at a time through the closures; memory stays flat
/// (the reader's buffer plus the directory and an 8-byte-per-slot hash set of ids).
///
/// CSV inputs must have a column for every required field (else `IngestError.missingColumns`); JSON Lines
/// objects are matched key by key, so a line without a required key is quarantined as `missing_field`,
/// and a `--map` key that no line has is `IngestError.mappedKeyNotFound` once the input is read.
public enum Ingest {
  /// Streams an accounts input, adding every accepted account to `directory`.
  /// - Throws: `IngestError` when the input cannot be read as a whole; errors thrown by the closures.
  public static func streamAccounts(
    from path: String, options: IngestOptions = IngestOptions(), into directory: AccountDirectory,
    onAccount: (Account) throws -> Void, onQuarantine: (QuarantineEntry) throws -> Void
  ) throws -> InputSummary {
    try stream(path: path, kind: .accounts, options: options, directory: directory, onQuarantine: onQuarantine) {
      builder, stream throws(RecordBuilder.Rejection) in
      try builder.account(stream.slots, line: stream.line)
    } deliver: {
      try onAccount($0)
    }
  }

  /// Streams a tickets input; with `knownAccounts`, tickets of other accounts are quarantined as `unknown_account`.
  /// - Throws: `IngestError` when the input cannot be read as a whole; errors thrown by the closures.
  public static func streamTickets(
    from path: String, options: IngestOptions = IngestOptions(), knownAccounts: AccountDirectory?,
    onTicket: (Ticket) throws -> Void, onQuarantine: (QuarantineEntry) throws -> Void
  ) throws -> InputSummary {
    try stream(path: path, kind: .tickets, options: options, directory: knownAccounts, onQuarantine: onQuarantine) {
      builder, stream throws(RecordBuilder.Rejection) in
      try builder.ticket(stream.slots, line: stream.line)
    } deliver: {
      try onTicket($0)
    }
  }

  /// Streams a surveys input; with `knownAccounts`, responses of other accounts are quarantined as `unknown_account`.
  /// - Throws: `IngestError` when the input cannot be read as a whole; errors thrown by the closures.
  public static func streamSurveys(
    from path: String, options: IngestOptions = IngestOptions(), knownAccounts: AccountDirectory?,
    onResponse: (SurveyResponse) throws -> Void, onQuarantine: (QuarantineEntry) throws -> Void
  ) throws -> InputSummary {
    try stream(path: path, kind: .surveys, options: options, directory: knownAccounts, onQuarantine: onQuarantine) {
      builder, stream throws(RecordBuilder.Rejection) in
      try builder.survey(stream.slots, line: stream.line)
    } deliver: {
      try onResponse($0)
    }
  }

  /// The record kind of an input, from its name or else its header (or first JSON object).
  /// - Throws: `IngestError.unknownRecordKind` when neither tells, or an I/O error.
  public static func detectKind(of path: String, options: IngestOptions = IngestOptions()) throws -> RecordKind {
    try RecordStream(path: path, kind: nil, options: options).kind
  }

  static func stream<Record>(
    path: String, kind: RecordKind, options: IngestOptions, directory: AccountDirectory?,
    onQuarantine: (QuarantineEntry) throws -> Void,
    build: (inout RecordBuilder, RecordStream) throws(RecordBuilder.Rejection) -> Record,
    deliver: (Record) throws -> Void
  ) throws -> InputSummary {
    try run(
      RecordStream(path: path, kind: kind, options: options), directory: directory, onQuarantine: onQuarantine,
      build: build, deliver: deliver)
  }

  static func run<Record>(
    _ stream: RecordStream, directory: AccountDirectory?,
    onQuarantine: (QuarantineEntry) throws -> Void,
    build: (inout RecordBuilder, RecordStream) throws(RecordBuilder.Rejection) -> Record,
    deliver: (Record) throws -> Void
  ) throws -> InputSummary {
    let path = stream.file
    let kind = stream.kind
    var builder = RecordBuilder(
      schema: stream.schema, directory: directory, decimalComma: stream.decimalComma, dateOrder: stream.dateOrder,
      numberConvention: stream.numberConvention, nullFields: stream.nullFields)
    builder.headerlessColumns = stream.headerlessColumns
    var summary = InputSummary(file: path, format: stream.format, kind: kind)
    while let event = try stream.next() {
      switch event {
      case .malformed(let entry):
        summary.countQuarantined(entry.reason)
        // An account row quarantined whole (a ragged row) but with its id read: its tickets say so.
        if kind == .accounts, let id = entry.recordID { directory?.noteQuarantined(id, line: entry.line) }
        try onQuarantine(entry)
      case .record:
        let outcome: Result<Record, RecordBuilder.Rejection>
        do throws(RecordBuilder.Rejection) {
          outcome = .success(try build(&builder, stream))
        } catch {
          outcome = .failure(error)
        }
        switch outcome {
        case .success(let record):
          summary.countAccepted()
          try deliver(record)
        case .failure(let rejection):
          summary.countQuarantined(rejection.reason)
          let span = stream.lastLine > stream.line ? " (the record spans lines \(stream.line)–\(stream.lastLine))" : ""
          try onQuarantine(
            QuarantineEntry(
              file: path, line: stream.line, recordID: rejection.recordID, reason: rejection.reason,
              detail: rejection.detail + span, raw: stream.rawExcerpt))
        }
      }
    }
    // After the records: a JSON Lines input learns its keys as it goes.
    summary.columns = stream.columnsUsed.map { InputSummary.ColumnUse(field: $0.field, column: $0.column) }
    summary.looksLike = stream.looksLike
    summary.headerRowsSkipped = stream.headerRowsSkipped
    summary.repeatedHeaderRowsSkipped = stream.repeatedHeaderRowsSkipped
    summary.footerRowsSkipped = stream.footerRowsSkipped
    summary.emptyRowsSkipped = stream.emptyRowsSkipped
    if builder.arrCurrencies.seen.count > 1 { summary.arrCurrencies = builder.arrCurrencies.seen }
    if builder.markCounts.loneGrouping > 0 && builder.markCounts.otherMark > 0 {
      summary.decimalMarkConflict = .init(
        readWithGrouping: builder.markCounts.loneGrouping, refused: builder.markCounts.otherMark)
    }
    let dates = builder.dateOrderCounts
    if dates.ambiguous > 0 {
      summary.dateOrderEvidence = .init(
        ambiguous: dates.ambiguous, dayFirst: dates.dayFirst, monthFirst: dates.monthFirst,
        dayFirstExample: dates.dayFirstExample, monthFirstExample: dates.monthFirstExample)
    }
    for (field, count) in stream.nestedIgnored.enumerated() where count > 0 {
      summary.nestedValuesLeftEmpty[stream.schema.fields[field].name] = count
    }
    summary.bytesRead = stream.bytesRead
    return summary
  }
}
