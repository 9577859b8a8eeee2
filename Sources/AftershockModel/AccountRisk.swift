/// The churn risk of one account (one row of the scored table) with its reasons.
public struct AccountRisk: Codable, Sendable, Equatable {
  /// Row index in the scored table.
  public var row: Int
  /// Value of the model's id column in that row, if the table has it.
  public var id: String?
  /// Calibrated probability of churn.
  public var churnProbability: Double
  /// Tier of that probability.
  public var tier: RiskTier
  /// Up to three reasons: for medium and high tiers only those that raise risk; for the low
  /// tier, those that lower it most.
  public var drivers: [RiskDriver]
}
