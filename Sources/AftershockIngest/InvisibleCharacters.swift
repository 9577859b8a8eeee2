import Foundation

/// Characters a terminal shows as nothing or as a plain space: in a message quoting an id or a
/// column name they are written out as `\u{200B}`, so `'ACC-000001\u{200B}'` does not read as the
/// known `'ACC-000001'` it differs from, and a second byte-order mark shows in "columns seen".
public enum InvisibleCharacters {
  /// Whether `scalar` shows as nothing or as a space that is not U+0020: no-break and other
  /// Unicode spaces, zero-width characters and joiners, the byte-order mark, soft hyphen, word
  /// joiner and the invisible operators, bidirectional marks, and the Hangul fillers.
  public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00A0, 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
      0x2000...0x200F, 0x2028...0x202F, 0x205F...0x206F, 0x3000, 0x3164, 0xFEFF, 0xFFA0:
      return true
    default:
      return false
    }
  }

  /// `text` with every invisible character written out as `\u{A0}`, `\u{200B}`, `\u{FEFF}`.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isInvisible) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isInvisible(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` without its invisible characters and without spaces at either end: what a known id
  /// may have been before an export added them.
  public static func removed(from text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars where !isInvisible(scalar) { result.unicodeScalars.append(scalar) }
    return result.trimmingCharacters(in: .whitespaces)
  }
}
