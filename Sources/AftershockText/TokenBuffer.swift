/// Reused storage for one document's tokens, folded bytes and sentences.
///
/// Grows to the largest document seen and never shrinks, so tokenizing millions of texts
/// allocates only while the high-water mark rises.
package final class TokenBuffer {
  @exclusivity(unchecked) package private(set) var tokens: UnsafeMutablePointer<Token>
  @exclusivity(unchecked) package private(set) var tokenCapacity: Int
  @exclusivity(unchecked) package var tokenCount = 0
  @exclusivity(unchecked) package private(set) var folded: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) package private(set) var foldedCapacity: Int
  @exclusivity(unchecked) package var foldedCount = 0
  @exclusivity(unchecked) package private(set) var sentences: UnsafeMutablePointer<Sentence>
  @exclusivity(unchecked) package private(set) var sentenceCapacity: Int
  @exclusivity(unchecked) package var sentenceCount = 0
  /// Sixteen bytes of scratch for the tokenizer: a copy of a text's last bytes, zero-padded.
  let tail = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
  /// Whether a number is an amount of money by its own signs (`$10`, `€5`, `10$`).
  @exclusivity(unchecked) package var mentionsMoney = false
  /// Whether a quote mark stands outside a word (`"`, `'`, `‘ ’ “ ”`): the text may quote a word
  /// in scare quotes (`TextAnalyzer`'s `turnScareQuotedPraise`).
  @exclusivity(unchecked) package var mentionsQuotes = false
  /// Whether a sentence has a question mark (`Sentence.questions`).
  @exclusivity(unchecked) package var mentionsQuestion = false
  /// Whether the text has an @handle (`TextAnalyzer` reads one naming a competitor as its name).
  @exclusivity(unchecked) package var mentionsHandle = false
  /// Whether the tokens carry their word hashes (a tokenizer made with `hashes: true`); the
  /// trained model's features are made of them, and without them only the rule features remain.
  @exclusivity(unchecked) package var hasWordHashes = false

  package init(capacity: Int = 1024) {
    assert(
      MemoryLayout<Token>.offset(of: \Token.kind) == Token.kindOffset
        && MemoryLayout<Token>.offset(of: \Token.flags) == Token.kindOffset + 1
        && MemoryLayout<Token>.offset(of: \Token.entry) == Token.entryOffset)
    tokenCapacity = max(16, capacity)
    tokens = .allocate(capacity: tokenCapacity)
    foldedCapacity = max(64, capacity * 4)
    folded = .allocate(capacity: foldedCapacity)
    sentenceCapacity = max(8, capacity / 4)
    sentences = .allocate(capacity: sentenceCapacity)
    textCapacity = TokenBuffer.textCapacity(tokenCapacity, foldedCapacity, sentenceCapacity)
  }

  deinit {
    tokens.deallocate()
    folded.deallocate()
    sentences.deallocate()
    tail.deallocate()
  }

  /// The largest text all three arrays have room for (`reset`'s one compare per text).
  @exclusivity(unchecked) private var textCapacity: Int

  /// Empties the buffer and makes room for a text of `byteCount` bytes (tokens and folded
  /// bytes can never outnumber the source bytes; the tokenizer stores folded words eight
  /// bytes at a time, so the folded buffer has sixteen bytes of slack).
  @inline(__always)
  package func reset(forByteCount byteCount: Int) {
    tokenCount = 0
    foldedCount = 0
    sentenceCount = 0
    mentionsMoney = false
    mentionsQuotes = false
    mentionsQuestion = false
    mentionsHandle = false
    reserve(forByteCount: byteCount)
  }

  /// Makes room for a text of `byteCount` bytes without emptying the buffer: for a writer that
  /// sets every count itself afterwards (the tokenizer). One compare when there is room.
  @inline(__always)
  func reserve(forByteCount byteCount: Int) {
    if byteCount > textCapacity { grow(forByteCount: byteCount) }
  }

  @inline(never)
  private func grow(forByteCount byteCount: Int) {
    let need = byteCount + 16
    if need > tokenCapacity {
      tokens.deallocate()
      tokenCapacity = need
      tokens = .allocate(capacity: tokenCapacity)
    }
    if need > foldedCapacity {
      folded.deallocate()
      foldedCapacity = need
      folded = .allocate(capacity: foldedCapacity)
    }
    if need > sentenceCapacity {
      sentences.deallocate()
      sentenceCapacity = need
      sentences = .allocate(capacity: sentenceCapacity)
    }
    textCapacity = TokenBuffer.textCapacity(tokenCapacity, foldedCapacity, sentenceCapacity)
  }

  private static func textCapacity(_ tokens: Int, _ folded: Int, _ sentences: Int) -> Int {
    min(tokens, folded, sentences) - 16
  }

  /// The folded bytes of token `index`.
  @inline(__always)
  package func foldedBytes(_ index: Int) -> UnsafeRawBufferPointer {
    let t = tokens[index]
    return UnsafeRawBufferPointer(start: folded + Int(t.foldStart), count: Int(t.foldEnd - t.foldStart))
  }

  /// The folded text of token `index` (for tests and diagnostics, not hot paths).
  package func foldedString(_ index: Int) -> String {
    String(decoding: foldedBytes(index), as: UTF8.self)
  }
}
