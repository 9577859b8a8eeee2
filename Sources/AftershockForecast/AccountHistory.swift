/// One account's contract history for cohort fits and backtests (days as integers from any fixed origin).
public struct AccountHistory: Sendable, Equatable, Codable {
  /// The account's id.
  public var accountID: String
  /// Segment the account is reported under.
  public var segment: String
  /// Annual recurring revenue (>= 0).
  public var arr: Double
  /// Day the contract started.
  public var startDay: Int
  /// Day the account churned; nil if it had not churned by the end of the data.
  public var churnDay: Int?

  /// Makes a history.
  public init(accountID: String, segment: String, arr: Double, startDay: Int, churnDay: Int? = nil) {
    self.accountID = accountID
    self.segment = segment
    self.arr = arr
    self.startDay = startDay
    self.churnDay = churnDay
  }

  /// Tenure known at `asOfDay`: days from start to churn (churned) or to `asOfDay` (censored);
  /// nil when the contract starts after `asOfDay` or the churn day precedes the start.
  public func observation(asOfDay: Int) -> (durationDays: Double, churned: Bool)? {
    guard startDay <= asOfDay else { return nil }
    if let churnDay, churnDay <= asOfDay {
      guard churnDay >= startDay else { return nil }
      return (Double(churnDay - startDay), true)
    }
    return (Double(asOfDay - startDay), false)
  }
}
