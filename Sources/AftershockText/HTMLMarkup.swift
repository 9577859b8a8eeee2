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

  /// Block-level tags: they end a sentence.
  private static let blockTags: Set<String> = [
    "p", "br", "div", "li", "ul", "ol", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "pre", "section", "article", "header", "footer", "body", "html", "center", "dl", "dt", "dd",
    "title", "meta", "o:p",
  ]
  /// Inline tags: skipped without a break.
  private static let inlineTags: Set<String> = [
    "b", "i", "u", "s", "em", "strong", "span", "a", "font", "small", "big", "sup", "sub", "code", "img", "abbr",
    "mark", "del", "ins", "strike", "tt", "label", "wbr",
  ]
  /// Tags whose content is skipped with them (up to the closing tag).
  private static let skippedTags: Set<String> = ["style", "script", "head", "blockquote"]

  /// The tag starting with the `<` at `i` in `p[0..<n]`, or nil when it is not a known tag.
  static func tag(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Tag? {
    var j = i + 1
    let closing = j < n && p[j] == UInt8(ascii: "/")
    if closing { j += 1 }
    let nameStart = j
    while j < n, j - nameStart < 12, isNameByte(p[j]) { j += 1 }
    guard j > nameStart, j < n else { return nil }
    let after = p[j]
    guard after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || after == 0x09 || after == 0x0A
      || after == 0x0D
    else { return nil }
    var name = ""
    for k in nameStart..<j { name.unicodeScalars.append(Unicode.Scalar(p[k] | (p[k] &- 0x41 < 26 ? 0x20 : 0))) }
    let isBlock = blockTags.contains(name)
    let isSkipped = skippedTags.contains(name)
    guard isBlock || isSkipped || inlineTags.contains(name) else { return nil }
    // The tag's end: the next '>' (attributes may hold anything but '<' and '>' here).
    var end = j
    while end < n, p[end] != UInt8(ascii: ">"), p[end] != UInt8(ascii: "<"), end - i < 2048 { end += 1 }
    guard end < n, p[end] == UInt8(ascii: ">") else { return nil }
    end += 1
    if isSkipped && !closing {
      // Skip the content with the tag, to its closing tag (or the end of the text).
      return .block(end: closingTagEnd(p, n, from: end, name: name))
    }
    return isBlock || isSkipped ? .block(end: end) : .inline(end: end)
  }

  /// The end of `</name>` at or after `from`, or `n`.
  private static func closingTagEnd(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int, name: String) -> Int {
    let needle = Array(("</" + name).utf8)
    var j = from
    while j + needle.count < n {
      if p[j] == UInt8(ascii: "<") {
        var same = true
        for k in 1..<needle.count where p[j + k] | (p[j + k] &- 0x41 < 26 ? 0x20 : 0) != needle[k] {
          same = false
          break
        }
        if same {
          var end = j + needle.count
          while end < n, p[end] != UInt8(ascii: ">") { end += 1 }
          return min(n, end + 1)
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
      while j < n, j - start < 32, (p[j] | 0x20) &- UInt8(ascii: "a") < 26 || (j > start && p[j] &- UInt8(ascii: "0") < 10) {
        j += 1
      }
      guard j > start else { return nil }
    }
    return j < n && p[j] == UInt8(ascii: ";") ? j + 1 : nil
  }

  /// The length of an apostrophe entity at `i` (`&#39;`, `&#x27;`, `&apos;`, `&rsquo;`,
  /// `&#8217;`), or 0.
  static func apostropheEntityLength(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    for entity: StaticString in ["&#39;", "&#x27;", "&apos;", "&rsquo;", "&#8217;"] {
      let count = entity.utf8CodeUnitCount
      guard i + count <= n else { continue }
      var same = true
      for k in 0..<count where p[i + k] | (p[i + k] &- 0x41 < 26 ? 0x20 : 0) != entity.utf8Start[k] {
        same = false
        break
      }
      if same { return count }
    }
    return 0
  }
}

/// Text as a reader should see it in a report or an evidence column: HTML markup removed (block
/// tags become line breaks, entities decoded) and, like the analysis, quoted mail and a signature
/// left out. Text without `<`, `&`, `>` or a line break is returned as is.
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
