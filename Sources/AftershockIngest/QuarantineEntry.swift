/// One rejected record: where it was, why, and its raw text (cut to `QuarantineEntry.maxRawBytes`).
public struct QuarantineEntry: Sendable, Hashable, Codable {
  /// The largest raw excerpt kept, in bytes.
  public static let maxRawBytes = 1024

  /// The input's path as given (`-` for stdin).
  public var file: String
  /// The 1-based line on which the record starts.
  public var line: Int
  /// The record's id when it could be read.
  public var recordID: String?
  /// Why the record was rejected.
  public var reason: QuarantineReason
  /// One lowercase sentence a user can act on.
  public var detail: String
  /// The record's raw text, cut to 1 KiB on a UTF-8 boundary (invalid bytes shown as U+FFFD, NUL as U+2400).
  public var raw: String

  /// Creates an entry.
  public init(
    file: String, line: Int, recordID: String?, reason: QuarantineReason, detail: String, raw: String
  ) {
    self.file = file
    self.line = line
    self.recordID = recordID
    self.reason = reason
    self.detail = detail
    self.raw = raw
  }

  /// Makes the bounded, printable raw excerpt of a record's bytes.
  package static func excerpt(_ bytes: UnsafeRawBufferPointer) -> String {
    var count = min(bytes.count, maxRawBytes)
    if count < bytes.count {
      // Do not cut inside a multi-byte sequence: back up over continuation bytes.
      var back = 0
      while count > 0, back < 3, bytes[count] & 0xC0 == 0x80 {
        count -= 1
        back += 1
      }
    }
    var copy = [UInt8]()
    copy.reserveCapacity(count)
    var hasNUL = false
    for i in 0..<count {
      if bytes[i] == 0 { hasNUL = true }
      copy.append(bytes[i])
    }
    let text = String(decoding: copy, as: UTF8.self)
    return hasNUL ? text.replacingNUL() : text
  }
}

extension String {
  fileprivate func replacingNUL() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\0" ? "\u{2400}" : $0 }))
  }
}
