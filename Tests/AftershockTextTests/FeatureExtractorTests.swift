import Foundation
import Testing

@testable import AftershockText

/// The feature extractor and the two-class prediction against plain reference versions: every
/// option set takes one of two copies of the extraction loop, and two-class models a shortcut
/// through the softmax, so each is checked against the straightforward code, bit for bit.
@Suite struct FeatureExtractorTests {
  let lexicon = TextTestSupport.lexicon

  static let texts = [
    "great support, very happy", "the outage was terrible!!", "I don't love the product :(", "not bad at all",
    "never again... worst vendor?!", "we lost a day of work - awful", "works perfectly again 😀", "$10 off is a joke",
    "no, it is not good; it isn't fast", "great great great support support", "", "!!!",
  ]
  static let labels = ["pos", "neg", "neg", "pos", "neg", "neg", "pos", "neg", "neg", "pos", "neg", "neg"]
  /// Long enough for the extractor to grow its tables.
  static let longText = Array(repeating: texts.joined(separator: " and "), count: 40).joined(separator: ". ")

  /// The buckets of the last text analysed, computed the plain way: each feature's hash is
  /// written out here with its constants, which are the model file's format (version 3: a
  /// saved model's weights sit in these buckets), its bucket is its top bits, and a feature
  /// counts as often as it occurs.
  static func referenceBuckets(_ analyzer: TextAnalyzer, scores: SentimentScores, options: FeatureOptions) -> [Int32] {
    var out: [Int32] = []
    func add(_ h: UInt64) { out.append(Int32(h >> UInt64(64 - options.hashBits))) }
    let spread: UInt64 = 0xff51_afd7_ed55_8ccd
    func rotated(_ x: UInt64) -> UInt64 { x << 23 | x >> 41 }
    let buffer = analyzer.buffer
    let info = analyzer.lexicon.entryInfoPointer
    for s in 0..<buffer.sentenceCount {
      var negating = false
      var prev = FeatureExtractor.startMarker
      for t in Int(buffer.sentences[s].tokenStart)..<Int(buffer.sentences[s].tokenEnd) {
        let token = buffer.tokens[t]
        switch token.kind {
        case .word, .number, .emoji, .emoticon:
          var h = token.hash
          if options.negationMarking && negating { h = (h ^ 0x9e37_79b9_7f4a_7c15) &* spread }
          add(h)
          if options.bigrams { add((rotated(prev) ^ h) &* spread) }
          prev = h
          let negator = UInt64(EntryRoles.negator.rawValue)
          if token.flags.contains(.negatedContraction) || info[Int(token.entry)] & negator != 0 { negating = true }
        case .clauseBreak:
          negating = false
          prev = FeatureExtractor.breakMarker
        case .emphasis:
          add((token.hash ^ 0x456d_7068_2100_0003) &* spread)
          negating = false
          prev = FeatureExtractor.breakMarker
        default:
          break
        }
      }
    }
    if options.ruleFeatures {
      let c = scores.compound
      add((0x7275_6c65_0000_0000 | (c <= -0.5 ? 1 : c <= -0.05 ? 2 : c < 0.05 ? 3 : c < 0.5 ? 4 : 5)) &* spread)
    }
    return out
  }

  /// The prediction of the last text by the general softmax loop (any number of classes).
  static func referencePrediction(_ model: LinearSentimentModel, _ f: FeatureExtractor) -> SentimentPrediction {
    let k = model.labels.count
    let dense = (1 << model.options.hashBits) * k
    let w = model.weights
    var best = 0
    var bestScore = -Double.infinity
    var maxScore = -Double.infinity
    var sum = 0.0
    var positiveScore = 0.0
    for c in 0..<k {
      var s = Double(model.bias[c])
      for i in f.indices { s += Double(w[Int(i) * k + c]) }
      let d = f.dense
      s += d.0 * Double(w[dense + c]) + d.1 * Double(w[dense + k + c]) + d.2 * Double(w[dense + 2 * k + c])
      if c == model.positiveIndex { positiveScore = s }
      if s > bestScore {
        bestScore = s
        best = c
      }
      if s > maxScore {
        sum = sum * exp(maxScore - s) + 1
        maxScore = s
      } else {
        sum += exp(s - maxScore)
      }
    }
    let positive = model.positiveIndex.map { _ in exp(positiveScore - maxScore) / sum }
    return SentimentPrediction(labelIndex: best, probability: 1 / sum, positiveProbability: positive)
  }

  static let optionSets = [
    FeatureOptions(),
    FeatureOptions(hashBits: 12),
    FeatureOptions(bigrams: false),
    FeatureOptions(negationMarking: false),
    FeatureOptions(hashBits: 20, bigrams: false, negationMarking: false, ruleFeatures: false),
  ]

  @Test(arguments: optionSets)
  func bucketsMatchThePlainExtraction(options: FeatureOptions) throws {
    let trainer = LinearSentimentTrainer(configuration: .init(features: options, epochs: 5), lexicon: lexicon)
    let model = try trainer.fit(texts: Self.texts, labels: Self.labels)
    let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
    for text in Self.texts + [Self.longText, "short again"] {
      let analysis = analyzer.analyze(text)
      let expected = Self.referenceBuckets(analyzer, scores: analysis.sentiment, options: options)
      #expect(Array(analyzer.features.indices) == expected, "\(text.prefix(40))")
      #expect(analysis.modelPrediction == Self.referencePrediction(model, analyzer.features))
    }
  }

  /// Labels where the positive class comes first, second, or not at all.
  @Test(arguments: [["neg", "pos"], ["positive", "rest"], ["a", "b"], ["neg", "neutral", "pos"]])
  func predictionsMatchTheGeneralSoftmax(labelSet: [String]) throws {
    let labels = Self.labels.enumerated().map { i, l in
      labelSet.count == 3 && i % 4 == 3 ? labelSet[1] : l == "pos" ? labelSet.last! : labelSet[0]
    }
    let model = try LinearSentimentTrainer(configuration: .init(epochs: 10), lexicon: lexicon)
      .fit(texts: Self.texts, labels: labels)
    let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
    for text in Self.texts + ["good", "bad", "ok", "fine I guess", "meh"] {
      let p = analyzer.analyze(text).modelPrediction
      #expect(p == Self.referencePrediction(model, analyzer.features), "\(text)")
    }
  }
}
