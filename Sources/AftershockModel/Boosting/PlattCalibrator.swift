import Foundation

/// Platt scaling: a logistic curve `1 / (1 + exp(-(slope·score + intercept)))` fitted on
/// out-of-fold scores (margins work best), with Platt's smoothed targets and the Newton method
/// with backtracking of Lin, Lin & Weng (2007), "A note on Platt's probabilistic outputs".
public struct PlattCalibrator: Sendable {
  /// Most Newton iterations.
  public var maxIterations: Int
  /// A calibrator.
  public init(maxIterations: Int = 100) { self.maxIterations = maxIterations }

  /// Fits slope and intercept on scores and 0/1 labels.
  public func fit(scores: [Double], labels: [Bool]) throws(BoostingError) -> PlattCalibration {
    guard scores.count == labels.count else {
      throw .lengthMismatch(what: "labels", expected: scores.count, found: labels.count)
    }
    let rows = scores.indices.filter { scores[$0].isFinite }
    let positives = Double(rows.filter { labels[$0] }.count)
    let negatives = Double(rows.count) - positives
    guard positives > 0, negatives > 0 else { throw .singleClass(positive: positives > 0) }
    let high = (positives + 1) / (positives + 2)
    let low = 1 / (negatives + 2)
    let targets = rows.map { labels[$0] ? high : low }
    let x = rows.map { scores[$0] }
    // Minimise sum of cross-entropy with f = a·x + b, p = 1 / (1 + exp(-f)).
    func objective(_ a: Double, _ b: Double) -> Double {
      var total = 0.0
      for (score, target) in zip(x, targets) {
        let f = a * score + b
        total += (f >= 0 ? log1p(exp(-f)) : -f + log1p(exp(f))) + (1 - target) * f
      }
      return total
    }
    var a = 0.0
    var b = log((positives + 1) / (negatives + 1))
    var value = objective(a, b)
    let sigma = 1e-12
    for _ in 0..<maxIterations {
      var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
      for (score, target) in zip(x, targets) {
        let f = a * score + b
        let p = 1 / (1 + exp(-f))
        let q = p * (1 - p)
        h11 += score * score * q
        h22 += q
        h21 += score * q
        let d = p - target
        g1 += score * d
        g2 += d
      }
      if abs(g1) < 1e-10 && abs(g2) < 1e-10 { break }
      let determinant = h11 * h22 - h21 * h21
      let stepA = -(h22 * g1 - h21 * g2) / determinant
      let stepB = -(-h21 * g1 + h11 * g2) / determinant
      let descent = g1 * stepA + g2 * stepB
      var stepSize = 1.0
      var moved = false
      while stepSize >= 1e-10 {
        let candidate = objective(a + stepSize * stepA, b + stepSize * stepB)
        if candidate < value + 1e-4 * stepSize * descent {
          a += stepSize * stepA
          b += stepSize * stepB
          value = candidate
          moved = true
          break
        }
        stepSize /= 2
      }
      if !moved { break }
    }
    return PlattCalibration(slope: a, intercept: b)
  }
}

/// A fitted Platt scaling: `probability = 1 / (1 + exp(-(slope·score + intercept)))`.
public struct PlattCalibration: Sendable, Equatable, Codable {
  /// Multiplier of the score.
  public let slope: Double
  /// Offset added after the multiplication.
  public let intercept: Double

  /// A calibration with the given coefficients.
  public init(slope: Double, intercept: Double) {
    self.slope = slope
    self.intercept = intercept
  }

  /// The calibrated probability of a score.
  public func calibratedProbability(_ score: Double) -> Double { 1 / (1 + exp(-(slope * score + intercept))) }

  /// Calibrated probabilities of many scores.
  public func calibratedProbabilities(_ scores: [Double]) -> [Double] { scores.map(calibratedProbability) }
}
