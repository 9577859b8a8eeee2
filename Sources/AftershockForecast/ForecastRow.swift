/// One line of `forecast.csv`: a segment (or `all`) at one horizon.
public struct ForecastRow: Sendable, Equatable, Codable {
  /// Segment name, or `all` for every account.
  public var segment: String
  /// Horizon in days from the as-of date.
  public var horizonDays: Int
  /// Accounts in the segment.
  public var accounts: Int
  /// Expected accounts still active at the horizon.
  public var expectedRetained: Double
  /// Lower bound of the retained-accounts interval (Poisson-binomial quantile, or the whole
  /// number below `expectedRetained` when that is lower: the interval always contains it).
  public var retainedLow: Int
  /// Upper bound of the retained-accounts interval (at least the whole number above `expectedRetained`).
  public var retainedHigh: Int
  /// Total ARR of the segment's accounts.
  public var arr: Double
  /// Expected ARR still active at the horizon.
  public var expectedARRRetained: Double
  /// Lower bound of the retained-ARR interval (at most `expectedARRRetained`).
  public var arrLow: Double
  /// Upper bound of the retained-ARR interval (at least `expectedARRRetained`).
  public var arrHigh: Double
  /// Expected ARR lost by the horizon: arr - expectedARRRetained.
  public var arrAtRisk: Double
  /// How the ARR interval was computed (`monte_carlo` or `normal`).
  public var arrIntervalMethod: String
}
