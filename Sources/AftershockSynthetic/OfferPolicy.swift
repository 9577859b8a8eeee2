/// The rule that decided which offer an account received (partly confounded with churn risk).
///
/// Base odds by segment (none, voucher_10, service_credit, extended_service):
/// enterprise 0.08/0.22/0.45/0.25, mid_market 0.12/0.48/0.25/0.15, smb 0.18/0.64/0.10/0.08.
/// Accounts hit for 24 hours or more had half their voucher odds moved to service credit
/// (escalations); accounts not hit at all had their `none` odds tripled. So offers are not
/// random: credits go to big, badly hit accounts, which churn less (segment) and more (impact).
enum OfferPolicy {
  static func weights(segment: Segment, impactHours: Double) -> [Double] {
    var weights: [Double]
    switch segment {
    case .enterprise: weights = [0.08, 0.22, 0.45, 0.25]
    case .midMarket: weights = [0.12, 0.48, 0.25, 0.15]
    case .smb: weights = [0.18, 0.64, 0.10, 0.08]
    }
    if impactHours >= 24 {
      let moved = weights[1] / 2
      weights[1] -= moved
      weights[2] += moved
    }
    if impactHours == 0 {
      weights[0] *= 3
    }
    return weights
  }

  static func draw(segment: Segment, impactHours: Double, random: inout SyntheticRandom) -> Offer {
    Offer(rawValue: random.weightedIndex(weights(segment: segment, impactHours: impactHours))) ?? .none
  }
}
