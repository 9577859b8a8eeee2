/// One account's expected loss at a horizon, for the "top accounts by ARR x risk" list.
public struct AccountRisk: Sendable, Equatable, Codable {
  /// Position of the account in the forecaster's input.
  public var accountIndex: Int
  /// The account's id.
  public var accountID: String
  /// Its segment.
  public var segment: String
  /// Its ARR.
  public var arr: Double
  /// P(churned by the horizon) after applying the churn timing.
  public var churnProbabilityByHorizon: Double
  /// arr x churnProbabilityByHorizon.
  public var arrAtRisk: Double
}
