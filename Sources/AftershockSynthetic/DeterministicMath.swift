/// Elementary functions built only from IEEE 754 `+ - * /` and `sqrt`, which every platform
/// rounds identically, so a seed gives the same bytes on Linux and macOS (libm's `exp`/`log`
/// may differ in the last bit between C libraries).
enum DeterministicMath {
  static let ln2High = 6.93147180369123816490e-01
  static let ln2Low = 1.90821492927058770002e-10
  static let ln2 = 0.6931471805599453

  /// Natural logarithm for finite `x > 0` (relative error below 1e-15).
  static func log(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "log of \(x)")
    // x = m * 2^e with m in [1, 2); move m into [sqrt(1/2), sqrt(2)).
    var exponent = Double(x.exponent)
    var mantissa = x.significand
    if x.isSubnormal {
      let scaled = x * 0x1p52
      exponent = Double(scaled.exponent) - 52
      mantissa = scaled.significand
    }
    if mantissa > 1.4142135623730951 {
      mantissa *= 0.5
      exponent += 1
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716.
    let s = (mantissa - 1) / (mantissa + 1)
    let s2 = s * s
    var term = s
    var sum = s
    var denominator = 1.0
    for _ in 0..<12 {
      term *= s2
      denominator += 2
      sum += term / denominator
    }
    return exponent * ln2High + (2 * sum + exponent * ln2Low)
  }

  /// e raised to `x` (relative error below 1e-15; saturates to 0 and +infinity).
  static func exp(_ x: Double) -> Double {
    if x > 709.0 { return .infinity }
    if x < -745.0 { return 0 }
    let k = (x / ln2).rounded()
    let r = (x - k * ln2High) - k * ln2Low
    // Taylor series on |r| <= 0.35.
    var term = 1.0
    var sum = 1.0
    for n in 1...17 {
      term *= r / Double(n)
      sum += term
    }
    return scaleByPowerOfTwo(sum, Int(k))
  }

  /// `log(1 + x)` for `x > -1`.
  static func log1p(_ x: Double) -> Double {
    let u = 1 + x
    if u == 1 { return x }
    return log(u) * x / (u - 1)
  }

  /// The logistic function 1 / (1 + e^-z).
  static func logistic(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
  }

  /// The hyperbolic tangent, used to squash latent scores into [-1, 1].
  static func tanh(_ x: Double) -> Double {
    if x > 20 { return 1 }
    if x < -20 { return -1 }
    let e = exp(2 * x)
    return (e - 1) / (e + 1)
  }

  private static func scaleByPowerOfTwo(_ value: Double, _ power: Int) -> Double {
    var result = value
    var remaining = power
    while remaining > 1000 { result *= 0x1p1000; remaining -= 1000 }
    while remaining < -1000 { result *= 0x1p-1000; remaining += 1000 }
    return result * Double(sign: .plus, exponent: remaining, significand: 1)
  }
}
