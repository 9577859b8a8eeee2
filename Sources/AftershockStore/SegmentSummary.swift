/// One segment's totals in a run: accounts, mean risk, ARR and ARR at risk, mean sentiment.
public struct SegmentSummary: Equatable, Sendable {
  /// The segment (`nil` for accounts without one).
  public var segment: String?
  /// Accounts scored.
  public var accountCount: Int
  /// Accounts in the `high` tier.
  public var highTierCount: Int
  /// Mean churn probability.
  public var meanChurnProbability: Double
  /// Total ARR of accounts with a known ARR.
  public var arr: Double
  /// Total ARR weighted by churn probability.
  public var arrAtRisk: Double
  /// Mean sentiment toward the outage over accounts that expressed one.
  public var meanSentimentOutage: Double?
  /// Mean sentiment toward the offer over accounts that expressed one.
  public var meanSentimentOffer: Double?

  /// Makes a summary.
  public init(
    segment: String?, accountCount: Int, highTierCount: Int, meanChurnProbability: Double, arr: Double,
    arrAtRisk: Double, meanSentimentOutage: Double?, meanSentimentOffer: Double?
  ) {
    self.segment = segment
    self.accountCount = accountCount
    self.highTierCount = highTierCount
    self.meanChurnProbability = meanChurnProbability
    self.arr = arr
    self.arrAtRisk = arrAtRisk
    self.meanSentimentOutage = meanSentimentOutage
    self.meanSentimentOffer = meanSentimentOffer
  }
}

/// One run's totals, for trends across runs.
public struct RunTrendPoint: Equatable, Sendable {
  /// The run's id.
  public var runID: Int64
  /// The run's as-of date, `YYYY-MM-DD`.
  public var asOf: String
  /// Accounts scored.
  public var accountCount: Int
  /// Mean churn probability.
  public var meanChurnProbability: Double
  /// Accounts in the `high` tier.
  public var highTierCount: Int
  /// Total ARR weighted by churn probability.
  public var arrAtRisk: Double

  /// Makes a trend point.
  public init(
    runID: Int64, asOf: String, accountCount: Int, meanChurnProbability: Double, highTierCount: Int, arrAtRisk: Double
  ) {
    self.runID = runID
    self.asOf = asOf
    self.accountCount = accountCount
    self.meanChurnProbability = meanChurnProbability
    self.highTierCount = highTierCount
    self.arrAtRisk = arrAtRisk
  }
}
