/// Isotonic regression of outcomes on scores by pool-adjacent-violators, to calibrate probabilities
/// (fit it on out-of-fold predictions, never on the rows the model was trained on).
public struct IsotonicCalibrator: Sendable {
  /// A calibrator (no settings: the fit is non-decreasing, clipped outside the fitted range).
  public init() {}

  /// Fits the non-decreasing step function of scores that best matches the 0/1 labels in squared error.
  public func fit(scores: [Double], labels: [Bool]) throws(BoostingError) -> IsotonicCalibration {
    guard scores.count == labels.count else {
      throw .lengthMismatch(what: "labels", expected: scores.count, found: labels.count)
    }
    let order = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] < scores[$1] }
    guard !order.isEmpty else { throw .notEnoughRows(found: 0, needed: 1) }
    // Blocks of equal scores first (each a weighted mean), then pooled while they violate order.
    var lower: [Double] = []
    var upper: [Double] = []
    var sums: [Double] = []
    var weights: [Double] = []
    for row in order {
      let score = scores[row]
      let outcome: Double = labels[row] ? 1 : 0
      if let last = upper.last, last == score {
        sums[sums.count - 1] += outcome
        weights[weights.count - 1] += 1
      } else {
        lower.append(score)
        upper.append(score)
        sums.append(outcome)
        weights.append(1)
      }
      while sums.count > 1 {
        let top = sums.count - 1
        guard sums[top - 1] / weights[top - 1] >= sums[top] / weights[top] else { break }
        sums[top - 1] += sums[top]
        weights[top - 1] += weights[top]
        upper[top - 1] = upper[top]
        sums.removeLast()
        weights.removeLast()
        lower.removeLast()
        upper.removeLast()
      }
    }
    var knots: [Double] = []
    var values: [Double] = []
    for block in sums.indices {
      let value = sums[block] / weights[block]
      knots.append(lower[block])
      values.append(value)
      if upper[block] != lower[block] {
        knots.append(upper[block])
        values.append(value)
      }
    }
    return IsotonicCalibration(knots: knots, values: values)
  }
}

/// A fitted isotonic calibration: a non-decreasing piecewise-linear map from score to probability.
public struct IsotonicCalibration: Sendable, Equatable, Codable {
  /// Scores at the ends of every pooled block, increasing.
  public let knots: [Double]
  /// Calibrated probability at each knot (non-decreasing).
  public let values: [Double]

  /// A calibration from its knots and values.
  public init(knots: [Double], values: [Double]) {
    self.knots = knots
    self.values = values
  }

  /// The calibrated probability of a score: linear between knots, clipped beyond them (NaN stays NaN).
  public func calibratedProbability(_ score: Double) -> Double {
    if score.isNaN { return .nan }
    guard let first = knots.first, let last = knots.last else { return .nan }
    if score <= first { return values[0] }
    if score >= last { return values[values.count - 1] }
    var low = 0
    var high = knots.count - 1
    while high - low > 1 {
      let middle = (low + high) >> 1
      if knots[middle] <= score { low = middle } else { high = middle }
    }
    let span = knots[high] - knots[low]
    let t = span > 0 ? (score - knots[low]) / span : 0
    return values[low] + t * (values[high] - values[low])
  }

  /// Calibrated probabilities of many scores.
  public func calibratedProbabilities(_ scores: [Double]) -> [Double] { scores.map(calibratedProbability) }
}
