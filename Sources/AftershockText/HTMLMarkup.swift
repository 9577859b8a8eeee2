/// HTML in a ticket body (help desks' HTML descriptions, e-mail sent as HTML), recognised at the
/// byte level so the words between the markup are scored as plain text with their byte ranges in
/// the original: known tags are skipped (block tags end a sentence, as a line break does), the
/// content of `<style>`, `<script>`, `<head>` and `<blockquote>` (quoted mail) is skipped with
/// them, entities are skipped, and an apostrophe entity inside a word (`didn&#39;t`) is an
/// apostrophe. Only known tag names count, so `<support@vendor.com>` or `a <b` are not markup.
enum HTMLMarkup {
  /// What a `<` at some index starts.
  enum Tag {
    /// An inline tag (`<b>`, `</span>`, `<a href=...>`), ending before `end`.
    case inline(end: Int)
    /// A block tag (`<p>`, `<br/>`, `</div>`, `<li>`): a sentence ends here.
    case block(end: Int)
  }

  /// How a known tag is treated.
  private enum Kind: UInt8 {
    case inline
    case block
    /// Its content is skipped with it, to the closing tag.
    case skipped
  }

  /// A tag name of up to 16 bytes, lower-cased and packed into two words (no allocation per tag).
  private struct Name: Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init(_ text: String) {
      for (k, b) in text.utf8.prefix(16).enumerated() { self.set(k, b) }
    }

    init(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
      for k in 0..<min(16, end - start) { set(k, ByteText.lowered(p[start + k])) }
    }

