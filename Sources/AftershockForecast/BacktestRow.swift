/// One backtest line: predicted against realised retention for a segment at a horizon.
public struct BacktestRow: Sendable, Equatable, Codable {
  /// Segment, or `all`.
  public var segment: String
  /// Horizon in days after the as-of cut.
  public var horizonDays: Int
  /// Accounts active at the cut.
  public var accounts: Int
  /// Predicted accounts still active at the horizon.
  public var predictedRetained: Double
  /// Lower bound of the prediction interval.
  public var retainedLow: Int
  /// Upper bound of the prediction interval.
  public var retainedHigh: Int
  /// Accounts actually still active at the horizon.
  public var actualRetained: Int
  /// Predicted ARR still active.
  public var predictedARRRetained: Double
  /// ARR actually still active.
  public var actualARRRetained: Double

  /// Whether the realised count fell inside the interval.
  public var isCovered: Bool { actualRetained >= retainedLow && actualRetained <= retainedHigh }
  /// Predicted minus actual retained accounts.
  public var error: Double { predictedRetained - Double(actualRetained) }
}
