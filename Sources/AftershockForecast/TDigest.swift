import Foundation

/// A merging t-digest (Dunning & Ertl, "Computing extremely accurate quantiles using t-digests",
/// 2019) for sentiment and risk distributions: bounded memory, mergeable across shards.
///
/// Uses the k1 scale function `k(q) = compression / (2 pi) * asin(2q - 1)`, so centroids are
/// small near the tails. Merging pools both digests' centroids, sorts them by (mean, weight) and
/// recompresses: the result depends only on the multiset of centroids, so `merge` is exactly
/// commutative; associativity holds up to the sketch's error (quantile rank error well under
/// 1% at compression 100). Tests compare quantile estimates by rank, within that bound.
public struct TDigest: MergeableAggregate, Equatable {
  /// Centroid sizes are bounded by this parameter (about 2x this many centroids at most).
  public let compression: Double
  private var means: [Double] = []
  private var weights: [Double] = []
  private var buffer: [Double] = []
  /// Total weight (number of finite values added).
  public private(set) var count: Double = 0
  /// Smallest value added (+infinity when empty).
  public private(set) var minimum: Double = .infinity
  /// Largest value added (-infinity when empty).
  public private(set) var maximum: Double = -.infinity

  /// An empty digest with compression 100.
  public init() { self.init(compression: 100) }

  /// An empty digest; `compression` is clamped to at least 20.
  public init(compression: Double) {
    self.compression = max(20, compression)
  }

  /// Number of centroids after compressing pending values.
  public var centroidCount: Int { compressed().means.count }

  /// Adds one value; non-finite values are ignored.
  public mutating func add(_ value: Double) {
    guard value.isFinite else { return }
    buffer.append(value)
    count += 1
    if value < minimum { minimum = value }
    if value > maximum { maximum = value }
    if buffer.count >= Int(compression) * 5 { compress() }
  }

  /// Folds another digest into this one; the result keeps the smaller compression.
  public mutating func merge(_ other: TDigest) {
    let pooledCompression = min(compression, other.compression)
    var pooledMeans = means + other.means
    var pooledWeights = weights + other.weights
    for value in buffer + other.buffer {
      pooledMeans.append(value)
      pooledWeights.append(1)
    }
    var result = TDigest(compression: pooledCompression)
    result.count = count + other.count
    result.minimum = min(minimum, other.minimum)
    result.maximum = max(maximum, other.maximum)
    (result.means, result.weights) = TDigest.compress(
      means: pooledMeans, weights: pooledWeights, compression: pooledCompression)
    self = result
  }

  /// The estimated q-quantile (0...1); NaN when empty.
  public func quantile(_ q: Double) -> Double {
    let state = compressed()
    let means = state.means
    let weights = state.weights
    guard !means.isEmpty else { return .nan }
    if q <= 0 { return minimum }
    if q >= 1 { return maximum }
    if means.count == 1 { return means[0] }
    let target = q * count
    // Centroid i is centred at cumulative weight before it plus half its own weight.
    var cumulative = 0.0
    var previousCenter = 0.0
    var previousValue = minimum
    for index in means.indices {
      let center = cumulative + weights[index] / 2
      if target < center {
        let span = center - previousCenter
        let fraction = span > 0 ? (target - previousCenter) / span : 0
        return previousValue + fraction * (means[index] - previousValue)
      }
      cumulative += weights[index]
      previousCenter = center
      previousValue = means[index]
    }
    let span = count - previousCenter
    let fraction = span > 0 ? (target - previousCenter) / span : 1
    return previousValue + fraction * (maximum - previousValue)
  }

  private mutating func compress() {
    guard !buffer.isEmpty else { return }
    let state = compressed()
    means = state.means
    weights = state.weights
    buffer.removeAll(keepingCapacity: true)
  }

  private func compressed() -> (means: [Double], weights: [Double]) {
    if buffer.isEmpty { return (means, weights) }
    // Centroids are already sorted by (mean, weight); sort the pending values and merge the two
    // runs, keeping (mean, weight) order (a pending value has weight 1, the smallest possible).
    let pending = buffer.sorted()
    var mergedMeans: [Double] = []
    var mergedWeights: [Double] = []
    mergedMeans.reserveCapacity(means.count + pending.count)
    mergedWeights.reserveCapacity(means.count + pending.count)
    var centroid = 0
    for value in pending {
      while centroid < means.count && means[centroid] < value {
        mergedMeans.append(means[centroid])
        mergedWeights.append(weights[centroid])
        centroid += 1
      }
      mergedMeans.append(value)
      mergedWeights.append(1)
    }
    mergedMeans.append(contentsOf: means[centroid...])
    mergedWeights.append(contentsOf: weights[centroid...])
    return TDigest.compressSorted(means: mergedMeans, weights: mergedWeights, compression: compression)
  }

