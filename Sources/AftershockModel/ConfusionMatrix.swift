/// Counts of a binary classifier's outcomes at one probability threshold.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
  /// Rows with probability at or above this are predicted positive.
  public var threshold: Double
  /// Predicted positive and truly positive.
  public var truePositives = 0
  /// Predicted positive but truly negative.
  public var falsePositives = 0
  /// Predicted negative and truly negative.
  public var trueNegatives = 0
  /// Predicted negative but truly positive.
  public var falseNegatives = 0

  /// A matrix with all counts at zero.
  public init(threshold: Double) { self.threshold = threshold }

  /// A matrix from its four counts.
  public init(
    threshold: Double, truePositives: Int, falsePositives: Int, trueNegatives: Int,
    falseNegatives: Int
  ) {
    self.threshold = threshold
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.trueNegatives = trueNegatives
    self.falseNegatives = falseNegatives
  }

  /// Number of rows counted.
  public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }
  /// Share of rows predicted correctly (NaN when empty).
  public var accuracy: Double {
    total > 0 ? Double(truePositives + trueNegatives) / Double(total) : .nan
  }
  /// Share of predicted positives that are positive (NaN when none predicted).
  public var precision: Double {
    let predicted = truePositives + falsePositives
    return predicted > 0 ? Double(truePositives) / Double(predicted) : .nan
  }
  /// Share of positives that were predicted positive (NaN when there are none).
  public var recall: Double {
    let actual = truePositives + falseNegatives
    return actual > 0 ? Double(truePositives) / Double(actual) : .nan
  }
}
