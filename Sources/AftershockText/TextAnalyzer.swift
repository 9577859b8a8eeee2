import Foundation

/// The text pipeline in one reusable object: tokenize, rule-based sentiment (per sentence and
/// per document), aspect sentiment by clause, churn intent with evidence, competitor mentions,
/// and optionally a trained model's prediction.
///
/// Keeps its buffers between calls, so analysing millions of texts allocates only while the
/// largest text seen grows. Not thread-safe: use one analyzer per thread (they can share a
/// `TextLexicon` and a `LinearSentimentModel`).
public final class TextAnalyzer {
  /// The lexicons in use.
  public let lexicon: TextLexicon
  /// The trained model, if any.
  public let model: LinearSentimentModel?
  /// Per-sentence sentiment of the last analysed text (valid until the next call).
  public var sentenceSentiments: [SentenceSentiment] {
    Array(UnsafeBufferPointer(start: sentenceStorage, count: sentenceStorageCount))
  }
  /// `sentenceSentiments` in reused storage (an array would cost a uniqueness check and a
  /// reset per text); replaced when a text has more sentences.
  @exclusivity(unchecked) private var sentenceStorage: UnsafeMutablePointer<SentenceSentiment>
  @exclusivity(unchecked) private var sentenceStorageCapacity = 64
  @exclusivity(unchecked) private var sentenceStorageCount = 0

  let tokenizer: Tokenizer
  let buffer = TokenBuffer(capacity: 4096)
  let features: FeatureExtractor
  /// The rules' per-position and per-sentence scratch (`AnalyzerScratch`), replaced (never
  /// resized in place) when a longer text arrives, so its pointers are `let`s and the hot loops
  /// pay no exclusivity checks.
  @exclusivity(unchecked) private var scratch = AnalyzerScratch(capacity: 256, sentenceCapacity: 32)
  private let aspectSum = UnsafeMutablePointer<Double>.allocate(capacity: 8)
  private let aspectWeight = UnsafeMutablePointer<Double>.allocate(capacity: 8)
  private let aspectMentions = UnsafeMutablePointer<Int>.allocate(capacity: 8)
  /// Phrases found at one position (length in tokens, phrase id), shortest first.
  private let matchLength: UnsafeMutablePointer<Int32>
  private let matchPhrase: UnsafeMutablePointer<Int32>

  /// Rule scores of the last text, for the trained model's features.
  @exclusivity(unchecked) private(set) var lastScores = SentimentScores.empty

  static let capsIncrement: Float = 0.733
  static let negationScalar: Float = -0.74
  static let alpha = 15.0

  /// An analyzer over `lexicon`, with an optional trained model.
  public init(lexicon: TextLexicon, model: LinearSentimentModel? = nil) {
    self.lexicon = lexicon
    self.model = model
    tokenizer = Tokenizer(lexicon: lexicon)
    features = FeatureExtractor(hashBits: model?.hashBits ?? FeatureExtractor.defaultHashBits)
    matchLength = .allocate(capacity: lexicon.maxPhraseLength + 1)
    matchPhrase = .allocate(capacity: lexicon.maxPhraseLength + 1)
    sentenceStorage = .allocate(capacity: sentenceStorageCapacity)
  }

  /// Loads the standard lexicons from a data directory (the repository's `Data/`) and,
  /// when `modelPath` is given, a trained model (e.g. `Data/models/sentiment.json`).
  public convenience init(dataDirectory: String, modelPath: String? = nil) throws {
    let lexicon = try TextLexicon(dataDirectory: dataDirectory)
    let model = try modelPath.map { try LinearSentimentModel(contentsOf: $0) }
    self.init(lexicon: lexicon, model: model)
  }

  deinit {
    sentenceStorage.deallocate()
    aspectSum.deallocate()
    aspectWeight.deallocate()
    aspectMentions.deallocate()
    matchLength.deallocate()
    matchPhrase.deallocate()
  }

