/// One account as the forecast sees it: plain values from the churn model and the account record.
public struct ForecastAccount: Sendable, Equatable, Codable {
  /// The account's id (for the top-at-risk list).
  public var accountID: String
  /// Segment the account is reported under.
  public var segment: String
  /// Annual recurring revenue (>= 0; pass 0 when unknown).
  public var arr: Double
  /// P(the account churns before its next renewal), from the churn model; see `ChurnTiming`.
  public var churnProbability: Double
  /// Days from the as-of date to the next renewal (<= 0: due now); nil when unknown.
  public var daysToRenewal: Int?

  /// Makes an account.
  public init(accountID: String, segment: String, arr: Double, churnProbability: Double, daysToRenewal: Int? = nil) {
    self.accountID = accountID
    self.segment = segment
    self.arr = arr
    self.churnProbability = churnProbability
    self.daysToRenewal = daysToRenewal
  }
}
