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

  /// A classifier for `labels`, read as a whole: each label must name one of the rules' classes,
  /// and the set must hold a positive and a negative class (a neutral one is optional).
  ///
  /// Numbers are read by value: 1 (`1`, `+1`, `1.0`) is positive, -1 negative, and 0 is neutral
  /// beside another negative label (`-1`, `negative`) and negative otherwise (binary 0/1). Words:
  /// positive/pos/true/yes, negative/neg/false/no, neutral/neu (any case). So 0/1, -1/1, -1/0/1,
  /// positive/negative, negative/neutral/positive and 0/negative/positive all work.
  /// - Throws: `TextError.invalidParameter` naming a label the rules cannot map (it would be a
  ///   class they never predict), two labels for one class (`1` and `1.0`), or a set without a
  ///   positive and a negative class.
  public init(lexicon: TextLexicon, labels: [String]) throws {
    let classOf = Self.classes(of: labels)
    func invalid(_ why: String) -> TextError {
      let shown = labels.prefix(8).joined(separator: ",") + (labels.count > 8 ? ",... (\(labels.count) labels)" : "")
      return TextError.invalidParameter(name: "labels", value: shown, expected: why)
    }
    let unknown = labels.indices.filter { classOf[$0] == nil }.map { "'\(labels[$0])'" }
    guard unknown.isEmpty else {
      let named =
        unknown.prefix(5).joined(separator: ", ") + (unknown.count > 5 ? " and \(unknown.count - 5) more" : "")
      throw invalid(
        "labels the rules can map onto their classes: -1/0/1, 0/1, negative/neutral/positive (or neg/neu/pos,"
          + " false/true, no/yes); \(named) \(unknown.count == 1 ? "is" : "are") none of these, and the rules"
          + " would never predict \(unknown.count == 1 ? "it" : "them")")
    }
    var index: [Polarity: Int] = [:]
    for polarity in [Polarity.negative, .neutral, .positive] {
      let members = labels.indices.filter { classOf[$0] == polarity }
      if members.count > 1 {
        throw invalid(
          "one label per class, but " + members.map { "'\(labels[$0])'" }.joined(separator: ", ")
            + " all read as \(polarity) and the rules would predict only one of them (spell each class one way)")
      }
      index[polarity] = members.first
    }
    guard let p = index[.positive], let n = index[.negative] else {
      throw invalid(
        "a positive and a negative label such as 1/0 or positive/negative (rules need to know which is which)")
    }
    self.labels = labels
    positiveIndex = p
    negativeIndex = n
    neutralIndex = index[.neutral]
    analyzer = TextAnalyzer(lexicon: lexicon)
  }

  /// The class each of `labels` names, read as a set as `init` reads it (0 is neutral beside
  /// another negative label, else negative); nil for a label that names none.
  static func classes(of labels: [String]) -> [Polarity?] {
    var classOf: [Polarity?] = labels.map(Self.polarity(of:))
    let hasOtherNegative = zip(labels, classOf).contains { $1 == .negative && Self.number($0) != 0 }
    for i in labels.indices where Self.number(labels[i]) == 0 { classOf[i] = hasOtherNegative ? .neutral : .negative }
    return classOf
  }

  /// `classes(of:)` by name ("negative", "neutral", "positive"), for other modules that match
  /// two label sets.
  package static func classNames(of labels: [String]) -> [String?] {
    classes(of: labels).map { $0?.description }
  }

  /// The rules' three classes.
  enum Polarity: CustomStringConvertible {
    case negative, neutral, positive
    var description: String {
      switch self {
      case .negative: "negative"
      case .neutral: "neutral"
      case .positive: "positive"
      }
    }
  }

  /// A label's value when it is a finite number (`1`, `+1`, `-1.0`, `01`), else nil.
  static func number(_ label: String) -> Double? {
    guard let value = Double(label.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
    return value
  }

  /// The class a label names on its own; 0 is settled by the whole set (see `init`), and a label
  /// that names none is nil.
  static func polarity(of label: String) -> Polarity? {
    if let value = number(label) {
      switch value {
      case 1: return .positive
      case -1: return .negative
      default: return nil
      }
    }
    switch label.trimmingCharacters(in: .whitespaces).lowercased() {
    case "positive", "pos", "true", "yes": return .positive
    case "negative", "neg", "false", "no": return .negative
    case "neutral", "neu": return .neutral
    default: return nil
    }
  }

  public func predict(utf8 text: UnsafeRawBufferPointer) -> SentimentPrediction {
    let c = analyzer.sentiment(utf8: text).compound
    let positive = (c + 1) / 2
    if c > 0.05 {
      return SentimentPrediction(labelIndex: positiveIndex, probability: positive, positiveProbability: positive)
    }
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
