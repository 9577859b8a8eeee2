import Foundation

/// Runs stratified k-fold cross-validation of any `ChurnEstimator` and pools out-of-fold
/// predictions (also the reusable source of held-out scores for `ProbabilityCalibration`).
public struct CrossValidation: Sendable {
  /// How rows are split.
  public var folds: StratifiedKFold
  /// Probability at or above which a row is predicted positive (accuracy, confusion).
  public var threshold: Double

  /// A cross-validation with the given folds.
  public init(folds: StratifiedKFold = StratifiedKFold(), threshold: Double = 0.5) {
    self.folds = folds
    self.threshold = threshold
  }

  /// Fits `estimator` on k − 1 folds and predicts the held-out fold, k times.
  /// - Throws: `ModelError` from the labels, the split or the estimator.
  public func run(
    _ estimator: some ChurnEstimator, on table: DataTable, label: String, idColumn: String? = nil
  ) throws -> CrossValidationReport {
    let labels = try table.labels(ofColumn: label)
    let testFolds = try folds.testFolds(labels: labels)
    // Parse numeric text once; every fold then reads numbers without re-parsing.
    let parsed = table.parsingNumbers(excluding: [label] + (idColumn.map { [$0] } ?? []))
    var outOfFold = [Double](repeating: .nan, count: labels.count)
    var reports = [EvaluationReport]()
    var seconds = [Double]()
    var diagnostics = [FitDiagnostics?]()
    for test in testFolds {
      var inTest = [Bool](repeating: false, count: labels.count)
      for row in test { inTest[row] = true }
      let train = labels.indices.filter { !inTest[$0] }
      let trainTable = parsed.selectingRows(train)
      let start = DispatchTime.now().uptimeNanoseconds
      let model = try estimator.fit(trainTable, label: label, idColumn: idColumn)
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      diagnostics.append(model.logistic?.diagnostics)
      let probabilities = try model.predictProbabilities(parsed.selectingRows(test))
      for (position, row) in test.enumerated() { outOfFold[row] = probabilities[position] }
      reports.append(
        try EvaluationReport(
          probabilities: probabilities, labels: test.map { labels[$0] }, threshold: threshold))
    }
    return CrossValidationReport(
      foldCount: testFolds.count, seed: folds.seed,
      pooled: try EvaluationReport(probabilities: outOfFold, labels: labels, threshold: threshold),
      folds: reports, outOfFoldProbabilities: outOfFold, fitSeconds: seconds, diagnostics: diagnostics)
  }
}
