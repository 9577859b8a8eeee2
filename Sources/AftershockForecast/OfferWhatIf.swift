/// A model-based what-if: the churn model re-scores every account as if it had received another offer.
///
/// This is the churn model's counterfactual, not a measured effect: it is only as good as the
/// model's offer feature, and it inherits any confounding of offer with segment in its training data.
public struct OfferWhatIf: Sendable, Equatable {
  /// The offer every account is re-scored under.
  public let scenarioOffer: String
  /// Accounts re-scored.
  public let accounts: Int
  /// Expected retained accounts with each account's actual offer.
  public let expectedRetainedActual: Double
  /// Expected retained accounts under the scenario offer.
  public let expectedRetainedScenario: Double
  /// Interval of retained accounts under the scenario (Poisson-binomial).
  public let scenarioLow: Int
  /// Upper bound of that interval.
  public let scenarioHigh: Int
  /// Expected retained ARR with the actual offers.
  public let expectedARRActual: Double
  /// Expected retained ARR under the scenario.
  public let expectedARRScenario: Double
  /// Warnings carried over from the observed offer groups (e.g. confounding).
  public let warnings: [OfferWarning]

  /// A plain label for the report.
  public var label: String {
    "what-if (model-based, not causal): every account re-scored by the churn model as if offered \(scenarioOffer)"
  }

  /// Scenario minus actual expected retained accounts.
  public var retainedDifference: Double { expectedRetainedScenario - expectedRetainedActual }
  /// Scenario minus actual expected retained ARR.
  public var arrDifference: Double { expectedARRScenario - expectedARRActual }
}
