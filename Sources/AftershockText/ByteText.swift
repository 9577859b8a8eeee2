/// Read-only helpers over the bytes of one text, `p[0..<n]`, for the markup and quoted-mail
/// checks: line ends and ASCII comparisons without building a String.
struct ByteText {
  let p: UnsafePointer<UInt8>
  let n: Int

  /// An ASCII capital made lower case; any other byte as is.
  @inline(__always)
  static func lowered(_ b: UInt8) -> UInt8 { b | (b &- 0x41 < 26 ? 0x20 : 0) }

  /// Whether the bytes at `i` are `s` (with `ignoringCase`, the text's ASCII capitals count as
  /// lower case; `s` is written in lower case), all before `limit` (the text's end by default).
  func matches(at i: Int, _ s: StaticString, ignoringCase: Bool = false, limit: Int? = nil) -> Bool {
    let count = s.utf8CodeUnitCount
    guard i >= 0, i + count <= (limit ?? n) else { return false }
    for k in 0..<count {
      let b = ignoringCase ? Self.lowered(p[i + k]) : p[i + k]
      if b != s.utf8Start[k] { return false }
    }
    return true
  }

  /// Whether `p[start..<end]` holds `needle` (lower case) anywhere, ignoring ASCII case.
  func contains(_ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
    let count = needle.utf8CodeUnitCount
    guard end - start >= count else { return false }
    for j in start...(end - count) where matches(at: j, needle, ignoringCase: true, limit: end) { return true }
    return false
  }

  /// Whether `p[start..<end]` ends with `suffix` (exact bytes).
  func hasSuffix(_ start: Int, _ end: Int, _ suffix: StaticString) -> Bool {
    end - suffix.utf8CodeUnitCount >= start && matches(at: end - suffix.utf8CodeUnitCount, suffix, limit: end)
  }

  /// The index of the line break ending the line at `i` (or `n`); in HTML, a block tag ends it
  /// too (`On ... wrote:<br>`, `From: Support</p>`), an inline one does not (`<b>From:</b>
  /// Support`: the label's `</b>` is markup only), nor the address in `Support
  /// <support@x.com> wrote:`.
  func lineEnd(_ i: Int) -> Int {
    var j = i
    while j < n && p[j] != 10 && p[j] != 13 {
      if p[j] == UInt8(ascii: "<"), HTMLMarkup.isBlockTag(p, n, j) { return j }
      j += 1
    }
    return j
  }

  /// Where the line after the one `lineEnd` ended at `end` starts: after its line break and, in
  /// HTML, after the markup before its first word (`<br><b>Sent:</b>`, `</p>\n<p>Sent:`,
  /// `&nbsp;`: `HTMLMarkup.markupEnd`). Plain text's next line starts just after the break.
  func nextLineStart(_ end: Int) -> Int {
    var j = end
    // A CRLF ending is one line break: stepping over the CR alone landed on the LF, and a reply
    // header in a CRLF text ("From: ...\r\nSent: ...") went unseen.
    if j < n && p[j] == 13 { j += 1 }
    if j < n && p[j] == 10 && (j == end || p[j - 1] == 13) { j += 1 }
    guard j < n, p[j] == UInt8(ascii: "<") || p[j] == UInt8(ascii: "&") else { return j }
    return HTMLMarkup.markupEnd(p, n, j)
  }

  /// `end` moved back over trailing spaces and tabs (not before `start`).
  func trimmedEnd(_ start: Int, _ end: Int) -> Int {
    var e = end
    while e > start && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
    return e
  }
}
