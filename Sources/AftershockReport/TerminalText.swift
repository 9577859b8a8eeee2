/// Text from customer data made safe to print on a terminal: nothing in it can move the cursor,
/// change the screen or make the rest of a line read right to left.
///
/// C0 controls, DEL and C1 (U+0080-U+009F, which some terminals obey as escape sequences) are
/// handled as `controls` says; bidirectional controls (``DisplayWidth/isBidiControl(_:)``) are
/// always written out as visible escapes such as `\u{202E}`.
package enum TerminalText {
  /// What becomes of a control character.
  package enum Controls {
    /// Written out as `\u{1B}`; newline and tab are kept (messages on their own lines).
    case escaped
    /// Replaced by a space, newline and tab included (a table cell is one line).
    case spaces
  }

  /// `text` with its controls handled as `controls` says and its bidirectional controls escaped.
  package static func neutralized(_ text: String, controls: Controls) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0) || DisplayWidth.isBidiControl($0) }) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        switch controls {
        case .spaces: result.append(" ")
        case .escaped where scalar == "\n" || scalar == "\t": result.append(scalar)
        case .escaped: result.append(contentsOf: escape(scalar).unicodeScalars)
        }
      } else if DisplayWidth.isBidiControl(scalar) {
        result.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// `\u{1B}`, `\u{202E}`: the scalar's hex value, as Swift writes it.
  static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
  }
}
