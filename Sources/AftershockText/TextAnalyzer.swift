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
  @exclusivity(unchecked) public private(set) var sentenceSentiments: [SentenceSentiment] = []

  let tokenizer: Tokenizer
  let buffer = TokenBuffer(capacity: 4096)
  let features: FeatureExtractor
  /// Per-sentence scratch, replaced (never resized in place) when a longer text arrives, so
  /// its pointers are `let`s and the hot loops pay no exclusivity checks.
  @exclusivity(unchecked) private var scratch = AnalyzerScratch(capacity: 256)
  private let aspectSum = UnsafeMutablePointer<Double>.allocate(capacity: 8)
  private let aspectWeight = UnsafeMutablePointer<Double>.allocate(capacity: 8)
  private let aspectMentions = UnsafeMutablePointer<Int>.allocate(capacity: 8)
  /// Phrases found at one position (length in tokens, phrase id), shortest first.
  private let matchLength: UnsafeMutablePointer<Int32>
  private let matchPhrase: UnsafeMutablePointer<Int32>

  /// Rule scores of the last text, for the trained model's features.
  @exclusivity(unchecked) private(set) var lastScores = SentimentScores.empty

  static let breakBit: UInt32 = 1 << 31
  static let capsIncrement: Float = 0.733
  static let negationScalar: Float = -0.74
  static let alpha = 15.0

  /// An analyzer over `lexicon`, with an optional trained model.
  public init(lexicon: TextLexicon, model: LinearSentimentModel? = nil) {
    self.lexicon = lexicon
    self.model = model
    tokenizer = Tokenizer(emoticons: lexicon.emoticons)
    features = FeatureExtractor(hashBits: model?.hashBits ?? FeatureExtractor.defaultHashBits)
    matchLength = .allocate(capacity: lexicon.maxPhraseLength + 1)
    matchPhrase = .allocate(capacity: lexicon.maxPhraseLength + 1)
    sentenceSentiments.reserveCapacity(64)
  }

  /// Loads the standard lexicons from a data directory (the repository's `Data/`) and,
  /// when `modelPath` is given, a trained model (e.g. `Data/models/sentiment.json`).
  public convenience init(dataDirectory: String, modelPath: String? = nil) throws {
    let lexicon = try TextLexicon(dataDirectory: dataDirectory)
    let model = try modelPath.map { try LinearSentimentModel(contentsOf: $0) }
    self.init(lexicon: lexicon, model: model)
  }

  deinit {
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

  private func ensureCapacity(_ n: Int) {
    if n > scratch.capacity { scratch = AnalyzerScratch(capacity: max(n, scratch.capacity * 2)) }
  }

  // MARK: - Rules

  private func runRules(_ text: UnsafeRawBufferPointer, into out: inout TextAnalysis) {
    tokenizer.tokenize(text, into: buffer)
    sentenceSentiments.removeAll(keepingCapacity: true)
    let n = buffer.tokenCount
    ensureCapacity(n)
    let tk = buffer.tokens
    let folded = buffer.folded
    let lex = lexicon
    let roles = lex.rolesPointer
    var capsWords = 0
    var otherWords = 0
    var request = false
    var money = false
    var scored = 0
    for t in 0..<n {
      let kind = tk[t].kind
      guard kind == .word || kind == .number || kind == .emoji || kind == .emoticon else { continue }
      scored += 1
      let key = UnsafeRawBufferPointer(start: folded + Int(tk[t].foldStart), count: Int(tk[t].foldEnd - tk[t].foldStart))
      var e = lex.wordTable.find(hash: tk[t].hash, key: key)
      if e < 0 && kind == .emoji { e = emojiBaseEntry(t) }
      tk[t].entry = e
      let flags = tk[t].flags
      if kind == .word {
        if flags.contains(.allCaps) { capsWords += 1 } else if flags.contains(.hasLower) { otherWords += 1 }
      }
      if flags.contains(.money) { money = true }
      if e >= 0 {
        let r = EntryRoles(rawValue: roles[Int(e)])
        if r.contains(.requestMarker) { request = true }
        if r.contains(.currencyWord) && t > 0 && tk[t - 1].kind == .number {
          tk[t - 1].flags.insert(.money)
          money = true
        }
      }
    }
    let mixedCaps = capsWords > 0 && otherWords > 0
    for s in 0..<buffer.sentenceCount where buffer.sentences[s].questions > 0 { request = true }

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
    let sc = scratch
    for s in 0..<buffer.sentenceCount {
      let sentence = buffer.sentences[s]
      let r = scoreSentence(sentence, mixedCaps: mixedCaps, request: request, sc, out: &out)
      guard r.positions > 0 else { continue }
      let w = 1.0 + Double(r.items)
      weightedCompound += w * r.compound
      totalWeight += w
      docPos += r.pos
      docNeg += r.neg
      docNeu += r.neu
      let first = tk[Int(sentence.tokenStart)]
      let last = tk[Int(sentence.tokenEnd) - 1]
      sentenceSentiments.append(
        SentenceSentiment(byteRange: Int(first.start)..<Int(last.end), compound: r.compound))
    }
    let compound = totalWeight > 0 ? weightedCompound / totalWeight : 0
    let total = docPos + abs(docNeg) + docNeu
    if total > 0 {
      out.sentiment = SentimentScores(
        compound: compound, positive: docPos / total, neutral: docNeu / total, negative: abs(docNeg) / total)
    } else {
      out.sentiment = SentimentScores(compound: compound, positive: 0, neutral: 0, negative: 0)
    }
    for i in 0..<7 {
      // Not `Aspect.allCases`: that builds an array on every call.
      guard let a = Aspect(rawValue: i) else { continue }
      out.aspects[mentions: a] = aspectMentions[i]
      out.aspects[score: a] = aspectWeight[i] > 0 ? aspectSum[i] / aspectWeight[i] : 0
    }
    out.sentenceCount = sentenceSentiments.count
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
    var positions = 0
  }

  @inline(__always)
  private static func isNegatorAt(
    _ j: Int, _ rl: UnsafeMutablePointer<UInt32>, _ seq: UnsafeMutablePointer<Int32>,
    _ tokens: UnsafeMutablePointer<Token>
  ) -> Bool {
    let role = EntryRoles(rawValue: rl[j])
    let negator =
      role.contains(.negator) || tokens[Int(seq[j])].flags.contains(.negatedContraction)
      || (role.contains(.haveWord) && j > 0 && EntryRoles(rawValue: rl[j - 1]).contains(.modal))
    guard negator else { return false }
    // "not only", "not just": focus, not negation.
    return !(rl[j + 1] & TextAnalyzer.breakBit == 0 && EntryRoles(rawValue: rl[j + 1]).contains(.notNegating))
  }

  /// Counts negations in the `window` content words before `j` (function words such as "a",
  /// "the", "any" do not count; the scan stops at clause breaks and contrast words); returns
  /// the count and whether the nearest is existential ("no", "without"). A negated
  /// negation-raising verb further back in the clause ("don't think ... will be") counts too.
  @inline(__always)
  private static func negations(
    before j: Int, window: Int, _ rl: UnsafeMutablePointer<UInt32>, _ seq: UnsafeMutablePointer<Int32>,
    _ tokens: UnsafeMutablePointer<Token>
  ) -> (count: Int, existential: Bool) {
    var count = 0
    var existential = false
    var content = 0
    var k = j - 1
    while k >= 0 {
      let r = rl[k]
      if r & TextAnalyzer.breakBit != 0 || EntryRoles(rawValue: r).contains(.contrast) { break }
      let role = EntryRoles(rawValue: r)
      if content < window {
        if isNegatorAt(k, rl, seq, tokens) {
          if count == 0 { existential = role.contains(.existentialNegator) }
          count += 1
        }
        if !role.contains(.functionWord) { content += 1 }
      } else if role.contains(.negationRaiser) && k > 0 && isNegatorAt(k - 1, rl, seq, tokens) {
        if count == 0 { existential = false }
        count += 1
        break
      } else if j - k > 8 {
        break
      }
      k -= 1
    }
    return (count, existential)
  }

  private func scoreSentence(
    _ sentence: Sentence, mixedCaps: Bool, request: Bool, _ sc: AnalyzerScratch, out: inout TextAnalysis
  ) -> SentenceResult {
    let seq = sc.seq, ent = sc.ent, rl = sc.rl, val = sc.val
    let posAspects = sc.posAspects, covered = sc.covered, phraseVal = sc.phraseVal
    let tk = buffer.tokens
    let lex = lexicon
    let roles = lex.rolesPointer
    let valence = lex.valencePointer
    var m = 0
    var anyAspect: UInt8 = 0
    for t in Int(sentence.tokenStart)..<Int(sentence.tokenEnd) {
      let kind = tk[t].kind
      if kind == .word || kind == .number || kind == .emoji || kind == .emoticon {
        seq[m] = Int32(t)
        let e = tk[t].entry
        ent[m] = e
        rl[m] = e >= 0 ? roles[Int(e)] : 0
        let aspects = e >= 0 ? lex.aspectsPointer[Int(e)] : 0
        posAspects[m] = aspects
        anyAspect |= aspects
        covered[m] = false
        val[m] = 0
        phraseVal[m] = .nan
        m += 1
      } else if kind == .clauseBreak && m > 0 && rl[m - 1] & TextAnalyzer.breakBit == 0 {
        seq[m] = Int32(t)
        ent[m] = -1
        rl[m] = TextAnalyzer.breakBit
        posAspects[m] = 0
        covered[m] = false
        val[m] = 0
        phraseVal[m] = .nan
        m += 1
      }
    }
    var result = SentenceResult()
    result.positions = m
    guard m > 0 else { return result }
    ent[m] = -1
    rl[m] = TextAnalyzer.breakBit

    // Phrases (idioms, multi-word aspects, intents, competitors): the longest valence phrase
    // starting at a position gives its valence there and silences the words it covers.
    var phraseValenceAt: (position: Int, value: Float, length: Int) = (-1, 0, 0)
    var intentFound = false
    for j in 0..<m {
      let r = EntryRoles(rawValue: rl[j])
      let e = ent[j]
      if e >= 0 {
        let kind = lex.intentPointer[Int(e)]
        if kind != 0 { intentFound = checkIntent(kind, at: j, length: 1, count: m, sc, &out) || intentFound }
        if r.contains(.competitor) { noteCompetitor(j, j, seq, &out) }
      }
      guard r.contains(.phraseStart), j + 1 < m, EntryRoles(rawValue: rl[j + 1]).contains(.phraseSecond) else {
        continue
      }
      // Walk the phrase prefixes forward, then apply the matches longest first.
      let matches = matchPhrases(at: j, count: m, ent: ent)
      var bestValenceLength = 0
      var q = matches
      while q > 0 {
        q -= 1
        let length = Int(matchLength[q])
        let pi = Int(matchPhrase[q])
        posAspects[j] |= lex.phraseAspectsPointer[pi]
        anyAspect |= lex.phraseAspectsPointer[pi]
        if lex.phraseCompetitorPointer[pi] { noteCompetitor(j, j + length - 1, seq, &out) }
        let kind = lex.phraseIntentPointer[pi]
        if kind != 0 {
          intentFound = checkIntent(kind, at: j, length: length, count: m, sc, &out) || intentFound
        }
        if lex.phraseHasValencePointer[pi] && bestValenceLength == 0 {
          bestValenceLength = length
          phraseValenceAt = (j, lex.phraseValencePointer[pi], length)
        }
      }
      if bestValenceLength > 0 && !covered[j] {
        for k in 1..<bestValenceLength { covered[j + k] = true }
        phraseVal[j] = phraseValenceAt.value
      }
    }
    _ = intentFound

    // Word valences with VADER's rules plus ours.
    var contrastAt = -1
    for j in 0..<m {
      let r = EntryRoles(rawValue: rl[j])
      if r.contains(.contrast) { contrastAt = j }
      var v0: Float
      if !phraseVal[j].isNaN {
        v0 = phraseVal[j]
      } else if covered[j] {
        val[j] = 0
        continue
      } else if r.contains(.valence) {
        v0 = valence[Int(ent[j])]
        let nextScorable = j + 1 < m && rl[j + 1] & TextAnalyzer.breakBit == 0
        // A booster that has a valence of its own ("incredible") modifies a following
        // sentiment word, and otherwise carries its own valence (VADER drops it always).
        if r.contains(.booster) && nextScorable
          && (r.contains(.adverbOnly) || EntryRoles(rawValue: rl[j + 1]).contains(.valence)
            || !phraseVal[j + 1].isNaN)
        {
          v0 = 0
        }
        if r.contains(.kindWord) && nextScorable && EntryRoles(rawValue: rl[j + 1]).contains(.ofWord) { v0 = 0 }
        if r.contains(.noWord) && nextScorable { v0 = 0 }
        if r.contains(.likeWord) && !(j > 0 && EntryRoles(rawValue: rl[j - 1]).contains(.likeSubject)) { v0 = 0 }
        // "help" is a request ("please help", "need help") unless it is judged: "a great help",
        // "of no help", "didn't help".
        if r.contains(.helpWord) && !(j > 0 && EntryRoles(rawValue: rl[j - 1]).contains(.helpContext))
          && TextAnalyzer.negations(before: j, window: 3, rl, seq, tk).count == 0
        {
          v0 = 0
        }
        if r.contains(.politeness) && request { v0 = 0 }
      } else {
        val[j] = 0
        continue
      }
      if v0 == 0 {
        val[j] = 0
        continue
      }
      var v = v0
      let token = tk[Int(seq[j])]
      if mixedCaps && token.flags.contains(.allCaps) { v += v > 0 ? TextAnalyzer.capsIncrement : -TextAnalyzer.capsIncrement }
      // Boosters and dampeners in the three positions before (VADER's scalar_inc_dec).
      var k = 1
      while k <= 3 && j - k >= 0 {
        let pr = rl[j - k]
        if pr & TextAnalyzer.breakBit != 0 { break }
        let prole = EntryRoles(rawValue: pr)
        if prole.contains(.booster) && !covered[j - k] {
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
      if j > 0 && EntryRoles(rawValue: rl[j - 1]).contains(.leastWord)
        && !(j > 1 && EntryRoles(rawValue: rl[j - 2]).contains(.atOrVery))
      {
        v *= TextAnalyzer.negationScalar
      }
      let neg = TextAnalyzer.negations(before: j, window: 3, rl, seq, tk)
      if neg.count % 2 == 1 {
        if v0 > 0 {
          v *= TextAnalyzer.negationScalar
        } else if neg.existential || v0 <= -3.0 {
          // "no problems", "without issues", "not the worst": an absence, or a softened extreme,
          // is not praise.
          v = 0
        } else {
          // "not bad", "wasn't disappointed": mildly positive.
          v = -v * 0.3
        }
      }
      val[j] = v
    }

    // Sentence sum with the contrast shift (by position), punctuation emphasis, shares.
    var sum: Float = 0
    var pos: Float = 0
    var neg: Float = 0
    var neu: Float = 0
    var items = 0
    for j in 0..<m where rl[j] & TextAnalyzer.breakBit == 0 {
      var v = val[j]
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
      } else {
        neu += 1
      }
    }
    let emphasis = TextAnalyzer.punctuationEmphasis(sentence)
    if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
    if pos > abs(neg) { pos += emphasis } else if pos < abs(neg) { neg -= emphasis }
    result.compound = TextAnalyzer.normalize(Double(sum))
    result.pos = Double(pos)
    result.neg = Double(neg)
    result.neu = Double(neu)
    result.items = items

    if anyAspect != 0 { clauseAspects(m: m, emphasis: emphasis, sc) }
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
  private func clauseAspects(m: Int, emphasis: Float, _ sc: AnalyzerScratch) {
    let rl = sc.rl, val = sc.val, posAspects = sc.posAspects
    var state = ClauseState(
      emphasis: emphasis, aspectSum: aspectSum, aspectWeight: aspectWeight, aspectMentions: aspectMentions)
    for j in 0..<m {
      let r = rl[j]
      if r & TextAnalyzer.breakBit != 0 {
        state.pushSegment()
        continue
      }
      let role = EntryRoles(rawValue: r)
      if role.contains(.contrast) || role.contains(.clauseJoiner) { state.pushSegment() }
      state.segOpen = true
      state.segMask |= posAspects[j]
      state.segSum += val[j]
      if val[j] != 0 { state.segItems += 1 }
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
    _ kindRaw: UInt8, at j: Int, length: Int, count m: Int, _ sc: AnalyzerScratch, _ out: inout TextAnalysis
  ) -> Bool {
    let seq = sc.seq, ent = sc.ent, rl = sc.rl
    guard let kind = ChurnIntentKind(rawValue: kindRaw), kind != .none, kind != .target else { return false }
    let negated = TextAnalyzer.negations(before: j, window: 5, rl, seq, buffer.tokens).count % 2 == 1
    var last = j + length - 1
    var isIntent: Bool
    switch kind {
    case .leave:
      isIntent = !negated
    case .stay:
      isIntent = negated
    case .leaveTo:
      isIntent = false
      if !negated {
        var k = j + length
        while k < m && k < j + length + 4 && rl[k] & TextAnalyzer.breakBit == 0 {
          let e = ent[k]
          if e >= 0 {
            let role = EntryRoles(rawValue: rl[k])
            if role.contains(.competitor) || lexicon.intentPointer[Int(e)] == ChurnIntentKind.target.rawValue
              || (role.contains(.phraseStart) && k + 1 < m
                && EntryRoles(rawValue: rl[k + 1]).contains(.phraseSecond)
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
        Int(buffer.tokens[Int(seq[j])].start)..<Int(buffer.tokens[Int(seq[last])].end)
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
  /// token of the longest phrase prefix, with the hash extended token by token.
  @inline(__always)
  private func matchPhrases(at j: Int, count m: Int, ent: UnsafeMutablePointer<Int32>) -> Int {
    let lex = lexicon
    var h = ByteKeyTable.hash(continuing: ByteKeyTable.hashSeed, with: ent[j])
    var length = 1
    var matches = 0
    while j + length < m {
      let e = ent[j + length]
      if e < 0 { break }
      h = ByteKeyTable.hash(continuing: h, with: e)
      length += 1
      let id = lex.phrasePrefixes.find(hash: h, key: UnsafeRawBufferPointer(start: ent + j, count: length * 4))
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

/// Scratch arrays for scoring one sentence (capacity in tokens; `ent` and `rl` have one
/// extra slot for an end sentinel).
final class AnalyzerScratch {
  let capacity: Int
  let seq: UnsafeMutablePointer<Int32>
  let ent: UnsafeMutablePointer<Int32>
  let rl: UnsafeMutablePointer<UInt32>
  let val: UnsafeMutablePointer<Float>
  let posAspects: UnsafeMutablePointer<UInt8>
  let covered: UnsafeMutablePointer<Bool>
  let phraseVal: UnsafeMutablePointer<Float>

  init(capacity: Int) {
    self.capacity = capacity
    seq = .allocate(capacity: capacity)
    ent = .allocate(capacity: capacity + 1)
    rl = .allocate(capacity: capacity + 1)
    val = .allocate(capacity: capacity)
    posAspects = .allocate(capacity: capacity)
    covered = .allocate(capacity: capacity)
    phraseVal = .allocate(capacity: capacity)
  }

  deinit {
    seq.deallocate()
    ent.deallocate()
    rl.deallocate()
    val.deallocate()
    posAspects.deallocate()
    covered.deallocate()
    phraseVal.deallocate()
  }
}
