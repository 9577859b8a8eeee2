import Foundation
import Testing

@testable import AftershockModel

/// Hand-computed references (and scikit-learn 1.x for the same inputs: roc_auc_score 0.78125,
/// average_precision_score 0.7470238095, log_loss 0.5422399273).
struct ClassificationMetricsTests {
  let probabilities = [0.9, 0.8, 0.8, 0.7, 0.4, 0.4, 0.4, 0.1]
  let labels = [true, true, false, true, false, true, false, false]

  @Test func rocAUCGivesTiedPairsHalfCredit() throws {
    // 16 positive–negative pairs: 12 ordered correctly, 1 tie at 0.8, 2 ties at 0.4 → 12.5/16.
    #expect(abs(try ClassificationMetrics.rocAUC(probabilities, labels) - 0.78125) < 1e-12)
  }

  @Test func rocAUCIsOneForPerfectRankingAndHalfForConstantScores() throws {
    #expect(try ClassificationMetrics.rocAUC([0.1, 0.2, 0.8, 0.9], [false, false, true, true]) == 1)
    #expect(try ClassificationMetrics.rocAUC([0.3, 0.3, 0.3, 0.3], [false, true, false, true]) == 0.5)
    #expect(try ClassificationMetrics.rocAUC([0.3, 0.4], [true, true]).isNaN)
  }

  @Test func averagePrecisionTreatsTiedScoresAsOneThreshold() throws {
    // Recall steps of 1/4 at precisions 1, 2/3, 3/4, 4/7.
    let expected = 0.25 * (1 + 2.0 / 3 + 0.75 + 4.0 / 7)
    #expect(abs(try ClassificationMetrics.averagePrecision(probabilities, labels) - expected) < 1e-12)
    #expect(abs(expected - 0.7470238095) < 1e-9)
  }

  @Test func logLossMatchesHandComputationAndClipsCertainMistakes() throws {
    let expected =
      -(log(0.9) + log(0.8) + log(0.2) + log(0.7)
      + log(0.6) + log(0.4) + log(0.6) + log(0.9)) / 8
    #expect(abs(try ClassificationMetrics.logLoss(probabilities, labels) - expected) < 1e-12)
    #expect(abs(expected - 0.5422399273) < 1e-9)
    let certainMistake = try ClassificationMetrics.logLoss([0.0], [true])
    #expect(abs(certainMistake - 34.538776394910684) < 1e-9)  // −log(1e-15)
  }

  @Test func brierIsMeanSquaredError() throws {
    let brier = try ClassificationMetrics.brierScore([0.9, 0.2, 0.5], [true, true, false])
    #expect(abs(brier - (0.01 + 0.64 + 0.25) / 3) < 1e-12)
  }

  @Test func confusionCountsAtThreshold() throws {
    let matrix = try ClassificationMetrics.confusion(probabilities, labels, threshold: 0.5)
    #expect(matrix.truePositives == 3)
    #expect(matrix.falsePositives == 1)
    #expect(matrix.trueNegatives == 3)
    #expect(matrix.falseNegatives == 1)
    #expect(matrix.accuracy == 0.75)
    #expect(try ClassificationMetrics.accuracy(probabilities, labels, threshold: 0.85) == 5.0 / 8)
  }

  @Test func calibrationTablePutsEachPredictionInItsBin() throws {
    let bins = try ClassificationMetrics.calibrationTable(probabilities, labels)
    #expect(bins.count == 10)
    #expect(bins[4].count == 3)
    #expect(abs(bins[4].meanPredicted - 0.4) < 1e-12)
    #expect(abs(bins[4].observedRate - 1.0 / 3) < 1e-12)
    #expect(bins[8].count == 2)
    #expect(bins[8].observedRate == 0.5)
    #expect(bins[9].count == 1)  // 0.9 falls in [0.9, 1]
    #expect(bins[0].count == 0 && bins[0].meanPredicted.isNaN)
    #expect(bins.reduce(0) { $0 + $1.count } == 8)
  }

  @Test func liftAtTopQuarter() throws {
    // Top 25% = 2 rows (0.9 positive, first 0.8 positive): precision 1 against base rate 0.5.
    let lift = try ClassificationMetrics.lift(probabilities, labels, topFraction: 0.25)
    #expect(lift.rowCount == 2)
    #expect(lift.positives == 2)
    #expect(lift.lift == 2)
    #expect(lift.recall == 0.5)
  }

  /// A NaN or infinite probability is refused by row (1-based) by every metric, never trapped on.
  @Test func nonFiniteProbabilitiesAreRefusedByRow() {
    let labels = [false, true, true]
    for bad in [Double.nan, .infinity, -.infinity] {
      let probabilities = [0.2, bad, 0.7]
      let metrics: [(String, () throws -> Void)] = [
        ("rocAUC", { _ = try ClassificationMetrics.rocAUC(probabilities, labels) }),
        ("averagePrecision", { _ = try ClassificationMetrics.averagePrecision(probabilities, labels) }),
        ("logLoss", { _ = try ClassificationMetrics.logLoss(probabilities, labels) }),
        ("brierScore", { _ = try ClassificationMetrics.brierScore(probabilities, labels) }),
        ("confusion", { _ = try ClassificationMetrics.confusion(probabilities, labels) }),
        ("calibrationTable", { _ = try ClassificationMetrics.calibrationTable(probabilities, labels) }),
        ("lift", { _ = try ClassificationMetrics.lift(probabilities, labels) }),
        (
          "pairedAUCDifference",
          { _ = try ClassificationMetrics.pairedAUCDifference(probabilities, probabilities, labels) }
        ),
        ("EvaluationReport", { _ = try EvaluationReport(probabilities: probabilities, labels: labels) }),
      ]
      for (name, metric) in metrics {
        let error = #expect(throws: ModelError.self, "\(name), \(bad)") { try metric() }
        #expect(error?.description == "row 2 has probability \(bad), expected a finite number", "\(name)")
      }
    }
  }

  @Test func mismatchedLengthsThrow() {
    #expect(throws: ModelError.lengthMismatch(what: "probabilities", expected: 2, found: 1)) {
      try ClassificationMetrics.rocAUC([0.5], [true, false])
    }
  }
}
