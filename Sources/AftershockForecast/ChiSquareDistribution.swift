import Foundation

/// The chi-square distribution's upper tail, through the regularised upper incomplete gamma
/// function Q(k/2, x/2) (series below a + 1, Lentz continued fraction above; Numerical Recipes 6.2).
public enum ChiSquareDistribution {
  /// P(X > statistic) for X chi-square with `degreesOfFreedom` degrees of freedom.
  public static func survival(_ statistic: Double, degreesOfFreedom: Int) -> Double {
    guard statistic > 0 else { return 1 }
    if degreesOfFreedom == 1 { return erfc((statistic / 2).squareRoot()) }
    return regularizedUpperGamma(Double(degreesOfFreedom) / 2, statistic / 2)
  }

  /// Q(a, x) = Gamma(a, x) / Gamma(a).
  static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
    if x <= 0 { return 1 }
    let logPrefix = -x + a * log(x) - lgamma(a)
    if x < a + 1 {
      var term = 1 / a
      var sum = term
      var denominator = a
      for _ in 0..<10_000 {
        denominator += 1
        term *= x / denominator
        sum += term
        if abs(term) < abs(sum) * 1e-16 { break }
      }
      return max(0, 1 - sum * exp(logPrefix))
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 10_000 {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
      i += 1
    }
    return min(1, exp(logPrefix) * h)
  }
}
