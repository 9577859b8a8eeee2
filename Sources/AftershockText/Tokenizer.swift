/// A tokenizer over UTF-8 bytes that writes byte ranges, kinds and flags into a reused
/// `TokenBuffer`: words (any script, with apostrophes), numbers and money, emoji (with
/// skin tones and ZWJ sequences as one token), emoticons, split CamelCase hashtags, masked
/// URLs / e-mail addresses / @handles, `!`/`?` emphasis runs, clause breaks and sentences.
///
/// Nothing is allocated per token: folded (lower-cased) bytes go into one buffer. ASCII
/// words, the common case, are scanned, folded, hashed and looked up eight bytes at a time
/// (SWAR): with a word table, each scorable token leaves the tokenizer with its lexicon entry.
///
/// The fixed cost of a text is kept small (the analyzer runs once per text, and texts are
/// short): the tokenizer holds its byte tables and its tables' look-ups by pointer, so a text
/// pays no lazy-global check and copies no look-up into the scanner's state.
package struct Tokenizer: @unchecked Sendable {
  /// Folded emoticons recognised when a run of punctuation is met (from the lexicon).
  let emoticons: FrozenByteKeyTable?
  /// The lexicon's words: when present, scorable tokens get their entry id while scanned.
  let words: FrozenByteKeyTable?
  /// `words`' memory (or an empty table's), which the scan holds with no reference counting:
  /// one pointer to the table's `Lookup` (read-only memory the table owns, or a static's).
  let wordLookup: UnsafePointer<FrozenByteKeyTable.Lookup>
  /// `emoticons`' memory, likewise (nil without emoticons).
  let emoticonLookup: UnsafePointer<FrozenByteKeyTable.Lookup>?
  /// `ByteClass.tables`, read once here: a lazy global costs every text a `swift_once` call.
  let byteTables: UnsafePointer<UInt8>
  /// Whether every scorable token gets its `TokenHash` (a trained model's features need it;
  /// the rules do not). Without, an ASCII word the lexicon can be asked for by its letters
  /// alone (sixteen or fewer) has hash 0.
  let hashes: Bool

  init(emoticons: ByteKeyTable? = nil, words: FrozenByteKeyTable? = nil, hashes: Bool = true) {
    self.init(frozenEmoticons: emoticons?.frozen(), words: words, hashes: hashes)
  }

  init(frozenEmoticons: FrozenByteKeyTable?, words: FrozenByteKeyTable?, hashes: Bool = true) {
    self.emoticons = frozenEmoticons
    self.emoticonLookup = frozenEmoticons?.lookupPointer
    self.words = words
    self.wordLookup = words?.lookupPointer ?? FrozenByteKeyTable.Lookup.emptyPointer
    self.byteTables = ByteClass.tables
    self.hashes = hashes
  }

  /// Tokenizes a whole text into `out` (which is reset first).
  @inline(__always)
  package func tokenize(_ text: UnsafeRawBufferPointer, into out: TokenBuffer) {
    // Set for an empty text too: the features of one (the rule bin alone) come from this buffer.
    out.hasWordHashes = hashes
    guard let base = text.baseAddress, text.count > 0 else {
      out.reset(forByteCount: 0)
      return
    }
    // `scan` sets every count of `out`: only room is needed here, not a reset.
    out.reserve(forByteCount: text.count)
    if hashes {
      scan(TokenizerState<WithHashes>.self, base, text.count, out)
    } else {
      scan(TokenizerState<WithoutHashes>.self, base, text.count, out)
    }
  }

  @inline(__always)
  private func scan<H: HashPolicy>(
    _: TokenizerState<H>.Type, _ base: UnsafeRawPointer, _ count: Int, _ out: TokenBuffer
  ) {
    var state = TokenizerState<H>(
      p: base.assumingMemoryBound(to: UInt8.self), n: count, out: out, classes: byteTables, emoticons: emoticonLookup,
      words: wordLookup)
    if count > 0 && QuotedText.mayStart(state.p[0]) { state.firstByte = QuotedText.lineStart(state.p, count, 0) }
    state.run()
    out.tokenCount = state.tokenCount
    out.foldedCount = state.foldCount
    out.sentenceCount = state.sentenceCount
    out.mentionsMoney = state.mentionsMoney
    out.mentionsQuotes = state.mentionsQuotes
    out.mentionsQuestion = state.questionsSeen != 0
    out.mentionsHandle = state.mentionsHandle
  }

  /// Convenience for tests and one-off use.
  package func tokenize(_ text: String, into out: TokenBuffer) {
    var copy = text
    copy.withUTF8 { tokenize(UnsafeRawBufferPointer($0), into: out) }
  }
}

/// Abbreviations that a dot and then a lower-case word follow ("etc. and"), in lower case; read
/// only where such a dot is met (`TokenizerState.dotEndsSentence`).
enum Abbreviations {
  static let words: [[UInt8]] = [
    "etc", "vs", "approx", "incl", "excl", "dept", "est", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vol", "fig",
    "cf", "al", "ca", "resp", "min", "max", "misc", "govt", "corp", "inc", "ltd", "co", "nr", "no", "tel", "ext",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "pp", "ie", "eg", "viz", "hrs", "hr", "mins", "sec", "secs", "wk", "wks", "yr", "yrs",
  ].map { Array($0.utf8) }

  /// The words of `neverFinal`, for its tests.
  static let neverFinalWords = [
    "mr", "mrs", "ms", "dr", "prof", "esp", "vs", "approx", "incl", "excl", "eg", "ie", "cf", "viz", "resp", "fig",
    "tel", "ext", "pp",
  ]

  /// A filter before `neverFinal`: false for most words, true for every word of it (two bits of
  /// a multiplicative hash, each tested in a 64-bit mask of the bits its words set).
  @inline(__always)
  static func mayNeverEnd(_ key: UInt64) -> Bool {
    let h = key &* 0x9E37_79B9_7F4A_7C15
    return (0x0843_90e1_8004_0818 &>> (h &>> 58)) & (0x1280_0040_e950_ce04 &>> (h &>> 52 & 63)) & 1 != 0
  }

  /// Whether a word, folded to lower case and packed in a word with its first byte in the low
  /// one (as the tokenizer's word loop holds it), is an abbreviation that never ends a sentence,
  /// whatever follows: a title before a name ("Dear Mr. Okafor", "Dr. Lee") or a word that
  /// introduces what follows ("esp. Priya", "vs. Microsoft", "incl. VAT", "approx. 40"); not
  /// "etc.", "Inc." or "no.", which may. A switch over constants: no table, no lazy global.
  @inline(__always)
  static func neverFinal(_ key: UInt64) -> Bool {
    switch key {
    case 0x726d /* mr */,
      0x73726d /* mrs */,
      0x736d /* ms */,
      0x7264 /* dr */,
      0x666f_7270 /* prof */,
      0x707365 /* esp */,
      0x7376 /* vs */,
      0x786f_7270_7061 /* approx */,
      0x6c63_6e69 /* incl */,
      0x6c63_7865 /* excl */,
      0x6765 /* eg */,
      0x6569 /* ie */,
      0x6663 /* cf */,
      0x7a6976 /* viz */,
      0x7073_6572 /* resp */,
      0x676966 /* fig */,
      0x6c6574 /* tel */,
      0x747865 /* ext */,
      0x7070 /* pp */:
      return true
    default:
      return false
    }
  }
}

/// Byte classes for the tokenizer's dispatch.
enum ByteClass {
  static let space: UInt8 = 0
  static let newline: UInt8 = 1
  static let lower: UInt8 = 2
  static let upper: UInt8 = 3
  static let digit: UInt8 = 4
  static let apostrophe: UInt8 = 5
  static let dot: UInt8 = 6
  static let bang: UInt8 = 7
  static let comma: UInt8 = 8
  static let colon: UInt8 = 9
  static let at: UInt8 = 10
  static let hash: UInt8 = 11
  static let dollar: UInt8 = 12
  static let punct: UInt8 = 13
  static let lead: UInt8 = 14
  static let invalid: UInt8 = 15

  /// Where `tables` holds, per byte value, whether it continues a word after ASCII letters.
  static let continuesWordOffset = 256

