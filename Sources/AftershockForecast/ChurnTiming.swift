import Foundation

/// How an account's churn probability spreads over time, so it can be read at any horizon.
///
/// The churn model gives p = P(the account churns before its next renewal or within a reference
/// window). The forecast needs P(churned by day h) for each horizon h; these are the assumptions.
public enum ChurnTiming: Sendable, Equatable {
  /// Churn can only happen on renewal dates: by day h the account has churned with probability
  /// 1 - (1 - p)^k, k the number of renewals (next renewal, then every `termDays`) falling within
  /// h (so p if one renewal is due, 0 if none). Accounts without a renewal date fall back to
  /// a constant hazard over `termDays`.
  case atRenewal(termDays: Int)
  /// A constant hazard: p covers `referenceDays`, so P(churned by h) = 1 - (1 - p)^(h / referenceDays).
  case constantHazard(referenceDays: Double)
  /// Proportional hazards on a cohort curve (from Kaplan-Meier or sBG): p covers `referenceDays`,
  /// the account's survival is S(h)^theta with theta = ln(1 - p) / ln S(referenceDays), so the
  /// timing follows the cohort and P(churned by referenceDays) = p. Falls back to a constant
  /// hazard if the shape shows no churn by `referenceDays`.
  case survivalShape(SurvivalShape, referenceDays: Double)

  /// P(churned by `horizonDays`) for an account with churn probability `probability`.
  public func churnProbability(_ probability: Double, daysToRenewal: Int?, horizonDays: Int) -> Double {
    let p = min(1, max(0, probability))
    let horizon = Double(max(0, horizonDays))
    switch self {
    case .atRenewal(let termDays):
      guard let daysToRenewal else {
        return ChurnTiming.constantHazard(referenceDays: Double(termDays)).churnProbability(
          p, daysToRenewal: nil, horizonDays: horizonDays)
      }
      let first = max(0, daysToRenewal)
      guard first <= horizonDays else { return 0 }
      let renewals = 1 + (termDays > 0 ? (horizonDays - first) / termDays : 0)
      return 1 - pow(1 - p, Double(renewals))
    case .constantHazard(let referenceDays):
      guard referenceDays > 0 else { return p }
      return 1 - pow(1 - p, horizon / referenceDays)
    case .survivalShape(let shape, let referenceDays):
      let reference = shape.survival(at: referenceDays)
      guard reference < 1, reference > 0 else {
        return ChurnTiming.constantHazard(referenceDays: referenceDays).churnProbability(
          p, daysToRenewal: nil, horizonDays: horizonDays)
      }
      let atHorizon = shape.survival(at: horizon)
      if p >= 1 { return atHorizon < 1 ? 1 : 0 }
      let theta = log(1 - p) / log(reference)
      return 1 - pow(atHorizon, theta)
    }
  }
}
