/// How one feature's values map to histogram bins: quantile edges for numbers, codes for categories.
///
/// Bin `b` of a numeric feature holds the values `x` with `thresholds[b - 1] < x <= thresholds[b]`;
/// missing values (NaN) have their own bin, `missingBin`, after every non-missing bin.
/// A categorical code `c` is its own bin `c` (codes are 0..<255), so `missingBin` is 255.
struct FeatureBins: Sendable, Equatable {
  /// How the feature is read.
  var kind: BoostingFeatureKind
  /// Upper edges of the numeric bins except the last (empty for categorical features).
  var thresholds: [Double]
  /// Number of bins for non-missing values.
  var nonMissingBinCount: Int
  /// Whether the training rows held a missing value.
  var hasMissing: Bool

  /// The bin that holds missing values.
  var missingBin: Int { nonMissingBinCount }

  /// Bins of one feature fitted on the given rows (scikit-learn's `_BinMapper`: distinct-value
  /// midpoints when few, else midpoints of `maxBins` quantiles).
  static func fit(
    _ features: BoostingFeatures, feature: Int, rows: [Int]?, maxBins: Int
  ) throws(ModelError) -> FeatureBins {
    let name = features.names[feature]
    let base = feature * features.rowCount
    let rowCount = rows?.count ?? features.rowCount
    var present: [Double] = []
    present.reserveCapacity(rowCount)
    var hasMissing = false
    let isCategorical = features.kinds[feature] == .categorical
    for position in 0..<rowCount {
      let row = rows?[position] ?? position
      let value = features.values[base + row]
      if value.isNaN {
        hasMissing = true
        continue
      }
      if value.isInfinite { throw .infiniteValue(feature: name, row: row) }
      if isCategorical && !isCategoryCode(value) { throw .invalidCategory(feature: name, row: row, value: value) }
      present.append(value)
    }
    if isCategorical {
      return FeatureBins(kind: .categorical, thresholds: [], nonMissingBinCount: 255, hasMissing: hasMissing)
    }
    present.sort()
    var thresholds: [Double] = []
    var distinct: [Double] = []
    for value in present where distinct.last != value { distinct.append(value) }
    if distinct.count <= maxBins {
      thresholds.reserveCapacity(max(0, distinct.count - 1))
      for index in 0..<max(0, distinct.count - 1) {
        thresholds.append(midpoint(distinct[index], distinct[index + 1]))
      }
    } else {
      // np.percentile(values, linspace(0, 100, maxBins + 1)[1:-1], method="midpoint")
      let last = Double(present.count - 1)
      for step in 1..<maxBins {
        let position = Double(step) / Double(maxBins) * last
        let lower = present[Int(position.rounded(.down))]
        let upper = present[Int(position.rounded(.up))]
        let edge = midpoint(lower, upper)
        if thresholds.last != edge { thresholds.append(edge) }
      }
      // An edge at the maximum would leave the last bin empty.
      while let edge = thresholds.last, edge >= distinct[distinct.count - 1] { thresholds.removeLast() }
    }
    return FeatureBins(
      kind: .numeric, thresholds: thresholds, nonMissingBinCount: thresholds.count + 1, hasMissing: hasMissing)
  }

  /// Whether a value is a valid category code (an integer in 0..<255).
  static func isCategoryCode(_ value: Double) -> Bool {
    value >= 0 && value < 255 && value.rounded(.towardZero) == value
  }

  private static func midpoint(_ a: Double, _ b: Double) -> Double { a + (b - a) * 0.5 }

  /// The bin of one value (NaN to the missing bin; a categorical value that is not a code also).
  @inline(__always)
  func bin(of value: Double) -> UInt8 {
    if value.isNaN { return UInt8(missingBin) }
    if kind == .categorical {
      return FeatureBins.isCategoryCode(value) ? UInt8(Int(value)) : UInt8(missingBin)
    }
    // Count of thresholds strictly below the value (lower bound).
    var low = 0
    var high = thresholds.count
    while low < high {
      let middle = (low + high) >> 1
      if thresholds[middle] < value { low = middle + 1 } else { high = middle }
    }
    return UInt8(low)
  }

  /// Column-major bin codes for the given rows of every feature: `codes[feature * rows + row]`.
  static func transform(_ features: BoostingFeatures, bins: [FeatureBins], rows: [Int]?) -> [UInt8] {
    let count = rows?.count ?? features.rowCount
    var codes = [UInt8](repeating: 0, count: count * bins.count)
    codes.withUnsafeMutableBufferPointer { output in
      features.values.withUnsafeBufferPointer { input in
        for feature in bins.indices {
          let binning = bins[feature]
          let base = feature * features.rowCount
          let target = feature * count
          for position in 0..<count {
            let row = rows?[position] ?? position
            output[target + position] = binning.bin(of: input[base + row])
          }
        }
      }
    }
    return codes
  }
}
