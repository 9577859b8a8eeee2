/// What the encoder learned about one input column at training time.
public struct ColumnSchema: Codable, Sendable, Equatable {
  /// Column name as it appeared in the training table.
  public var name: String
  /// How the column is read.
  public var kind: ColumnKind
  /// Categorical levels kept as their own one-hot feature, most frequent first.
  public var levels: [String]
  /// Categorical levels seen in training but pooled as rare (kept for wording; capped).
  public var rareLevels: [String]
  /// Mean of the present values (numeric and boolean); the fill for a missing value.
  public var mean: Double
  /// Population standard deviation of the present values (numeric and boolean).
  public var standardDeviation: Double
  /// Rows with this column missing in the training table.
  public var missingCount: Int
}
