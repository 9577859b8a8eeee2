extension Ingest {
  /// The file names `validate` looks for in a directory, in reading order.
  public static let knownInputNames: [String] = ["accounts", "tickets", "surveys"].flatMap { kind in
    ["csv", "tsv", "jsonl", "ndjson"].map { "\(kind).\($0)" }
  }

  /// Validates files (or directories holding `accounts`/`tickets`/`surveys` `.csv`/`.tsv`/`.jsonl`): detects each
  /// input's format and kind, streams it, and reports counts with up to `examplesPerReason` entries per reason.
  ///
  /// An input's kind is `kind` when given; else its name when that decides it (`ColumnResolver.decideKind`);
  /// else the one its overrides imply (for a single file, the one kind with every mapped field, or a
  /// `kind.field=column` override's kind; among several, the one input still open whose header has every
  /// column of a `kind.` override); else its columns.
  /// `sharedOverrides` are `overrides` for a single file (each must match it); among several inputs each
  /// applies where it matches and must match one (`checkMappings`).
  ///
  /// Accounts are read first; when any were given, tickets and surveys are checked against them (`unknown_account`).
  /// Reports come back in reading order (accounts first, then the other inputs in the order given).
  /// - Throws: `IngestError` for an input unreadable as a whole (missing file, unknown kind, missing required columns)
  ///   or an override that applies to no input.
  public static func validate(
    _ paths: [String], options: IngestOptions = IngestOptions(), kind: RecordKind? = nil, examplesPerReason: Int = 3
  ) throws -> [ValidationReport] {
    let files = try InputFolder.expand(paths)
    var options = options
    if files.count == 1 {
      options.overrides.merge(options.sharedOverrides) { strict, _ in strict }
      options.sharedOverrides = [:]
    }
    var headers: [String: [String]] = [:]
    for file in files where file != "-" && headers[file] == nil {
      headers[file] = try peekHeader(file, options: options)
    }
    var decided: [(kind: RecordKind, rule: KindRule)?] = files.map { file in
      if let kind { return (kind, .option) }
      guard let header = headers[file] else { return nil }
      return ColumnResolver.decideKind(fileName: file, header: header)
    }
    // The maps choose only among inputs whose kind is still open: a kind its name decided
    // (`accounts.csv` in a folder, `tickets_2024.csv`) stays, and a map that does not fit it is
    // then reported as `run` reports it (tickets.csv has no column 'Company').
    let open = decided.map { $0 == nil || $0?.rule == .columns }
    if kind == nil {
      if files.count == 1, let implied = impliedKind(options) {
        if open[0] { decided[0] = (implied, .mapping) }
      } else {
        for (scoped, mappings) in options.scopedOverrides where !mappings.isEmpty {
          let holders = files.indices.filter { i in
            guard open[i], let header = headers[files[i]] else { return false }
            return mappings.values.allSatisfy { column in header.contains { sameColumn($0, column) } }
          }
          if holders.count == 1 { decided[holders[0]] = (scoped, .mapping) }
        }
      }
    }
    // Overrides are checked before any input is read when every kind is known (standard input's is
    // known once its stream is open), so a misspelt column is named as such rather than as a missing field.
    let known = decided.compactMap { $0?.kind }
    if options.hasMappings, known.count == files.count {
      _ = try checkMappings(zip(files, known).map { ($0, $1, $0 == "-" ? nil : headers[$0]) }, options: options)
    }
    var streams: [RecordStream] = []
    var rules: [ObjectIdentifier: KindRule] = [:]
    for (i, file) in files.enumerated() {
      if file != "-", decided[i] == nil {
        throw IngestError.unknownRecordKind(file: file, columnsSeen: headers[file] ?? [])
      }
      let stream = try RecordStream(path: file, kind: decided[i]?.kind, options: options)
      rules[ObjectIdentifier(stream)] = decided[i]?.rule ?? .columns
      streams.append(stream)
    }
    if options.hasMappings, known.count != files.count {
      _ = try checkMappings(
        streams.map { ($0.file, $0.kind, $0.file == "-" ? nil : headers[$0.file]) }, options: options)
    }
    let ordered = streams.filter { $0.kind == .accounts } + streams.filter { $0.kind != .accounts }
    let directory = AccountDirectory()
    let haveAccounts = ordered.contains { $0.kind == .accounts }
    var reports: [ValidationReport] = []
    for stream in ordered {
      var examples: [QuarantineReason: [QuarantineEntry]] = [:]
      let keep: (QuarantineEntry) -> Void = { entry in
        if examples[entry.reason, default: []].count < examplesPerReason {
          examples[entry.reason, default: []].append(entry)
        }
      }
      let summary: InputSummary
      switch stream.kind {
      case .accounts:
        summary = try run(stream, directory: directory, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in
          try builder.account(s.slots, line: s.line)
        } deliver: { account in
          directory.noteName(account.name, ofAccountAt: directory.index(of: account.accountID) ?? .max)
        }
      case .tickets:
        summary = try run(stream, directory: haveAccounts ? directory : nil, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in
          try builder.ticket(s.slots, line: s.line)
        } deliver: { _ in
        }
      case .surveys:
        summary = try run(stream, directory: haveAccounts ? directory : nil, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in
          try builder.survey(s.slots, line: s.line)
        } deliver: { _ in
        }
      }
      var report = ValidationReport(summary: summary, examples: examples)
      report.kindRule = rules[ObjectIdentifier(stream)]
      reports.append(report)
    }
    return reports
  }

  /// The one kind every override fits (a `kind.` one's kind; a field only that kind has), if the
  /// overrides name one.
  static func impliedKind(_ options: IngestOptions) -> RecordKind? {
    guard options.hasMappings else { return nil }
    var kinds = Set(RecordKind.allCases)
    for field in Array(options.overrides.keys) + Array(options.sharedOverrides.keys) {
      kinds = kinds.filter { Schema.of($0).fieldIndex(named: field) != nil }
    }
    for (kind, mappings) in options.scopedOverrides where !mappings.isEmpty { kinds = kinds.intersection([kind]) }
    return kinds.count == 1 ? kinds.first : nil
  }
}
