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

/// Hashed binary features of one text (uni+bigrams with negation marking, rule scores),
/// written into reused storage.
final class FeatureExtractor {
  static let defaultHashBits = 18
  static let denseCount = 3

  let hashBits: Int
  /// Active bucket indices of the last text (distinct).
  private(set) var indices: [Int32] = []
  /// Dense inputs of the last text: compound, positive share, negative share.
  private(set) var dense: (Double, Double, Double) = (0, 0, 0)
  private var stamp: [UInt32]
  private var generation: UInt32 = 0

  init(hashBits: Int) {
    self.hashBits = hashBits
    stamp = [UInt32](repeating: 0, count: 1 << hashBits)
    indices.reserveCapacity(1024)
  }

  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h &*= 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
  }

  static let negatedSalt: UInt64 = 0x9e37_79b9_7f4a_7c15
  static let startMarker: UInt64 = 0x5374_6172_7421_0001
  static let breakMarker: UInt64 = 0x4272_6561_6b21_0002

  @inline(__always)
  private func add(_ h: UInt64) {
    let b = Int(FeatureExtractor.mix(h) >> UInt64(64 - hashBits))
    stamp.withUnsafeMutableBufferPointer { s in
      if s[b] != generation {
        s[b] = generation
        indices.append(Int32(b))
      }
    }
  }

  func extract(from buffer: TokenBuffer, lexicon: TextLexicon, scores: SentimentScores, options: FeatureOptions) {
    precondition(options.hashBits == hashBits, "feature extractor built for another hash size")
    indices.removeAll(keepingCapacity: true)
    generation &+= 1
    if generation == 0 {
      for i in stamp.indices { stamp[i] = 0 }
      generation = 1
    }
    let tk = buffer.tokens
    let roles = lexicon.rolesPointer
    for s in 0..<buffer.sentenceCount {
      let sentence = buffer.sentences[s]
      var negating = false
      var prev = FeatureExtractor.startMarker
      for t in Int(sentence.tokenStart)..<Int(sentence.tokenEnd) {
        let token = tk[t]
        switch token.kind {
        case .word, .number, .emoji, .emoticon:
          var h = token.hash
          if options.negationMarking && negating { h = (h ^ FeatureExtractor.negatedSalt) &* ByteKeyTable.hashPrime }
          add(h)
          if options.bigrams { add(FeatureExtractor.mix(prev &* 31 ^ h) ^ 0x2) }
          prev = h
          if token.flags.contains(.negatedContraction)
            || (token.entry >= 0 && EntryRoles(rawValue: roles[Int(token.entry)]).contains(.negator))
          {
            negating = true
          }
        case .clauseBreak:
          negating = false
          prev = FeatureExtractor.breakMarker
        case .emphasis:
          add(token.hash ^ 0x3)
          negating = false
          prev = FeatureExtractor.breakMarker
        default:
          break
        }
      }
    }
    if options.ruleFeatures {
      let c = scores.compound
      let bin: UInt64 = c <= -0.5 ? 1 : c <= -0.05 ? 2 : c < 0.05 ? 3 : c < 0.5 ? 4 : 5
      add(0x7275_6c65_0000_0000 | bin)
      dense = (c, scores.positive, scores.negative)
    } else {
      dense = (0, 0, 0)
    }
  }
}
