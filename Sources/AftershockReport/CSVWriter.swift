/// Writes RFC 4180 CSV rows to a ``ByteSink``, neutralising cells a spreadsheet would run as formulas.
///
/// Following the OWASP CSV-injection guidance, a text cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`. A cell that is a plain number (`-12.5`,
/// `+3`, `1e-4`) is left alone, so negative figures in numeric columns stay numbers.
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

  /// Writes one field, quoted and neutralised as needed (no separator).
  public func writeField(_ field: String, to sink: ByteSink) throws(ReportError) {
    var field = field
    let bytes = field.withUTF8 { Array($0) }
    try sink.write(Self.encode(bytes, neutralisesFormulas: neutralisesFormulas))
  }

  /// The encoded bytes of one field: quoted when needed, `'`-prefixed when formula-like.
  public static func encode(_ bytes: [UInt8], neutralisesFormulas: Bool = true) -> [UInt8] {
    let guarded = neutralisesFormulas && isFormulaLike(bytes)
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
    case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
      return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      return !isPlainNumber(bytes)
    default:
      return false
    }
  }

  /// Whether the bytes are a decimal number: optional sign, digits, optional fraction and exponent.
  static func isPlainNumber(_ bytes: [UInt8]) -> Bool {
    var index = 0
    let count = bytes.count
    if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    var digits = 0
    while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
    if index < count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
    }
    guard digits > 0 else { return false }
    if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      var exponentDigits = 0
      while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; exponentDigits += 1 }
      guard exponentDigits > 0 else { return false }
    }
    return index == count
  }
}
