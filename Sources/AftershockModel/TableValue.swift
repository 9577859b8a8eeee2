import Foundation

/// How a table cell's text reads as missing, a number or a yes/no value.
enum TableValue {
  /// Whether the cell counts as missing: blank, or NA, N/A, NaN, null (any case).
  static func isMissing(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
    while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
    if bytes.isEmpty { return true }
    guard bytes.count <= 4 else { return false }
    let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
    return lowered == "na" || lowered == "n/a" || lowered == "nan" || lowered == "null"
  }

  /// The cell as a finite number, or nil when it is missing or not a number.
  static func number(_ text: String) -> Double? {
    if let value = Double(text), value.isFinite { return value }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.count != text.count, let value = Double(trimmed), value.isFinite else {
      return nil
    }
    return value
  }

  /// The cell as a boolean (0/1, true/false, yes/no, y/n, t/f), or nil.
  static func boolean(_ text: String) -> Bool? {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "1", "1.0", "true", "yes", "y", "t": return true
    case "0", "0.0", "false", "no", "n", "f": return false
    default: return nil
    }
  }

  /// A number as short text: integers without a decimal point, others with up to 4 digits.
  static func format(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
