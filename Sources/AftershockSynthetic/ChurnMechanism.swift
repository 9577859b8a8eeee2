/// The documented churn equation of the synthetic sample: a logistic model with fixed coefficients.
///
/// `P(churn) = logistic(intercept + Σ coefficient × feature)`, features as in
/// `truth/accounts_truth.csv` (same column names). The outcome is a Bernoulli draw from it.
public enum ChurnMechanism {
  /// The intercept of the churn logit.
  public static let intercept = -2.35

  /// Every effect: the truth file's column name, its coefficient, and what it measures.
  public static let coefficients: [ChurnCoefficient] = [
    ChurnCoefficient(
      feature: "outage_sentiment", value: -1.10, meaning: "latent sentiment toward the outage in [-1, 1]"),
    ChurnCoefficient(feature: "offer_sentiment", value: -0.90, meaning: "latent sentiment toward the offer in [-1, 1]"),
    ChurnCoefficient(
      feature: "stated_intent", value: 1.40, meaning: "1 when a ticket or comment states intent to leave"),
    ChurnCoefficient(feature: "nps_latent", value: -0.20, meaning: "the account's likelihood-to-recommend, 0-10"),
    ChurnCoefficient(feature: "log1p_impact_hours", value: 0.30, meaning: "ln(1 + outage_impact_hours)"),
    ChurnCoefficient(feature: "renewal_years", value: -1.20, meaning: "days from outage to renewal_date / 365"),
    ChurnCoefficient(
      feature: "segment_enterprise", value: -1.00, meaning: "1 for enterprise (mid_market is the reference)"),
    ChurnCoefficient(feature: "segment_smb", value: 0.80, meaning: "1 for smb (mid_market is the reference)"),
    ChurnCoefficient(feature: "tenure_years", value: -0.20, meaning: "whole years since contract_start at renewal"),
    ChurnCoefficient(feature: "log_arr_ratio", value: -0.40, meaning: "ln(arr / 50000)"),
  ]

  /// The churn logit of one account's features, given in ``coefficients`` order.
  static func linearPredictor(_ features: [Double]) -> Double {
    var sum = intercept
    for index in 0..<coefficients.count {
      sum += coefficients[index].value * features[index]
    }
    return sum
  }
}

/// One effect of the churn equation.
public struct ChurnCoefficient: Sendable, Equatable {
  /// The feature's column name in `truth/accounts_truth.csv`.
  public let feature: String
  /// The coefficient on the logit scale (its sign is the effect's direction).
  public let value: Double
  /// What the feature measures.
  public let meaning: String
}
