import Foundation

/// A monotone map from a model's raw probability to a calibrated one, learned on held-out
/// predictions (Platt's sigmoid or isotonic regression).
public struct ProbabilityCalibration: Codable, Sendable, Equatable {
  /// Which family of map.
  public enum Method: String, Codable, Sendable, Equatable {
    /// p' = σ(slope · logit(p) + intercept), fitted by Newton's method (Platt 1999, with his
    /// smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2)).
    case platt
    /// Pool-adjacent-violators fit, flat across each pooled block and linear between blocks
    /// (as scikit-learn's `IsotonicRegression` predicts), clamped outside the fitted range.
    case isotonic
  }

  /// The family of map.
  public var method: Method
  /// Platt slope on the logit of the raw probability.
  public var slope: Double
  /// Platt intercept.
  public var intercept: Double
  /// Isotonic knots: raw probabilities at both ends of every pooled block (ascending).
  public var knots: [Double]
  /// Isotonic values at the knots (non-decreasing).
  public var values: [Double]

  /// Learns a calibration map from held-out raw probabilities and their labels.
  /// - Throws: `ModelError.lengthMismatch`, `ModelError.notEnoughRows` (fewer than 2 rows),
  ///   `ModelError.singleClass`.
  public static func fit(method: Method, probabilities: [Double], labels: [Bool]) throws
    -> ProbabilityCalibration
  {
    guard probabilities.count == labels.count else {
      throw ModelError.lengthMismatch(what: "probabilities", expected: labels.count, found: probabilities.count)
    }
    guard labels.count >= 2 else { throw ModelError.notEnoughRows(found: labels.count, needed: 2) }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else {
      throw ModelError.singleClass(column: "calibration labels", value: positives > 0)
    }
    switch method {
    case .platt:
      let (slope, intercept) = fitPlatt(probabilities.map(logit), labels, positives: positives)
      return ProbabilityCalibration(method: .platt, slope: slope, intercept: intercept, knots: [], values: [])
    case .isotonic:
      let (knots, values) = fitIsotonic(probabilities, labels)
      return ProbabilityCalibration(method: .isotonic, slope: 0, intercept: 0, knots: knots, values: values)
    }
  }

  /// Why this map cannot calibrate, or nil when it can: a damaged model file's non-finite Platt
  /// parameters, or isotonic knots and values that are not finite, ascending and in [0, 1].
  var defect: String? {
    switch method {
    case .platt:
      guard slope.isFinite, intercept.isFinite else {
        return "the Platt calibration has slope \(slope) and intercept \(intercept), expected finite numbers"
      }
    case .isotonic:
      guard knots.count == values.count, knots.allSatisfy(\.isFinite),
        zip(knots, knots.dropFirst()).allSatisfy({ $0 <= $1 }),
        values.allSatisfy({ (0...1).contains($0) }), zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 })
      else {
        return "the isotonic calibration's knots and values are not finite, ascending and of the same count "
          + "(values in [0, 1])"
      }
    }
    return nil
  }

  /// The calibrated probability of one raw probability.
  public func calibrate(_ probability: Double) -> Double {
    switch method {
    case .platt:
      return sigmoid(slope * logit(probability) + intercept)
    case .isotonic:
      guard let first = knots.first, let last = knots.last else { return probability }
      if probability <= first { return values[0] }
      if probability >= last { return values[values.count - 1] }
      var low = 0
      var high = knots.count - 1
      while high - low > 1 {
        let middle = (low + high) / 2
        if knots[middle] <= probability { low = middle } else { high = middle }
      }
      let span = knots[high] - knots[low]
      guard span > 0 else { return values[high] }
      let t = (probability - knots[low]) / span
      return values[low] + t * (values[high] - values[low])
    }
  }

  private static func fitPlatt(_ scores: [Double], _ labels: [Bool], positives: Int)
    -> (Double, Double)
  {
    let negatives = labels.count - positives
    let high = (Double(positives) + 1) / (Double(positives) + 2)
    let low = 1 / (Double(negatives) + 2)
    let targets = labels.map { $0 ? high : low }
    var slope = 1.0
    var intercept = 0.0
    func loss(_ a: Double, _ b: Double) -> Double {
      var total = 0.0
      for (score, target) in zip(scores, targets) {
        let eta = a * score + b
        total += softplus(eta) - target * eta
      }
      return total
    }
    var current = loss(slope, intercept)
    for _ in 0..<100 {
      var gA = 0.0
      var gB = 0.0
      var hAA = 1e-12
      var hAB = 0.0
      var hBB = 1e-12
      for (score, target) in zip(scores, targets) {
        let mu = sigmoid(slope * score + intercept)
        let r = mu - target
        let w = mu * (1 - mu)
        gA += r * score
        gB += r
        hAA += w * score * score
        hAB += w * score
        hBB += w
      }
      if max(abs(gA), abs(gB)) < 1e-10 * Double(scores.count) { break }
      let determinant = hAA * hBB - hAB * hAB
      guard determinant > 0 else { break }
      let stepA = (hBB * gA - hAB * gB) / determinant
      let stepB = (hAA * gB - hAB * gA) / determinant
      var length = 1.0
      var improved = false
      for _ in 0..<30 {
        let value = loss(slope - length * stepA, intercept - length * stepB)
        if value <= current {
          slope -= length * stepA
          intercept -= length * stepB
          current = value
          improved = true
          break
        }
        length /= 2
      }
      if !improved { break }
    }
    return (slope, intercept)
  }

  /// Pool-adjacent-violators on the probabilities sorted ascending (tied probabilities start as one
  /// block); the knots are both ends of every pooled block, so the map is flat across a block and
  /// linear between blocks, as scikit-learn's `IsotonicRegression` predicts.
  private static func fitIsotonic(_ probabilities: [Double], _ labels: [Bool]) -> ([Double], [Double]) {
    let order = probabilities.indices.filter { !probabilities[$0].isNaN }.sorted {
      probabilities[$0] < probabilities[$1]
    }
    var lower: [Double] = []
    var upper: [Double] = []
    var sums: [Double] = []
    var weights: [Double] = []
    for row in order {
      let probability = probabilities[row]
      let outcome: Double = labels[row] ? 1 : 0
      if let last = upper.last, last == probability {
        sums[sums.count - 1] += outcome
        weights[weights.count - 1] += 1
      } else {
        lower.append(probability)
        upper.append(probability)
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
    return (knots, values)
  }
}
