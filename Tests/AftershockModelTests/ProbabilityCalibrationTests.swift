import Foundation
import Testing

@testable import AftershockModel

struct ProbabilityCalibrationTests {
  @Test func plattRecoversAKnownDistortion() throws {
    // True probability q; the model reports p = σ(2·logit(q) + 1) (overconfident, shifted).
    // Platt should learn slope ≈ 0.5 and intercept ≈ −0.5 to undo it.
    var generator = SplitMix64(seed: 21)
    var reported = [Double]()
    var labels = [Bool]()
    for _ in 0..<20_000 {
      let q = Double(generator.next() % 1_000 + 1) / 1_002
      reported.append(sigmoid(2 * logit(q) + 1))
      labels.append(Double(generator.next() % 1_000_000) / 1_000_000 < q)
    }
    let calibration = try ProbabilityCalibration.fit(method: .platt, probabilities: reported, labels: labels)
    #expect(abs(calibration.slope - 0.5) < 0.05, "seed 21: slope \(calibration.slope)")
    #expect(abs(calibration.intercept - -0.5) < 0.08, "seed 21: intercept \(calibration.intercept)")
  }

  @Test func plattRecoversAKnownLogisticCurveOfMargins() throws {
    // Labels drawn with P(y) = σ(2m − 1) for margins m in [−4, 4]; 20,000 rows give ±0.1 on both.
    var random = BoostTestRandom(seed: 5)
    let margins = (0..<20_000).map { _ in -4 + 8 * random.unit() }
    let labels = margins.map { random.unit() < sigmoid(2 * $0 - 1) }
    let calibration = try ProbabilityCalibration.fit(
      method: .platt, probabilities: margins.map(sigmoid), labels: labels)
    #expect(abs(calibration.slope - 2) < 0.1)
    #expect(abs(calibration.intercept + 1) < 0.1)
    #expect(abs(calibration.calibrate(sigmoid(0.5)) - 0.5) < 0.03)
  }

  // References from scikit-learn 1.9.1 IsotonicRegression(out_of_bounds="clip"), computed once:
  //   fit([.1,.2,.3,.4,.5], [0,1,0,1,1]): X_thresholds_ [.1,.2,.3,.4,.5], y [0,.5,.5,1,1],
  //     predict([.05,.15,.25,.35,.9]) == [0, .25, .5, .75, 1]
  //   fit([.1,.2,.3,.4,.5,.6], [0,1,0,1,1,1]): X_thresholds_ [.1,.2,.3,.4,.6],
  //     predict([0,.25,.35,.45,.7]) == [0, .5, .75, 1, 1]
  //   fit([.1,.1,.2,.3,.3,.4], [1,0,1,0,0,1]).predict([.1,.15,.2,.25,.3,.35,.4]) == [.4,.4,.4,.4,.4,.7,1]
  @Test func isotonicMatchesScikitLearn() throws {
    func expectClose(_ values: [Double], _ expected: [Double]) {
      #expect(values.count == expected.count)
      for (value, reference) in zip(values, expected) { #expect(abs(value - reference) < 1e-12, "\(values)") }
    }
    let pooled = try ProbabilityCalibration.fit(
      method: .isotonic, probabilities: [0.1, 0.2, 0.3, 0.4, 0.5], labels: [false, true, false, true, true])
    expectClose(pooled.knots, [0.1, 0.2, 0.3, 0.4, 0.5])
    expectClose(pooled.values, [0, 0.5, 0.5, 1, 1])
    expectClose([0.05, 0.15, 0.25, 0.35, 0.9].map(pooled.calibrate), [0, 0.25, 0.5, 0.75, 1])

    let longer = try ProbabilityCalibration.fit(
      method: .isotonic, probabilities: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], labels: [false, true, false, true, true, true])
    expectClose(longer.knots, [0.1, 0.2, 0.3, 0.4, 0.6])
    expectClose([0, 0.25, 0.35, 0.45, 0.7].map(longer.calibrate), [0, 0.5, 0.75, 1, 1])

    let tied = try ProbabilityCalibration.fit(
      method: .isotonic, probabilities: [0.1, 0.1, 0.2, 0.3, 0.3, 0.4], labels: [true, false, true, false, false, true])
    expectClose([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4].map(tied.calibrate), [0.4, 0.4, 0.4, 0.4, 0.4, 0.7, 1])
  }

  @Test func isotonicIsMonotoneAndNeverWorseThanTheRawProbabilities() throws {
    var generator = SplitMix64(seed: 4)
    let scores = (0..<2_000).map { _ in Double(generator.next() % 10_000) / 10_000 }
    let labels = scores.map { Double(generator.next() % 1_000) / 1_000 < $0 * $0 }
    let calibration = try ProbabilityCalibration.fit(method: .isotonic, probabilities: scores, labels: labels)
    let grid = stride(from: 0.0, through: 1.0, by: 0.005).map(calibration.calibrate)
    #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 }, "seed 4")
    // PAV minimises squared error among non-decreasing maps, the identity included.
    let fitted = scores.map(calibration.calibrate)
    let errorFitted = zip(fitted, labels).reduce(0.0) { $0 + pow($1.0 - ($1.1 ? 1 : 0), 2) }
    let errorRaw = zip(scores, labels).reduce(0.0) { $0 + pow($1.0 - ($1.1 ? 1 : 0), 2) }
    #expect(errorFitted <= errorRaw)
  }

  @Test func boostedTreesCalibratedOnOutOfFoldPredictionsMatchTheBaseRate() throws {
    let (table, _) = try TestTables.simulated(rows: 1_000, seed: 13)
    var trees = GradientBoostingConfiguration()
    trees.maxIterations = 30
    let model = try BoostedTreesEstimator(trees: trees, calibration: .platt).fit(table, label: "label")
    let calibration = try #require(model.calibration)
    #expect(calibration.method == .platt && calibration.slope > 0)
    let labels = try table.labels(ofColumn: "label")
    let report = try CrossValidation(folds: StratifiedKFold(foldCount: 3, seed: 7))
      .run(BoostedTreesEstimator(trees: trees), on: table, label: "label")
    let calibrated = report.outOfFoldProbabilities.map(calibration.calibrate)
    let meanCalibrated = calibrated.reduce(0, +) / Double(calibrated.count)
    let positiveRate = Double(labels.filter { $0 }.count) / Double(labels.count)
    // The map was fitted on these very out-of-fold predictions (3 folds, seed 7).
    #expect(abs(meanCalibrated - positiveRate) < 0.01, "seed 13: \(meanCalibrated) vs \(positiveRate)")
  }

  @Test func mismatchedOrSingleClassInputsAreRefused() {
    #expect(throws: ModelError.lengthMismatch(what: "probabilities", expected: 1, found: 2)) {
      try ProbabilityCalibration.fit(method: .isotonic, probabilities: [0.1, 0.2], labels: [true])
    }
    #expect(throws: ModelError.singleClass(column: "calibration labels", value: false)) {
      try ProbabilityCalibration.fit(method: .platt, probabilities: [0.2, 0.3], labels: [false, false])
    }
  }
}
