/// One column of the encoded (model) matrix and where it came from.
public struct EncodedFeature: Codable, Sendable, Equatable {
  /// What the feature measures about its source column.
  public enum Role: String, Codable, Sendable {
    /// The column's value (numeric or boolean), missing filled with the training mean.
    case value
    /// 1 when a categorical column holds `level`.
    case level
    /// 1 when a categorical column holds a level pooled as rare (or unseen at training).
    case otherLevels
    /// 1 when the column is missing.
    case missing
  }

  /// Readable name: `Age`, `Geography=Spain`, `Geography=(other)`, `Age (missing)`.
  public var name: String
  /// Source column name.
  public var column: String
  /// What the feature measures.
  public var role: Role
  /// The level for `.level` features.
  public var level: String?
  /// Training mean of the unstandardised feature.
  public var mean: Double
  /// Training population standard deviation of the unstandardised feature (never 0), or the
  /// fixed unit of a column read in one (`TabularEncoder.Configuration.unitScales`).
  public var standardDeviation: Double
  /// The smallest and largest value a `.value` feature had in training (nil in model files
  /// written before ranges were kept, and for a column read in a fixed unit, whose trend goes
  /// on). A linear model reads a value outside them as the nearest end: it never learned what
  /// lies beyond, and a straight line drawn far past its data (three tickets where training
  /// saw at most one) says more than the data did.
  public var minimum: Double?
  /// See `minimum`.
  public var maximum: Double?
}