  /// Analyses a text.
  public func analyze(_ text: String) -> TextAnalysis {
    var copy = text
    return copy.withUTF8 { analyze(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Analyses UTF-8 bytes.
  public func analyze(_ bytes: [UInt8]) -> TextAnalysis {
    bytes.withUnsafeBytes { analyze(utf8: $0) }
  }

  /// Analyses UTF-8 bytes in place (invalid UTF-8 is skipped, never a crash).
  public func analyze(utf8 text: UnsafeRawBufferPointer) -> TextAnalysis {
    var analysis = TextAnalysis()
    runRules(text, into: &analysis)
    if let model {
      features.extract(from: buffer, lexicon: lexicon, scores: analysis.sentiment, options: model.options)
      analysis.modelPrediction = model.predict(features)
    }
    return analysis
  }

  /// Rule-based sentiment only (the same numbers as `analyze(...).sentiment`).
  public func sentiment(utf8 text: UnsafeRawBufferPointer) -> SentimentScores {
    var analysis = TextAnalysis()
    runRules(text, into: &analysis)
    return analysis.sentiment
  }

  /// Rule-based sentiment of a string.
  public func sentiment(_ text: String) -> SentimentScores {
    var copy = text
    return copy.withUTF8 { sentiment(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Tokenizes and scores a text, leaving tokens in `buffer` and scores in `lastScores`.
  func prepare(utf8 text: UnsafeRawBufferPointer) {
    var analysis = TextAnalysis()
    runRules(text, into: &analysis)
  }

  private func ensureCapacity(positions: Int, sentences: Int) {
    if positions > scratch.capacity || sentences > scratch.sentenceCapacity {
      scratch = AnalyzerScratch(
        capacity: max(positions, scratch.capacity * 2), sentenceCapacity: max(sentences, scratch.sentenceCapacity * 2))
    }
    if sentences > sentenceStorageCapacity {
      sentenceStorage.deallocate()
      sentenceStorageCapacity = max(sentences, sentenceStorageCapacity * 2)
      sentenceStorage = .allocate(capacity: sentenceStorageCapacity)
    }
  }

  // MARK: - Rules
  //
  // One pass over the tokens lays every sentence out as positions (scorable tokens and clause
  // breaks) in document-wide arrays, each sentence followed by a break sentinel; a position's
  // `info` word is its entry's roles, aspects and intent kind (`TextLexicon.entryInfo`) plus
  // the analyzer's own bits. The same pass lists, per sentence, the few positions any rule
  // starts from: valence words ("candidates"), intent, competitor and phrase words
  // ("specials"). Scoring then visits only those (and the valence phrases the specials turn
  // out to start), so a word no rule cares about costs three stores.

  /// The sentinel (and clause break) bit of a position's `info`.
  static let breakBit: UInt64 = 1 << 63
  /// Inside a valence phrase that starts earlier: the word's own valence is silenced.
  static let coveredBit: UInt64 = 1 << 62
  /// A valence phrase starts here; its valence is in `phraseVal`.
  static let phraseValuedBit: UInt64 = 1 << 61
  /// The rules gave this position a non-zero valence, in `val`.
  static let valuedBit: UInt64 = 1 << 60
  /// Phrases starting here add aspects, in `extraAspects`.
  static let phraseAspectsBit: UInt64 = 1 << 59
  /// The word negates: a negator ("not", "never"), a word ending in n't, or "have" after a
  /// modal ("would have"); but not when a focus word follows ("not only").
  static let negatorBit: UInt64 = 1 << 58

  @inline(__always)
  static func roles(_ info: UInt64) -> EntryRoles { EntryRoles(rawValue: UInt32(truncatingIfNeeded: info)) }

  private func runRules(_ text: UnsafeRawBufferPointer, into out: inout TextAnalysis) {
    tokenizer.tokenize(text, into: buffer)
    sentenceStorageCount = 0
    let n = buffer.tokenCount
    let sentenceCount = buffer.sentenceCount
    ensureCapacity(positions: n + sentenceCount + 2, sentences: sentenceCount)
    let sc = scratch
    let tk = buffer.tokens
    let entryInfo = lexicon.entryInfoPointer
    let seq = sc.seq, ent = sc.ent, inf = sc.info, cand = sc.candidates, spec = sc.specials
    let candidateMask = UInt64(EntryRoles.valence.rawValue)
    let specialMask =
      UInt64(EntryRoles.phraseStart.rawValue | EntryRoles.competitor.rawValue) | TextLexicon.intentInfoMask
    let contrastMask = UInt64(EntryRoles.contrast.rawValue)
    let requestMask = UInt64(EntryRoles.requestMarker.rawValue)
    let currencyMask = UInt64(EntryRoles.currencyWord.rawValue)
    let negatorMask = UInt64(EntryRoles.negator.rawValue)
    let haveMask = UInt64(EntryRoles.haveWord.rawValue)
    let modalMask = UInt64(EntryRoles.modal.rawValue)
    let notNegatingMask = UInt64(EntryRoles.notNegating.rawValue)
    var capsWords = 0
    var otherWords = 0
    var request = false
    var money = false
    var scored = 0
    var p = 0
    var candCount = 0
    var specCount = 0
    ent[p] = -1
    inf[p] = TextAnalyzer.breakBit
    p += 1
    for s in 0..<sentenceCount {
      let sentence = buffer.sentences[s]
      if sentence.questions > 0 { request = true }
      let base = p
      let candStart = candCount
      let specStart = specCount
      var anyInfo: UInt64 = 0
      var contrastAt = -1
      var breaks = 0
      var t = Int(sentence.tokenStart)
      let end = Int(sentence.tokenEnd)
      while t < end {
        defer { t &+= 1 }
        let kind = tk[t].kind
        let j = Int32(truncatingIfNeeded: p &- base)
        if kind.rawValue <= TokenKind.emoticon.rawValue {  // word, number, emoji, emoticon
          scored &+= 1
          var e = tk[t].entry
          if e < 0 && kind == .emoji {
            e = emojiBaseEntry(t)
            tk[t].entry = e
          }
          let flags = tk[t].flags.rawValue
          if kind == .word {
            capsWords &+= Int(flags & TokenFlags.allCaps.rawValue)
            otherWords &+= flags & (TokenFlags.allCaps.rawValue | TokenFlags.hasLower.rawValue)
              == TokenFlags.hasLower.rawValue ? 1 : 0
          }
          money = money || flags & TokenFlags.money.rawValue != 0
          var x = entryInfo[Int(e)]  // entry -1 reads the empty info in front
          if x & (requestMask | currencyMask) != 0 {
            if x & requestMask != 0 { request = true }
            if x & currencyMask != 0 && t > 0 && tk[t - 1].kind == .number {
              tk[t - 1].flags.insert(.money)
              money = true
            }
          }
          // Negation, decided once here rather than at every look back.
          if x & negatorMask != 0 || flags & TokenFlags.negatedContraction.rawValue != 0
            || (x & haveMask != 0 && inf[p - 1] & modalMask != 0)
          {
            x |= TextAnalyzer.negatorBit
          }
          if x & notNegatingMask != 0 { inf[p - 1] &= ~TextAnalyzer.negatorBit }  // "not only": focus
          seq[p] = Int32(truncatingIfNeeded: t)
          ent[p] = e
          inf[p] = x
          // Appends without branches: write, then advance when the position qualifies.
          cand[candCount] = j
          candCount &+= x & candidateMask != 0 ? 1 : 0
          spec[specCount] = j
          specCount &+= x & specialMask != 0 ? 1 : 0
          contrastAt = x & contrastMask != 0 ? Int(j) : contrastAt
          anyInfo |= x
          p &+= 1
        } else if kind == .clauseBreak && p > base && inf[p - 1] & TextAnalyzer.breakBit == 0 {
          seq[p] = Int32(truncatingIfNeeded: t)
          ent[p] = -1
          inf[p] = TextAnalyzer.breakBit
          breaks &+= 1
          p &+= 1
        }
      }
      sc.layout[s] = SentenceLayout(
        base: Int32(truncatingIfNeeded: base), count: Int32(truncatingIfNeeded: p &- base),
        breaks: Int32(truncatingIfNeeded: breaks), contrastAt: Int32(truncatingIfNeeded: contrastAt),
        candidateStart: Int32(truncatingIfNeeded: candStart),
        candidateCount: Int32(truncatingIfNeeded: candCount &- candStart),
        specialStart: Int32(truncatingIfNeeded: specStart), specialCount: Int32(truncatingIfNeeded: specCount &- specStart),
        anyInfo: anyInfo)
      if p > base {
        ent[p] = -1
        inf[p] = TextAnalyzer.breakBit
        p &+= 1
      }
    }
    let mixedCaps = capsWords > 0 && otherWords > 0

    for a in 0..<7 {
      aspectSum[a] = 0
      aspectWeight[a] = 0
      aspectMentions[a] = 0
    }
    var weightedCompound = 0.0
    var totalWeight = 0.0
    var docPos = 0.0
    var docNeg = 0.0
    var docNeu = 0.0
    for s in 0..<sentenceCount {
      let layout = sc.layout[s]
      guard layout.count > 0 else { continue }
      var r = SentenceResult()
      if layout.candidateCount | layout.specialCount != 0 || layout.anyInfo & TextLexicon.aspectInfoMask != 0 {
        r = scoreSentence(layout, buffer.sentences[s], mixedCaps: mixedCaps, request: request, sc, out: &out)
      } else {
        // Nothing any rule starts from ("Hi team,", "Sent from my phone"): neutral words only.
        r.neu = Double(layout.count - layout.breaks)
      }
      let w = 1.0 + Double(r.items)
      weightedCompound += w * r.compound
      totalWeight += w
      docPos += r.pos
      docNeg += r.neg
      docNeu += r.neu
      let sentence = buffer.sentences[s]
      let first = tk[Int(sentence.tokenStart)]
      let last = tk[Int(sentence.tokenEnd) - 1]
      sentenceStorage[sentenceStorageCount] = SentenceSentiment(
        byteRange: Int(first.start)..<Int(last.end), compound: r.compound)
      sentenceStorageCount &+= 1
    }
    let compound = totalWeight > 0 ? weightedCompound / totalWeight : 0
    let total = docPos + abs(docNeg) + docNeu
    if total > 0 {
      out.sentiment = SentimentScores(
        compound: compound, positive: docPos / total, neutral: docNeu / total, negative: abs(docNeg) / total)
    } else {
      out.sentiment = SentimentScores(compound: compound, positive: 0, neutral: 0, negative: 0)
    }
    out.aspects = AspectScores(sums: aspectSum, weights: aspectWeight, mentions: aspectMentions)
    out.sentenceCount = sentenceStorageCount
    out.tokenCount = scored
    out.mentionsMoney = money
    lastScores = out.sentiment
  }

  /// For an unknown emoji sequence (ZWJ), the entry of its first emoji.
  private func emojiBaseEntry(_ t: Int) -> Int32 {
    let bytes = buffer.foldedBytes(t)
    guard let b0 = bytes.first else { return -1 }
    let len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
    guard len < bytes.count else { return -1 }
    let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<len])
    return lexicon.wordTable.find(hash: ByteKeyTable.hash(prefix), key: prefix)
  }

  private struct SentenceResult {
    var compound = 0.0
    var pos = 0.0
    var neg = 0.0
    var neu = 0.0
    var items = 0
  }

  /// Counts negations in the `window` content words before `j` (function words such as "a",
  /// "the", "any" do not count; the scan stops at clause breaks and contrast words); returns
  /// the count, whether the nearest is existential ("no", "without") and where the nearest is.
  /// A negated negation-raising verb further back in the clause ("don't think ... will be")
  /// counts too.
  @inline(__always)
  private static func negations(
    before j: Int, window: Int, _ inf: UnsafeMutablePointer<UInt64>
  ) -> (count: Int, existential: Bool, nearest: Int) {
    var count = 0
    var existential = false
    var nearest = j
    var content = 0
    var k = j - 1
    while k >= 0 {
      let x = inf[k]
      if x & TextAnalyzer.breakBit != 0 || roles(x).contains(.contrast) { break }
      let role = roles(x)
      if content < window {
        if x & TextAnalyzer.negatorBit != 0 {
          if count == 0 {
            existential = role.contains(.existentialNegator)
            nearest = k
          }
          count += 1
        }
        if !role.contains(.functionWord) { content += 1 }
      } else if role.contains(.negationRaiser) && k > 0 && inf[k - 1] & TextAnalyzer.negatorBit != 0 {
        if count == 0 {
          existential = false
          nearest = k - 1
        }
        count += 1
        break
      } else if j - k > 8 {
        break
      }
      k -= 1
    }
    return (count, existential, nearest)
  }

  private func scoreSentence(
    _ layout: SentenceLayout, _ sentence: Sentence, mixedCaps: Bool, request: Bool, _ sc: AnalyzerScratch,
    out: inout TextAnalysis
  ) -> SentenceResult {
    let base = Int(layout.base)
    let m = Int(layout.count)
    let seq = sc.seq + base, ent = sc.ent + base, inf = sc.info + base, val = sc.val + base
    let phraseVal = sc.phraseVal + base, extraAspects = sc.extraAspects + base
    let tk = buffer.tokens
    let lex = lexicon
    let valence = lex.valencePointer
    var anyAspect = layout.anyInfo & TextLexicon.aspectInfoMask != 0

    // Phrases (idioms, multi-word aspects, intents, competitors): the longest valence phrase
    // starting at a position gives its valence there and silences the words it covers.
    let specials = sc.specials + Int(layout.specialStart)
    let phraseValued = sc.phraseValued
    var phraseValuedCount = 0
    for q in 0..<Int(layout.specialCount) {
      let j = Int(specials[q])
      let x = inf[j]
      let r = TextAnalyzer.roles(x)
      let kind = UInt8(truncatingIfNeeded: x >> TextLexicon.intentInfoShift)
      if kind != 0 { _ = checkIntent(kind, at: j, length: 1, count: m, seq, ent, inf, &out) }
      if r.contains(.competitor) { noteCompetitor(j, j, seq, &out) }
      guard r.contains(.phraseStart), j + 1 < m, TextAnalyzer.roles(inf[j + 1]).contains(.phraseSecond),
        lex.mayStartPhrase(ent[j], ent[j + 1])
      else {
        continue
      }
      // Walk the phrase prefixes forward, then apply the matches longest first.
      let matches = matchPhrases(at: j, count: m, ent: ent)
      var bestValenceLength = 0
      var bestValence: Float = 0
      var q = matches
      while q > 0 {
        q -= 1
        let length = Int(matchLength[q])
        let pi = Int(matchPhrase[q])
        let aspects = lex.phraseAspectsPointer[pi]
        if aspects != 0 {
          if inf[j] & TextAnalyzer.phraseAspectsBit == 0 {
            extraAspects[j] = 0
            inf[j] |= TextAnalyzer.phraseAspectsBit
          }
          extraAspects[j] |= aspects
          anyAspect = true
        }
        if lex.phraseCompetitorPointer[pi] { noteCompetitor(j, j + length - 1, seq, &out) }
        let intent = lex.phraseIntentPointer[pi]
        if intent != 0 { _ = checkIntent(intent, at: j, length: length, count: m, seq, ent, inf, &out) }
        if lex.phraseHasValencePointer[pi] && bestValenceLength == 0 {
          bestValenceLength = length
          bestValence = lex.phraseValencePointer[pi]
        }
      }
      if bestValenceLength > 0 && inf[j] & TextAnalyzer.coveredBit == 0 {
        for k in 1..<bestValenceLength { inf[j + k] |= TextAnalyzer.coveredBit }
        phraseVal[j] = bestValence
        inf[j] |= TextAnalyzer.phraseValuedBit
        phraseValued[phraseValuedCount] = Int32(truncatingIfNeeded: j)
        phraseValuedCount &+= 1
      }
    }

    // The positions to value: the valence words and the valence phrases just found, merged
    // in position order (the sums below add in that order).
    var visit = sc.candidates + Int(layout.candidateStart)
    var visitCount = Int(layout.candidateCount)
    if phraseValuedCount > 0 {
      let merged = sc.merged
      var a = 0
      var b = 0
      var k = 0
      while a < visitCount || b < phraseValuedCount {
        let x = a < visitCount ? visit[a] : Int32.max
        let y = b < phraseValuedCount ? phraseValued[b] : Int32.max
        merged[k] = min(x, y)
        if x <= y { a += 1 }
        if y <= x { b += 1 }
        k += 1
      }
      visit = merged
      visitCount = k
    }

    // Word valences with VADER's rules plus ours, summed as they are found (in position order)
    // with the contrast shift.
    let contrastAt = Int(layout.contrastAt)
    var sum: Float = 0
    var pos: Float = 0
    var neg: Float = 0
    var items = 0
    for q in 0..<visitCount {
      let j = Int(visit[q])
      let x = inf[j]
      let r = TextAnalyzer.roles(x)
      var v0: Float
      if x & TextAnalyzer.phraseValuedBit != 0 {
        v0 = phraseVal[j]
      } else if x & TextAnalyzer.coveredBit != 0 {
        continue
      } else if r.contains(.valence) {
        v0 = valence[Int(ent[j])]
        let next = inf[j + 1]
        let nextScorable = j + 1 < m && next & TextAnalyzer.breakBit == 0
        // A booster that has a valence of its own ("incredible") modifies a following
        // sentiment word, and otherwise carries its own valence (VADER drops it always).
        if r.contains(.booster) && nextScorable
          && (r.contains(.adverbOnly) || TextAnalyzer.roles(next).contains(.valence)
            || next & TextAnalyzer.phraseValuedBit != 0)
        {
          v0 = 0
        }
        if r.contains(.kindWord) && nextScorable && TextAnalyzer.roles(next).contains(.ofWord) { v0 = 0 }
        if r.contains(.noWord) && nextScorable { v0 = 0 }
        if r.contains(.likeWord) && !(j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.likeSubject)) { v0 = 0 }
        // "help" is a request ("please help", "need help") unless it is judged: "a great help",
        // "of no help", "didn't help".
        if r.contains(.helpWord) && !(j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.helpContext))
          && TextAnalyzer.negations(before: j, window: 3, inf).count == 0
        {
          v0 = 0
        }
        if r.contains(.politeness) && request { v0 = 0 }
      } else {
        continue
      }
      if v0 == 0 { continue }
      var v = v0
      let token = tk[Int(seq[j])]
      if mixedCaps && token.flags.contains(.allCaps) { v += v > 0 ? TextAnalyzer.capsIncrement : -TextAnalyzer.capsIncrement }
      // Boosters and dampeners in the three positions before (VADER's scalar_inc_dec).
      var k = 1
      while k <= 3 && j - k >= 0 {
        let px = inf[j - k]
        if px & TextAnalyzer.breakBit != 0 { break }
        let prole = TextAnalyzer.roles(px)
        if prole.contains(.booster) && px & TextAnalyzer.coveredBit == 0 {
          var b = lex.boostPointer[Int(ent[j - k])]
          if v < 0 { b = -b }
          if mixedCaps && tk[Int(seq[j - k])].flags.contains(.allCaps) {
            b += v > 0 ? TextAnalyzer.capsIncrement : -TextAnalyzer.capsIncrement
          }
          if k == 2 { b *= 0.95 } else if k == 3 { b *= 0.9 }
          v += b
        }
        if prole.contains(.contrast) { break }
        k += 1
      }
      // "least" (VADER's _least_check): "least happy" flips, "at least" does not.
      if j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.leastWord)
        && !(j > 1 && TextAnalyzer.roles(inf[j - 2]).contains(.atOrVery))
      {
        v *= TextAnalyzer.negationScalar
      }
      let negation = TextAnalyzer.negations(before: j, window: 3, inf)
      if negation.count % 2 == 1 {
        if v0 > 0 {
          v *= TextAnalyzer.negationScalar
        } else if negation.existential || v0 <= -3.0 {
          // "no problems", "without issues", "not the worst": an absence, or a softened extreme,
          // is not praise.
          v = 0
        } else {
          // "not bad", "wasn't disappointed": mildly positive.
          v = -v * 0.3
        }
      }
      // A zero adds nothing to any sum and counts as neutral: only non-zero valences are kept
      // (the clause pass reads them unshifted).
      guard v != 0 else { continue }
      val[j] = v
      inf[j] |= TextAnalyzer.valuedBit
      if contrastAt >= 0 {
        if j < contrastAt { v *= 0.5 } else if j > contrastAt { v *= 1.5 }
      }
      sum += v
      if v > 0 {
        pos += v + 1
        items += 1
      } else if v < 0 {
        neg += v - 1
        items += 1
      }
    }

    // Punctuation emphasis and shares.
    let neu = Float(m - Int(layout.breaks) - items)
    let emphasis = TextAnalyzer.punctuationEmphasis(sentence)
    if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
    if pos > abs(neg) { pos += emphasis } else if pos < abs(neg) { neg -= emphasis }
    var result = SentenceResult()
    result.compound = TextAnalyzer.normalize(Double(sum))
    result.pos = Double(pos)
    result.neg = Double(neg)
    result.neu = Double(neu)
    result.items = items

    if anyAspect {
      clauseAspects(m: m, emphasis: emphasis, inf: inf, val: val, extraAspects: extraAspects)
    }
    return result
  }

  @inline(__always)
  static func punctuationEmphasis(_ s: Sentence) -> Float {
    var e = Float(min(s.exclamations, 4)) * 0.292
    if s.questions > 1 { e += s.questions <= 3 ? Float(s.questions) * 0.18 : 0.96 }
    return e
  }

  @inline(__always)
  static func normalize(_ score: Double) -> Double {
    let c = score / (score * score + alpha).squareRoot()
    return min(1, max(-1, c))
  }

  /// Splits the sentence into clauses where the aspect talked about changes and gives each
  /// mentioned aspect the compound of its clauses. A clause without an aspect continues the
  /// one before it ("The outage, which lasted days, was a nightmare").
  ///
  /// One branch per position (is it a clause break, contrast or joining word?); the rest is
  /// selects, since whether a word has an aspect or a valence follows no pattern.
  private func clauseAspects(
    m: Int, emphasis: Float, inf: UnsafeMutablePointer<UInt64>, val: UnsafeMutablePointer<Float>,
    extraAspects: UnsafeMutablePointer<UInt8>
  ) {
    var state = ClauseState(
      emphasis: emphasis, aspectSum: aspectSum, aspectWeight: aspectWeight, aspectMentions: aspectMentions)
    let boundary = TextAnalyzer.breakBit | UInt64(EntryRoles.contrast.rawValue | EntryRoles.clauseJoiner.rawValue)
    for j in 0..<m {
      let x = inf[j]
      if x & boundary != 0 {
        state.pushSegment()
        if x & TextAnalyzer.breakBit != 0 { continue }
      }
      state.segOpen = true
      let extra = x & TextAnalyzer.phraseAspectsBit != 0 ? extraAspects[j] : 0
      state.segMask |= UInt8(truncatingIfNeeded: x >> TextLexicon.aspectInfoShift) | extra
      let valued = x & TextAnalyzer.valuedBit != 0
      state.segSum += valued ? val[j] : 0
      state.segItems &+= valued ? 1 : 0
    }
    state.pushSegment()
    state.finishClause()
  }

  private func noteCompetitor(_ first: Int, _ last: Int, _ seq: UnsafeMutablePointer<Int32>, _ out: inout TextAnalysis) {
    if out.competitorEvidence == nil {
      out.competitorEvidence = Int(buffer.tokens[Int(seq[first])].start)..<Int(buffer.tokens[Int(seq[last])].end)
    }
    out.competitorMentioned = true
  }

  /// Applies an intent phrase at positions `j..<j+length`; returns whether it is an intent.
  private func checkIntent(
    _ kindRaw: UInt8, at j: Int, length: Int, count m: Int, _ seq: UnsafeMutablePointer<Int32>,
    _ ent: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ out: inout TextAnalysis
  ) -> Bool {
    guard let kind = ChurnIntentKind(rawValue: kindRaw), kind != .none, kind != .target else { return false }
    let negation = TextAnalyzer.negations(before: j, window: 5, inf)
    let negated = negation.count % 2 == 1
    var first = j
    var last = j + length - 1
    var isIntent: Bool
    switch kind {
    case .leave:
      isIntent = !negated
    case .stay:
      // "not renew": the evidence starts at the negation, which is what makes it an intent.
      isIntent = negated
      first = negation.nearest
    case .leaveTo:
      isIntent = false
      if !negated {
        var k = j + length
        while k < m && k < j + length + 4 && inf[k] & TextAnalyzer.breakBit == 0 {
          if ent[k] >= 0 {
            let x = inf[k]
            let role = TextAnalyzer.roles(x)
            if role.contains(.competitor)
              || UInt8(truncatingIfNeeded: x >> TextLexicon.intentInfoShift) == ChurnIntentKind.target.rawValue
              || (role.contains(.phraseStart) && k + 1 < m
                && TextAnalyzer.roles(inf[k + 1]).contains(.phraseSecond) && lexicon.mayStartPhrase(ent[k], ent[k + 1])
                && phraseTargetOrCompetitor(at: k, count: m, ent: ent))
            {
              isIntent = true
              last = k
              break
            }
          }
          k += 1
        }
      }
    default:
      isIntent = false
    }
    guard isIntent else { return false }
    out.churnIntent = true
    out.churnIntentCount += 1
    if out.churnIntentEvidence == nil {
      out.churnIntentEvidence =
        Int(buffer.tokens[Int(seq[first])].start)..<Int(buffer.tokens[Int(seq[last])].end)
    }
    return true
  }

  private func phraseTargetOrCompetitor(at j: Int, count m: Int, ent: UnsafeMutablePointer<Int32>) -> Bool {
    let matches = matchPhrases(at: j, count: m, ent: ent)
    for q in 0..<matches {
      let p = Int(matchPhrase[q])
      if lexicon.phraseCompetitorPointer[p] || lexicon.phraseIntentPointer[p] == ChurnIntentKind.target.rawValue {
        return true
      }
    }
    return false
  }

  /// Finds the phrases starting at position `j` (all of whose tokens are lexicon entries),
  /// shortest first, into `matchLength`/`matchPhrase`; returns how many. One look-up per
  /// token of the longest phrase prefix.
  @inline(__always)
  private func matchPhrases(at j: Int, count m: Int, ent: UnsafeMutablePointer<Int32>) -> Int {
    let lex = lexicon
    var length = 1
    var matches = 0
    while j + length < m {
      let e = ent[j + length]
      if e < 0 { break }
      length += 1
      let key = UnsafeRawBufferPointer(start: ent + j, count: length * 4)
      let id = lex.phrasePrefixes.find(hash: ByteKeyTable.hash(key), key: key)
      if id < 0 { break }
      let phrase = lex.prefixPhrasePointer[Int(id)]
      if phrase >= 0 {
        matchLength[matches] = Int32(length)
        matchPhrase[matches] = phrase
        matches += 1
      }
      if !lex.prefixContinuesPointer[Int(id)] { break }
    }
    return matches
  }
}


/// The running clause and segment of `clauseAspects` (a value, so no closure captures).
private struct ClauseState {
  let emphasis: Float
  let aspectSum: UnsafeMutablePointer<Double>
  let aspectWeight: UnsafeMutablePointer<Double>
  let aspectMentions: UnsafeMutablePointer<Int>
  var clauseMask: UInt8 = 0
  var clauseSum: Float = 0
  var clauseItems = 0
  var clauseOpen = false
  var segMask: UInt8 = 0
  var segSum: Float = 0
  var segItems = 0
  var segOpen = false