    private mutating func set(_ k: Int, _ b: UInt8) {
      if k < 8 { low |= UInt64(b) << UInt64(8 * k) } else { high |= UInt64(b) << UInt64(8 * (k - 8)) }
    }
  }

  /// The known tags: block tags end a sentence, inline ones are skipped without a break, and the
  /// content of the skipped ones goes with them.
  private static let known: [(name: Name, kind: Kind)] = {
    let block = [
      "p", "br", "div", "li", "ul", "ol", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4",
      "h5", "h6", "hr", "pre", "section", "article", "header", "footer", "body", "html", "center", "dl", "dt", "dd",
      "title", "meta", "o:p",
    ]
    let inline = [
      "b", "i", "u", "s", "em", "strong", "span", "a", "font", "small", "big", "sup", "sub", "code", "img", "abbr",
      "mark", "del", "ins", "strike", "tt", "label", "wbr",
    ]
    let skipped = ["style", "script", "head", "blockquote"]
    return block.map { (Name($0), Kind.block) } + inline.map { (Name($0), Kind.inline) }
      + skipped.map { (Name($0), Kind.skipped) }
  }()

  /// The tag starting with the `<` at `i` in `p[0..<n]`, or nil when it is not a known tag.
  static func tag(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Tag? {
    var j = i + 1
    let closing = j < n && p[j] == UInt8(ascii: "/")
    if closing { j += 1 }
    let nameStart = j
    while j < n, j - nameStart < 12, isNameByte(p[j]) { j += 1 }
    guard j > nameStart, j < n else { return nil }
    let after = p[j]
    guard
      after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || after == 0x09 || after == 0x0A
        || after == 0x0D
    else { return nil }
    let name = Name(p, nameStart, j)
    guard let kind = known.first(where: { $0.name == name })?.kind else { return nil }
    // The tag's end: the next '>' (attributes may hold anything but '<' and '>' here).
    var end = j
    while end < n, p[end] != UInt8(ascii: ">"), p[end] != UInt8(ascii: "<"), end - i < 2048 { end += 1 }
    guard end < n, p[end] == UInt8(ascii: ">") else { return nil }
    end += 1
    switch kind {
    case .inline: return .inline(end: end)
    case .block: return .block(end: end)
    case .skipped:
      // The content goes with the tag, to its closing tag (or the end of the text).
      return .block(end: closing ? end : closingTagEnd(p, n, from: end, name: name))
    }
  }

  /// Whether the `<` at `i` starts a known block tag (or a skipped one): one that ends a line,
  /// as an inline tag (`<b>`, `</span>`) does not.
  static func isBlockTag(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Bool {
    if case .block = tag(p, n, i) { return true }
    return false
  }

  /// Whether the `<` or `&` at `i` starts markup: a known tag or a character entity. An emoticon
  /// read from a colon stops before it (`Host:</b>` is no `:<`, `Host:&#160;` no `:&`).
  static func startsMarkup(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Bool {
    p[i] == UInt8(ascii: "<") ? tag(p, n, i) != nil : p[i] == UInt8(ascii: "&") && entityEnd(p, n, i) != nil
  }

  /// The end of the markup from `i` on: known tags (inline or block), non-breaking space
  /// entities (`&nbsp;`, `&#160;`, `&#xa0;`) and white space between them, as in
  /// `<br>\n<b>Sent:</b>` before the word it leaves `i` at; `i` when no markup starts there.
  static func markupEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    let text = ByteText(p: p, n: n)
    var j = i
    while j < n {
      switch p[j] {
      case 32, 9, 10, 13:
        j += 1
      case UInt8(ascii: "<"):
        switch tag(p, n, j) {
        case .inline(let end), .block(let end): j = end
        case nil: return j
        }
      case UInt8(ascii: "&"):
        if text.matches(at: j, "&nbsp;", ignoringCase: true) {
          j += 6
        } else if text.matches(at: j, "&#160;") {
          j += 6
        } else if text.matches(at: j, "&#xa0;", ignoringCase: true) {
          j += 6
        } else {
          return j
        }
      default:
        return j
      }
    }
    return j
  }

  /// The end of the closing tag `</name ...>` at or after `from`, or `n`.
  private static func closingTagEnd(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int, name: Name) -> Int {
    var j = from
    while j + 2 < n {
      if p[j] == UInt8(ascii: "<"), p[j + 1] == UInt8(ascii: "/") {
        var k = j + 2
        while k < n, k - (j + 2) < 12, isNameByte(p[k]) { k += 1 }
        if Name(p, j + 2, k) == name {
          while k < n, p[k] != UInt8(ascii: ">") { k += 1 }
          return min(n, k + 1)
        }
      }
      j += 1
    }
    return n
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: ":")
  }

  /// The end of the character entity starting with the `&` at `i` (`&amp;`, `&#39;`, `&#x27;`),
  /// or nil.
  static func entityEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int? {
    var j = i + 1
    guard j < n else { return nil }
    if p[j] == UInt8(ascii: "#") {
      j += 1
      let hex = j < n && (p[j] | 0x20) == UInt8(ascii: "x")
      if hex { j += 1 }
      let start = j
      while j < n, j - start < 7,
        p[j] &- UInt8(ascii: "0") < 10 || (hex && (p[j] | 0x20) &- UInt8(ascii: "a") < 6)
      {
        j += 1
      }
      guard j > start else { return nil }
    } else {
      let start = j
      while j < n, j - start < 32,
        (p[j] | 0x20) &- UInt8(ascii: "a") < 26 || (j > start && p[j] &- UInt8(ascii: "0") < 10)
      {
        j += 1
      }
      guard j > start else { return nil }
    }
    return j < n && p[j] == UInt8(ascii: ";") ? j + 1 : nil
  }

  /// The length of an apostrophe entity at `i` (`&#39;`, `&#x27;`, `&apos;`, `&rsquo;`,
  /// `&#8217;`), or 0.
  static func apostropheEntityLength(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    let text = ByteText(p: p, n: n)
    for entity: StaticString in ["&#39;", "&#x27;", "&apos;", "&rsquo;", "&#8217;"]
    where text.matches(at: i, entity, ignoringCase: true) {
      return entity.utf8CodeUnitCount
    }
    return 0
  }

  /// Quote marks written as entities: `&quot;`, `&#34;`, `&#x22;`, curly quotes by name and by
  /// number, and the apostrophe's (an HTML export's `Love the &quot;apology&quot; voucher` is
  /// the same scare quote as plain text's: an outside audit found it read as praise).
  static let quoteEntities: [StaticString] = [
    "&quot;", "&#34;", "&#x22;", "&ldquo;", "&rdquo;", "&lsquo;", "&rsquo;", "&#8220;", "&#8221;", "&#8216;",
    "&#8217;", "&apos;", "&#39;", "&#x27;",
  ]

  /// The length of a quote-mark entity (`quoteEntities`) starting at `i` (before `n`), or 0.
  static func quoteEntityLength(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Int {
    guard i < n, p[i] == UInt8(ascii: "&") else { return 0 }
    let text = ByteText(p: p, n: n)
    for entity in quoteEntities where text.matches(at: i, entity, ignoringCase: true) {
      return entity.utf8CodeUnitCount
    }
    return 0
  }

  /// The length of a quote-mark entity ending right before byte `i`, or 0.
  static func quoteEntityLength(_ p: UnsafePointer<UInt8>, endingAt i: Int) -> Int {
    guard i >= 5, p[i - 1] == UInt8(ascii: ";") else { return 0 }
    for entity in quoteEntities {
      let length = entity.utf8CodeUnitCount
      if i >= length && ByteText(p: p, n: i).matches(at: i - length, entity, ignoringCase: true) { return length }
    }
    return 0
  }
}

/// Text as a reader should see it in a report or an evidence column: HTML markup removed (block
/// tags become line breaks, entities decoded) and, like the analysis, quoted mail and a signature
/// left out. Text without `<`, `&`, `>`, `-` or a line break is returned as is.
public enum DisplayText {
  /// `text` without markup, quoted replies or signature.
  public static func plain(_ text: String) -> String {
    var text = text
    return text.withUTF8 { buffer -> String in
      guard let base = buffer.baseAddress, !buffer.isEmpty else { return "" }
      let n = buffer.count
      guard buffer.contains(where: { $0 == 0x3C || $0 == 0x26 || $0 == 0x3E || $0 == 0x0A || $0 == 0x2D }) else {
        return String(decoding: buffer, as: UTF8.self)
      }
      var out: [UInt8] = []
      out.reserveCapacity(n)
      var i = QuotedText.lineStart(base, n, 0)
      while i < n {
        let b = base[i]
        if b == 0x0A {
          out.append(b)
          i = QuotedText.lineStart(base, n, i + 1)
          continue
        }
        if b == UInt8(ascii: "<"), let tag = HTMLMarkup.tag(base, n, i) {
          switch tag {
          case .inline(let end):
            i = end
          case .block(let end):
            out.append(0x0A)
            i = QuotedText.lineStart(base, n, end)
          }
          continue
        }
        if b == UInt8(ascii: "&"), let end = HTMLMarkup.entityEnd(base, n, i) {
          out.append(contentsOf: decodeEntity(UnsafeRawBufferPointer(start: base + i + 1, count: end - i - 2)))
          i = end
          continue
        }
        out.append(b)
        i += 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  private static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
    "ldquo": "“", "rdquo": "”", "hellip": "…", "mdash": "—", "ndash": "–", "euro": "€", "pound": "£", "copy": "©",
  ]

  /// The UTF-8 of an entity's body (`amp`, `#39`, `#x27`); nothing for an unknown one.
  private static func decodeEntity(_ body: UnsafeRawBufferPointer) -> [UInt8] {
    let name = String(decoding: body, as: UTF8.self)
    if name.hasPrefix("#") {
      let digits = name.dropFirst()
      let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return [] }
      return Array(String(Character(scalar)).utf8)
    }
    return Array((named[name.lowercased()] ?? "").utf8)
  }
}
