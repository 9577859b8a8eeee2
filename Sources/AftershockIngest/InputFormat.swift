/// The byte format of an input file.
public enum InputFormat: String, Sendable, Hashable {
  /// Comma-separated values (RFC 4180).
  case csv
  /// Tab-separated values (CSV rules with a tab delimiter).
  case tsv
  /// JSON Lines: one flat JSON object per line.
  case jsonl

  /// The format implied by a file name's extension, if any (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.json`).
  public init?(fileName: String) {
    let lower = fileName.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") {
      self = .tsv
    } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
      self = .jsonl
    } else {
      return nil
    }
  }

  /// The format's name in a sentence: "CSV", "TSV", "JSON Lines".
  public var name: String {
    switch self {
    case .csv: "CSV"
    case .tsv: "TSV"
    case .jsonl: "JSON Lines"
    }
  }

  /// Guesses the format from the first bytes of a file: `{` starts JSON Lines; a first line with tabs and no commas is TSV.
  package static func sniff(_ bytes: UnsafeRawBufferPointer) -> InputFormat {
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D {
      i += 1
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "{") { return .jsonl }
    var tabs = 0
    var commas = 0
    while i < bytes.count, bytes[i] != 0x0A {
      if bytes[i] == 0x09 { tabs += 1 } else if bytes[i] == UInt8(ascii: ",") { commas += 1 }
      i += 1
    }
    return tabs > 0 && commas == 0 ? .tsv : .csv
  }

  /// The delimited format (CSV or TSV) the first bytes of an input read as JSON Lines are, or
  /// nil when they start a JSON value (`{`, or `[` for a JSON array, which the reader reports
  /// line by line), hold only blank lines, or are UTF-16/32 (reported as such when read).
  package static func delimitedInsteadOfJSONLines(_ bytes: UnsafeRawBufferPointer) -> InputFormat? {
    guard wideEncoding(bytes) == nil else { return nil }
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D {
      i += 1
    }
    guard i < bytes.count, bytes[i] != UInt8(ascii: "{"), bytes[i] != UInt8(ascii: "[") else { return nil }
    return sniff(bytes)
  }

  /// Whether the first line holds tabs and no comma (a tab-separated export named `.csv`, as
  /// Excel's "Text (Tab delimited)" and many tools write).
  package static func firstLineUsesTabs(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var tabs = 0
    for b in bytes {
      if b == 0x0A { break }
      if b == UInt8(ascii: ",") { return false }
      if b == 0x09 { tabs += 1 }
    }
    return tabs > 0
  }

  /// Whether the first line holds semicolons and no comma or tab (a `;`-separated CSV export).
  package static func firstLineUsesSemicolons(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var semicolons = 0
    for b in bytes {
      if b == 0x0A { break }
      if b == UInt8(ascii: ",") || b == 0x09 { return false }
      if b == UInt8(ascii: ";") { semicolons += 1 }
    }
    return semicolons > 0
  }

  /// The encoding a UTF-16 or UTF-32 byte-order mark at the start names ("UTF-16LE", ...), or
  /// nil (UTF-8, with or without its mark, or no mark at all).
  static func wideEncoding(_ start: UnsafeRawBufferPointer) -> String? {
    let b = Array(start.prefix(4))
    if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32LE" }
    if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32BE" }
    if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return "UTF-16LE" }
    if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return "UTF-16BE" }
    return nil
  }

  /// The encoding UTF-16 or UTF-32 text without a byte-order mark is in ("UTF-16LE", ...), told
  /// by where its zero bytes are, or nil. UTF-8 has no zero bytes (but a stray NUL); the ASCII
  /// characters of a header, ids and dates in UTF-16LE are each followed by one, in UTF-32LE by
  /// three. At least a quarter of the code units must show that, with zero bytes in no other
  /// place (text in another script has units without a zero byte, but none with it elsewhere).
  static func wideEncodingWithoutMark(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard wideEncoding(bytes) == nil else { return nil }
    let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(4096))
    let units32 = sample.count / 4
    if units32 >= 4 {
      var little = 0
      var big = 0
      for u in 0..<units32 {
        let b = (sample[4 * u], sample[4 * u + 1], sample[4 * u + 2], sample[4 * u + 3])
        if b.0 != 0, b.1 == 0, b.2 == 0, b.3 == 0 { little += 1 }
        if b.0 == 0, b.1 == 0, b.2 == 0, b.3 != 0 { big += 1 }
      }
      if little * 2 >= units32 { return "UTF-32LE" }
      if big * 2 >= units32 { return "UTF-32BE" }
    }
    let units16 = sample.count / 2
    guard units16 >= 4 else { return nil }
    var zeroHigh = 0  // units whose second byte only is zero: UTF-16LE
    var zeroLow = 0  // units whose first byte only is zero: UTF-16BE
    var zeroBoth = 0
    for u in 0..<units16 {
      let first = sample[2 * u]
      let second = sample[2 * u + 1]
      if first != 0, second == 0 { zeroHigh += 1 }
      if first == 0, second != 0 { zeroLow += 1 }
      if first == 0, second == 0 { zeroBoth += 1 }
    }
    if zeroHigh * 4 >= units16, zeroLow + zeroBoth <= zeroHigh / 20 { return "UTF-16LE" }
    if zeroLow * 4 >= units16, zeroHigh + zeroBoth <= zeroLow / 20 { return "UTF-16BE" }
    return nil
  }

  /// Whether the first line of UTF-16 or UTF-32 `bytes` (`encoding` as `wideEncoding` names it,
  /// after a byte-order mark of `markWidth` bytes, one code unit by default) holds a tab, as
  /// Excel's "Unicode text" and Qualtrics' TSV do.
  static func wideFirstLineHasTab(_ bytes: UnsafeRawBufferPointer, _ encoding: String, markWidth: Int? = nil) -> Bool {
    let width = encoding.hasPrefix("UTF-32") ? 4 : 2
    let bigEndian = encoding.hasSuffix("BE")
    var i = markWidth ?? width
    while i + width <= bytes.count {
      var unit: UInt32 = 0
      for k in 0..<width {
        let byte = UInt32(bytes[i + (bigEndian ? k : width - 1 - k)])
        unit = unit << 8 | byte
      }
      if unit == 0x09 { return true }
      if unit == 0x0A || unit == 0x0D { return false }
      i += width
    }
    return false
  }

  /// The first byte that is not blank space (after a UTF-8 byte-order mark), and the next such
  /// byte after it; nil for UTF-16/32 or where the bytes end.
  private static func firstTwoTokens(_ bytes: UnsafeRawBufferPointer) -> (first: UInt8?, second: UInt8?) {
    guard wideEncoding(bytes) == nil else { return (nil, nil) }
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    func skipBlank() {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }
    skipBlank()
    guard i < bytes.count else { return (nil, nil) }
    let first = bytes[i]
    i += 1
    skipBlank()
    return (first, i < bytes.count ? bytes[i] : nil)
  }

  /// Whether the first bytes open a JSON array of objects (`[` then `{` or `]`, blank space and
  /// line ends allowed between), as an API response or a pretty-printed export does.
  package static func startsJSONArray(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let (first, second) = firstTwoTokens(bytes)
    return first == UInt8(ascii: "[") && (second == UInt8(ascii: "{") || second == UInt8(ascii: "]"))
  }

  /// Whether the first bytes open a JSON object (`{` then `"` or `}`): JSON Lines, not a header row.
  package static func startsJSONObject(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let (first, second) = firstTwoTokens(bytes)
    return first == UInt8(ascii: "{") && (second == UInt8(ascii: "\"") || second == UInt8(ascii: "}"))
  }
}