  init(
    emphasis: Float, aspectSum: UnsafeMutablePointer<Double>, aspectWeight: UnsafeMutablePointer<Double>,
    aspectMentions: UnsafeMutablePointer<Int>
  ) {
    self.emphasis = emphasis
    self.aspectSum = aspectSum
    self.aspectWeight = aspectWeight
    self.aspectMentions = aspectMentions
  }

  @inline(never)
  func finishClause() {
    guard clauseOpen, clauseMask != 0 else { return }
    var s = clauseSum
    if s > 0 { s += emphasis } else if s < 0 { s -= emphasis }
    let c = TextAnalyzer.normalize(Double(s))
    let w = 1.0 + Double(clauseItems)
    var mask = clauseMask
    while mask != 0 {
      let a = mask.trailingZeroBitCount
      mask &= mask &- 1
      aspectSum[a] += c * w
      aspectWeight[a] += w
      aspectMentions[a] += 1
    }
  }

  @inline(never)
  mutating func pushSegment() {
    guard segOpen else { return }
    if !clauseOpen {
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
      clauseOpen = true
    } else if clauseMask == 0 {
      // Leading clauses without an aspect ("Great product, terrible outage") are about
      // something else: they are not attributed to the first aspect that follows.
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
    } else if segMask == 0 || segMask == clauseMask {
      clauseSum += segSum
      clauseItems += segItems
    } else {
      finishClause()
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
    }
    segMask = 0
    segSum = 0
    segItems = 0
    segOpen = false
  }
}

/// Where one sentence's positions are in the scratch arrays, and what its build pass found.
struct SentenceLayout {
  /// Index of the first position.
  var base: Int32
  /// Number of positions (scorable tokens and clause breaks).
  var count: Int32
  /// How many of them are clause breaks.
  var breaks: Int32
  /// The last contrast word ("but"), or -1.
  var contrastAt: Int32
  /// Where in `AnalyzerScratch.candidates` its valence words are, and how many.
  var candidateStart: Int32
  var candidateCount: Int32
  /// Where in `AnalyzerScratch.specials` its phrase, intent and competitor words are, and how many.
  var specialStart: Int32
  var specialCount: Int32
  /// The OR of the positions' entry info.
  var anyInfo: UInt64
}

/// Scratch arrays for the rules over one document: per position (capacity, with the
/// sentinels), the position lists, and per sentence its layout.
final class AnalyzerScratch {
  let capacity: Int
  let sentenceCapacity: Int
  let seq: UnsafeMutablePointer<Int32>
  let ent: UnsafeMutablePointer<Int32>
  let info: UnsafeMutablePointer<UInt64>
  let val: UnsafeMutablePointer<Float>
  let phraseVal: UnsafeMutablePointer<Float>
  let extraAspects: UnsafeMutablePointer<UInt8>
  let candidates: UnsafeMutablePointer<Int32>
  let specials: UnsafeMutablePointer<Int32>
  /// One sentence's valence phrases, and those merged with its candidates.
  let phraseValued: UnsafeMutablePointer<Int32>
  let merged: UnsafeMutablePointer<Int32>
  let layout: UnsafeMutablePointer<SentenceLayout>

  init(capacity: Int, sentenceCapacity: Int) {
    self.capacity = capacity
    self.sentenceCapacity = sentenceCapacity
    seq = .allocate(capacity: capacity)
    ent = .allocate(capacity: capacity)
    info = .allocate(capacity: capacity)
    val = .allocate(capacity: capacity)
    phraseVal = .allocate(capacity: capacity)
    extraAspects = .allocate(capacity: capacity)
    candidates = .allocate(capacity: capacity)
    specials = .allocate(capacity: capacity)
    phraseValued = .allocate(capacity: capacity)
    merged = .allocate(capacity: capacity)
    layout = .allocate(capacity: max(1, sentenceCapacity))
  }

  deinit {
    seq.deallocate()
    ent.deallocate()
    info.deallocate()
    val.deallocate()
    phraseVal.deallocate()
    extraAspects.deallocate()
    candidates.deallocate()
    specials.deallocate()
    phraseValued.deallocate()
    merged.deallocate()
    layout.deallocate()
  }
}
