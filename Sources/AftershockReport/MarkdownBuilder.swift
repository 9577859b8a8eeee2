/// Builds GitHub-flavoured Markdown block by block, escaping every piece of text it is given.
///
/// Text is data (account names, customer quotes), never markup: characters Markdown would
/// act on (including `$`, which GitHub reads as math) are backslash-escaped where they would change meaning, and `<`, `>`, `&` become
/// entities so no HTML reaches the page. Table cells also escape `|` and turn newlines into `<br>`.
/// The only markup a caller adds is through ``InlineText``'s bold and code spans, whose content
/// is escaped as well.
public struct MarkdownBuilder: Sendable {
  /// The Markdown written so far.
  public private(set) var text: String = ""

  /// Makes an empty builder.
  public init() {}

  /// Adds a heading of `level` 1-6.
  public mutating func heading(_ title: String, level: Int = 1) {
    let level = max(1, min(level, 6))
    var escaped = Self.escapeText(Self.oneLine(title), atLineStart: false)
    // A trailing run of `#` would be read as the heading's closing sequence.
    if escaped.hasSuffix("#") { escaped.insert("\\", at: escaped.index(before: escaped.endIndex)) }
    block(String(repeating: "#", count: level) + " " + escaped)
  }

  /// Adds a paragraph (newlines become spaces, so it stays one paragraph).
  public mutating func paragraph(_ content: String) {
    block(Self.escapeText(Self.oneLine(content)))
  }

  /// Adds a paragraph of plain text with the caller's bold and code spans (newlines become spaces).
  public mutating func paragraph(_ content: InlineText) {
    block(Self.inlineMarkdown(content, atLineStart: true))
  }

  /// Adds an italic paragraph (a note or a caption).
  public mutating func note(_ content: String) {
    let escaped = Self.escapeText(Self.oneLine(content), atLineStart: false)
    guard !escaped.isEmpty else { return }
    block("_" + escaped + "_")
  }

  /// Adds a bullet list, one item per string.
  public mutating func bullets(_ items: [String]) {
    guard !items.isEmpty else { return }
    // An item's text starts a line of its own: `- # x` would be a heading, `- 1. x` a nested list.
    block(items.map { "- " + Self.escapeText(Self.oneLine($0), atLineStart: true) }.joined(separator: "\n"))
  }

  /// Adds a bullet list of plain text with the caller's bold and code spans, one item per text.
  public mutating func bullets(_ items: [InlineText]) {
    guard !items.isEmpty else { return }
    block(items.map { "- " + Self.inlineMarkdown($0, atLineStart: true) }.joined(separator: "\n"))
  }

  /// Adds a table; `alignments` gives each column's alignment (missing ones are left-aligned).
  ///
  /// Rows shorter than the header are padded with empty cells; longer ones are cut to the header.
  public mutating func table(header: [String], rows: [[String]], alignments: [ColumnAlignment] = []) {
    guard !header.isEmpty else { return }
    func line(_ cells: [String]) -> String {
      var padded = Array(cells.prefix(header.count))
      while padded.count < header.count { padded.append("") }
      return "| " + padded.map(Self.escapeCell).joined(separator: " | ") + " |"
    }
    var lines = [line(header)]
    let rule = header.indices.map { index -> String in
      switch index < alignments.count ? alignments[index] : .left {
      case .left: return ":---"
      case .right: return "---:"
      case .center: return ":---:"
      }
    }
    lines.append("| " + rule.joined(separator: " | ") + " |")
    for row in rows { lines.append(line(row)) }
    block(lines.joined(separator: "\n"))
  }

  /// Adds an image on its own line (`alt` is the text shown when the image cannot be).
  public mutating func image(alt: String, path: String) {
    block("![" + Self.escapeText(Self.oneLine(alt), atLineStart: false) + "](" + Self.escapeDestination(path) + ")")
  }

  /// Adds a paragraph holding one link.
  public mutating func link(_ label: String, to destination: String) {
    block(Self.linkText(label, to: destination))
  }

