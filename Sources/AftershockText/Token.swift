/// What a token is, as the tokenizer saw it.
package enum TokenKind: UInt8, Sendable {
  /// Letters (any script), digits inside, apostrophes inside (`don't`); hashtag parts too.
  case word
  /// Digits with `.`/`,`/`:` inside; money when a currency sign or word is attached.
  case number
  /// One emoji with its modifiers, ZWJ sequence or flag pair.
  case emoji
  /// An ASCII emoticon found in the lexicon (`:(`, `:-)`, `<3`).
  case emoticon
  /// A run of `!`/`?` (kept as an emphasis signal).
  case emphasis
  /// A clause break: `,`, `;`, `:`, `...`, dashes, parentheses.
  case clauseBreak
  /// A masked URL.
  case url
  /// A masked e-mail address.
  case email
  /// An `@handle` (never scored).
  case handle
}

/// Flags on a token.
package struct TokenFlags: OptionSet, Sendable {
  package let rawValue: UInt8
  package init(rawValue: UInt8) { self.rawValue = rawValue }
  /// Two or more letters, all upper case.
  package static let allCaps = TokenFlags(rawValue: 1)
  /// Has at least one lower-case letter.
  package static let hasLower = TokenFlags(rawValue: 2)
  /// Part of a split `#hashtag`.
  package static let hashtag = TokenFlags(rawValue: 4)
  /// A number that is an amount of money (`$10`, `10 dollars`, `€5`).
  package static let money = TokenFlags(rawValue: 8)
  /// A word ending in `n't`.
  package static let negatedContraction = TokenFlags(rawValue: 16)
  /// A number followed by `%`.
  package static let percent = TokenFlags(rawValue: 32)
  /// A score written as a fraction of 5, 10 or 100 (`2/10`, `4.5/5`): one number token.
  package static let rating = TokenFlags(rawValue: 64)
}

/// One token: byte ranges in the source and in the case-folded buffer, its hash and kind.
package struct Token: Sendable {
  /// Start of the token in the source bytes.
  package var start: Int32
  /// End (exclusive) in the source bytes.
  package var end: Int32
  /// Start of the folded (lower-cased, normalised) form in `TokenBuffer.folded`.
  package var foldStart: Int32
  /// End (exclusive) of the folded form.
  package var foldEnd: Int32
  /// `TokenHash` of the folded bytes.
  package var hash: UInt64
  /// The kind.
  package var kind: TokenKind
  /// Flags.
  package var flags: TokenFlags
  /// Lexicon entry id, or -1 (filled when the tokenizer has the lexicon's word table).
  package var entry: Int32
}

/// A sentence: a range of tokens plus its `!`/`?` counts.
package struct Sentence: Sendable {
  /// First token index.
  package var tokenStart: Int32
  /// End token index (exclusive).
  package var tokenEnd: Int32
  /// Number of `!` in the sentence.
  package var exclamations: Int32
  /// Number of `?` in the sentence.
  package var questions: Int32
}

extension Token {
  /// The byte offset of `kind`, with `flags` in the byte after it: the rules read both with one
  /// 16-bit load (little-endian: the kind in its low byte). A literal, so reading it costs no
  /// lazy-global check; `TokenBuffer` asserts it matches the layout.
  static let kindOffset = 24

  /// The byte offset of `entry` (after `kind`, `flags` and two bytes of padding).
  static let entryOffset = 28

  /// Writes a token at `slot` (initialized or not) with one store per field but `kind` and
  /// `flags`, which take one 16-bit store: `kindAndFlags`, the kind in its low byte and the flags
  /// in its high byte (as the rules read them at `kindOffset`). The tokenizer's word loop computes
  /// that value directly, saving a store and a shift per word.
  @inline(__always)
  static func initializeWord(
    _ slot: UnsafeMutablePointer<Token>, start: Int, end: Int, foldStart: Int, foldEnd: Int, hash: UInt64,
    kindAndFlags: UInt16, entry: Int32
  ) {
    let raw = UnsafeMutableRawPointer(slot)
    raw.storeBytes(of: Int32(truncatingIfNeeded: start), as: Int32.self)
    raw.storeBytes(of: Int32(truncatingIfNeeded: end), toByteOffset: 4, as: Int32.self)
    raw.storeBytes(of: Int32(truncatingIfNeeded: foldStart), toByteOffset: 8, as: Int32.self)
    raw.storeBytes(of: Int32(truncatingIfNeeded: foldEnd), toByteOffset: 12, as: Int32.self)
    raw.storeBytes(of: hash, toByteOffset: 16, as: UInt64.self)
    raw.storeBytes(of: kindAndFlags, toByteOffset: kindOffset, as: UInt16.self)
    raw.storeBytes(of: entry, toByteOffset: entryOffset, as: Int32.self)
  }
}

/// A score written as a fraction ("2/10", "4.5/5"; `TokenFlags.rating`).
enum Rating {
  /// The value of a score's numerator: one or two digits, then at most one decimal after a dot
  /// or comma ("4.5", "7,5"); nil for anything else ("1,000", "10:30").
  static func numerator(_ b: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    func digit(_ c: UInt8) -> Int? { c >= 48 && c <= 57 ? Int(c - 48) : nil }
    guard count >= 1, count <= 4, let first = digit(b[0]) else { return nil }
    var whole = first
    var k = 1
    if k < count, let second = digit(b[k]) {
      whole = whole * 10 + second
      k += 1
    }
    if k == count { return Double(whole) }
    guard k + 2 == count, b[k] == UInt8(ascii: ".") || b[k] == UInt8(ascii: ","), let tenth = digit(b[k + 1]) else {
      return nil
    }
    return Double(whole) + Double(tenth) / 10
  }

  /// The share of its scale a rating token's bytes give ("2/10": 0.2), or nil when they are not
  /// one.
  static func fraction(_ b: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var slash = 0
    while slash < count && b[slash] != UInt8(ascii: "/") { slash += 1 }
    guard slash < count, let value = numerator(b, slash) else { return nil }
    var scale = 0
    for k in (slash + 1)..<count {
      guard b[k] >= 48 && b[k] <= 57 else { return nil }
      scale = scale * 10 + Int(b[k] - 48)
    }
    return scale > 0 ? value / Double(scale) : nil
  }
}
