/// How well the riskiest share of rows concentrates the positives.
public struct LiftAtTop: Sendable, Equatable, Codable {
  /// The share of rows taken from the top of the ranking (0.1 = top 10%).
  public var fraction: Double
  /// Number of rows taken.
  public var rowCount: Int
  /// Positives among the rows taken.
  public var positives: Int
  /// Positive rate among the rows taken divided by the overall positive rate.
  public var lift: Double
  /// Share of all positives that are among the rows taken.
  public var recall: Double
}
