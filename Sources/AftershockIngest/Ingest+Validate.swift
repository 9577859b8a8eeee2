extension Ingest {
  /// The file names `validate` looks for in a directory, in reading order.
  public static let knownInputNames: [String] = ["accounts", "tickets", "surveys"].flatMap { kind in
    ["csv", "tsv", "jsonl", "ndjson"].map { "\(kind).\($0)" }
  }

  /// Validates files (or directories holding `accounts`/`tickets`/`surveys` `.csv`/`.tsv`/`.jsonl`): detects each
  /// input's format and kind, streams it, and reports counts with up to `examplesPerReason` entries per reason.
  ///
  /// Accounts are read first; when any were given, tickets and surveys are checked against them (`unknown_account`).
  /// Reports come back in reading order (accounts first, then the other inputs in the order given).
  /// - Throws: `IngestError` for an input unreadable as a whole (missing file, unknown kind, missing required columns).
  public static func validate(
    _ paths: [String], options: IngestOptions = IngestOptions(), examplesPerReason: Int = 3
  ) throws -> [ValidationReport] {
    let files = try InputFolder.expand(paths)
    var streams: [RecordStream] = []
    for file in files { streams.append(try RecordStream(path: file, kind: nil, options: options)) }
    let ordered = streams.filter { $0.kind == .accounts } + streams.filter { $0.kind != .accounts }
    let directory = AccountDirectory()
    let haveAccounts = ordered.contains { $0.kind == .accounts }
    var reports: [ValidationReport] = []
    for stream in ordered {
      var examples: [QuarantineReason: [QuarantineEntry]] = [:]
      let keep: (QuarantineEntry) -> Void = { entry in
        if examples[entry.reason, default: []].count < examplesPerReason { examples[entry.reason, default: []].append(entry) }
      }
      let summary: InputSummary
      switch stream.kind {
      case .accounts:
        summary = try run(stream, directory: directory, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in try builder.account(s.slots, line: s.line)
        } deliver: { _ in }
      case .tickets:
        summary = try run(stream, directory: haveAccounts ? directory : nil, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in try builder.ticket(s.slots, line: s.line)
        } deliver: { _ in }
      case .surveys:
        summary = try run(stream, directory: haveAccounts ? directory : nil, onQuarantine: keep) {
          builder, s throws(RecordBuilder.Rejection) in try builder.survey(s.slots, line: s.line)
        } deliver: { _ in }
      }
      reports.append(ValidationReport(summary: summary, examples: examples))
    }
    return reports
  }
}
