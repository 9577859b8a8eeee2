/// Size bounds that keep a reader's memory flat whatever the input holds.
public struct IngestLimits: Sendable, Equatable {
  /// A field longer than this (in bytes, after the quotes) quarantines its record.
  public var maxFieldBytes: Int
  /// A record longer than this (in bytes, raw) is quarantined and skipped without being buffered whole.
  public var maxRecordBytes: Int
  /// How many bytes one `read(2)` asks for; the reader's buffer holds `maxRecordBytes + blockSize`.
  package var blockSize: Int

  /// Default bounds: fields up to 1 MiB, records up to 4 MiB, 1 MiB reads.
  public init(maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 4 << 20) {
    self.init(maxFieldBytes: maxFieldBytes, maxRecordBytes: maxRecordBytes, blockSize: 1 << 20)
  }

  /// Bounds with an explicit read size (tests use a few bytes so fields straddle blocks).
  package init(maxFieldBytes: Int, maxRecordBytes: Int, blockSize: Int) {
    // Field offsets are stored as Int32, so the buffer (record bound + block) stays under 2 GiB.
    self.maxFieldBytes = min(max(1, maxFieldBytes), 1 << 30)
    self.maxRecordBytes = min(max(1, maxRecordBytes), 1 << 30)
    self.blockSize = min(max(1, blockSize), 1 << 28)
  }
}