  /// Two byte-indexed tables in one block of stable memory (no array access per text): the
  /// class of each byte value, then at `continuesWordOffset` 1 for the bytes that, right after
  /// ASCII letters, make the word one for `scanWord` (non-ASCII, digits, apostrophe, hyphen,
  /// `@`, the `&` of an HTML apostrophe entity), else 0. One pointer for the scanner to hold (the
  /// second table is an address offset).
  nonisolated(unsafe) static let tables: UnsafePointer<UInt8> = {
    let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
    t.initialize(repeating: invalid, count: 256)
    for b in 0..<128 { t[b] = punct }
    for b in 0..<32 { t[b] = space }
    t[Int(UInt8(ascii: "\n"))] = newline
    t[Int(UInt8(ascii: "\r"))] = newline
    t[32] = space
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = lower }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = upper }
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = digit }
    t[Int(UInt8(ascii: "'"))] = apostrophe
    t[Int(UInt8(ascii: "."))] = dot
    t[Int(UInt8(ascii: "!"))] = bang
    t[Int(UInt8(ascii: "?"))] = bang
    t[Int(UInt8(ascii: ","))] = comma
    t[Int(UInt8(ascii: ";"))] = colon
    t[Int(UInt8(ascii: ":"))] = colon
    t[Int(UInt8(ascii: "@"))] = at
    t[Int(UInt8(ascii: "#"))] = hash
    t[Int(UInt8(ascii: "$"))] = dollar
    t[127] = space
    for b in 0xC2...0xF4 { t[b] = lead }
    for b in 0..<256 {
      let continues =
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || b == Int(UInt8(ascii: "'")) || b == Int(UInt8(ascii: "-"))
        || b == Int(UInt8(ascii: "@")) || b == Int(UInt8(ascii: "&"))
      (t + continuesWordOffset + b).initialize(to: continues ? 1 : 0)
    }
    return UnsafePointer(t)
  }()

  /// Whether a code point (>= 0x80) is a letter for tokenizing purposes.
  @inline(__always)
  static func isLetter(_ cp: UInt32) -> Bool {
    if cp < 0x800 { return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 }
    if cp < 0x2000 { return true }
    if cp < 0x2C00 { return false }
    if cp < 0x2E00 { return true }
    if cp < 0x2E80 { return false }
    if cp < 0x3000 { return true }
    if cp < 0x3040 { return false }
    if cp < 0xD800 { return true }
    if cp < 0xF900 { return false }
    if cp < 0xFE00 { return true }
    if cp < 0xFE70 { return false }
    if cp < 0xFF00 { return true }
    if cp < 0xFFF0 {
      return (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0xFF66 && cp <= 0xFFDC)
    }
    if cp < 0x1F000 { return cp >= 0x10000 }
    if cp < 0x20000 { return false }
    return cp < 0xE0000
  }

  /// Whether a code point starts an emoji token.
  @inline(__always)
  static func isEmoji(_ cp: UInt32) -> Bool {
    (cp >= 0x1F000 && cp < 0x1FB00) || (cp >= 0x2600 && cp < 0x27C0) || (cp >= 0x2B00 && cp < 0x2C00)
      || (cp >= 0x2300 && cp < 0x2400) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299
  }
}

/// The hashes of the marker tokens' one folded byte.
private enum MarkerHash {
  static let comma = TokenHash.hash(byte: UInt8(ascii: ","))
  static let bang = TokenHash.hash(byte: UInt8(ascii: "!"))
  static let question = TokenHash.hash(byte: UInt8(ascii: "?"))
  static let at = TokenHash.hash(byte: UInt8(ascii: "@"))
  static let slash = TokenHash.hash(byte: UInt8(ascii: "/"))
}

/// Folded ASCII words that may start a URL ("www." or "http:"), as eight-byte heads.
private enum URLStart {
  static let www = UInt64(0x77_7777)
  static let http = UInt64(0x7074_7468)
  static let https = UInt64(0x73_7074_7468)
}

/// Whether the word loop hashes the words it can look up without a hash (a compile-time
/// choice: each policy gets its own copy of the scanner).
private protocol HashPolicy {
  static var enabled: Bool { get }
}
private enum WithHashes: HashPolicy { static var enabled: Bool { true } }
private enum WithoutHashes: HashPolicy { static var enabled: Bool { false } }

/// The scanner's working state for one text.
private struct TokenizerState<Hashing: HashPolicy> {
  let p: UnsafePointer<UInt8>
  let n: Int
  /// `ByteClass.tables`: the byte classes, then `continuesWord`'s table.
  let cls: UnsafePointer<UInt8>
  let tokens: UnsafeMutablePointer<Token>
  let folded: UnsafeMutablePointer<UInt8>
  let sentences: UnsafeMutablePointer<Sentence>
  /// `TokenBuffer.tail`: sixteen bytes for `textEnd`.
  let tail: UnsafeMutablePointer<UInt64>
  /// The emoticon table's memory (nil without one), held with no reference counting.
  let emoticons: UnsafePointer<FrozenByteKeyTable.Lookup>?
  /// The word table's memory (an empty table's without one): no reference counting per word.
  let words: UnsafePointer<FrozenByteKeyTable.Lookup>
  var tokenCount = 0
  var foldCount = 0
  /// Where `run` starts: 0, or past quoted text at the start (`QuotedText.lineStart`, set by the
  /// caller: a call inside `run` costs its word loop registers).
  var firstByte = 0
  var sentenceCount = 0
  var mentionsMoney = false
  var mentionsQuotes = false
  var mentionsHandle = false
  var sentenceStart = 0
  var exclamations: Int32 = 0
  var questions: Int32 = 0
  /// Non-zero when a sentence of the text has a question mark.
  var questionsSeen: Int32 = 0

  init(
    p: UnsafePointer<UInt8>, n: Int, out: TokenBuffer, classes: UnsafePointer<UInt8>,
    emoticons: UnsafePointer<FrozenByteKeyTable.Lookup>?, words: UnsafePointer<FrozenByteKeyTable.Lookup>
  ) {
    self.p = p
    self.n = n
    self.cls = classes
    self.tokens = out.tokens
    self.folded = out.folded
    self.sentences = out.sentences
    self.tail = out.tail
    self.emoticons = emoticons
    self.words = words
  }

  /// Whether `b`, right after ASCII letters, makes the word one for `scanWord`: non-ASCII,
  /// digits, `'`, `-`, `@`.
  @inline(__always)
  func continuesWord(_ b: UInt8) -> Bool { cls[ByteClass.continuesWordOffset &+ Int(b)] != 0 }

  /// The index of the token slot `token`: its distance in bytes shifted by the stride's log (a
  /// pointer difference divides as if the distance could be negative or inexact).
  @inline(__always)
  func index(of token: UnsafeMutablePointer<Token>) -> Int {
    Int(
      bitPattern: UInt(bitPattern: UnsafeRawPointer(tokens).distance(to: UnsafeRawPointer(token)))
        / UInt(MemoryLayout<Token>.stride))
  }

  @inline(__always)
  mutating func emit(
    _ start: Int, _ end: Int, foldStart: Int, hash: UInt64, kind: TokenKind, flags: TokenFlags, entry: Int32 = -1
  ) {
    tokens[tokenCount] = Token(
      start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
      foldStart: Int32(truncatingIfNeeded: foldStart), foldEnd: Int32(truncatingIfNeeded: foldCount),
      hash: hash, kind: kind, flags: flags, entry: entry)
    // Wrapping: the count never passes the buffer's capacity, and a checked add is a branch
    // per token (as `emitMarker`'s on the folded count).
    tokenCount &+= 1
  }

  /// Emits a scorable token whose folded bytes are `folded[foldStart..<foldCount]`: hashes
  /// them and, with a word table, looks the token up.
  @inline(__always)
  mutating func emitScorable(_ start: Int, _ end: Int, foldStart: Int, kind: TokenKind, flags: TokenFlags) {
    let key = UnsafeRawBufferPointer(start: folded + foldStart, count: foldCount - foldStart)
    let (hash, head) = foldedHash(key)
    let entry = FrozenByteKeyTable.Lookup.find(in: words, hash: hash, head: head, key: key)
    emit(start, end, foldStart: foldStart, hash: hash, kind: kind, flags: flags, entry: entry)
  }

  /// `ByteKeyTable.hash` of folded bytes (`key`, inside `folded`), and the key's first eight
  /// bytes zero-padded (`FrozenByteKeyTable.head(of:)`), with no byte loop: the last chunk is
  /// one eight-byte load with the bytes past the key masked off. The folded buffer has room
  /// for it: its count never passes the text's byte count, and it has sixteen bytes more.
  @inline(__always)
  func foldedHash(_ key: UnsafeRawBufferPointer) -> (hash: UInt64, head: UInt64) {
    let base = key.baseAddress!
    let count = key.count
    var h = TokenHash.seed
    var i = 0
    while i &+ 8 <= count {
      h = TokenHash.add(h, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      i &+= 8
    }
    var head = count >= 8 ? UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) : 0
    if i < count {
      let rest =
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        & (~UInt64(0) &>> UInt64(truncatingIfNeeded: (8 &- (count &- i)) &<< 3))
      h = TokenHash.add(h, rest)
      if count < 8 { head = rest }
    }
    return (TokenHash.finish(h, length: count), head)
  }