  private static func compress(means: [Double], weights: [Double], compression: Double) -> ([Double], [Double]) {
    let order = means.indices.sorted {
      means[$0] != means[$1] ? means[$0] < means[$1] : weights[$0] < weights[$1]
    }
    return compressSorted(means: order.map { means[$0] }, weights: order.map { weights[$0] }, compression: compression)
  }

  /// The greedy merge pass over centroids sorted by (mean, weight).
  private static func compressSorted(means: [Double], weights: [Double], compression: Double) -> ([Double], [Double]) {
    guard !means.isEmpty else { return ([], []) }
    let total = weights.reduce(0, +)
    func scale(_ q: Double) -> Double { compression / (2 * Double.pi) * asin(2 * q - 1) }
    func inverseScale(_ k: Double) -> Double {
      let angle = k * 2 * Double.pi / compression
      if angle >= Double.pi / 2 { return 1 }
      return (sin(angle) + 1) / 2
    }
    var outMeans: [Double] = []
    var outWeights: [Double] = []
    var currentMean = means[0]
    var currentWeight = weights[0]
    var weightSoFar = 0.0
    var limit = total * inverseScale(scale(0) + 1)
    for index in 1..<means.count {
      let proposed = currentWeight + weights[index]
      if weightSoFar + proposed <= limit {
        currentMean += (means[index] - currentMean) * weights[index] / proposed
        currentWeight = proposed
      } else {
        weightSoFar += currentWeight
        outMeans.append(currentMean)
        outWeights.append(currentWeight)
        limit = total * inverseScale(scale(weightSoFar / total) + 1)
        currentMean = means[index]
        currentWeight = weights[index]
      }
    }
    outMeans.append(currentMean)
    outWeights.append(currentWeight)
    return (outMeans, outWeights)
  }

  private enum CodingKeys: String, CodingKey {
    case compression, count, min, max, means, weights
  }

  /// Decodes a digest written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` when a number is not finite, the compression is below
  ///   20, the count or a weight is not positive, or means and weights differ in length.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    compression = try container.decodeFinite(forKey: .compression)
    count = try container.decodeFinite(forKey: .count)
    guard compression >= 20, count >= 0, count <= Double(mergeableCountLimit) else {
      throw DecodingError.dataCorruptedError(
        forKey: .count, in: container,
        debugDescription: "compression \(compression) and count \(count) (expected at least 20, and 0 to 2^48)")
    }
    if count > 0 {
      minimum = try container.decodeFinite(forKey: .min)
      maximum = try container.decodeFinite(forKey: .max)
    }
    means = try container.decode([Double].self, forKey: .means)
    weights = try container.decode([Double].self, forKey: .weights)
    guard means.count == weights.count else {
      throw DecodingError.dataCorruptedError(
        forKey: .weights, in: container, debugDescription: "t-digest means and weights differ in length")
    }
    guard means.allSatisfy(\.isFinite), weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .means, in: container, debugDescription: "a centroid with a non-finite mean or a weight not above 0")
    }
  }

  /// Encodes the compressed centroids (pending values are folded in first).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    let state = compressed()
    try container.encode(compression, forKey: .compression)
    try container.encode(count, forKey: .count)
    if count > 0 {
      try container.encode(minimum, forKey: .min)
      try container.encode(maximum, forKey: .max)
    }
    try container.encode(state.means, forKey: .means)
    try container.encode(state.weights, forKey: .weights)
  }

  /// Two digests are equal when they hold the same compressed centroids and extremes.
  public static func == (lhs: TDigest, rhs: TDigest) -> Bool {
    let left = lhs.compressed()
    let right = rhs.compressed()
    return lhs.compression == rhs.compression && lhs.count == rhs.count && lhs.minimum == rhs.minimum
      && lhs.maximum == rhs.maximum && left.means == right.means && left.weights == right.weights
  }
}
