/// How gradient boosting reads one feature column.
public enum BoostingFeatureKind: String, Codable, Sendable, Equatable {
  /// Ordered numbers, binned at quantiles; NaN is missing.
  case numeric
  /// Unordered integer codes in 0..<255, split natively by sorting categories on gradient statistics.
  case categorical
}