  /// Adds Markdown written elsewhere, as is (the caller vouches for it).
  public mutating func raw(_ markdown: String) {
    block(markdown)
  }

  /// The inline Markdown of a link, for use inside bullets built by the caller with ``raw(_:)``.
  public static func linkText(_ label: String, to destination: String) -> String {
    "[" + escapeText(oneLine(label), atLineStart: false) + "](" + escapeDestination(destination) + ")"
  }

  private mutating func block(_ markdown: String) {
    guard !markdown.isEmpty else { return }
    if !text.isEmpty { text += "\n" }
    text += markdown + "\n"
  }

  // MARK: Escaping

  /// The Markdown of `text` on one line: its plain text escaped, its bold and code spans as markup.
  ///
  /// `atLineStart` escapes a block marker at the very start (`# x`, `1. x`), as a paragraph or
  /// bullet item needs.
  public static func inlineMarkdown(_ text: InlineText, atLineStart: Bool = false) -> String {
    var out = ""
    for (index, span) in text.spans.enumerated() {
      switch span {
      case .text(let content):
        out += escapeText(oneLine(content), atLineStart: atLineStart && index == 0)
      case .strong(let content):
        // Emphasis must not open or close next to a space: keep the spaces outside the `**`.
        let line = oneLine(content)
        let core = line.trimmingSpaces()
        guard !core.isEmpty else {
          out += escapeText(line, atLineStart: false)
          continue
        }
        out += String(repeating: " ", count: line.leadingSpaceCount)
        out += "**" + escapeText(core, atLineStart: false) + "**"
        out += String(repeating: " ", count: line.trailingSpaceCount)
      case .code(let content):
        out += codeSpan(oneLine(content))
      }
    }
    return out
  }

