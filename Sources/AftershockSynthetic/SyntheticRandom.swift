/// A seeded xoshiro256** generator (seeded through SplitMix64) with the draws the sample needs.
///
/// Everything is integer arithmetic or ``DeterministicMath``, so a seed gives the same stream
/// on every platform; `SystemRandomNumberGenerator` and libc `random()` are never used.
/// Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
struct SyntheticRandom: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Seeds the four state words from SplitMix64 started at `seed`.
  init(seed: UInt64) {
    var state = seed
    s0 = Self.splitMix64(&state)
    s1 = Self.splitMix64(&state)
    s2 = Self.splitMix64(&state)
    s3 = Self.splitMix64(&state)
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
  }

  /// An independent stream for one item (an account) of a run: the seed and the index are mixed
  /// by SplitMix64 so neighbouring indices give unrelated streams.
  init(seed: UInt64, stream: UInt64) {
    var state = seed ^ 0x5DEE_CE66_D1CE_4E5B
    let base = Self.splitMix64(&state)
    var mixed = base &+ stream &* 0x9E37_79B9_7F4A_7C15
    self.init(seed: Self.splitMix64(&mixed))
  }

  static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  @inline(__always)
  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform in [0, 1) with 53 random bits.
  mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Uniform in (0, 1): never 0, so safe for logarithms.
  mutating func uniformOpen() -> Double {
    (Double(next() >> 12) + 0.5) * 0x1p-52
  }

  /// Uniform integer in `0..<bound` (Lemire's multiply-shift with rejection: unbiased).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    let limit = UInt64(bound)
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold {
        product = next().multipliedFullWidth(by: limit)
      }
    }
    return Int(product.high)
  }

  /// True with probability `probability`.
  mutating func chance(_ probability: Double) -> Bool {
    uniform() < probability
  }

  /// One element of a non-empty array, uniformly.
  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// An index drawn with the given non-negative weights.
  mutating func weightedIndex(_ weights: [Double]) -> Int {
    var total = 0.0
    for weight in weights { total += weight }
    var target = uniform() * total
    for (index, weight) in weights.enumerated() {
      if target < weight { return index }
      target -= weight
    }
    return weights.count - 1
  }

  /// Standard normal by Marsaglia's polar method (uses only `log`, `sqrt`, arithmetic).
  mutating func normal() -> Double {
    while true {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return u * (-2 * DeterministicMath.log(s) / s).squareRoot()
      }
    }
  }

  /// Normal with the given mean and standard deviation.
  mutating func normal(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * normal()
  }

  /// Log-normal: `exp(N(log(median), sigma²))`.
  mutating func logNormal(median: Double, sigma: Double) -> Double {
    median * DeterministicMath.exp(sigma * normal())
  }

  /// Exponential with the given mean.
  mutating func exponential(mean: Double) -> Double {
    -mean * DeterministicMath.log(uniformOpen())
  }

  /// Gamma(shape, 1) by Marsaglia & Tsang (2000), with the `U^(1/shape)` boost for shape < 1.
  mutating func gamma(shape: Double) -> Double {
    if shape < 1 {
      let boost = DeterministicMath.exp(DeterministicMath.log(uniformOpen()) / shape)
      return gamma(shape: shape + 1) * boost
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniformOpen()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if DeterministicMath.log(u) < 0.5 * x * x + d * (1 - v + DeterministicMath.log(v)) { return d * v }
    }
  }

  /// Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta).
  mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
    let x = gamma(shape: alpha)
    let y = gamma(shape: beta)
    return x / (x + y)
  }

  /// Poisson(mean): Knuth's product method below 30, a rounded normal approximation above.
  mutating func poisson(mean: Double) -> Int {
    if mean <= 0 { return 0 }
    if mean >= 30 {
      return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
    }
    let limit = DeterministicMath.exp(-mean)
    var count = 0
    var product = uniform()
    while product > limit {
      count += 1
      product *= uniform()
    }
    return count
  }
}
