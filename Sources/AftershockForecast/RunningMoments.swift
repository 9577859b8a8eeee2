/// Count, mean, variance, minimum and maximum of a stream of numbers, mergeable across shards.
///
/// `add` is Welford's update (1962); `merge` is the pairwise combination of Chan, Golub and
/// LeVeque (1979): `M2 = M2a + M2b + delta^2 * na * nb / n`. The merge is written symmetrically,
/// so it is bit-exactly commutative; associativity holds to rounding (about 1e-12 relative).
/// Non-finite values are not folded into the moments; they are counted in `nonFiniteCount`.
public struct RunningMoments: MergeableAggregate, Equatable {
  /// Number of finite values added.
  public private(set) var count: Int = 0
  /// Arithmetic mean of the finite values (0 when empty).
  public private(set) var mean: Double = 0
  /// Sum of squared deviations from the mean (Welford's M2).
  public private(set) var sumOfSquaredDeviations: Double = 0
  /// Smallest finite value (+infinity when empty).
  public private(set) var minimum: Double = .infinity
  /// Largest finite value (-infinity when empty).
  public private(set) var maximum: Double = -.infinity
  /// Number of NaN or infinite values that were skipped.
  public private(set) var nonFiniteCount: Int = 0

  /// An empty state.
  public init() {}

  /// Adds one observation.
  public mutating func add(_ value: Double) {
    guard value.isFinite else {
      nonFiniteCount += 1
      return
    }
    count += 1
    let delta = value - mean
    mean += delta / Double(count)
    sumOfSquaredDeviations += delta * (value - mean)
    if value < minimum { minimum = value }
    if value > maximum { maximum = value }
  }

  /// Folds another partial state into this one (Chan et al.'s parallel formula).
  public mutating func merge(_ other: RunningMoments) {
    nonFiniteCount += other.nonFiniteCount
    guard other.count > 0 else { return }
    guard count > 0 else {
      let skipped = nonFiniteCount
      self = other
      nonFiniteCount = skipped
      return
    }
    let countA = Double(count)
    let countB = Double(other.count)
    let total = countA + countB
    let delta = other.mean - mean
    let combinedMean = (countA * mean + countB * other.mean) / total
    sumOfSquaredDeviations =
      (sumOfSquaredDeviations + other.sumOfSquaredDeviations) + delta * delta * (countA * countB / total)
    mean = combinedMean
    count += other.count
    minimum = Swift.min(minimum, other.minimum)
    maximum = Swift.max(maximum, other.maximum)
  }

  /// Sample variance (denominator n - 1); NaN with fewer than two values.
  public var variance: Double {
    count > 1 ? sumOfSquaredDeviations / Double(count - 1) : .nan
  }

  /// Population variance (denominator n); NaN when empty.
  public var populationVariance: Double {
    count > 0 ? sumOfSquaredDeviations / Double(count) : .nan
  }

  /// Sample standard deviation; NaN with fewer than two values.
  public var standardDeviation: Double { variance.squareRoot() }

  /// Standard error of the mean; NaN with fewer than two values.
  public var standardErrorOfMean: Double { (variance / Double(count)).squareRoot() }

  private enum CodingKeys: String, CodingKey {
    case count, mean, m2, min, max, nonFinite
  }

  /// Decodes a state written by `encode(to:)`; `min`/`max` are absent for an empty state.
  /// - Throws: `DecodingError.dataCorrupted` for a state no stream gives: a count outside
  ///   `0...mergeableCountLimit`, a non-finite or negative `m2`, a non-finite mean or extreme, or
  ///   extremes that do not hold the mean.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    count = try container.decodeCount(forKey: .count)
    mean = try container.decodeFinite(forKey: .mean)
    sumOfSquaredDeviations = try container.decodeFinite(forKey: .m2)
    guard sumOfSquaredDeviations >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .m2, in: container, debugDescription: "\(sumOfSquaredDeviations) is negative (a sum of squares)")
    }
    if count > 0 {
      minimum = try container.decodeFinite(forKey: .min)
      maximum = try container.decodeFinite(forKey: .max)
      // The mean lies between the extremes, give or take rounding.
      let slack = 1e-9 * Swift.max(1, abs(minimum), abs(maximum))
      guard minimum <= maximum, mean >= minimum - slack, mean <= maximum + slack else {
        throw DecodingError.dataCorruptedError(
          forKey: .mean, in: container,
          debugDescription: "mean \(mean) is not between the minimum \(minimum) and the maximum \(maximum)")
      }
    }
    nonFiniteCount = container.contains(.nonFinite) ? try container.decodeCount(forKey: .nonFinite) : 0
  }

  /// Encodes the state as JSON-safe numbers (no infinities).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(count, forKey: .count)
    try container.encode(mean, forKey: .mean)
    try container.encode(sumOfSquaredDeviations, forKey: .m2)
    if count > 0 {
      try container.encode(minimum, forKey: .min)
      try container.encode(maximum, forKey: .max)
    }
    if nonFiniteCount > 0 { try container.encode(nonFiniteCount, forKey: .nonFinite) }
  }
}
