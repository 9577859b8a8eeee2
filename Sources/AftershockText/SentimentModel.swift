/// A model's answer for one text.
public struct SentimentPrediction: Sendable, Equatable {
  /// Index into the model's `labels`.
  public var labelIndex: Int
  /// Probability (or, for the rule model, a calibrated-looking score) of the predicted label.
  public var probability: Double
  /// Probability of the positive label when the label set has one ("1", "positive", "pos").
  public var positiveProbability: Double?

  /// Creates a prediction.
  public init(labelIndex: Int, probability: Double, positiveProbability: Double?) {
    self.labelIndex = labelIndex
    self.probability = probability
    self.positiveProbability = positiveProbability
  }
}

/// A sentiment classifier over any label set; implemented by the rule-based model
/// (`RuleSentimentClassifier`) and the trained linear model (`LinearSentimentClassifier`).
///
/// Implementations keep scratch buffers, so one instance serves one thread.
public protocol SentimentModel: AnyObject {
  /// The class labels, in the order `labelIndex` refers to.
  var labels: [String] { get }
  /// Predicts the label of one UTF-8 text.
  func predict(utf8 text: UnsafeRawBufferPointer) -> SentimentPrediction
}

extension SentimentModel {
  /// Predicts the label of one text.
  public func predict(_ text: String) -> SentimentPrediction {
    var copy = text
    return copy.withUTF8 { predict(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Predicts the label strings of many texts.
  public func predictLabels(_ texts: [String]) -> [String] {
    texts.map { labels[predict($0).labelIndex] }
  }
}

/// Something that learns a `SentimentModel` from labelled texts (used by cross-validation).
public protocol SentimentTrainer {
  /// Fits a classifier on `texts` with `labels` (same count; labels are any strings).
  func fitClassifier(texts: [String], labels: [String]) throws -> any SentimentModel
}

/// Finds the positive label of a label set ("1", "positive", "pos", "true", "yes").
func positiveLabelIndex(_ labels: [String]) -> Int? {
  labels.firstIndex { ["1", "+1", "positive", "pos", "true", "yes"].contains($0.lowercased()) }
}
