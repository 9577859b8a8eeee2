/// Precision, recall and F1 of one class.
public struct ClassMetrics: Sendable, Equatable {
  /// The class label.
  public var label: String
  /// TP / (TP + FP); 0 when nothing was predicted as this class.
  public var precision: Double
  /// TP / (TP + FN); 0 when the class has no examples.
  public var recall: Double
  /// Harmonic mean of precision and recall (0 when both are 0).
  public var f1: Double
  /// Number of true examples of the class.
  public var support: Int
}

/// Standard multi-class metrics from true and predicted labels.
public struct ClassificationMetrics: Sendable, Equatable {
  /// Labels in the order of the confusion matrix rows and columns.
  public var labels: [String]
  /// `confusion[true][predicted]` counts.
  public var confusion: [[Int]]
  /// Share of correct predictions.
  public var accuracy: Double
  /// Unweighted mean of per-class F1.
  public var macroF1: Double
  /// Per-class precision, recall, F1 and support.
  public var perClass: [ClassMetrics]
  /// Number of examples.
  public var count: Int

  /// Computes the metrics; `labels` fixes the class order (default: all labels seen, sorted).
  public init(trueLabels: [String], predictedLabels: [String], labels: [String]? = nil) {
    precondition(trueLabels.count == predictedLabels.count, "true and predicted labels differ in count")
    let all = labels ?? Array(Set(trueLabels).union(predictedLabels)).sorted()
    let index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: all.count), count: all.count)
    var correct = 0
    for (t, p) in zip(trueLabels, predictedLabels) {
      guard let ti = index[t], let pi = index[p] else { continue }
      confusion[ti][pi] += 1
      if ti == pi { correct += 1 }
    }
    var per: [ClassMetrics] = []
    for (i, label) in all.enumerated() {
      let tp = Double(confusion[i][i])
      let predicted = Double((0..<all.count).reduce(0) { $0 + confusion[$1][i] })
      let actual = Double(confusion[i].reduce(0, +))
      let precision = predicted > 0 ? tp / predicted : 0
      let recall = actual > 0 ? tp / actual : 0
      let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
      per.append(ClassMetrics(label: label, precision: precision, recall: recall, f1: f1, support: Int(actual)))
    }
    self.labels = all
    self.confusion = confusion
    self.count = trueLabels.count
    self.accuracy = trueLabels.isEmpty ? 0 : Double(correct) / Double(trueLabels.count)
    self.macroF1 = per.isEmpty ? 0 : per.map(\.f1).reduce(0, +) / Double(per.count)
    self.perClass = per
  }
}
