import AftershockIngest
import AftershockReport
import Foundation

/// Writes every quarantined record of a run to `quarantine.csv` as it arrives, and keeps the
/// first `keep` in memory for the history (memory stays bounded however bad the input is).
struct QuarantineLog {
  /// Entries kept for the history, in arrival order.
  private(set) var kept: [QuarantineEntry] = []
  /// Entries seen in all.
  private(set) var count = 0
  /// The first entry of each reason in each input (by file), for the message of a run that stops
  /// on `--max-bad`: an example of the reason most records were quarantined for, and its fix.
  private(set) var firstEntries: [String: [QuarantineReason: QuarantineEntry]] = [:]
  private let keep: Int
  private let sink: ByteSink
  private let writer = CSVWriter()

  /// The file's columns.
  static let header = ["file", "line", "record_id", "reason", "detail", "raw"]

  /// Opens the log at `path` (written atomically when committed).
  init(path: String, keep: Int) throws {
    self.keep = keep
    sink = try ByteSink(atomicPath: path)
    try writer.writeRow(Self.header, to: sink)
  }

  /// Records one entry.
  mutating func add(_ entry: QuarantineEntry) throws {
    count += 1
    if kept.count < keep { kept.append(entry) }
    if firstEntries[entry.file]?[entry.reason] == nil { firstEntries[entry.file, default: [:]][entry.reason] = entry }
    try writer.writeRow(
      [entry.file, String(entry.line), entry.recordID ?? "", entry.reason.rawValue, entry.detail, entry.raw], to: sink)
  }

  /// Appends the rows of another log's file (a shard's `quarantine.csv`) byte for byte, leaving
  /// out its first `skipping` rows, and keeps `entries` (the first of the appended rows, as
  /// values) for the history up to this log's bound.
  /// - Returns: the number of rows appended.
  /// - Throws: `PipelineError.failed` when the file cannot be read as the log this type writes.
  mutating func append(rowsOf path: String, skipping: Int, kept entries: [QuarantineEntry]) throws -> Int {
    let reader = try CSVReader(path: path)
    guard reader.header == Self.header else {
      throw PipelineError.failed("\(path) is not a quarantine log (columns \(reader.header.joined(separator: ",")))")
    }
    var row = 0
    var appended = 0
    while let event = try reader.nextRecord() {
      guard case .record = event else {
        throw PipelineError.failed("\(path) is damaged at line \(reader.line)")
      }
      row += 1
      guard row > skipping else { continue }
      try reader.withRawRecord { try sink.write($0) }
      try sink.write(byte: UInt8(ascii: "\n"))
      appended += 1
    }
    count += appended
    for entry in entries where kept.count < keep { kept.append(entry) }
    return appended
  }

  /// Finishes the file in the staging folder.
  func commit() throws {
    try sink.commit()
  }

  /// Finishes the file and puts a copy at `path` too (used when a run stops for too many bad records,
  /// so the user can see why without the staging folder).
  func commit(to path: String) throws {
    try sink.commit()
    guard let source = sink.path else { return }
    let text = try String(contentsOfFile: source, encoding: .utf8)
    let copy = try ByteSink(atomicPath: path)
    try copy.write(text)
    try copy.commit()
  }
}
