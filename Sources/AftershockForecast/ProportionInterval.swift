/// A confidence interval for a proportion or a difference of proportions.
public struct ProportionInterval: Sendable, Equatable, Codable {
  /// The point estimate.
  public var estimate: Double
  /// Lower bound.
  public var lower: Double
  /// Upper bound.
  public var upper: Double

  /// Makes an interval from its parts.
  public init(estimate: Double, lower: Double, upper: Double) {
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
  }

  /// The Wilson score interval for `successes` out of `trials` (Wilson 1927); NaN bounds when trials is 0.
  public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95) -> ProportionInterval {
    guard trials > 0 else { return ProportionInterval(estimate: .nan, lower: .nan, upper: .nan) }
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let center = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    return ProportionInterval(estimate: p, lower: max(0, center - half), upper: min(1, center + half))
  }

  /// Newcombe's hybrid score interval (1998, method 10) for p1 - p2 from two Wilson intervals.
  public static func newcombeDifference(
    successes1: Int, trials1: Int, successes2: Int, trials2: Int, confidence: Double = 0.95
  ) -> ProportionInterval {
    let first = wilson(successes: successes1, trials: trials1, confidence: confidence)
    let second = wilson(successes: successes2, trials: trials2, confidence: confidence)
    let p1 = first.estimate
    let p2 = second.estimate
    let difference = p1 - p2
    let lowerSpread = ((p1 - first.lower) * (p1 - first.lower) + (second.upper - p2) * (second.upper - p2)).squareRoot()
    let upperSpread = ((first.upper - p1) * (first.upper - p1) + (p2 - second.lower) * (p2 - second.lower)).squareRoot()
    return ProportionInterval(estimate: difference, lower: difference - lowerSpread, upper: difference + upperSpread)
  }
}
