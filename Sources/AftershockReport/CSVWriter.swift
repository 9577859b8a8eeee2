/// Writes RFC 4180 CSV rows to a ``ByteSink``, neutralising cells a spreadsheet would run as formulas.
///
/// Following the OWASP CSV-injection guidance, a text cell that starts with `=`, `+`, `-`, `@`,
/// a tab, a carriage return or a line feed (or a fullwidth `＝ ＋ － ＠`) gets a leading `'`.
/// A cell that is a plain number (`-12.5`, `+3`, `1e-4`) is left alone unless its column is
/// declared ``ColumnKind/text``, so negative figures in numeric columns stay numbers.
/// Fields holding `,`, `"`, CR or LF are quoted, with `"` doubled. Rows end with LF, which
/// every RFC 4180 reader accepts.
public struct CSVWriter {
  /// Whether formula-like text cells are neutralised (on by default).
  public var neutralisesFormulas: Bool

  /// Makes a writer.
  public init(neutralisesFormulas: Bool = true) {
    self.neutralisesFormulas = neutralisesFormulas
  }

  /// Writes one row of fields and a line feed.
  public func writeRow(_ fields: [String], to sink: ByteSink) throws(ReportError) {
    var first = true
    for field in fields {
      if !first { try sink.write(byte: UInt8(ascii: ",")) }
      first = false
      try writeField(field, to: sink)
    }
    try sink.write(byte: UInt8(ascii: "\n"))
  }

  /// What a column holds, which decides how strictly its cells are guarded against formulas.
  public enum ColumnKind: Sendable, Equatable {
    /// Unknown: formula-like text is guarded, plain numbers (`-12.5`) are left alone.
    case unknown
    /// Free text (names, quotes, drivers): every cell starting with a trigger character is guarded, even `-5`.
    case text
    /// Numbers: plain numbers, negative ones included, are written as they are; anything else is guarded.
    case numeric
  }

  /// Writes one row whose columns have the given kinds (missing kinds count as ``ColumnKind/unknown``).
  public func writeRow(_ fields: [String], kinds: [ColumnKind], to sink: ByteSink) throws(ReportError) {
    for (index, field) in fields.enumerated() {
      if index > 0 { try sink.write(byte: UInt8(ascii: ",")) }
      var field = field
      if field.withUTF8({ Self.isPlain($0) }) {
        try sink.write(field)
        continue
      }
      let bytes = field.withUTF8 { Array($0) }
      let kind = index < kinds.count ? kinds[index] : .unknown
      try sink.write(Self.encode(bytes, neutralisesFormulas: neutralisesFormulas, kind: kind))
    }
    try sink.write(byte: UInt8(ascii: "\n"))
  }

  /// The CSV text of rows (header included by the caller), for output that is not a file.
  public func text(rows: [[String]], kinds: [ColumnKind] = []) -> String {
    var out: [UInt8] = []
    for row in rows {
      for (index, field) in row.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        let kind = index < kinds.count ? kinds[index] : .unknown
        out.append(contentsOf: Self.encode(Array(field.utf8), neutralisesFormulas: neutralisesFormulas, kind: kind))
      }
      out.append(UInt8(ascii: "\n"))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Writes one field, quoted and neutralised as needed (no separator).
  public func writeField(_ field: String, to sink: ByteSink) throws(ReportError) {
    var field = field
    if field.withUTF8({ Self.isPlain($0) }) {
      try sink.write(field)
      return
    }
    let bytes = field.withUTF8 { Array($0) }
    try sink.write(Self.encode(bytes, neutralisesFormulas: neutralisesFormulas))
  }

  /// Whether a field can be written as it is: it starts with an ASCII byte that no spreadsheet
  /// reads as a formula and holds no separator, quote or line break (the common case, no copy).
  @inline(__always)
  static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first else { return true }
    guard first < 0x80, first != UInt8(ascii: "="), first != UInt8(ascii: "+"), first != UInt8(ascii: "-"),
      first != UInt8(ascii: "@"), first != 0x09, first != 0x0D
    else { return false }
    for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      return false
    }
    return true
  }

  /// The encoded bytes of one field: quoted when needed, `'`-prefixed when formula-like.
  public static func encode(_ bytes: [UInt8], neutralisesFormulas: Bool = true, kind: ColumnKind = .unknown) -> [UInt8]
  {
    let guarded: Bool
    switch kind {
    case .unknown, .numeric: guarded = neutralisesFormulas && isFormulaLike(bytes)
    case .text: guarded = neutralisesFormulas && startsWithTrigger(bytes)
    }
    var needsQuotes = false
    for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes && !guarded { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 4)
    if needsQuotes { out.append(0x22) }
    if guarded { out.append(UInt8(ascii: "'")) }
    for byte in bytes {
      if byte == 0x22 { out.append(0x22) }
      out.append(byte)
    }
    if needsQuotes { out.append(0x22) }
    return out
  }

  /// Whether a spreadsheet would treat the cell as a formula (and it is not a plain number).
  public static func isFormulaLike(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first else { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A:
      return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      return !isPlainNumber(bytes)
    default:
      return startsWithFullwidthTrigger(bytes)
    }
  }

  /// Whether the cell starts with an OWASP trigger character (`=`, `+`, `-`, `@`, tab, CR, LF)
  /// or its fullwidth form (`＝`, `＋`, `－`, `＠`), which some spreadsheets also evaluate.
  static func startsWithTrigger(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first else { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "-"), 0x09, 0x0D, 0x0A:
      return true
    default:
      return startsWithFullwidthTrigger(bytes)
    }
  }

  private static func startsWithFullwidthTrigger(_ bytes: [UInt8]) -> Bool {
    // U+FF0B ＋, U+FF0D －, U+FF1D ＝, U+FF20 ＠ are EF BC 8B / 8D / 9D / A0 in UTF-8.
    guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBC else { return false }
    return bytes[2] == 0x8B || bytes[2] == 0x8D || bytes[2] == 0x9D || bytes[2] == 0xA0
  }

  /// Whether the bytes are a decimal number: optional sign, digits, optional fraction and exponent.
  static func isPlainNumber(_ bytes: [UInt8]) -> Bool {
    var index = 0
    let count = bytes.count
    if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    var digits = 0
    while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
      index += 1
      digits += 1
    }
    if index < count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        index += 1
        digits += 1
      }
    }
    guard digits > 0 else { return false }
    if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      var exponentDigits = 0
      while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        index += 1
        exponentDigits += 1
      }
      guard exponentDigits > 0 else { return false }
    }
    return index == count
  }
}
