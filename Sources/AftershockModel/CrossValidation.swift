import Foundation

/// Runs stratified k-fold cross-validation of any `ChurnEstimator` and pools out-of-fold
/// predictions (also the reusable source of held-out scores for `ProbabilityCalibration`).
public struct CrossValidation: Sendable {
  /// How rows are split.
  public var folds: StratifiedKFold
  /// Probability at or above which a row is predicted positive (accuracy, confusion).
  public var threshold: Double
  /// Fit the folds on all cores at once (results are identical either way).
  public var parallel: Bool

  /// A cross-validation with the given folds.
  public init(folds: StratifiedKFold = StratifiedKFold(), threshold: Double = 0.5, parallel: Bool = true) {
    self.folds = folds
    self.threshold = threshold
    self.parallel = parallel
  }

  /// Fits `estimator` on k − 1 folds and predicts the held-out fold, k times.
  /// - Throws: `ModelError` from the labels, the split or the estimator.
  public func run(
    _ estimator: some ChurnEstimator, on table: DataTable, label: String, idColumn: String? = nil
  ) throws -> CrossValidationReport {
    let labels = try table.labels(ofColumn: label)
    let testFolds = try folds.testFolds(labels: labels)
    // Parse numeric text and fix every column's kind once: each fold then reads numbers without
    // re-parsing, and reads a column as the whole table does, whichever of its values it holds.
    let parsed = table.parsingNumbers(excluding: [label] + (idColumn.map { [$0] } ?? []))
    let estimator = estimator
    let results = FoldResults(count: testFolds.count)
    let work: @Sendable (Int) -> Void = { fold in
      results.store(
        fold,
        Result {
          let test = testFolds[fold]
          var inTest = [Bool](repeating: false, count: labels.count)
          for row in test { inTest[row] = true }
          let train = labels.indices.filter { !inTest[$0] }
          let start = DispatchTime.now().uptimeNanoseconds
          let model = try estimator.fit(parsed.selectingRows(train), label: label, idColumn: idColumn)
          let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          let probabilities = try model.predictProbabilities(parsed.selectingRows(test))
          return FoldOutcome(
            probabilities: probabilities, seconds: seconds, diagnostics: model.logistic?.diagnostics)
        })
    }
    if parallel {
      DispatchQueue.concurrentPerform(iterations: testFolds.count, execute: work)
    } else {
      for fold in testFolds.indices { work(fold) }
    }
    var outOfFold = [Double](repeating: .nan, count: labels.count)
    var reports = [EvaluationReport]()
    var seconds = [Double]()
    var diagnostics = [FitDiagnostics?]()
    for (fold, test) in testFolds.enumerated() {
      let outcome = try results.outcome(fold)
      for (position, row) in test.enumerated() { outOfFold[row] = outcome.probabilities[position] }
      seconds.append(outcome.seconds)
      diagnostics.append(outcome.diagnostics)
      reports.append(
        try EvaluationReport(
          probabilities: outcome.probabilities, labels: test.map { labels[$0] }, threshold: threshold))
    }
    return CrossValidationReport(
      foldCount: testFolds.count, seed: folds.seed,
      pooled: try EvaluationReport(probabilities: outOfFold, labels: labels, threshold: threshold),
      folds: reports, outOfFoldProbabilities: outOfFold, fitSeconds: seconds, diagnostics: diagnostics)
  }
}

/// What one fold produced.
private struct FoldOutcome: Sendable {
  var probabilities: [Double]
  var seconds: Double
  var diagnostics: FitDiagnostics?
}

/// Fold results written from several threads, one slot per fold, guarded by a lock.
private final class FoldResults: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<FoldOutcome, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ fold: Int, _ result: Result<FoldOutcome, any Error>) {
    lock.lock()
    slots[fold] = result
    lock.unlock()
  }

  /// The fold's outcome, rethrowing its error (the first failing fold's, in fold order).
  func outcome(_ fold: Int) throws -> FoldOutcome {
    lock.lock()
    let result = slots[fold]
    lock.unlock()
    guard let result else { throw ModelError.notEnoughRows(found: 0, needed: 1) }
    return try result.get()
  }
}
