/// A JSON value written with a fixed key order and layout, so outputs are byte-for-byte reproducible.
enum JSONText: Equatable {
  case null
  case bool(Bool)
  /// A number already written as valid JSON number text.
  case number(String)
  case string(String)
  case array([JSONText])
  /// Members in the order they are written.
  case object([(String, JSONText)])

  static func == (left: JSONText, right: JSONText) -> Bool {
    left.rendered(indent: nil) == right.rendered(indent: nil)
  }

  /// A number from an integer.
  static func integer(_ value: Int) -> JSONText { .number(String(value)) }

  /// The JSON text; `indent` spaces per level (Jupyter uses 1), or one line when `nil`.
  func rendered(indent: Int?) -> String {
    var out = ""
    write(to: &out, indent: indent, level: 0)
    return out
  }

  private func write(to out: inout String, indent: Int?, level: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let text): out += text
    case .string(let text): Self.appendQuoted(text, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        Self.newline(&out, indent: indent, level: level + 1)
        item.write(to: &out, indent: indent, level: level + 1)
      }
      Self.newline(&out, indent: indent, level: level)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out += "," }
        Self.newline(&out, indent: indent, level: level + 1)
        Self.appendQuoted(key, to: &out)
        out += indent == nil ? ":" : ": "
        value.write(to: &out, indent: indent, level: level + 1)
      }
      Self.newline(&out, indent: indent, level: level)
      out += "}"
    }
  }

  private static func newline(_ out: inout String, indent: Int?, level: Int) {
    guard let indent else { return }
    out += "\n" + String(repeating: " ", count: indent * level)
  }

  /// Appends `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`.
  static func appendQuoted(_ text: String, to out: inout String) {
    out += "\""
    // Most text needs no escape: copy it whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
      out += text
      out += "\""
      return
    }
    var run = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x22: run += "\\\""
      case 0x5C: run += "\\\\"
      case 0x0A: run += "\\n"
      case 0x0D: run += "\\r"
      case 0x09: run += "\\t"
      case 0x08: run += "\\b"
      case 0x0C: run += "\\f"
      case 0x00..<0x20, 0x7F, 0x2028, 0x2029:
        let hex = String(scalar.value, radix: 16)
        run += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: run.unicodeScalars.append(scalar)
      }
    }
    out += run + "\""
  }

  /// Whether `text` is a number in JSON's grammar (`-0.5`, `12`, `1e-3`; not `+1`, `.5`, `01`).
  static func isJSONNumber(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var index = 0
    func digits() -> Int {
      let start = index
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      return index - start
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { return false }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      return false
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return false }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { return false }
    }
    return index == bytes.count
  }
}
