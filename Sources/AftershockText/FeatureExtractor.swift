/// How a trained model turns a text into features.
public struct FeatureOptions: Codable, Sendable, Equatable {
  /// Number of hash buckets is `1 << hashBits`.
  public var hashBits: Int
  /// Add word bigrams to unigrams.
  public var bigrams: Bool
  /// Mark words after a negation (until punctuation) as different features (`NOT_good`).
  public var negationMarking: Bool
  /// Add the rule-based scores (binned compound, and compound/pos/neg as dense inputs).
  public var ruleFeatures: Bool

  /// The defaults: 2^18 buckets, uni+bigrams, negation marking, rule features.
  public init(hashBits: Int = 18, bigrams: Bool = true, negationMarking: Bool = true, ruleFeatures: Bool = true) {
    self.hashBits = hashBits
    self.bigrams = bigrams
    self.negationMarking = negationMarking
    self.ruleFeatures = ruleFeatures
  }
}

/// Hashed count features of one text (uni+bigrams with negation marking, rule scores),
/// written into reused storage.
///
/// A feature is a 64-bit hash and its bucket the hash's top `hashBits` bits. A word's hash is
/// its token hash (`TokenHash`, whose last step is a multiply, so its top bits depend on every
/// byte); every other feature's is a value built from word hashes or markers times `spread`,
/// for the same reason. A feature that occurs twice counts twice: the model is linear in the
/// counts (`bias + W·x`), which saves the per-text set of buckets already seen (model file
/// version 3; versions 1 and 2 hashed otherwise and counted a feature once).
final class FeatureExtractor {
  static let defaultHashBits = 18
  static let denseCount = 3

  let hashBits: Int
  /// Dense inputs of the last text: compound, positive share, negative share.
  @exclusivity(unchecked) private(set) var dense: (Double, Double, Double) = (0, 0, 0)
  @exclusivity(unchecked) private var indexStorage: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private var indexCapacity = 1024
  /// Number of features of the last text.
  @exclusivity(unchecked) private(set) var count = 0
  /// With a two-class model's weights (`extract(..., pairWeights:bias:)`): each class's bias
  /// plus the weights of the features, added in their order as `predict` would.
  @exclusivity(unchecked) private(set) var pairSums: SIMD2<Double>? = nil

  init(hashBits: Int) {
    // Trainers and model files check this range; `add` relies on it.
    precondition((4...24).contains(hashBits), "hashBits must be 4...24")
    self.hashBits = hashBits
    indexStorage = .allocate(capacity: indexCapacity)
  }

  deinit {
    indexStorage.deallocate()
  }

