/// Quoted e-mail text, as in a ticket made from a reply (under a reply header or a help desk's
/// "reply above this line" marker), the vendor's turns of a chat transcript, and an e-mail's
/// legal disclaimer, found at the start of a line; and a mail system's warning opening a text.
enum QuotedText {
  /// Where tokenizing goes on at `i`, the start of a line (0, or just after a line break) of the
  /// text `p[0..<n]`. A quoted line ("> ...") is skipped to its line break. A reply header ends
  /// the writer's own words, the rest being the message replied to (returns `n`): "On <date>,
  /// <name> wrote:" and its German, French, Spanish and Dutch forms ("Am ... schrieb ...:", "Le
  /// ... a écrit :", "El ... escribió:", "Op ... schreef ...:"), over one or two lines;
  /// "-----Original Message-----", Gmail's "---------- Forwarded message ---------"; Outlook's
  /// "From: ..." over "Sent: ..." (and "Von:" over "Gesendet:", "De :" over "Envoyé :"...). So
  /// does the signature
  /// delimiter, "-- " alone on a line. A vendor's turn of a chat transcript ("Agent Sarah: ...")
  /// is skipped to its line break, with a customer's turn ("Customer: ...") within a few KB. A
  /// legal disclaimer after the first line ends the writer's words too (`opensDisclaimer`). Most
  /// lines cost a call and one compare of their first byte. In HTML, a line's markup before its
  /// first word (`<div><b>From:</b> ...`, `<p>&nbsp;On Mon ...`) is looked past
  /// (`HTMLMarkup.markupEnd`): the tokenizer asks here after a block tag and at an inline tag
  /// opening a line.
  @inline(never)
  static func lineStart(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    guard i < n else { return i }
    if p[i] == UInt8(ascii: "<") || p[i] == UInt8(ascii: "&") {
      let words = HTMLMarkup.markupEnd(p, n, i)
      guard words > i, words < n, mayStart(p[words]) || mayOpenMarkerLine(p, n, words) else { return i }
      let end = wordsStart(p, n, words)
      // Not quoted: the tokenizer goes on at the markup, which may end a sentence.
      return end == words ? i : end
    }
    guard mayStart(p[i]) || mayOpenMarkerLine(p, n, i) || (i == 0 && mayOpenBanner(p, n)) else { return i }
    return wordsStart(p, n, i)
  }

  /// `lineStart` for a line whose first byte `p[i]` is no markup.
  private static func wordsStart(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    let text = ByteText(p: p, n: n)
    if i == 0 && mayOpenBanner(p, n) {
      if let end = bannerEnd(text) { return end }
      if isAutoReply(text) { return n }
    }
    // The prefixes first, against the text's end: the line's end is looked for only after one.
    if p[i] == UInt8(ascii: ">") { return text.lineEnd(i) }
    // A help desk's reply marker ("##- Please type your reply above this line -##", "-- Reply
    // above this line --"): the ticket's history, quoted under it.
    if p[i] == UInt8(ascii: "#") || p[i] == UInt8(ascii: "-") {
      let end = text.lineEnd(i)
      if end - i <= 100 && text.contains(i, end, "above this line") { return n }
    }
    if text.matches(at: i, "-----") {
      let end = text.lineEnd(i)
      return text.contains(i, end, "original message") || text.contains(i, end, "forwarded message") ? n : i
    }
    // The signature delimiter: a name, a title and often a legal disclaimer ("received in
    // error ... prohibited") follow.
    if text.matches(at: i, "--") && text.trimmedEnd(i, text.lineEnd(i)) == i + 2 { return n }
    if text.matches(at: i, "From:") {
      return text.matches(at: text.nextLineStart(text.lineEnd(i)), "Sent:") ? n : i
    }
    // Outlook's header in German, French, Spanish or Portuguese, Italian and Dutch: the message
    // quoted under it may well be in English.
    if p[i] == UInt8(ascii: "V") || p[i] == UInt8(ascii: "D") {
      let next = text.nextLineStart(text.lineEnd(i))
      for (from, sent) in localizedOutlookHeaders where text.matches(at: i, from) && text.matches(at: next, sent) {
        return n
      }
    }
    // A chat transcript's vendor turn ("Agent: Sorry about the wait!"): the agent's apologies
    // and thanks are not the customer's. Only near a customer's turn, so a survey's "Agent:
    // rude" stays the writer's.
    if i + 1 < n && mayStartVendorTurn(p[i], p[i + 1]) && turnLabelEnd(text, i, vendorRoles) != nil
      && hasCustomerTurn(text, near: i)
    {
      return text.lineEnd(i)
    }
    if mayOpenDisclaimer(p, i) { return opensDisclaimer(text, i) ? n : i }
    guard
      text.matches(at: i, "On ") || text.matches(at: i, "Am ") || text.matches(at: i, "Le ")
        || text.matches(at: i, "El ") || text.matches(at: i, "Op ")
    else { return i }
    let end = text.lineEnd(i)
    if endsReplyHeader(text, i, text.trimmedEnd(i, end)) { return afterReplyHeader(text, i, end) }
    // A header wrapped onto a second line ("On Mon, 4 Nov 2024, Support <" / "support@x.com> wrote:").
    let next = text.nextLineStart(end)
    guard next < n else { return i }
    let nextEnd = text.lineEnd(next)
    return endsReplyHeader(text, next, text.trimmedEnd(next, nextEnd)) ? afterReplyHeader(text, i, nextEnd) : i
  }

