/// Elementary functions built only from IEEE 754 `+ - * /` and `sqrt`, which every platform
/// rounds identically, so a seed gives the same bytes on Linux and macOS (libm's `exp`/`log`
/// may differ in the last bit between C libraries).
enum DeterministicMath {
  static let ln2High = 6.93147180369123816490e-01
  static let ln2Low = 1.90821492927058770002e-10
  static let ln2 = 0.6931471805599453
  /// 2 / (2k + 1) for k = 0...12 (Double literals: the same bits everywhere).
  static let logCoefficients: [Double] = [
    2.0, 0.6666666666666666, 0.4, 0.2857142857142857, 0.2222222222222222, 0.18181818181818182,
    0.15384615384615385, 0.13333333333333333, 0.11764705882352941, 0.10526315789473684,
    0.09523809523809523, 0.08695652173913043, 0.08,
  ]
  /// 1 / n! for n = 0...17.
  static let expCoefficients: [Double] = [
    1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333,
    0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05, 2.7557319223985893e-06,
    2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09, 1.6059043836821613e-10,
    1.1470745597729725e-11, 7.647163731819816e-13, 4.779477332387385e-14, 2.8114572543455206e-15,
  ]

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
    // log(m) = 2 atanh(s) = Σ 2 s^(2k+1) / (2k+1), s = (m - 1) / (m + 1), |s| < 0.1716 (Horner form).
    let s = (mantissa - 1) / (mantissa + 1)
    let s2 = s * s
    var polynomial = logCoefficients[logCoefficients.count - 1]
    for index in stride(from: logCoefficients.count - 2, through: 0, by: -1) {
      polynomial = polynomial * s2 + logCoefficients[index]
    }
    let logMantissa = s * polynomial
    return exponent * ln2High + (logMantissa + exponent * ln2Low)
  }

  /// e raised to `x` (relative error below 1e-15; saturates to 0 and +infinity).
  static func exp(_ x: Double) -> Double {
    if x > 709.0 { return .infinity }
    if x < -745.0 { return 0 }
    let k = (x / ln2).rounded()
    let r = (x - k * ln2High) - k * ln2Low
    // Taylor series on |r| <= 0.35 (Horner form; the last term is below 1e-22).
    var sum = expCoefficients[expCoefficients.count - 1]
    for index in stride(from: expCoefficients.count - 2, through: 0, by: -1) {
      sum = sum * r + expCoefficients[index]
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
    while remaining > 1000 {
      result *= 0x1p1000
      remaining -= 1000
    }
    while remaining < -1000 {
      result *= 0x1p-1000
      remaining += 1000
    }
    return result * Double(sign: .plus, exponent: remaining, significand: 1)
  }
}
