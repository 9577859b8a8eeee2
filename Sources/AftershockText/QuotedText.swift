/// Quoted e-mail text, as in a ticket made from a reply, found at the start of a line.
enum QuotedText {
  /// Where tokenizing goes on at `i`, the start of a line (0, or just after a line break) of the
  /// text `p[0..<n]`. A quoted line ("> ...") is skipped to its line break. A reply header ends
  /// the writer's own words, the rest being the message replied to (returns `n`): "On <date>,
  /// <name> wrote:" and its German, French, Spanish and Dutch forms ("Am ... schrieb ...:", "Le
  /// ... a écrit :", "El ... escribió:", "Op ... schreef ...:"), over one or two lines;
  /// "-----Original Message-----"; Outlook's "From: ..." over "Sent: ...". So does the signature
  /// delimiter, "-- " alone on a line. Most lines cost a call and one compare of their first byte.
  @inline(never)
  static func lineStart(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    guard i < n, mayStart(p[i]) else { return i }
    let text = ByteText(p: p, n: n)
    // The prefixes first, against the text's end: the line's end is looked for only after one.
    if p[i] == UInt8(ascii: ">") { return text.lineEnd(i) }
    if text.matches(at: i, "-----") {
      return text.contains(i, text.lineEnd(i), "original message") ? n : i
    }
    // The signature delimiter: a name, a title and often a legal disclaimer ("received in
    // error ... prohibited") follow.
    if text.matches(at: i, "--") && text.trimmedEnd(i, text.lineEnd(i)) == i + 2 { return n }
    if text.matches(at: i, "From:") {
      return text.matches(at: text.lineEnd(i) + 1, "Sent:") ? n : i
    }
    guard text.matches(at: i, "On ") || text.matches(at: i, "Am ") || text.matches(at: i, "Le ")
      || text.matches(at: i, "El ") || text.matches(at: i, "Op ")
    else { return i }
    let end = text.lineEnd(i)
    if endsReplyHeader(text, i, text.trimmedEnd(i, end)) { return n }
    // A header wrapped onto a second line ("On Mon, 4 Nov 2024, Support <" / "support@x.com> wrote:").
    let next = end + 1
    return next < n && endsReplyHeader(text, next, text.trimmedEnd(next, text.lineEnd(next))) ? n : i
  }

  /// Whether a line starting with `c` may be quoted text: '>', '-', and the capitals that start a
  /// header, O(n), A(m), L(e), E(l), F(rom).
  @inline(__always)
  static func mayStart(_ c: UInt8) -> Bool {
    c == 0x3E || c == 0x2D || c == 0x4F || c == 0x41 || c == 0x4C || c == 0x45 || c == 0x46
  }

  /// Whether the line `start..<end` ends as a reply header does: "... wrote:", "... a écrit :",
  /// "... escribió:", or German and Dutch "... schrieb Name <address>:", "... schreef ...:".
  private static func endsReplyHeader(_ text: ByteText, _ start: Int, _ end: Int) -> Bool {
    if text.hasSuffix(start, end, ":"), text.contains(start, end, " schrieb ") || text.contains(start, end, " schreef ") {
      return true
    }
    return text.hasSuffix(start, end, "wrote:") || text.hasSuffix(start, end, "écrit :")
      || text.hasSuffix(start, end, "écrit:") || text.hasSuffix(start, end, "escribió:")
  }
}
