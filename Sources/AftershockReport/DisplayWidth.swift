/// How many terminal columns text takes: East Asian wide characters and emoji take two, combining marks none.
public enum DisplayWidth {
  /// The display width of a string (control characters count as zero).
  public static func of(_ text: String) -> Int {
    if let ascii = asciiWidth(text) { return ascii }
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// The display width of one grapheme cluster: 0, 1 or 2.
  ///
  /// As a terminal's `wcwidth` counts it: a cluster that starts with a combining mark is
  /// zero wide even among wide characters (the kana voicing marks U+3099, U+309A), and an
  /// emoji is wide only with emoji presentation (`🚀`, or `🌡` followed by U+FE0F; a bare
  /// `🌡` is one column).
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.value < 0x20 || (first.value >= 0x7F && first.value < 0xA0) { return 0 }
    if isZeroWidth(first) { return 0 }
    if isWide(first.value) { return 2 }
    for scalar in scalars {
      // An emoji presentation selector or an emoji-presentation scalar makes the cluster wide.
      if scalar.value == 0xFE0F { return 2 }
      if scalar.properties.isEmojiPresentation { return 2 }
    }
    return 1
  }

  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    // The soft hyphen and the marks written before numbers (Arabic U+0600...) are format characters that show.
    case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return false
    // Hangul medial vowels and final consonants join the syllable's leading consonant.
    case 0x1160...0x11FF, 0xD7B0...0xD7FF, 0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFEFF: return true
    default: break
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// Whether `scalar` is a bidirectional control (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
  /// which makes a terminal reorder the text after it: a name could make a row read backwards.
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// Whether a scalar is East Asian Wide or Fullwidth (emoji are decided by their presentation).
  static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
      0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18D08, 0x1AFF0...0x1B2FF,
      0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The width of printable ASCII text (one column per byte), or `nil` when the fast path does not apply.
  static func asciiWidth(_ text: String) -> Int? {
    var count = 0
    for byte in text.utf8 {
      guard byte >= 0x20 && byte < 0x7F else { return nil }
      count += 1
    }
    return count
  }

  /// `text` broken into lines of at most `width` columns: at spaces where it can, inside a word
  /// wider than a line where it must, so nothing is lost (an id or a number stays whole, over two lines).
  public static func wrap(_ text: String, to width: Int) -> [String] {
    let width = max(1, width)
    var lines: [String] = []
    var line = ""
    var used = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let wordWidth = of(String(word))
      if used > 0 && used + 1 + wordWidth <= width {
        line += " " + word
        used += 1 + wordWidth
        continue
      }
      if used > 0 {
        lines.append(line)
        line = ""
        used = 0
      }
      for character in word {
        let characterWidth = of(character)
        if used > 0 && used + characterWidth > width {
          lines.append(line)
          line = ""
          used = 0
        }
        line.append(character)
        used += characterWidth
      }
    }
    lines.append(line)
    return lines
  }

  /// `text` cut to at most `width` columns, ending in `…` when cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if let ascii = asciiWidth(text) {
      guard ascii > width else { return text }
      return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…"
    }
    guard of(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let characterWidth = of(character)
      if used + characterWidth > width - 1 { break }
      out.append(character)
      used += characterWidth
    }
    return out + "…"
  }
}
