/// A rejected input record as the history keeps it.
public struct QuarantineEntry: Equatable, Sendable {
  /// The input file the record came from.
  public var file: String
  /// The line the record starts on (1-based), if known.
  public var line: Int?
  /// The record's id (ticket id, response id, account id), if it could be read.
  public var recordID: String?
  /// Why it was rejected, as a short code (e.g. `missing_field`, `bad_date`).
  public var reason: String
  /// A sentence saying what was wrong and what was expected.
  public var detail: String?
  /// The raw text of the record, cut to a bound.
  public var raw: String?

  /// Makes a quarantine entry.
  public init(
    file: String, line: Int? = nil, recordID: String? = nil, reason: String, detail: String? = nil, raw: String? = nil
  ) {
    self.file = file
    self.line = line
    self.recordID = recordID
    self.reason = reason
    self.detail = detail
    self.raw = raw
  }
}
