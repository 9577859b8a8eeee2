/// A coarse band of churn risk.
public enum RiskTier: String, Codable, Sendable, Equatable, Comparable, CaseIterable {
  /// Below the medium threshold.
  case low
  /// At or above the medium threshold, below the high one.
  case medium
  /// At or above the high threshold.
  case high

  public static func < (lhs: RiskTier, rhs: RiskTier) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
