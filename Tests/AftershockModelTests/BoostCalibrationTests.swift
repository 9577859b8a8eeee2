import Foundation
import Testing

@testable import AftershockModel

@Suite struct BoostCalibrationTests {
  // Reference figures from scikit-learn 1.x IsotonicRegression(out_of_bounds="clip"), computed once:
  //   fit([1,2,3,4,5,6], [0,1,0,1,1,1]).predict([0, 2.5, 3.5, 4.5, 7]) == [0, 0.5, 0.75, 1, 1]
  //   fit([1,1,2,3,3,4], [1,0,1,0,0,1]).predict([1, 1.5, 2, 2.5, 3, 3.5, 4]) == [.4, .4, .4, .4, .4, .7, 1]
  @Test func isotonicMatchesScikitLearn() throws {
    let first = try IsotonicCalibrator().fit(scores: [1, 2, 3, 4, 5, 6], labels: [false, true, false, true, true, true])
    #expect(first.knots == [1, 2, 3, 4, 6])
    let predicted = first.calibratedProbabilities([0, 2.5, 3.5, 4.5, 7])
    for (value, expected) in zip(predicted, [0, 0.5, 0.75, 1, 1]) { #expect(abs(value - expected) < 1e-12) }

    let tied = try IsotonicCalibrator().fit(scores: [1, 1, 2, 3, 3, 4], labels: [true, false, true, false, false, true])
    let tiedPredicted = tied.calibratedProbabilities([1, 1.5, 2, 2.5, 3, 3.5, 4])
    for (value, expected) in zip(tiedPredicted, [0.4, 0.4, 0.4, 0.4, 0.4, 0.7, 1]) {
      #expect(abs(value - expected) < 1e-12)
    }
  }

  @Test func isotonicOutputNeverDecreases() throws {
    var random = BoostTestRandom(seed: 2)
    let scores = (0..<2_000).map { _ in random.unit() }
    let labels = scores.map { random.unit() < $0 * $0 }
    let calibration = try IsotonicCalibrator().fit(scores: scores, labels: labels)
    let grid = (0...200).map { Double($0) / 200 }
    let values = calibration.calibratedProbabilities(grid)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
    // Squared error of PAV is never worse than that of the identity map on its own data.
    let fitted = calibration.calibratedProbabilities(scores)
    let errorFitted = zip(fitted, labels).reduce(0.0) { $0 + pow($1.0 - ($1.1 ? 1 : 0), 2) }
    let errorRaw = zip(scores, labels).reduce(0.0) { $0 + pow($1.0 - ($1.1 ? 1 : 0), 2) }
    #expect(errorFitted <= errorRaw)
  }

  @Test func plattRecoversAKnownLogisticCurve() throws {
    // Labels drawn with P(y) = 1 / (1 + exp(-(2s - 1))); 20,000 rows give ±0.1 on both coefficients.
    var random = BoostTestRandom(seed: 5)
    let scores = (0..<20_000).map { _ in -4 + 8 * random.unit() }
    let labels = scores.map { random.unit() < 1 / (1 + exp(-(2 * $0 - 1))) }
    let calibration = try PlattCalibrator().fit(scores: scores, labels: labels)
    #expect(abs(calibration.slope - 2) < 0.1)
    #expect(abs(calibration.intercept + 1) < 0.1)
    #expect(abs(calibration.calibratedProbability(0.5) - 0.5) < 0.03)
  }

  @Test func outOfFoldMarginsCalibrateTheTrees() throws {
    let (features, labels) = try boostMixedTable(rows: 1_000, seed: 13)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 30
    let classifier = GradientBoostingClassifier(configuration: configuration)
    let margins = try classifier.outOfFoldMargins(features, labels: labels, foldCount: 5, seed: 1)
    #expect(margins.count == labels.count && margins.allSatisfy(\.isFinite))
    let platt = try PlattCalibrator().fit(scores: margins, labels: labels)
    let calibrated = platt.calibratedProbabilities(margins)
    let meanCalibrated = calibrated.reduce(0, +) / Double(calibrated.count)
    let positiveRate = Double(labels.filter { $0 }.count) / Double(labels.count)
    #expect(abs(meanCalibrated - positiveRate) < 0.01)
    #expect(platt.slope > 0)
  }

  @Test func calibratorsRejectMismatchedInputs() {
    #expect(throws: BoostingError.lengthMismatch(what: "labels", expected: 2, found: 1)) {
      try IsotonicCalibrator().fit(scores: [0.1, 0.2], labels: [true])
    }
    #expect(throws: BoostingError.singleClass(positive: true)) {
      try PlattCalibrator().fit(scores: [0.1, 0.2], labels: [true, true])
    }
  }
}