  /// The buckets of the last text's features in text order (a bucket once per occurrence),
  /// valid until the next `extract`.
  var indices: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: indexStorage, count: count) }

  /// The odd multiplier that spreads a built feature value into its top bits (MurmurHash3's
  /// first finaliser constant).
  static let spread: UInt64 = 0xff51_afd7_ed55_8ccd
  static let negatedSalt: UInt64 = 0x9e37_79b9_7f4a_7c15
  static let emphasisSalt: UInt64 = 0x456d_7068_2100_0003
  static let ruleSalt: UInt64 = 0x7275_6c65_0000_0000
  static let startMarker: UInt64 = 0x5374_6172_7421_0001
  static let breakMarker: UInt64 = 0x4272_6561_6b21_0002

  /// The feature of a word after a negation (`NOT_good`).
  @inline(__always)
  static func negated(_ word: UInt64) -> UInt64 { (word ^ negatedSalt) &* spread }

  /// The feature of a word pair: the first word turned by 23 bits, so "a b" and "b a" (and "a a")
  /// differ, then mixed with the second. `previous` is a word feature or a start/break marker.
  @inline(__always)
  static func bigram(_ previous: UInt64, _ word: UInt64) -> UInt64 {
    ((previous &<< 23 | previous &>> 41) ^ word) &* spread
  }

  /// The feature of an emphasis run (`!!!`, `?!`) from its token hash.
  @inline(__always)
  static func emphasis(_ marker: UInt64) -> UInt64 { (marker ^ emphasisSalt) &* spread }

  /// The feature of a rule compound's bin (1...5, `ruleBin(compound:)`).
  @inline(__always)
  static func ruleFeature(bin: UInt64) -> UInt64 { (ruleSalt | bin) &* spread }

  /// The bin of a rule compound: very negative, negative, neutral, positive, very positive
  /// (VADER's ±0.05, and ±0.5).
  @inline(__always)
  static func ruleBin(compound c: Double) -> UInt64 {
    c <= -0.5 ? 1 : c <= -0.05 ? 2 : c < 0.05 ? 3 : c < 0.5 ? 4 : 5
  }

  /// Writes the bucket of feature `h` at `next` and moves it on; given two-class weights `w`,
  /// adds the bucket's weights to `sums`.
  @inline(__always)
  private func add(
    _ h: UInt64, _ shift: UInt64, _ next: inout UnsafeMutablePointer<Int32>, _ w: UnsafePointer<Float>?,
    _ sums: inout SIMD2<Double>
  ) {
    // hashBits is 4...24 (`init`): the shift is below 64 and a bucket fits an Int32, so no
    // overflow checks.
    let b = Int(truncatingIfNeeded: h &>> shift)
    next.pointee = Int32(truncatingIfNeeded: b)
    next += 1
    if let w { sums += SIMD2(Double(w[b &* 2]), Double(w[b &* 2 &+ 1])) }
  }

  /// Adds the token features of the text in `buffer` from `out` on (and with `w`, their
  /// weights to `sums`); returns where they end. The output pointer moves instead of a count
  /// beside a base, one register fewer.
  @inline(__always)
  private func scan(
    _ buffer: TokenBuffer, _ info: UnsafeMutablePointer<UInt64>, _ shift: UInt64, _ out: UnsafeMutablePointer<Int32>,
    negationMarking: Bool, bigrams: Bool,
    _ w: UnsafePointer<Float>?, _ sums: inout SIMD2<Double>
  ) -> UnsafeMutablePointer<Int32> {
    var next = out
    let tk = buffer.tokens
    let negator = UInt64(EntryRoles.negator.rawValue)
    let sentences = buffer.sentences
    for s in 0..<buffer.sentenceCount {
      // A token pointer rather than an index and a base: one register fewer.
      var t = tk + Int(sentences[s].tokenStart)
      let end = tk + Int(sentences[s].tokenEnd)
      var negating: UInt64 = 0  // non-zero after a negation, until a break
      var prev = FeatureExtractor.startMarker
      while t < end {
        // The fields each kind needs, not the whole 32-byte token.
        switch t.pointee.kind {
        case .word, .number, .emoji, .emoticon:
          var h = t.pointee.hash
          if negationMarking && negating != 0 { h = FeatureExtractor.negated(h) }
          add(h, shift, &next, w, &sums)
          if bigrams { add(FeatureExtractor.bigram(prev, h), shift, &next, w, &sums) }
          prev = h
          // Both tests without a branch (the entry's info is there whether or not it is needed).
          let contraction = t.pointee.flags.rawValue & TokenFlags.negatedContraction.rawValue
          let negates = UInt64(contraction) | info[Int(t.pointee.entry)] & negator
          negating |= negates
        case .clauseBreak:
          negating = 0
          prev = FeatureExtractor.breakMarker
        case .emphasis:
          add(FeatureExtractor.emphasis(t.pointee.hash), shift, &next, w, &sums)
          negating = 0
          prev = FeatureExtractor.breakMarker
        default:
          break
        }
        t += 1
      }
    }
    return next
  }

  /// Extracts the features of the text in `buffer` (tokens and rule scores of one text).
  func extract(from buffer: TokenBuffer, lexicon: TextLexicon, scores: SentimentScores, options: FeatureOptions) {
    extract(from: buffer, lexicon: lexicon, scores: scores, options: options, pairWeights: nil, bias: .zero)
  }

  /// Extracts the features and, given a two-class model's feature-major weights and its bias,
  /// sums them into `pairSums` while each new bucket is at hand: its weights are loaded while
  /// the next features are hashed instead of in a pass of their own after the extraction.
  func extract(
    from buffer: TokenBuffer, lexicon: TextLexicon, scores: SentimentScores, options: FeatureOptions,
    pairWeights: UnsafePointer<Float>?, bias: SIMD2<Double>
  ) {
    precondition(options.hashBits == hashBits, "feature extractor built for another hash size")
    precondition(buffer.hasWordHashes, "tokens without word hashes: the analyzer was made without them")
    // At most two features per token (a word and its bigram), one per emphasis run, plus the
    // rule bin.
    let bound = 2 * buffer.tokenCount + 2
    if bound > indexCapacity {
      indexStorage.deallocate()
      indexCapacity = max(bound, indexCapacity * 2)
      indexStorage = .allocate(capacity: indexCapacity)
    }
    let out = indexStorage
    let shift = UInt64(64 - hashBits)
    let info = lexicon.entryInfoPointer  // index -1 holds 0
    var sums = bias
    var next: UnsafeMutablePointer<Int32>
    if let w = pairWeights, options.negationMarking && options.bigrams && hashBits == FeatureExtractor.defaultHashBits {
      // A trained model with the default options gets its own copy of the loop, with the
      // option tests gone and the shift a constant (one register fewer in a loop short of them).
      let defaultShift = UInt64(64 - FeatureExtractor.defaultHashBits)
      next = scan(buffer, info, defaultShift, out, negationMarking: true, bigrams: true, w, &sums)
    } else {
      next = scan(
        buffer, info, shift, out, negationMarking: options.negationMarking, bigrams: options.bigrams, nil, &sums)
      if let w = pairWeights {
        for b in UnsafeBufferPointer(start: out, count: next - out) {
          sums += SIMD2(Double(w[Int(b) &* 2]), Double(w[Int(b) &* 2 &+ 1]))
        }
      }
    }
    if options.ruleFeatures {
      let c = scores.compound
      let bin = FeatureExtractor.ruleBin(compound: c)
      add(FeatureExtractor.ruleFeature(bin: bin), shift, &next, pairWeights, &sums)
      dense = (c, scores.positive, scores.negative)
    } else {
      dense = (0, 0, 0)
    }
    count = next - out
    pairSums = pairWeights == nil ? nil : sums
  }
}
