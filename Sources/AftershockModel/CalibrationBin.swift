/// One row of a reliability table: predictions that fell in `[lower, upper)`.
public struct CalibrationBin: Sendable, Equatable, Codable {
  /// Lowest probability in the bin.
  public var lower: Double
  /// Upper end of the bin (exclusive, except 1 for the last bin).
  public var upper: Double
  /// Number of rows whose prediction fell in the bin.
  public var count: Int
  /// Mean predicted probability of those rows (NaN when the bin is empty).
  public var meanPredicted: Double
  /// Observed share of positives among those rows (NaN when the bin is empty).
  public var observedRate: Double
}
