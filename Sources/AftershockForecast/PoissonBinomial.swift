import Foundation

/// The distribution of a count of independent Bernoulli successes with unequal probabilities.
///
/// Exact by dynamic programming (O(n^2)) up to `exactLimit` trials; above it, the normal
/// approximation with continuity correction, P(X <= k) ~ Phi((k + 0.5 - mu) / sigma), whose error
/// is O(1/sigma) and negligible at that size.
struct PoissonBinomial {
  let mean: Double
  let variance: Double
  let trials: Int
  /// P(X = k) for k = 0...n when computed exactly; empty when approximated.
  let masses: [Double]

  init(probabilities: [Double], exactLimit: Int) {
    trials = probabilities.count
    var mean = 0.0
    var variance = 0.0
    for p in probabilities {
      mean += p
      variance += p * (1 - p)
    }
    self.mean = mean
    self.variance = variance
    guard probabilities.count <= exactLimit else {
      masses = []
      return
    }
    var masses = [Double](repeating: 0, count: probabilities.count + 1)
    masses[0] = 1
    var used = 0
    for p in probabilities {
      used += 1
      var k = used
      while k > 0 {
        masses[k] = masses[k] * (1 - p) + masses[k - 1] * p
        k -= 1
      }
      masses[0] *= 1 - p
    }
    self.masses = masses
  }

  var isExact: Bool { !masses.isEmpty || trials == 0 }

  /// The smallest k with P(X <= k) >= level.
  func quantile(_ level: Double) -> Int {
    if trials == 0 { return 0 }
    if !masses.isEmpty {
      var cumulative = 0.0
      for (k, mass) in masses.enumerated() {
        cumulative += mass
        if cumulative >= level - 1e-12 { return k }
      }
      return trials
    }
    let sigma = variance.squareRoot()
    guard sigma > 0 else { return Int(mean.rounded()) }
    let k = (mean - 0.5 + NormalDistribution.quantile(level) * sigma).rounded(.up)
    return Int(min(Double(trials), max(0, k)))
  }

  /// Central interval of a count with the given mean and variance by the normal approximation
  /// with continuity correction, clamped to 0...trials.
  static func normalInterval(mean: Double, variance: Double, trials: Int, confidence: Double) -> (
    lower: Int, upper: Int
  ) {
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    let sigma = max(0, variance).squareRoot()
    func clamp(_ value: Double) -> Int { Int(min(Double(trials), max(0, value))) }
    return (clamp((mean - 0.5 - z * sigma).rounded(.up)), clamp((mean - 0.5 + z * sigma).rounded(.up)))
  }

  /// `interval` widened, where needed, to the whole numbers on either side of `mean`.
  ///
  /// A central interval of a skewed count need not contain its mean: with 14 accounts of which
  /// one churns with 4%, both 5% tails are "14 retained" while 13.96 are expected. An interval
  /// printed beside its estimate should contain it; widening only adds coverage.
  static func containing(mean: Double, _ interval: (lower: Int, upper: Int), trials: Int) -> (lower: Int, upper: Int) {
    (
      min(interval.lower, max(0, Int((mean + 1e-9).rounded(.down)))),
      max(interval.upper, min(trials, Int((mean - 1e-9).rounded(.up))))
    )
  }

  /// Central interval [q(a), q(1 - a)] with a = (1 - confidence) / 2.
  func interval(confidence: Double) -> (lower: Int, upper: Int) {
    let tail = (1 - confidence) / 2
    return (quantile(tail), quantile(1 - tail))
  }
}