  /// Emits a token whose folded form is a single marker byte (masked or punctuation).
  @inline(__always)
  mutating func emitMarker(_ start: Int, _ end: Int, marker: UInt8, hash: UInt64, kind: TokenKind) {
    let fs = foldCount
    folded[foldCount] = marker
    foldCount &+= 1
    emit(start, end, foldStart: fs, hash: hash, kind: kind, flags: [])
  }

  /// Emits the @handle at `start..<end` as the marker "@" (handles do not score as words), with
  /// the entry of its name folded to lower case, or -1: `TextAnalyzer` reads a competitor's
  /// handle as its name ("moved our endpoints to @SentinelOne").
  mutating func emitHandle(_ start: Int, _ end: Int) {
    let fs = foldCount
    for k in (start &+ 1)..<end {
      let c = p[k]
      folded[foldCount] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
      foldCount &+= 1
    }
    let key = UnsafeRawBufferPointer(start: folded + fs, count: foldCount - fs)
    let (hash, head) = foldedHash(key)
    let entry = FrozenByteKeyTable.Lookup.find(in: words, hash: hash, head: head, key: key)
    folded[fs] = UInt8(ascii: "@")
    foldCount = fs &+ 1
    emit(start, end, foldStart: fs, hash: MarkerHash.at, kind: .handle, flags: [], entry: entry)
    mentionsHandle = true
  }

