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

  @Test func isotonicPoolsAdjacentViolators() throws {
    // Sorted by score, outcomes 0 1 0 1 1: the 1,0 pair pools to 0.5.
    let calibration = try ProbabilityCalibration.fit(
      method: .isotonic, probabilities: [0.1, 0.2, 0.3, 0.4, 0.5], labels: [false, true, false, true, true])
    #expect(calibration.values == [0, 0.5, 1])
    #expect(calibration.knots == [0.1, 0.25, 0.45])
    #expect(calibration.calibrate(0.05) == 0)
    #expect(calibration.calibrate(0.25) == 0.5)
    #expect(abs(calibration.calibrate(0.35) - 0.75) < 1e-12)
    #expect(calibration.calibrate(0.9) == 1)
  }

  @Test func isotonicIsMonotone() throws {
    var generator = SplitMix64(seed: 4)
    let scores = (0..<500).map { _ in Double(generator.next() % 10_000) / 10_000 }
    let labels = scores.map { Double(generator.next() % 1_000) / 1_000 < $0 }
    let calibration = try ProbabilityCalibration.fit(method: .isotonic, probabilities: scores, labels: labels)
    let grid = stride(from: 0.0, through: 1.0, by: 0.01).map(calibration.calibrate)
    #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 }, "seed 4")
  }

  @Test func singleClassCannotBeCalibrated() {
    #expect(throws: ModelError.self) {
      try ProbabilityCalibration.fit(method: .platt, probabilities: [0.2, 0.3], labels: [false, false])
    }
  }
}