  /// Where tokenizing goes on after a reply header starting at `i` and ending its line at `end`:
  /// at the text's end (the rest is the message replied to), unless the header opens the text
  /// and quoted lines ("> ...") follow it, when the writer answers below the quote ("On Mon,
  /// Support wrote: / > Anything else? / No, all good now. Thanks!"): then after them.
  static func afterReplyHeader(_ text: ByteText, _ i: Int, _ end: Int) -> Int {
    guard i == 0 else { return text.n }
    var j = end
    var quoted = false
    while true {
      while j < text.n && (text.p[j] == 10 || text.p[j] == 13 || text.p[j] == 32) { j += 1 }
      guard j < text.n && text.p[j] == UInt8(ascii: ">") else { break }
      quoted = true
      j = text.lineEnd(j)
    }
    return quoted ? j : text.n
  }

  /// Whether a line starting with `c` may be quoted text: '>', '-', and the capitals that start a
  /// header, O(n), A(m), L(e), E(l), F(rom), which also start a vendor's turn in a chat:
  /// A(gent), E(ngineer), O(perator). (Labels starting with other capitals, "Support:", "Rep:",
  /// would send every line starting "So", "Regards" or "The" here.)
  @inline(__always)
  static func mayStart(_ c: UInt8) -> Bool {
    c == 0x3E || c == 0x2D || c == 0x4F || c == 0x41 || c == 0x4C || c == 0x45 || c == 0x46
  }

  /// Whether the text `p[0..<n]` may open with a mail system's warning that it came from outside
  /// (`bannerEnd`) or be an automatic reply (`isAutoReply`): forty bytes or more, whose first
  /// four, lower case, start one of `bannerOpeners` ("caut", "warn", "exte", "atte", "[ext",
  /// "**ca", "**ex", "*ext", "this") or `autoReplyOpeners` ("auto", "out ", "ooo:", "i am",
  /// "i'm ", "i wi", "than"). Inline, so that most texts cost a load and a few compares, no call.
  @inline(__always)
  static func mayOpenBanner(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n >= 40 else { return false }
    switch UnsafeRawPointer(p).loadUnaligned(as: UInt32.self).littleEndian | 0x2020_2020 {
    case 0x7475_6163, 0x6E72_6177, 0x6574_7865, 0x6574_7461, 0x7478_657B, 0x6163_2A2A, 0x7865_2A2A, 0x7478_652A,
      0x7369_6874, 0x6F74_7561, 0x2074_756F, 0x3A6F_6F6F, 0x6D61_2069, 0x206D_2769, 0x6977_2069, 0x6E61_6874:
      return true
    default: return false
    }
  }

