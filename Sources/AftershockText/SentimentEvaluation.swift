/// Result of k-fold cross-validation.
public struct CrossValidationResult: Sendable, Equatable {
  /// Metrics of each held-out fold.
  public var folds: [ClassificationMetrics]
  /// Metrics over all held-out predictions pooled.
  public var pooled: ClassificationMetrics
  /// Mean of the folds' accuracy.
  public var meanAccuracy: Double
  /// Sample standard deviation of the folds' accuracy.
  public var accuracyStandardDeviation: Double
  /// Mean of the folds' macro-F1.
  public var meanMacroF1: Double
  /// The seed that fixed the folds.
  public var seed: UInt64
}

/// Evaluation and stratified cross-validation of sentiment models.
public enum SentimentEvaluation {
  /// Scores `model` on labelled texts.
  public static func evaluate(_ model: any SentimentModel, texts: [String], labels: [String]) throws
    -> ClassificationMetrics
  {
    guard texts.count == labels.count else {
      throw TextError.invalidTrainingData(reason: "\(texts.count) texts but \(labels.count) labels")
    }
    let predicted = model.predictLabels(texts)
    let all = Array(Set(labels).union(model.labels)).sorted()
    return ClassificationMetrics(trueLabels: labels, predictedLabels: predicted, labels: all)
  }

  /// Stratified k-fold assignment: each class's examples shuffled with `seed`, dealt round-robin.
  public static func stratifiedFolds(labels: [String], folds: Int, seed: UInt64) -> [Int] {
    var byClass: [String: [Int]] = [:]
    for (i, l) in labels.enumerated() { byClass[l, default: []].append(i) }
    var rng = SplitMix64(seed: seed)
    var assignment = [Int](repeating: 0, count: labels.count)
    var next = 0
    for key in byClass.keys.sorted() {
      var members = byClass[key]!
      for i in stride(from: members.count - 1, to: 0, by: -1) {
        members.swapAt(i, Int(rng.next() % UInt64(i + 1)))
      }
      for m in members {
        assignment[m] = next % folds
        next += 1
      }
    }
    return assignment
  }

  /// Refuses folds that test a class their training part lacks: a class with a single example
  /// leaves the fold that tests it with only the others to learn from, so that example can
  /// never be predicted and the class's recall is 0 by construction, not by the model (with
  /// two classes the fit would even refuse "only one class", although the data has two). Names
  /// the short classes and their counts.
  static func checkEveryFoldTrainsOnWhatItTests(labels: [String], assignment: [Int], folds: Int) throws {
    for fold in 0..<folds {
      var trained = Set<String>()
      var tested = Set<String>()
      for (index, label) in labels.enumerated() {
        if assignment[index] != fold { trained.insert(label) } else { tested.insert(label) }
      }
      let absent = tested.subtracting(trained).sorted()
      guard !absent.isEmpty else { continue }
      var counts: [String: Int] = [:]
      for label in labels { counts[label, default: 0] += 1 }
      let short = absent.map { label -> String in
        let count = counts[label] ?? 0
        return "class '\(label)' has only \(count) example\(count == 1 ? "" : "s")"
      }.joined(separator: " and ")
      let rest = trained.sorted().map { "'\($0)'" }.joined(separator: ", ")
      let them = absent.count == 1 ? "it" : "them"
      throw TextError.invalidTrainingData(
        reason: "\(short), so the fold that tests \(them) would train on "
          + (trained.isEmpty ? "nothing" : trained.count == 1 ? "class \(rest) alone" : "classes \(rest) only")
          + " and could never predict \(them); \(folds)-fold cross-validation needs at least 2 examples of each"
          + " class: add examples of \(absent.map { "'\($0)'" }.joined(separator: ", ")) or leave \(them) out")
    }
  }

  /// Stratified k-fold cross-validation of `trainer` (fixed `seed` gives the same folds).
  public static func crossValidate(
    _ trainer: any SentimentTrainer, texts: [String], labels: [String], folds: Int = 5, seed: UInt64 = 42
  ) throws -> CrossValidationResult {
    guard texts.count == labels.count else {
      throw TextError.invalidTrainingData(reason: "\(texts.count) texts but \(labels.count) labels")
    }
    guard folds >= 2 && folds <= texts.count else {
      throw TextError.invalidParameter(name: "folds", value: "\(folds)", expected: "2 to the number of examples")
    }
    if trainer is LinearSentimentTrainer {
      // On the whole data, before the folds: the first fold's fit would refuse it too, naming
      // only its own share of the rows.
      try LinearSentimentTrainer.checkLabelCount(classes: Set(labels).count, examples: labels.count)
    }
    let assignment = stratifiedFolds(labels: labels, folds: folds, seed: seed)
    let all = Array(Set(labels)).sorted()
    // The rules learn nothing but which label is which class, and that is read from the whole
    // label set ("0" is neutral beside "negative"): a fold without a rare label must read the
    // others the same way.
    let rules = try (trainer as? RuleSentimentTrainer)?.fitClassifier(texts: [], labels: all)
    if rules == nil { try checkEveryFoldTrainsOnWhatItTests(labels: labels, assignment: assignment, folds: folds) }
    var results: [ClassificationMetrics] = []
    var pooledTrue: [String] = []
    var pooledPredicted: [String] = []
    for f in 0..<folds {
      var trainTexts: [String] = []
      var trainLabels: [String] = []
      var testTexts: [String] = []
      var testLabels: [String] = []
      for i in texts.indices {
        if assignment[i] == f {
          testTexts.append(texts[i])
          testLabels.append(labels[i])
        } else {
          trainTexts.append(texts[i])
          trainLabels.append(labels[i])
        }
      }
      let model = try rules ?? trainer.fitClassifier(texts: trainTexts, labels: trainLabels)
      let predicted = model.predictLabels(testTexts)
      results.append(ClassificationMetrics(trueLabels: testLabels, predictedLabels: predicted, labels: all))
      pooledTrue += testLabels
      pooledPredicted += predicted
    }
    let accuracies = results.map(\.accuracy)
    let mean = accuracies.reduce(0, +) / Double(folds)
    let variance = accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, folds - 1))
    return CrossValidationResult(
      folds: results,
      pooled: ClassificationMetrics(trueLabels: pooledTrue, predictedLabels: pooledPredicted, labels: all),
      meanAccuracy: mean, accuracyStandardDeviation: variance.squareRoot(),
      meanMacroF1: results.map(\.macroF1).reduce(0, +) / Double(folds), seed: seed)
  }
}
