import Testing

@testable import AftershockModel

struct CrossValidationTests {
  @Test func stratifiedFoldsPartitionRowsAndKeepClassShares() throws {
    let labels = (0..<103).map { $0 % 4 == 0 }
    let folds = try StratifiedKFold(foldCount: 5, seed: 3).testFolds(labels: labels)
    #expect(folds.flatMap { $0 }.sorted() == Array(0..<103))
    let positives = folds.map { fold in fold.filter { labels[$0] }.count }
    #expect(positives.max()! - positives.min()! <= 1)
    #expect(folds.map(\.count).max()! - folds.map(\.count).min()! <= 1)
    #expect(try StratifiedKFold(foldCount: 5, seed: 3).testFolds(labels: labels) == folds)
    #expect(try StratifiedKFold(foldCount: 5, seed: 4).testFolds(labels: labels) != folds)
  }

  @Test func tooFewPositivesForTheFoldsIsAnError() {
    #expect(throws: ModelError.notEnoughRows(found: 2, needed: 5)) {
      try StratifiedKFold(foldCount: 5).testFolds(labels: [true, true] + Array(repeating: false, count: 20))
    }
  }

  /// One row with finite but huge values (1e308 in x and z), held out in one fold and
  /// trained on in the other, leaves every out-of-fold probability in [0, 1] and the report
  /// complete (it used to trap on a NaN probability).
  @Test func aRowOfHugeValuesKeepsEveryProbabilityFinite() throws {
    let table = try TestTables.narrowOpposed(rows: 40, seed: 8)
    guard case .numbers(var x) = table.columns[0], case .numbers(var z) = table.columns[1] else {
      Issue.record("x and z are number columns")
      return
    }
    x[0] = 1e308
    z[0] = 1e308
    let damaged = try DataTable(columnNames: table.columnNames, columns: [.numbers(x), .numbers(z), table.columns[2]])
    for seed: UInt64 in [1, 2, 3] {
      let report = try LogisticRegression().crossValidate(damaged, label: "y", folds: 2, seed: seed)
      #expect(report.outOfFoldProbabilities.allSatisfy { (0...1).contains($0) }, "seed \(seed)")
      #expect(report.pooled.rocAUC.isFinite, "seed \(seed)")
    }
  }

  /// On data drawn from a known logistic model, out-of-fold AUC sits within 0.02 of the AUC of
  /// the true probabilities (the best any model can do), and the folds agree.
  @Test func crossValidatedAUCApproachesTheTrueProbabilitiesAUC() throws {
    let (table, truth) = try TestTables.simulated(rows: 4_000, seed: 5)
    let labels = try table.labels(ofColumn: "label")
    let report = try LogisticRegression().crossValidate(table, label: "label", folds: 5, seed: 9)
    let trueAUC = try ClassificationMetrics.rocAUC(truth, labels)
    #expect(abs(report.pooled.rocAUC - trueAUC) < 0.02, "seed 5: cv \(report.pooled.rocAUC) vs truth \(trueAUC)")
    #expect(report.folds.count == 5)
    #expect(report.converged.allSatisfy { $0 })
    #expect(report.rocAUC.standardDeviation < 0.05)
    #expect(report.outOfFoldProbabilities.allSatisfy { $0 > 0 && $0 < 1 })
    // Calibrated by construction: each well-filled bin's observed rate lies within three
    // binomial standard errors (plus 0.01) of its mean prediction.
    for bin in report.pooled.calibration where bin.count >= 100 {
      let p = bin.meanPredicted
      let allowed = 3 * (p * (1 - p) / Double(bin.count)).squareRoot() + 0.01
      #expect(abs(p - bin.observedRate) < allowed, "seed 5, bin \(bin.lower): \(bin)")
    }
    let again = try LogisticRegression().crossValidate(table, label: "label", folds: 5, seed: 9)
    #expect(again.outOfFoldProbabilities == report.outOfFoldProbabilities)
  }

  @Test func parallelFoldsGiveTheSameResultsAsSerialFolds() throws {
    let (table, _) = try TestTables.simulated(rows: 500, seed: 6)
    let folds = StratifiedKFold(foldCount: 4, seed: 2)
    let serial = try CrossValidation(folds: folds, parallel: false).run(LogisticRegression(), on: table, label: "label")
    let parallel = try CrossValidation(folds: folds, parallel: true).run(
      LogisticRegression(), on: table, label: "label")
    #expect(serial.outOfFoldProbabilities == parallel.outOfFoldProbabilities)
    #expect(serial.folds == parallel.folds)
  }

  @Test func aFoldThatFailsReportsItsError() throws {
    // Fold fits fail on an invalid setting; the error surfaces instead of a partial report.
    let (table, _) = try TestTables.simulated(rows: 100, seed: 6)
    #expect(throws: ModelError.self) {
      try LogisticRegression(.init(maximumIterations: 0)).crossValidate(table, label: "label", folds: 3)
    }
  }

  @Test func evaluateGivesTheSameMetricsAsTheStandaloneFunctions() throws {
    let (table, _) = try TestTables.simulated(rows: 600, seed: 8)
    let model = try LogisticRegression().fit(table, label: "label")
    let report = try model.evaluate(table)
    let probabilities = try model.predictProbabilities(table)
    let labels = try table.labels(ofColumn: "label")
    #expect(report.rocAUC == (try ClassificationMetrics.rocAUC(probabilities, labels)))
    #expect(report.logLoss == (try ClassificationMetrics.logLoss(probabilities, labels)))
    #expect(report.topDecile.rowCount == 60)
  }
}
