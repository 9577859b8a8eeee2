/// Per-row, per-feature contributions to a model's margin (SHAP values, log-odds units):
/// for every row, `expectedValue + sum(row's contributions) == margin`.
public struct FeatureContributions: Sendable, Equatable {
  /// Number of rows.
  public let rowCount: Int
  /// Feature names, one per column of contributions.
  public let featureNames: [String]
  /// Row-major contributions: `values[row * featureNames.count + feature]`.
  public let values: [Double]
  /// The model's expected margin over the training distribution (TreeSHAP's φ₀).
  public let expectedValue: Double

  /// A set of contributions from row-major values.
  public init(rowCount: Int, featureNames: [String], values: [Double], expectedValue: Double) {
    self.rowCount = rowCount
    self.featureNames = featureNames
    self.values = values
    self.expectedValue = expectedValue
  }

  /// The contributions of one row, one per feature.
  public func row(_ row: Int) -> ArraySlice<Double> {
    values[(row * featureNames.count)..<((row + 1) * featureNames.count)]
  }

  /// The contribution of one feature to one row's margin.
  public subscript(row: Int, feature: Int) -> Double { values[row * featureNames.count + feature] }

  /// Global importance: the mean absolute contribution of each feature over the rows.
  public func meanAbsolute() -> [Double] {
    let width = featureNames.count
    var totals = [Double](repeating: 0, count: width)
    for row in 0..<rowCount {
      for feature in 0..<width { totals[feature] += abs(values[row * width + feature]) }
    }
    return totals.map { rowCount > 0 ? $0 / Double(rowCount) : 0 }
  }

  /// The features of one row ordered by how much they push the margin up (largest first),
  /// limited to `limit`; negative pushes come last.
  public func topDrivers(row: Int, limit: Int) -> [(feature: String, contribution: Double)] {
    let ranked = self.row(row).enumerated().sorted {
      $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset)
    }
    return ranked.prefix(limit).map { (featureNames[$0.offset], $0.element) }
  }
}