  /// A code span holding `content` literally: fenced by one backtick more than its longest run
  /// of backticks, and padded with a space when it starts or ends with one.
  static func codeSpan(_ content: String) -> String {
    let content = TerminalText.neutralized(content, controls: .spaces)
    var longest = 0
    var run = 0
    for byte in content.utf8 {
      run = byte == UInt8(ascii: "`") ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let needsPadding =
      content.hasPrefix("`") || content.hasSuffix("`")
      || (content.hasPrefix(" ") && content.hasSuffix(" ") && content.contains { $0 != " " })
    let padding = needsPadding ? " " : ""
    return fence + padding + content + padding + fence
  }

  /// Escapes text for a paragraph: Markdown-active characters, HTML, and line-start markers.
  public static func escapeText(_ text: String, atLineStart: Bool = true) -> String {
    escape(Array(text.utf8), isCell: false, checksLineStart: atLineStart)
  }

  /// Escapes text for a table cell: as ``escapeText(_:atLineStart:)`` plus `|`, and newlines as `<br>`.
  public static func escapeCell(_ text: String) -> String {
    escape(Array(text.utf8), isCell: true, checksLineStart: false)
  }

  /// Percent-encodes the characters that would end or break a link destination.
  public static func escapeDestination(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00...0x1F, 0x7F:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      default:
        out.unicodeScalars.append(Unicode.Scalar(byte))
        if byte >= 0x80 { return percentEncodedNonASCII(path) }
      }
    }
    return out
  }

  private static func percentEncodedNonASCII(_ path: String) -> String {
    var bytes: [UInt8] = []
    for byte in path.utf8 {
      let isSafe =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "_")
      if isSafe {
        bytes.append(byte)
      } else {
        bytes.append(contentsOf: Array(("%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)).utf8))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func oneLine(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
    var bytes: [UInt8] = []
    var lastWasBreak = false
    for byte in text.utf8 {
      if byte == 0x0A || byte == 0x0D {
        if !lastWasBreak { bytes.append(UInt8(ascii: " ")) }
        lastWasBreak = true
      } else {
        bytes.append(byte)
        lastWasBreak = false
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
  }

  private static func escape(_ bytes: [UInt8], isCell: Bool, checksLineStart: Bool) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 8)
    var lineStart = checksLineStart
    var index = 0
    func append(_ string: StaticString) {
      string.withUTF8Buffer { out.append(contentsOf: $0) }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if lineStart {
        // Up to three spaces may precede a block marker.
        if byte == UInt8(ascii: " ") {
          out.append(byte)
          index += 1
          continue
        }
        lineStart = false
        switch byte {
        case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
          out.append(UInt8(ascii: "\\"))
          out.append(byte)
          index += 1
          continue
        case 0x30...0x39:
          // "2026. A year" or "1) item" would start an ordered list.
          var end = index
          while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
          if end < bytes.count, end - index <= 9, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")") {
            out.append(contentsOf: bytes[index..<end])
            out.append(UInt8(ascii: "\\"))
            out.append(bytes[end])
            index = end + 1
            continue
          }
        default: break
        }
      }
      switch byte {
      case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "]"),
        UInt8(ascii: "~"), UInt8(ascii: "$"):
        // `$` because GitHub renders `$...$` as math.
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case UInt8(ascii: "_"):
        let before = index > 0 ? bytes[index - 1] : 0x20
        let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
        if !(isAlphanumeric(before) && isAlphanumeric(after)) { out.append(UInt8(ascii: "\\")) }
        out.append(byte)
      case UInt8(ascii: "<"): append("&lt;")
      case UInt8(ascii: ">"): append("&gt;")
      case UInt8(ascii: "&"): append("&amp;")
      case UInt8(ascii: "|") where isCell: append("\\|")
      case 0x0D where isCell:
        append("<br>")
        if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
      case 0x0A where isCell: append("<br>")
      case 0x0A:
        out.append(byte)
        lineStart = true
      case 0x00...0x08, 0x0B...0x1F, 0x7F:
        // Terminal controls from the data (`ESC[2J` in an account name) are written out, never
        // obeyed by `cat at_risk.md`: `\u{1B}`, whose backslash Markdown leaves as it is.
        appendEscaped(UInt32(byte), to: &out)
      case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
        // A C1 control (U+0080–U+009F; U+009B starts an escape sequence on some terminals).
        appendEscaped(UInt32(bytes[index + 1]), to: &out)
        index += 1
      case 0xE2 where index + 2 < bytes.count && isBidiControl(bytes[index + 1], bytes[index + 2]):
        // A bidirectional control would reorder what follows it.
        appendEscaped(scalarU2000(bytes[index + 1], bytes[index + 2]), to: &out)
        index += 2
      default:
        out.append(byte)
      }
      index += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The scalar whose UTF-8 is `E2 second third` (U+2000–U+2FFF).
  private static func scalarU2000(_ second: UInt8, _ third: UInt8) -> UInt32 {
    0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
  }

  /// Whether `E2 second third` is a bidirectional control, as the terminal's output judges it
  /// (`DisplayWidth.isBidiControl`).
  private static func isBidiControl(_ second: UInt8, _ third: UInt8) -> Bool {
    Unicode.Scalar(scalarU2000(second, third)).map(DisplayWidth.isBidiControl) ?? false
  }

  /// Appends `\u{1B}` as `at-risk` shows it (`TerminalText.escape`).
  private static func appendEscaped(_ value: UInt32, to out: inout [UInt8]) {
    guard let scalar = Unicode.Scalar(value) else { return }
    out.append(contentsOf: Array(TerminalText.escape(scalar).utf8))
  }
}

extension String {
  fileprivate var leadingSpaceCount: Int { utf8.prefix { $0 == UInt8(ascii: " ") }.count }

  fileprivate var trailingSpaceCount: Int { utf8.reversed().prefix { $0 == UInt8(ascii: " ") }.count }

  /// The string without its leading and trailing spaces.
  fileprivate func trimmingSpaces() -> String {
    let bytes = Array(utf8)
    let start = leadingSpaceCount
    guard start < bytes.count else { return "" }
    return String(decoding: bytes[start..<(bytes.count - trailingSpaceCount)], as: UTF8.self)
  }
}
