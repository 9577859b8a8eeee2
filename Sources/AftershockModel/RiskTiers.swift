/// Probability thresholds that map churn risk to tiers.
public struct RiskTiers: Codable, Sendable, Equatable {
  /// Probability at or above which an account is high risk.
  public var high: Double
  /// Probability at or above which an account is at least medium risk.
  public var medium: Double

  /// Thresholds (defaults: high ≥ 0.5, medium ≥ 0.2).
  public init(high: Double = 0.5, medium: Double = 0.2) {
    self.high = high
    self.medium = medium
  }

  /// The tier of a probability.
  public func tier(for probability: Double) -> RiskTier {
    if probability >= high { return .high }
    if probability >= medium { return .medium }
    return .low
  }

  /// Checks 0 ≤ medium ≤ high ≤ 1.
  /// - Throws: `ModelError.invalidConfiguration`.
  public func validate() throws {
    guard medium >= 0, high <= 1, medium <= high else {
      throw ModelError.invalidConfiguration(
        setting: "risk tiers", value: "high \(high), medium \(medium)",
        expected: "0 ≤ medium ≤ high ≤ 1")
    }
  }
}
