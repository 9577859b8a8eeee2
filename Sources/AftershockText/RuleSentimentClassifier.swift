/// The rule-based model as a classifier: maps the compound score onto a dataset's labels.
///
/// With a neutral label the ±0.05 thresholds give three classes; without one, a text is
/// positive when its compound is above 0.05 and negative otherwise (the convention used to
/// score VADER on binary data).
public final class RuleSentimentClassifier: SentimentModel {
  /// The dataset's labels.
  public let labels: [String]
  let positiveIndex: Int
  let negativeIndex: Int
  let neutralIndex: Int?
  let analyzer: TextAnalyzer

  /// A classifier for `labels`, which must name a positive and a negative class
  /// (1/0, positive/negative, pos/neg, 1/-1; optionally 0/neutral/neu for neutral).
  public init(lexicon: TextLexicon, labels: [String]) throws {
    let lower = labels.map { $0.lowercased() }
    func find(_ names: [String]) -> Int? { lower.firstIndex { names.contains($0) } }
    let hasMinusOne = lower.contains("-1")
    guard let p = find(["1", "+1", "positive", "pos", "true", "yes"]),
      let n = find(hasMinusOne ? ["-1", "negative", "neg"] : ["0", "-1", "negative", "neg", "false", "no"])
    else {
      throw TextError.invalidParameter(
        name: "labels", value: labels.joined(separator: ","),
        expected: "a positive and a negative label such as 1/0 or positive/negative (rules need to know which is which)")
    }
    self.labels = labels
    positiveIndex = p
    negativeIndex = n
    neutralIndex = find(hasMinusOne ? ["0", "neutral", "neu"] : ["neutral", "neu"])
    analyzer = TextAnalyzer(lexicon: lexicon)
  }

  public func predict(utf8 text: UnsafeRawBufferPointer) -> SentimentPrediction {
    let c = analyzer.sentiment(utf8: text).compound
    let positive = (c + 1) / 2
    if c > 0.05 { return SentimentPrediction(labelIndex: positiveIndex, probability: positive, positiveProbability: positive) }
    if let neutralIndex, c > -0.05 {
      return SentimentPrediction(labelIndex: neutralIndex, probability: 1 - abs(c), positiveProbability: positive)
    }
    return SentimentPrediction(labelIndex: negativeIndex, probability: 1 - positive, positiveProbability: positive)
  }
}

/// A "trainer" for the rule model: learns nothing but the label set (for uniform evaluation).
public struct RuleSentimentTrainer: SentimentTrainer {
  /// The lexicons the rules use.
  public let lexicon: TextLexicon

  /// A trainer over `lexicon`.
  public init(lexicon: TextLexicon) { self.lexicon = lexicon }

  public func fitClassifier(texts: [String], labels: [String]) throws -> any SentimentModel {
    try RuleSentimentClassifier(lexicon: lexicon, labels: Array(Set(labels)).sorted())
  }
}