  /// How an automatic reply starts (lower case; the text's case is ignored).
  static let autoReplyOpeners: [StaticString] = [
    "automatic reply", "auto-reply", "autoreply", "auto reply", "out of office", "out of the office", "ooo:",
    "i am out of the office", "i am currently out of the office", "i'm out of the office",
    "i'm currently out of the office", "i will be out of the office", "thank you for your email. i am out of",
    "thank you for your email. i am currently out of", "thank you for your message. i am out of",
    "thank you for your message. i am currently out of",
  ]

  /// What an automatic reply says, one of which it holds within `bannerWindow` bytes.
  static let autoReplyHallmarks: [StaticString] = [
    "return", "back in the office", "back on", "limited access", "no access", "until", "urgent", "respond",
  ]

  /// Whether the text is an automatic reply ("Out of office: I am currently out of the office
  /// with limited access to email and will respond when I return."): one of `autoReplyOpeners`
  /// opens it and one of `autoReplyHallmarks` follows. Nothing in it is a reaction: its
  /// "limited" is no complaint and its "thank you" no praise; "I am out of the office today, and
  /// the outage cost us a week" is the writer's.
  static func isAutoReply(_ text: ByteText) -> Bool {
    guard autoReplyOpeners.contains(where: { text.matches(at: 0, $0, ignoringCase: true) }) else { return false }
    let window = min(text.n, bannerWindow)
    return autoReplyHallmarks.contains { text.contains(0, window, $0) }
  }

  /// How a mail system's warning may start (lower case; the text's case is ignored).
  static let bannerOpeners: [StaticString] = [
    "caution", "warning", "external", "attention", "[external", "[ext]", "**caution", "**external", "*external",
    "this email originated", "this e-mail originated", "this message originated", "this email was sent from outside",
    "this message was sent from outside",
  ]

  /// What such a warning says, one of which it holds within `bannerWindow` bytes.
  static let bannerHallmarks: [StaticString] = [
    "originated from outside", "originated outside", "recognize the sender", "recognise the sender",
    "content is safe", "sent from outside",
  ]

  /// How far into a text a warning's words are looked for.
  static let bannerWindow = 600

  /// Where the text's words start after a mail system's warning that opens it ("CAUTION: This
  /// email originated from outside of the organization. Do not click links or open attachments
  /// unless you recognize the sender and know the content is safe."): after the sentence or
  /// line holding its last hallmark; nil when the text opens with none. Its "safe" is nobody's
  /// praise and its "do not" nobody's complaint.
  static func bannerEnd(_ text: ByteText) -> Int? {
    guard bannerOpeners.contains(where: { text.matches(at: 0, $0, ignoringCase: true) }) else { return nil }
    let window = min(text.n, bannerWindow)
    var last = -1
    for j in 0..<window {
      // Each hallmark starts with one of these letters.
      switch ByteText.lowered(text.p[j]) {
      case UInt8(ascii: "o"), UInt8(ascii: "r"), UInt8(ascii: "c"), UInt8(ascii: "s"):
        for h in bannerHallmarks where text.matches(at: j, h, ignoringCase: true, limit: window) {
          last = j + h.utf8CodeUnitCount
        }
      default: continue
      }
    }
    guard last >= 0 else { return nil }
    var end = last
    while end < text.n && text.p[end] != UInt8(ascii: ".") && text.p[end] != UInt8(ascii: "!")
      && text.p[end] != 10 && text.p[end] != 13
    {
      end += 1
    }
    return min(text.n, end + 1)
  }