  /// Eight bytes from `i` in the text's last seven bytes (`i < n < i + 8`) as a little-endian
  /// word, zero past the end (which no word continues into), with no loop: in a text
  /// of eight bytes or more, its last eight shifted right past the bytes before `i`; in a
  /// shorter one, overlapping loads inside the bytes left (`FrozenByteKeyTable.head(of:)`).
  @inline(__always)
  func loadTail(_ i: Int) -> UInt64 {
    let left = n &- i
    if n >= 8 {
      let last = UInt64(littleEndian: UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self))
      return last &>> UInt64(truncatingIfNeeded: (8 &- left) &<< 3)
    }
    return FrozenByteKeyTable.head(of: UnsafeRawBufferPointer(start: p + i, count: left))
  }

  @inline(never)
  func loadTailOutOfLine(_ i: Int) -> UInt64 { loadTail(i) }

  /// The text `p` of `n` bytes as `run` reads it within nine bytes of its end: its last eight
  /// bytes (or all of a shorter text) copied into `tail`, zero-padded to sixteen, as a pointer
  /// that reads them at their offsets in the text. From there `run` reads eight bytes and the
  /// byte after them at any start before the end, zero past it (as `loadTail`), with no test of
  /// the end. (Static, so that the call copies no state.)
  @inline(never)
  static func textEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ tail: UnsafeMutablePointer<UInt64>) -> UnsafePointer<UInt8>
  {
    tail[1] = 0
    if n < 8 {
      tail[0] = FrozenByteKeyTable.head(of: UnsafeRawBufferPointer(start: p, count: n))
      return UnsafeRawPointer(tail).assumingMemoryBound(to: UInt8.self)
    }
    tail[0] = UInt64(littleEndian: UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self))
    return (UnsafeRawPointer(tail) + (8 &- n)).assumingMemoryBound(to: UInt8.self)
  }

  /// Ends the sentence (if it has tokens) and starts the next.
  @inline(__always)
  mutating func closeSentence() {
    closeLastSentence()
    sentenceStart = tokenCount
    exclamations = 0
    questions = 0
  }

  /// Ends the sentence (if it has tokens) at the end of the text, which starts no sentence
  /// after it.
  @inline(__always)
  mutating func closeLastSentence() {
    if tokenCount > sentenceStart {
      sentences[sentenceCount] = Sentence(
        tokenStart: Int32(truncatingIfNeeded: sentenceStart), tokenEnd: Int32(truncatingIfNeeded: tokenCount),
        exclamations: exclamations, questions: questions)
      sentenceCount &+= 1
      questionsSeen |= questions
    }
  }

  @inline(__always)
  func decode(_ i: Int) -> (cp: UInt32, len: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 {
      guard b0 >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (0xFFFD, 1) }
      return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
    }
    if b0 < 0xF0 {
      guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return (0xFFFD, 1) }
      return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    guard b0 < 0xF5, i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80
    else { return (0xFFFD, 1) }
    return (
      (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4
    )
  }

  @inline(__always)
  func isAlnum(_ b: UInt8) -> Bool {
    let c = cls[Int(b)]
    return c == ByteClass.lower || c == ByteClass.upper || c == ByteClass.digit
  }

  @inline(__always)
  func isLetterStart(_ i: Int) -> Bool {
    guard i < n else { return false }
    let c = cls[Int(p[i])]
    if c == ByteClass.lower || c == ByteClass.upper { return true }
    if c == ByteClass.lead { return ByteClass.isLetter(decode(i).cp) }
    return false
  }

  /// One round of the dispatch at `i` (a byte the word loop in `run` does not take: not an
  /// ASCII letter, not a space): emits what starts there and returns where the next round
  /// starts, always after `i`.
  @inline(never)
  mutating func step(_ i: Int) -> Int {
    var i = i
    let b = p[i]
    let before = i
    switch cls[Int(b)] {
    case 0:  // space
      i += 1
    case 1:  // newline
      closeSentence()
      i = QuotedText.lineStart(p, n, i + 1)
    case 2, 3:  // letters (`run` takes them; here for completeness)
      i = slowWord(i)
    case 4:  // digit
      i = scanNumber(i, tokenStart: i)
    case 6:  // dot
      i = scanDots(i)
    case 7:  // bang
      i = scanBang(i)
    case 8:  // comma
      emitMarker(i, i + 1, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
      i += 1
    case 9:  // colon
      if let end = emoticonEnd(i) {
        i = end
      } else {
        emitMarker(i, i + 1, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
        i += 1
      }
    case 10:  // at
      if i + 1 < n && (isAlnum(p[i + 1]) || p[i + 1] == UInt8(ascii: "_")) {
        var j = i + 1
        while j < n && (isAlnum(p[j]) || p[j] == UInt8(ascii: "_")) { j += 1 }
        emitHandle(i, j)
        i = j
      } else {
        i += 1
      }
    case 11:  // hash
      if isLetterStart(i + 1) {
        i = scanHashtag(i + 1)
      } else {
        i += 1
      }
    case 12:  // dollar
      if i + 1 < n && cls[Int(p[i + 1])] == ByteClass.digit {
        i = scanNumber(i + 1, tokenStart: i)
      } else if let end = emoticonEnd(i) {
        i = end
      } else {
        i += 1
      }
    case 13:  // punct
      if b == UInt8(ascii: "<"), let tag = HTMLMarkup.tag(p, n, i) {
        switch tag {
        case .inline(let end):
          // At a line's start, the line may be quoted mail (`<b>From:</b> ...`).
          let quoted = i == 0 || p[i - 1] == 10 || p[i - 1] == 13 ? QuotedText.lineStart(p, n, i) : i
          i = quoted > i ? quoted : end
        case .block(let end):
          // As a line break: the sentence ends, and the next "line" may be quoted mail.
          closeSentence()
          i = QuotedText.lineStart(p, n, end)
        }
      } else if b == UInt8(ascii: "&"), let end = HTMLMarkup.entityEnd(p, n, i) {
        if HTMLMarkup.quoteEntityLength(p, n, at: i) > 0 { mentionsQuotes = true }
        i = end
      } else if b == UInt8(ascii: "["), let end = inlineImageEnd(i) {
        i = end
      } else if let end = emoticonEnd(i) {
        i = end
      } else {
        if b == UInt8(ascii: "\"") { mentionsQuotes = true }
        if b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
          || (b == UInt8(ascii: "-") && i > 0 && p[i - 1] == 32 && i + 1 < n && p[i + 1] == 32)
        {
          emitMarker(i, i + 1, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
        }
        i += 1
      }
    case 5:  // apostrophe
      mentionsQuotes = true
      i += 1
    case 14:  // lead
      i = scanMultibyte(i)
    default:
      i += 1
    }
    // Every round consumes input, whatever the bytes: each case above takes at least the byte
    // at `before` (a scanner that took nothing would loop forever). Checked in debug builds.
    assert(i > before, "a tokenizer round consumed nothing")
    return i
  }

  /// A word starting with an ASCII letter at `i` that `run`'s word loop leaves alone: a URL
  /// ("www." / "http:"), or a word `scanWord` must take (digits, apostrophes, hyphens, `@`,
  /// non-ASCII). Returns where the next round starts (after the space that ends the word).
  @inline(never)
  mutating func slowWord(_ i: Int) -> Int {
    let c = p[i] | 0x20
    if i + 4 < n
      && (c == UInt8(ascii: "h") && p[i + 1] | 0x20 == UInt8(ascii: "t")
        || c == UInt8(ascii: "w") && p[i + 1] | 0x20 == UInt8(ascii: "w")),
      let end = urlEnd(i)
    {
      emitMarker(i, end, marker: UInt8(ascii: "/"), hash: MarkerHash.slash, kind: .url)
      return end
    }
    // A plain contraction ("don't", "we're"), common in English text, is taken whole; any
    // other word is scanned byte by byte.
    var j: Int
    if let end = contraction(i) {
      j = end
    } else {
      j = scanWord(i)
    }
    // Most words end at a space: step over it here rather than in another round.
    if j < n && p[j] == 32 { j += 1 }
    return j
  }

  /// An ASCII contraction starting at `start` (an ASCII letter), as `slowWord` meets them: one
  /// to eight letters, an apostrophe, one to seven letters, and a byte that cannot continue a
  /// word. Emits the token `scanWord` would (the same folded bytes, flags, hash and entry) and
  /// returns its end, or nil, writing nothing, for any other word (`scanWord`'s).
  ///
  /// Two eight-byte loads with the SWAR test of `run`'s word loop rather than a scan byte by
  /// byte: the folded key, sixteen bytes at most, is built as two words (hashed as `foldedHash`
  /// would, with no load of what was just stored).
  mutating func contraction(_ start: Int) -> Int? {
    let v =
      start &+ 8 <= n
      ? UInt64(littleEndian: UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self))
      : loadTail(start)
    let stops = Self.nonLetters(v)
    let firstBits = stops == 0 ? 64 : stops.trailingZeroBitCount &- 7
    let length = firstBits &>> 3
    // The letters, then an apostrophe with something after it.
    let i = start &+ length &+ 1
    guard i < n, p[i &- 1] == UInt8(ascii: "'") else { return nil }
    let w =
      i &+ 8 <= n
      ? UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
      : loadTail(i)
    // One to seven letters after the apostrophe (`scanWord` keeps one only before a letter),
    // then a byte that ends the word: no second apostrophe, digit, hyphen, `&`, `@` or non-ASCII.
    let rest = Self.nonLetters(w)
    guard rest & 0x80 == 0, rest != 0 else { return nil }
    let bits = rest.trailingZeroBitCount &- 7
    guard !continuesWord(UInt8(truncatingIfNeeded: w &>> UInt64(truncatingIfNeeded: bits))) else { return nil }
    let bit5: UInt64 = 0x2020_2020_2020_2020
    // Each run of letters shifted up to the top of its word (as in `shortWord`), folded, and
    // laid out as the key's two little-endian words: the letters, the apostrophe and the
    // letters after it, zero-padded to sixteen bytes.
    let firstPast = UInt64(truncatingIfNeeded: 64 &- firstBits)
    let first = v &<< firstPast
    let past = UInt64(truncatingIfNeeded: 64 &- bits)
    let second = w &<< past
    let head = (first | bit5) &>> firstPast
    let apostropheAndRest = UInt64(UInt8(ascii: "'")) | ((second | bit5) &>> past) &<< 8
    // Two shifts: after eight letters, all of it goes to the second word (one shift by 64
    // would be a shift by 0).
    let word0 = head | (apostropheAndRest &<< UInt64(truncatingIfNeeded: firstBits &- 8)) &<< 8
    let word1 = apostropheAndRest &>> firstPast
    let total = length &+ 1 &+ bits &>> 3
    let fs = foldCount
    // Sixteen bytes fit: the folded count is at most `start`, and the buffer has sixteen more
    // than the text.
    let out = UnsafeMutableRawPointer(folded + fs)
    out.storeBytes(of: word0.littleEndian, as: UInt64.self)
    out.storeBytes(of: word1.littleEndian, toByteOffset: 8, as: UInt64.self)
    foldCount = fs &+ total
    // `foldedHash`'s: a chunk per eight bytes or fewer, zero-padded. Whatever the hash policy,
    // as `scanWord`'s tokens.
    var h = TokenHash.add(TokenHash.seed, word0)
    if total > 8 { h = TokenHash.add(h, word1) }
    h = TokenHash.finish(h, length: total)
    let entry = FrozenByteKeyTable.Lookup.find(
      in: words, hash: h, head: word0, key: UnsafeRawBufferPointer(start: out, count: total))
    // Every letter is ASCII and there are two or more: all caps without a lower-case one.
    var flags: TokenFlags = (first | second) & bit5 != 0 ? .hasLower : .allCaps
    // "n't": one letter after the apostrophe, a "t", and an "n" before it (the top bytes).
    if bits == 8 && UInt8(truncatingIfNeeded: second &>> 56) | 0x20 == UInt8(ascii: "t")
      && UInt8(truncatingIfNeeded: first &>> 56) | 0x20 == UInt8(ascii: "n")
    {
      flags.insert(.negatedContraction)
    }
    let end = start &+ total
    emit(start, end, foldStart: fs, hash: h, kind: .word, flags: flags, entry: entry)
    return end
  }

  /// End of a URL starting at `i`, or nil.
  func urlEnd(_ i: Int) -> Int? {
    func has(_ prefix: StaticString) -> Bool {
      let len = prefix.utf8CodeUnitCount
      guard i + len < n else { return false }
      let s = prefix.utf8Start
      for k in 0..<len where p[i + k] | 0x20 != s[k] { return false }
      return true
    }
    guard has("http://") || has("https://") || has("www.") else { return nil }
    var j = i
    while j < n {
      let c = p[j]
      if c <= 32 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { break }
      j += 1
    }
    while j > i {
      let c = p[j - 1]
      if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: ":")
        || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: ")") || c == UInt8(ascii: "'")
      {
        j -= 1
      } else {
        break
      }
    }
    return j
  }

  /// The high bit of each lane of `v` whose byte is not an ASCII letter, exact up to the first
  /// such lane (the only one the word loop reads): with bit 5 set, a letter is 0x61...0x7A,
  /// and two 64-bit adds test both bounds in every lane. A byte from 0x80 up is never taken
  /// for a letter (its adds set no high bit, or wrap), but a carry from it may spill into the
  /// lanes after it.
  @inline(__always)
  static func nonLetters(_ v: UInt64) -> UInt64 {
    let x = v | 0x2020_2020_2020_2020
    return (~(x &+ 0x1f1f_1f1f_1f1f_1f1f) | (x &+ 0x0505_0505_0505_0505)) & 0x8080_8080_8080_8080
  }

  /// Tokenizes the text. The loop is the word loop: ASCII letter words, each ended by a byte
  /// that cannot continue a word (not a letter, digit, apostrophe, hyphen, `@` or non-ASCII)
  /// and joined by single spaces, are taken here, emitting the tokens `scanWord` would; any
  /// other byte but a space goes to `step` (one round of the dispatch), and a word this loop
  /// leaves alone (a possible URL, or one `scanWord` must take) to `slowWord`. Each text sets
  /// the loop up once (the state lives in locals across words, and goes to the state's fields
  /// only around those calls), rather than once per run of plain words.
  ///
  /// One eight-byte load per word: a SWAR test marks the bytes that are not letters, and the
  /// first of them (a trailing-zero count) gives the word's length and the byte after it (for
  /// eight letters, the byte after the load). A word of up to eight letters then takes no loop
  /// (`shortWord`); longer words go to `longWord`. The next word's load also tests that it
  /// starts with a letter.
  mutating func run() {
    // The text, or once the loop is within nine bytes of its end, `textEnd`'s copy of its last
    // bytes: every load of eight and the byte after a word then read no test of the end.
    var p = self.p
    let n = self.n
    let tokens = self.tokens
    let letters = self.words.pointee.letters
    var foldCount = self.foldCount
    // The next token's slot (its index is the token count).
    var token = tokens + self.tokenCount
    var start = self.firstByte
    // A mail system's warning opening the text (`QuotedText.bannerEnd`), looked for here rather
    // than beside `mayStart`'s look in the tokenizer's entry, which is inlined where it is called.
    if start == 0 && QuotedText.mayOpenBanner(p, n) { start = QuotedText.lineStart(p, n, 0) }
    // The last start from which nine bytes can be read (eight and the byte after them).
    var lastLoad = n &- 9
    scan: while true {
      // Set when the loop leaves a word (at `start`) to `slowWord`.
      var slow = false
      words: while true {
        if start > lastLoad {
          guard start < n else { break scan }
          p = Self.textEnd(p, n, tail)
          lastLoad = n &- 1
        }
        let v = UInt64(littleEndian: UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self))
        let stops = Self.nonLetters(v)
        if stops & 0x80 != 0 {
          // Not a letter: a space (as after a token `step` took) is stepped over here, anything
          // else goes to `step`.
          let b = UInt8(truncatingIfNeeded: v)
          if b == 32 {
            start &+= 1
            continue
          }
          if b == 10 || b == 13 {
            // A line break ends the sentence (as in `step`). A next line that may be quoted text,
            // a reply marker or a disclaimer goes to `step`, which looks (a call here would cost the word loop its
            // registers). The look back before the line is in the text itself (`self.p`): `p` may
            // be `textEnd`'s copy of its last bytes.
            if start &+ 1 < n
              && (QuotedText.mayStart(p[start &+ 1]) || QuotedText.mayOpenMarkerLine(self.p, n, start &+ 1))
            {
              break
            }
            self.tokenCount = index(of: token)
            closeSentence()
            start &+= 1
            continue
          }
          break
        }
        // An ASCII word: the fast path below takes it, or breaks out of `word` for `slowWord`.
        word: do {
          let length: Int
          let head: UInt64
          var next: UInt8
          if stops != 0 {
            // Up to seven letters, the common case, with its own test for a space after the word:
            // merged with the paths of longer words, the loop's variables cost register copies.
            let bits = stops.trailingZeroBitCount &- 7
            head = shortWord(v, bits: bits, start: start, foldCount: foldCount, token: token, letters: letters)
            length = bits &>> 3
            next = p[start &+ length]
            if next == 32 {
              token += 1
              foldCount &+= length
              start &+= length &+ 1
              continue words
            }
          } else {
            // Eight letters, then the byte after the load.
            next = p[start &+ 8]
            if (next | 0x20) &- UInt8(ascii: "a") >= 26 {
              head = shortWord(v, bits: 64, start: start, foldCount: foldCount, token: token, letters: letters)
              length = 8
            } else {
              guard let long = longWord(start, v, foldCount, token) else { break word }
              (length, head, next) = long
            }
          }
          let j = start &+ length
          // Most words end at a space, many at ", " or ". " before a capital: take those here as
          // the dispatch would (a clause break; a sentence end, as `scanDots` decides it), and go
          // on if another word follows (the next load tests that it starts with a letter).
          if next == 32 {
            token += 1
            foldCount &+= length
            start = j &+ 1
            continue words
          }
          // A byte that continues the word (digit, apostrophe, hyphen, `@`, non-ASCII) makes it
          // one for `slowWord`: the token just written is dropped (its slot and folded bytes are
          // written again). Tested here, off the path of a word and a space.
          if continuesWord(next) { break word }
          token += 1
          foldCount &+= length
          // By class, not byte, so that the space test above stays one compare.
          let c = cls[Int(next)]
          if c == ByteClass.comma {
            self.tokenCount = index(of: token)
            self.foldCount = foldCount
            emitMarker(j, j &+ 1, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
            token = tokens + self.tokenCount
            foldCount = self.foldCount
            start = j &+ 1
            guard start < n, p[start] == 32 else { continue words }
            start &+= 1
            continue words
          }
          if c == ByteClass.dot {
            if length == 3 && head == URLStart.www {
              // "www." or "http:" may start a URL, which the caller looks for; without one it
              // takes the word as `scanWord` (the same token).
              token -= 1
              foldCount &-= length
              break word
            }
            start = j
            if j &+ 1 == n {
              // The text ends with this dot: a sentence end, as `scanDots` has it.
              self.tokenCount = index(of: token)
              closeSentence()
              start = n
              continue words
            }
            // A sentence end, as `scanDots` has it, when a line break follows, or a space and
            // then anything but more space (which `scanDots` looks past) or a lower-case letter
            // after an abbreviation ("e.g. the", "etc. and": `dotEndsSentence`).
            let after = p[j &+ 1]
            if after == 32 {
              guard j &+ 2 < n, case let c = p[j &+ 2], c != 32, c != 9 else { continue words }
              if c &- UInt8(ascii: "a") < 26 && !dotEndsSentence(afterWord: j &- length, j) { continue words }
              // A title or a word that introduces what follows, before a capital or a digit
              // ("Dear Mr. Okafor", "esp. Priya", "e.g. The console"): no sentence end.
              // A filter on the folded word first (a word seldom passes): the test itself is out
              // of line, as in the loop it cost the word path its registers.
              if length &- 1 < 6 && (length == 1 || Abbreviations.mayNeverEnd(head))
                && neverEndsSentence(afterWord: j &- length, j)
              {
                continue words
              }
              start = j &+ 2
            } else {
              guard after == 10 || after == 13 else { continue words }
              start = j &+ 1
            }
            self.tokenCount = index(of: token)
            closeSentence()
            continue words
          }
          if next == UInt8(ascii: ":") && (head == URLStart.http || head == URLStart.https) {
            token -= 1
            foldCount &-= length
            break word
          }
          start = j
          continue words
        }
        slow = true
        break
      }
      // Not a word for the loop: `step` or `slowWord` takes it, with the state's counts
      // brought up to date and read back.
      self.tokenCount = index(of: token)
      self.foldCount = foldCount
      start = slow ? slowWord(start) : step(start)
      token = tokens + self.tokenCount
      foldCount = self.foldCount
    }
    self.foldCount = foldCount
    self.tokenCount = index(of: token)
    closeLastSentence()
  }

  /// `run`'s word of up to eight letters starting at `start`, whose first eight bytes are `v`
  /// and whose length is `bits` / 8: folds it into `folded[foldCount...]` as one eight-byte
  /// store, looks it up and writes its token to `token`. Returns the folded word (zero-padded).
  @inline(__always)
  func shortWord(
    _ v: UInt64, bits: Int, start: Int, foldCount: Int, token: UnsafeMutablePointer<Token>,
    letters: FrozenByteKeyTable.Letters
  ) -> UInt64 {
    let bit5: UInt64 = 0x2020_2020_2020_2020
    // Shifted left by the bytes past the word, only its letters are left.
    let past = UInt64(truncatingIfNeeded: 64 &- bits)
    let word = v &<< past
    let head = (word | bit5) &>> past
    let length = bits &>> 3
    UnsafeMutableRawPointer(folded + foldCount).storeBytes(of: head.littleEndian, as: UInt64.self)
    let h = Hashing.enabled ? TokenHash.finish(TokenHash.add(TokenHash.seed, head), length: length) : 0
    // Every byte is a letter: without a lower-case one, two or more make the word all caps
    // (16 bits or more: `bits` + 240 reaches bit 8, 0x100, `allCaps` in the second byte;
    // the kind in the first, `.word`, is 0).
    let kindAndFlags =
      word & bit5 != 0
      ? UInt16(TokenFlags.hasLower.rawValue) &<< 8 : UInt16(truncatingIfNeeded: (bits &+ 240) & 0x100)
    Token.initializeWord(
      token, start: start, end: start &+ length, foldStart: foldCount, foldEnd: foldCount &+ length, hash: h,
      kindAndFlags: kindAndFlags, entry: letters.find(head))
    return head
  }

  /// `run`'s word of nine letters or more starting at `start` (whose first eight
  /// bytes are `v`): folds it into `folded[foldCount...]`, looks it up (up to sixteen letters
  /// by its two folded words, `FrozenByteKeyTable.Lookup.findLong`; longer ones by hash) and
  /// writes its token to `token`. Nil, writing nothing, when the byte after it continues the
  /// word (`scanWord`'s).
  ///
  /// Nine to fifteen letters with sixteen bytes to load, nearly every long word, take one more
  /// load and no loop (as `run`'s short words); the others go to `longerWord`, whose loop and
  /// whose tail load (a call) would cost this path their registers.
  @inline(never)
  mutating func longWord(
    _ start: Int, _ v: UInt64, _ foldCount: Int, _ token: UnsafeMutablePointer<Token>
  ) -> (length: Int, head: UInt64, next: UInt8)? {
    guard start &+ 16 <= n else { return longerWord(start, v, foldCount, token) }
    let w = UInt64(littleEndian: UnsafeRawPointer(p + (start &+ 8)).loadUnaligned(as: UInt64.self))
    let rest = Self.nonLetters(w)
    guard rest != 0 else { return longerWord(start, v, foldCount, token) }
    let bit5: UInt64 = 0x2020_2020_2020_2020
    // The letters after the first eight (one or more: `run` saw the ninth), shifted as in
    // `shortWord`, and the byte after them.
    let bits = rest.trailingZeroBitCount &- 7
    let past = UInt64(truncatingIfNeeded: 64 &- bits)
    let word = w &<< past
    let next = UInt8(truncatingIfNeeded: w &>> UInt64(truncatingIfNeeded: bits))
    if next != 32 && continuesWord(next) { return nil }
    let head = v | bit5
    let tail = (word | bit5) &>> past
    let out = UnsafeMutableRawPointer(folded + foldCount)
    out.storeBytes(of: head.littleEndian, as: UInt64.self)
    out.storeBytes(of: tail.littleEndian, toByteOffset: 8, as: UInt64.self)
    let length = 8 &+ bits &>> 3
    let h =
      Hashing.enabled ? TokenHash.finish(TokenHash.add(TokenHash.add(TokenHash.seed, head), tail), length: length) : 0
    // Every byte is a letter, and there are nine or more: all caps without a lower-case one.
    let kindAndFlags = UInt16((v | word) & bit5 != 0 ? TokenFlags.hasLower.rawValue : TokenFlags.allCaps.rawValue) &<< 8
    Token.initializeWord(
      token, start: start, end: start &+ length, foldStart: foldCount, foldEnd: foldCount &+ length, hash: h,
      kindAndFlags: kindAndFlags, entry: FrozenByteKeyTable.Lookup.findLong(in: words, head: head, tail: tail))
    return (length, head, next)
  }

  /// `longWord`'s words of sixteen letters or more, or near the end of the text: folds them
  /// eight bytes at a time.
  @inline(never)
  mutating func longerWord(
    _ start: Int, _ v: UInt64, _ foldCount: Int, _ token: UnsafeMutablePointer<Token>
  ) -> (length: Int, head: UInt64, next: UInt8)? {
    let bit5: UInt64 = 0x2020_2020_2020_2020
    let out = UnsafeMutableRawPointer(folded + foldCount)
    let head = v | bit5
    out.storeBytes(of: head.littleEndian, as: UInt64.self)
    var lower = v & bit5 != 0
    var h = Hashing.enabled ? TokenHash.add(TokenHash.seed, head) : 0
    // The folded bytes after the first eight, zero-padded, while there are at most eight.
    var tail: UInt64 = 0
    var j = start &+ 8
    let next: UInt8
    while true {
      // (The tail's load out of line: long words rarely end the text.)
      let w =
        j &+ 8 <= n
        ? UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
        : j < n ? loadTailOutOfLine(j) : 0
      let rest = Self.nonLetters(w)
      if rest == 0 {
        let f = w | bit5
        out.storeBytes(of: f.littleEndian, toByteOffset: j &- start, as: UInt64.self)
        lower = lower || w & bit5 != 0
        if Hashing.enabled { h = TokenHash.add(h, f) }
        if j &- start == 8 { tail = f }
        j &+= 8
        continue
      }
      let bits = rest.trailingZeroBitCount &- 7
      if bits != 0 {
        let past = UInt64(truncatingIfNeeded: 64 &- bits)
        let word = w &<< past
        lower = lower || word & bit5 != 0
        let f = (word | bit5) &>> past
        out.storeBytes(of: f.littleEndian, toByteOffset: j &- start, as: UInt64.self)
        if Hashing.enabled { h = TokenHash.add(h, f) }
        if j &- start == 8 { tail = f }
      }
      j &+= bits &>> 3
      next = UInt8(truncatingIfNeeded: w &>> UInt64(truncatingIfNeeded: bits))
      break
    }
    if next != 32 && continuesWord(next) { return nil }
    let length = j &- start
    let entry: Int32
    if length <= 16 {
      if Hashing.enabled { h = TokenHash.finish(h, length: length) }
      entry = FrozenByteKeyTable.Lookup.findLong(in: words, head: head, tail: tail)
    } else {
      let key = UnsafeRawBufferPointer(start: out, count: length)
      h = Hashing.enabled ? TokenHash.finish(h, length: length) : foldedHash(key).hash
      entry = FrozenByteKeyTable.Lookup.find(in: words, hash: h, head: head, key: key)
    }
    token.initialize(
      to: Token(
        start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: j),
        foldStart: Int32(truncatingIfNeeded: foldCount), foldEnd: Int32(truncatingIfNeeded: foldCount &+ length),
        hash: h, kind: .word, flags: lower ? .hasLower : .allCaps, entry: entry))
    return (length, head, next)
  }

  mutating func scanWord(_ start: Int) -> Int {
    var j = start
    let fs = foldCount
    let p = self.p
    let n = self.n
    let cls = self.cls
    let folded = self.folded
    var foldCount = self.foldCount
    defer { self.foldCount = foldCount }
    var upper = 0
    var lower = 0
    while j < n {
      let c = p[j]
      if c &- 0x61 < 26 {
        // Fast path: lower-case ASCII letter.
        folded[foldCount] = c
        foldCount &+= 1
        lower &+= 1
        j &+= 1
        continue
      }
      if c < 0x80 {
        let k = cls[Int(c)]
        // A space or line break ends the word (the common case, tested first).
        if k <= ByteClass.newline { break }
        var f = c
        if k == ByteClass.lower {
          lower += 1
        } else if k == ByteClass.upper {
          f = c | 0x20
          upper += 1
        } else if k == ByteClass.digit {
        } else if c == UInt8(ascii: "'") && isLetterStart(j + 1) {
        } else if c == UInt8(ascii: "&"), case let length = HTMLMarkup.apostropheEntityLength(p, n, j), length > 0,
          isLetterStart(j + length)
        {
          // `didn&#39;t`: the entity is the word's apostrophe.
          folded[foldCount] = UInt8(ascii: "'")
          foldCount &+= 1
          j &+= length
          continue
        } else if c == UInt8(ascii: "-") && j > start && isLetterStart(j + 1) {
        } else if c == UInt8(ascii: "@") && j + 1 < n && isAlnum(p[j + 1]) {
          foldCount = fs
          self.foldCount = fs
          let end = scanEmail(start)
          foldCount = self.foldCount
          return end
        } else {
          break
        }
        folded[foldCount] = f
        foldCount += 1
        j += 1
      } else {
        let (cp, len) = decode(j)
        if cp == 0x2019 && isLetterStart(j + 3) {
          folded[foldCount] = UInt8(ascii: "'")
          foldCount += 1
          j += 3
          continue
        }
        if !ByteClass.isLetter(cp) { break }
        if len == 2 && c == 0xC3 {
          var c1 = p[j + 1]
          if c1 <= 0x9E {
            c1 += 0x20
            upper += 1
          } else {
            lower += 1
          }
          folded[foldCount] = 0xC3
          folded[foldCount + 1] = c1
          foldCount += 2
        } else {
          for k in 0..<len {
            folded[foldCount] = p[j + k]
            foldCount += 1
          }
        }
        j += len
      }
    }
    var flags: TokenFlags = []
    if upper >= 2 && lower == 0 { flags.insert(.allCaps) }
    if lower > 0 { flags.insert(.hasLower) }
    let len = foldCount - fs
    if len >= 3 && folded[foldCount - 1] == UInt8(ascii: "t") && folded[foldCount - 2] == UInt8(ascii: "'")
      && folded[foldCount - 3] == UInt8(ascii: "n")
    {
      flags.insert(.negatedContraction)
    }
    self.foldCount = foldCount
    emitScorable(start, j, foldStart: fs, kind: .word, flags: flags)
    return j
  }

  mutating func scanEmail(_ start: Int) -> Int {
    var j = start
    while j < n {
      let c = p[j]
      if isAlnum(c) || c >= 0x80 || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        || c == UInt8(ascii: "+") || c == UInt8(ascii: "@") || c == UInt8(ascii: "'")
      {
        j += 1
      } else {
        break
      }
    }
    while j > start + 1 && p[j - 1] == UInt8(ascii: ".") { j -= 1 }
    j = max(j, start + 1)
    emitMarker(start, j, marker: UInt8(ascii: "@"), hash: MarkerHash.at, kind: .email)
    return j
  }

  mutating func scanNumber(_ digitsStart: Int, tokenStart: Int) -> Int {
    var j = digitsStart
    let fs = foldCount
    while j < n {
      let c = p[j]
      if cls[Int(c)] == ByteClass.digit
        || ((c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: ":")) && j + 1 < n
          && cls[Int(p[j + 1])] == ByteClass.digit && j > digitsStart)
      {
        folded[foldCount] = c
        foldCount += 1
        j += 1
      } else {
        break
      }
    }
    var flags: TokenFlags = tokenStart < digitsStart ? [.money] : []
    if j < n {
      if p[j] == UInt8(ascii: "/") {
        // "0/10", "4.5/5": a score, one token with its scale.
        if flags.isEmpty, let end = ratingEnd(digitsStart, slash: j) {
          while j < end {
            folded[foldCount] = p[j]
            foldCount += 1
            j += 1
          }
          flags.insert(.rating)
        }
      } else if p[j] == UInt8(ascii: " ") {
        // "8 out of 10", "4.5 stars": a score in words, the number flagged alone (the rules
        // read the scale from the words after it). Two bytes ("ou", "st") tell first: most
        // numbers are followed by other words.
        if flags.isEmpty && j + 3 < n {
          let a = p[j + 1] | 0x20
          let b = p[j + 2] | 0x20
          if ((a == UInt8(ascii: "o") && b == UInt8(ascii: "u")) || (a == UInt8(ascii: "s") && b == UInt8(ascii: "t")))
            && wordsOfARatingFollow(digitsStart, space: j)
          {
            flags.insert(.rating)
          }
        }
      } else if p[j] == UInt8(ascii: "%") {
        flags.insert(.percent)
        j += 1
      } else if p[j] == UInt8(ascii: "$") {
        flags.insert(.money)
        j += 1
      } else if p[j] >= 0xC2 {
        let (cp, len) = decode(j)
        if Self.isCurrency(cp) {
          flags.insert(.money)
          j += len
        }
      }
    }
    mentionsMoney = mentionsMoney || flags.contains(.money)
    emitScorable(tokenStart, j, foldStart: fs, kind: .number, flags: flags)
    return j
  }

  /// Where a score written as a fraction ends, the numerator `p[digitsStart..<slash]` read:
  /// a scale of 5, 10 or 100 after the slash ("2/10", "4.5/5", "7,5/10", "85/100") with no digit,
  /// letter or further slash after it, and a numerator of at most two digits and one decimal
  /// that does not pass the scale; nil otherwise ("24/7", "3/10/2026", "1/2", "5/10ths").
  /// Whether it is a score where it stands (not "on 3/10", a date) is the rules' call.
  func ratingEnd(_ digitsStart: Int, slash: Int) -> Int? {
    var d = slash + 1
    guard d < n, p[d] != UInt8(ascii: "0") else { return nil }
    var scale = 0
    while d < n && d - slash <= 4 && cls[Int(p[d])] == ByteClass.digit {
      scale = scale * 10 + Int(p[d] &- 48)
      d += 1
    }
    guard scale == 5 || scale == 10 || scale == 100 else { return nil }
    if d < n {
      let c = cls[Int(p[d])]
      if c == ByteClass.digit || c == ByteClass.lower || c == ByteClass.upper || p[d] == UInt8(ascii: "/") {
        return nil
      }
      if (c == ByteClass.dot || c == ByteClass.comma) && d + 1 < n && cls[Int(p[d + 1])] == ByteClass.digit {
        return nil
      }
    }
    guard let value = Rating.numerator(p + digitsStart, slash - digitsStart), value <= Double(scale)
    else { return nil }
    return d
  }

  /// Whether the number `p[digitsStart..<space]` is a score in words: " out of " and a scale of
  /// 5, 10 or 100 not passed ("8 out of 10", "2 out of 5 stars"), or " star"/" stars" after at
  /// most 10 ("4.5 stars", "1 star"); the numerator is at most two digits and one decimal.
  /// "3 out of 10 servers" is flagged too: whether it stands as a score is the rules' call
  /// (`TextAnalyzer.rating`).
  func wordsOfARatingFollow(_ digitsStart: Int, space: Int) -> Bool {
    guard let value = Rating.numerator(p + digitsStart, space - digitsStart) else { return false }
    var k = space + 1
    func word(_ w: StaticString) -> Bool {
      let m = w.utf8CodeUnitCount
      guard k + m <= n else { return false }
      for i in 0..<m where p[k + i] | 0x20 != w.utf8Start[i] { return false }
      return true
    }
    func endsWord(_ at: Int) -> Bool {
      at >= n
        || (cls[Int(p[at])] != ByteClass.lower && cls[Int(p[at])] != ByteClass.upper
          && cls[Int(p[at])] != ByteClass.digit)
    }
    if word("star") {
      k += 4
      if k < n && p[k] | 0x20 == UInt8(ascii: "s") { k += 1 }
      return endsWord(k) && value <= 10
    }
    guard word("out of ") else { return false }
    k += 7
    var scale = 0
    let digits = k
    while k < n && k - digits < 4 && cls[Int(p[k])] == ByteClass.digit {
      scale = scale * 10 + Int(p[k] &- 48)
      k += 1
    }
    return (scale == 5 || scale == 10 || scale == 100) && endsWord(k) && value <= Double(scale)
  }

  static func isCurrency(_ cp: UInt32) -> Bool {
    cp == 0x20AC || cp == 0xA3 || cp == 0xA5 || cp == 0x20B9 || cp == 0x20A9
  }

  mutating func scanDots(_ i: Int) -> Int {
    var j = i
    while j < n && p[j] == UInt8(ascii: ".") { j += 1 }
    if j - i >= 2 {
      emitMarker(i, j, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
      return j
    }
    if j < n {
      let c = cls[Int(p[j])]
      if c == ByteClass.lower || c == ByteClass.upper || c == ByteClass.digit { return j }
      if c == ByteClass.colon || c == ByteClass.comma { return j }
      var k = j
      while k < n && (p[k] == 32 || p[k] == 9) { k += 1 }
      let last = tokenCount &- 1
      if k < n && cls[Int(p[k])] == ByteClass.lower {
        // Lower case after the dot: a sentence end unless the word before is an abbreviation.
        guard last >= sentenceStart, tokens[last].kind == .word, Int(tokens[last].end) == i,
          !dotEndsSentence(afterWord: Int(tokens[last].start), i)
        else {
          closeSentence()
          return j
        }
        return j
      }
      // A title or a word that introduces what follows ends no sentence ("Dear Mr. Okafor",
      // "esp. Priya", "e.g. The console").
      if last >= sentenceStart && tokens[last].kind == .word && Int(tokens[last].end) == i
        && neverEndsSentence(afterWord: Int(tokens[last].start), i)
      {
        return j
      }
    }
    closeSentence()
    return j
  }

  /// Whether the one-letter word at `start` is a lower-case letter right after a dot: the last
  /// letter of "e.g." or "i.e." (not "7040s." nor "plan B.").
  @inline(__always)
  func startsAfterADot(_ start: Int, letter: UInt8) -> Bool {
    letter &- UInt8(ascii: "a") < 26 && start > 0 && p[start &- 1] == UInt8(ascii: ".")
  }

  /// Whether the word `p[start..<end]` before a dot is an abbreviation that never ends a
  /// sentence (`Abbreviations.neverFinal`), or the last letter of a dotted one ("e.g.", "i.e.").
  @inline(never)
  func neverEndsSentence(afterWord start: Int, _ end: Int) -> Bool {
    let length = end &- start
    guard length <= 6 else { return false }
    if length == 1 { return startsAfterADot(start, letter: p[start]) }
    var key: UInt64 = 0
    for k in 0..<length { key |= UInt64(p[start &+ k] | 0x20) << UInt64(8 &* k) }
    return Abbreviations.neverFinal(key)
  }

  /// Whether a dot right after the word `p[start..<end]`, before a space and a lower-case
  /// letter, ends a sentence ("we're out. not renewing." typed in lower case): not after a
  /// single letter ("e.g. the", "p.m. today", "U.S. users") or a common abbreviation
  /// (`abbreviations`: "etc. and", "vs. them", "approx. ten").
  @inline(never)
  func dotEndsSentence(afterWord start: Int, _ end: Int) -> Bool {
    let length = end - start
    guard length > 1 else { return false }
    guard length <= 6 else { return true }
    abbreviation: for word in Abbreviations.words where word.count == length {
      for k in 0..<length where p[start + k] | 0x20 != word[k] { continue abbreviation }
      return false
    }
    return true
  }

  mutating func scanBang(_ i: Int) -> Int {
    var j = i
    var bangs: Int32 = 0
    var quests: Int32 = 0
    while j < n {
      let c = p[j]
      if c == UInt8(ascii: "!") {
        bangs += 1
      } else if c == UInt8(ascii: "?") {
        quests += 1
      } else if c != UInt8(ascii: ".") {
        break
      }
      j += 1
    }
    exclamations += bangs
    questions += quests
    if bangs > 0 {
      emitMarker(i, j, marker: UInt8(ascii: "!"), hash: MarkerHash.bang, kind: .emphasis)
    } else {
      emitMarker(i, j, marker: UInt8(ascii: "?"), hash: MarkerHash.question, kind: .emphasis)
    }
    closeSentence()
    return j
  }

  /// Recognises an emoticon from the lexicon at `i`; emits it and returns its end.
  mutating func emoticonEnd(_ i: Int) -> Int? {
    guard let emoticons else { return nil }
    let b = p[i]
    let eyes = b == UInt8(ascii: ":") || b == UInt8(ascii: ";") || b == UInt8(ascii: "=")
    if !eyes && i > 0 && p[i - 1] > 32 { return nil }
    if b == UInt8(ascii: "\"") { return nil }
    var j = i
    scan: while j < n && j - i < 8 {
      let c = p[j]
      if c <= 32 || c >= 0x80 { break }
      let k = cls[Int(c)]
      if k == ByteClass.lower || k == ByteClass.upper {
        switch c | 0x20 {
        case UInt8(ascii: "d"), UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "x"), UInt8(ascii: "b"),
          UInt8(ascii: "s"), UInt8(ascii: "c"), UInt8(ascii: "l"):
          break
        default:
          break scan
        }
      } else if k == ByteClass.digit && c != UInt8(ascii: "3") && c != UInt8(ascii: "8") && c != UInt8(ascii: "0") {
        break
      }
      j += 1
    }
    var length = j - i
    while length >= 2 {
      let end = i + length
      if end == n || !isAlnum(p[end]) {
        for k in 0..<length {
          var c = p[i + k]
          if cls[Int(c)] == ByteClass.upper { c |= 0x20 }
          folded[foldCount + k] = c
        }
        let key = UnsafeRawBufferPointer(start: folded + foldCount, count: length)
        if emoticons.pointee.find(hash: ByteKeyTable.hash(key), key: key) >= 0 {
          // HTML markup ends it: the colon of a bold label (`<b>Note:</b>`) is no frown `:<`,
          // nor `Host:&#160;` a `:&`. Looked for in what was found only, off the scan's path.
          if let markup = markupStart(after: i, before: end) {
            length = markup &- i
            continue
          }
          let fs = foldCount
          foldCount += length
          emitScorable(i, end, foldStart: fs, kind: .emoticon, flags: [])
          return end
        }
      }
      length -= 1
    }
    return nil
  }

  /// The first index in `i + 1 ..< end` where HTML markup (a known tag or an entity) starts, or
  /// nil: an emoticon found at `i` ends there.
  func markupStart(after i: Int, before end: Int) -> Int? {
    var k = i &+ 1
    while k < end {
      if (p[k] == UInt8(ascii: "<") || p[k] == UInt8(ascii: "&")) && HTMLMarkup.startsMarkup(p, n, k) { return k }
      k &+= 1
    }
    return nil
  }

  /// The end of an inline image's placeholder that a plain-text copy of an HTML e-mail keeps at
  /// `i` ("[cid:image001.png@01D9C1A2.3B4C5D60]", "[image: logo.png]"): after its ']', on the
  /// same line and within 200 bytes; nil for any other bracket. It is no word of the writer's,
  /// and a sentence of it alone thinned the text's tone.
  func inlineImageEnd(_ i: Int) -> Int? {
    let text = ByteText(p: p, n: n)
    guard text.matches(at: i &+ 1, "cid:", ignoringCase: true) || text.matches(at: i &+ 1, "image:", ignoringCase: true)
    else { return nil }
    var j = i &+ 1
    while j < n && j &- i < 200 && p[j] != UInt8(ascii: "]") && p[j] != 10 && p[j] != 13 { j &+= 1 }
    return j < n && p[j] == UInt8(ascii: "]") ? j &+ 1 : nil
  }

  mutating func scanHashtag(_ start: Int) -> Int {
    var end = start
    while end < n {
      let c = p[end]
      if c < 0x80 {
        if isAlnum(c) || c == UInt8(ascii: "_") { end += 1 } else { break }
      } else {
        let (cp, len) = decode(end)
        if ByteClass.isLetter(cp) { end += len } else { break }
      }
    }
    var j = start
    while j < end {
      if p[j] == UInt8(ascii: "_") {
        j += 1
        continue
      }
      let partStart = j
      let fs = foldCount
      var upper = 0
      var lower = 0
      let digits = cls[Int(p[j])] == ByteClass.digit
      while j < end {
        let c = p[j]
        if c == UInt8(ascii: "_") { break }
        if c < 0x80 {
          let k = cls[Int(c)]
          if (k == ByteClass.digit) != digits { break }
          if j > partStart && k == ByteClass.upper {
            let prev = cls[Int(p[j - 1])]
            if prev == ByteClass.lower { break }
            if prev == ByteClass.upper && j + 1 < end && cls[Int(p[j + 1])] == ByteClass.lower { break }
          }
          var f = c
          if k == ByteClass.upper {
            f |= 0x20
            upper += 1
          } else if k == ByteClass.lower {
            lower += 1
          }
          folded[foldCount] = f
          foldCount += 1
          j += 1
        } else {
          if digits { break }
          let len = decode(j).len
          for k in 0..<len {
            folded[foldCount] = p[j + k]
            foldCount += 1
          }
          lower += 1
          j += len
        }
      }
      var flags: TokenFlags = [.hashtag]
      if upper >= 2 && lower == 0 { flags.insert(.allCaps) }
      if lower > 0 { flags.insert(.hasLower) }
      emitScorable(partStart, j, foldStart: fs, kind: digits ? .number : .word, flags: flags)
    }
    return end
  }

  mutating func scanMultibyte(_ i: Int) -> Int {
    let (cp, len) = decode(i)
    if ByteClass.isLetter(cp) { return scanWord(i) }
    if ByteClass.isEmoji(cp) { return scanEmoji(i) }
    switch cp {
    case 0x2026, 0x2014, 0x2013:
      emitMarker(i, i + len, marker: UInt8(ascii: ","), hash: MarkerHash.comma, kind: .clauseBreak)
    case 0x203C, 0x2049:
      exclamations += cp == 0x203C ? 2 : 1
      questions += cp == 0x2049 ? 1 : 0
      emitMarker(i, i + len, marker: UInt8(ascii: "!"), hash: MarkerHash.bang, kind: .emphasis)
      closeSentence()
    case 0x3002, 0xFF01, 0xFF1F:
      if cp == 0xFF01 { exclamations += 1 }
      if cp == 0xFF1F { questions += 1 }
      closeSentence()
    case 0x2028, 0x2029:
      closeSentence()
    case 0x2018, 0x2019, 0x201C, 0x201D:
      mentionsQuotes = true
    default:
      if Self.isCurrency(cp) && i + len < n && cls[Int(p[i + len])] == ByteClass.digit {
        return scanNumber(i + len, tokenStart: i)
      }
    }
    return i + len
  }

  mutating func scanEmoji(_ i: Int) -> Int {
    let fs = foldCount
    var j = i
    var scalars = 0
    while j < n {
      let (cp, len) = decode(j)
      for k in 0..<len { folded[foldCount + k] = p[j + k] }
      foldCount += len
      j += len
      scalars += 1
      // Modifiers that do not change what the emoji means: skin tones, variation selectors, tags.
      while j < n && p[j] >= 0xC2 {
        let (m, mlen) = decode(j)
        if (m >= 0x1F3FB && m <= 0x1F3FF) || m == 0xFE0F || m == 0xFE0E || (m >= 0xE0020 && m <= 0xE007F)
          || m == 0x20E3
        {
          j += mlen
        } else {
          break
        }
      }
      if j + 3 < n, decode(j).cp == 0x200D, ByteClass.isEmoji(decode(j + 3).cp) {
        for k in 0..<3 { folded[foldCount + k] = p[j + k] }
        foldCount += 3
        j += 3
        continue
      }
      if cp >= 0x1F1E6 && cp <= 0x1F1FF && scalars == 1 && j < n {
        let next = decode(j).cp
        if next >= 0x1F1E6 && next <= 0x1F1FF { continue }
      }
      break
    }
    emitScorable(i, j, foldStart: fs, kind: .emoji, flags: [])
    // A sequence the lexicon does not know (ZWJ, skin tone, flag pair) takes its first emoji's
    // entry.
    let last = tokenCount - 1
    let first = folded[fs]
    let firstLength = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
    if tokens[last].entry < 0 && firstLength < foldCount - fs {
      let prefix = UnsafeRawBufferPointer(start: folded + fs, count: firstLength)
      tokens[last].entry = words.pointee.find(hash: ByteKeyTable.hash(prefix), key: prefix)
    }
    return j
  }
}

extension Tokenizer {
  /// A tokenizer that knows `lexicon`'s emoticons and words (entries filled while scanning);
  /// `hashes` false leaves `Token.hash` 0 where the look-up needs none (see `hashes`).
  package init(lexicon: TextLexicon, hashes: Bool = true) {
    self.init(frozenEmoticons: lexicon.emoticonTable, words: lexicon.wordTable, hashes: hashes)
  }
}