  /// Whether the line at `i` of `p[0..<n]` (after a line break) may be a help desk's reply
  /// marker, "##" opening it, a localized Outlook header ("Von:", "De :", "Da:", "Van:"), or open
  /// a legal disclaimer (`mayOpenDisclaimer`): the lines `mayStart` does not let through that
  /// `lineStart` reads.
  @inline(__always)
  static func mayOpenMarkerLine(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Bool {
    (p[i] == UInt8(ascii: "#") && i &+ 1 < n && p[i &+ 1] == UInt8(ascii: "#"))
      || ((p[i] == UInt8(ascii: "V") || p[i] == UInt8(ascii: "D")) && i &+ 3 < n
        && (p[i &+ 2] == UInt8(ascii: ":") || p[i &+ 3] == UInt8(ascii: ":")))
      || mayOpenDisclaimer(p, i)
  }

  /// Outlook's "From:" and "Sent:" header lines in German, French, Spanish or Portuguese,
  /// Italian and Dutch.
  static let localizedOutlookHeaders: [(StaticString, StaticString)] = [
    ("Von:", "Gesendet:"), ("De :", "Envoyé :"), ("De:", "Envoyé"), ("De:", "Enviado"), ("Da:", "Inviato:"),
    ("Van:", "Verzonden:"),
  ]

  /// Whether the line at `i` (after a line break) may open an e-mail's legal disclaimer: it
  /// starts a paragraph (a blank line or a rule of underscores before it, as mail programs set
  /// a disclaimer off) with T(his), C(onfidential), D(isclaimer), I(f), N(otice) or
  /// P(rivileged), in capitals or not. Lines within a paragraph cost two compares.
  @inline(__always)
  static func mayOpenDisclaimer(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
    guard i >= 2 else { return false }
    var before = p[i &- 2]
    if before == 13 && p[i &- 1] == 10 && i >= 3 { before = p[i &- 3] }
    guard before == 10 || before == 13 || before == UInt8(ascii: "_") else { return false }
    switch p[i] | 0x20 {
    case 0x74, 0x63, 0x64, 0x69, 0x6E, 0x70: return true
    default: return false
    }
  }

  /// How a disclaimer's line may start (lower case; the text's case is ignored).
  static let disclaimerOpeners: [StaticString] = [
    "this e-mail", "this email", "this message", "this communication", "this transmission",
    "the information contained", "the information in this", "the contents of this", "confidential", "disclaimer",
    "important notice", "important:", "notice:", "legal notice", "privileged", "if you are not the intended",
    "if you have received this", "if you received this", "please consider the environment", "please think",
    "think before you print",
  ]

  /// Words that only a legal disclaimer (or the plea not to print the e-mail that often goes with
  /// one) uses, one of which its text from the opener on holds: without one, a line such as "This
  /// email is to confirm we will not renew." is the writer's.
  static let disclaimerHallmarks: [StaticString] = [
    "intended recipient", "strictly prohibited", "confidentiality notice", "legally privileged",
    "privileged and confidential", "confidential and privileged", "may be privileged", "notify the sender",
    "named addressee", "the addressee", "before printing", "before you print",
  ]

  /// Whether the line at `i` opens an e-mail's legal disclaimer ("CONFIDENTIALITY NOTICE: This
  /// email and any attachments are confidential...", "This e-mail and any files transmitted with
  /// it...", "If you are not the intended recipient..."): one of `disclaimerOpeners`, with one of
  /// `disclaimerHallmarks` within `disclaimerWindow` bytes from there. Its "please notify",
  /// "privileged" and "prohibited" are nobody's reaction, and its "please" would make the text a
  /// request.
  static func opensDisclaimer(_ text: ByteText, _ i: Int) -> Bool {
    guard disclaimerOpeners.contains(where: { text.matches(at: i, $0, ignoringCase: true) }) else { return false }
    let end = min(text.n, i + disclaimerWindow)
    return disclaimerHallmarks.contains { text.contains(i, end, $0) }
  }

  /// How far from its first line a disclaimer's hallmark is looked for: the longest run to a
  /// couple of thousand bytes, and a long thread under a line that only opens like one is not
  /// read through ten times.
  static let disclaimerWindow = 3000

  /// Whether a line starting with bytes `a`, `b` may open a vendor's turn: the first two letters
  /// of one of `vendorRoles` (most lines starting with those capitals are sentences: "The", "So").
  @inline(__always)
  static func mayStartVendorTurn(_ a: UInt8, _ b: UInt8) -> Bool {
    switch UInt16(a) << 8 | UInt16(b) {
    case 0x4167, 0x4164, 0x4173, 0x456E, 0x4F70: return true  // Ag Ad As En Op
    default: return false
    }
  }

  /// The labels of the vendor's side of a chat transcript, at a line's start.
  static let vendorRoles: [StaticString] = ["Agent", "Advisor", "Adviser", "Assistant", "Engineer", "Operator"]
  /// The labels of the customer's side.
  static let customerRoles: [StaticString] = ["Customer", "Client", "Visitor", "User", "Caller", "Guest", "Me"]

  /// The index after the ':' of a turn label at `i` with one of `roles`: "Agent:", "Agent Sarah:",
  /// "Agent Sarah Lee:", "Agent (Sentravia):"; nil for anything else ("Agent was rude: ...").
  static func turnLabelEnd(_ text: ByteText, _ i: Int, _ roles: [StaticString]) -> Int? {
    for role in roles where text.matches(at: i, role) {
      var j = i + role.utf8CodeUnitCount
      if j < text.n && text.p[j] == UInt8(ascii: "(")
        || (j + 1 < text.n && text.p[j] == 32 && text.p[j + 1] == UInt8(ascii: "("))
      {
        // "Agent (Sentravia):"
        var k = j
        while k < text.n && k - j < 40 && text.p[k] != UInt8(ascii: ")") && text.p[k] != 10 { k += 1 }
        guard k < text.n && text.p[k] == UInt8(ascii: ")") else { return nil }
        j = k + 1
      } else {
        // Up to two capitalised names: "Agent Sarah Lee:".
        var names = 0
        while names < 2 && j + 1 < text.n && text.p[j] == 32 && text.p[j + 1] &- 0x41 < 26 {
          j += 2
          while j < text.n && (ByteText.lowered(text.p[j]) &- 0x61 < 26 || text.p[j] == UInt8(ascii: ".")) { j += 1 }
          names += 1
        }
      }
      if j < text.n && text.p[j] == UInt8(ascii: ":") { return j + 1 }
    }
    return nil
  }

  /// How far from a vendor's turn a customer's is looked for: `customerTurnWindow` bytes either
  /// side. A look over the whole text per vendor turn would make a long transcript quadratic; a
  /// transcript's turns alternate within far less.
  static let customerTurnWindow = 4096

  /// Whether a line starting within `customerTurnWindow` bytes of `i` opens with a customer's
  /// turn label ("Customer:", "Visitor:").
  static func hasCustomerTurn(_ text: ByteText, near i: Int) -> Bool {
    // The first line start at or after the window's start.
    var j = max(0, i - customerTurnWindow)
    if j > 0 {
      while j < i && text.p[j - 1] != 10 { j += 1 }
    }
    let limit = min(text.n, i + customerTurnWindow)
    while j < limit {
      if turnLabelEnd(text, j, customerRoles) != nil { return true }
      j = text.lineEnd(j) + 1
    }
    return false
  }

  /// Whether the line `start..<end` ends as a reply header does: "... wrote:", "... a écrit :",
  /// "... escribió:", or German and Dutch "... schrieb Name <address>:", "... schreef ...:".
  private static func endsReplyHeader(_ text: ByteText, _ start: Int, _ end: Int) -> Bool {
    if text.hasSuffix(start, end, ":"), text.contains(start, end, " schrieb ") || text.contains(start, end, " schreef ")
    {
      return true
    }
    return text.hasSuffix(start, end, "wrote:") || text.hasSuffix(start, end, "écrit :")
      || text.hasSuffix(start, end, "écrit:") || text.hasSuffix(start, end, "escribió:")
  }
}
