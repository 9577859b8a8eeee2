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
  /// Churn is decided at each renewal (probability p, as `atRenewal`) but the account is gone
  /// `notice` days before the renewal date, a lead drawn from the churns already settled. An open
  /// account whose renewal is `d > 0` days ahead has not left yet: of its churns, those with a
  /// lead of `d` days or more are ruled out, so its chance to churn at that renewal is
  /// p·P(lead < d) / (1 − p·P(lead ≥ d)), and by day h it is gone when its lead is at least d − h.
  /// A renewal already due (d ≤ 0) whose outcome is still open is taken as p at once: its
  /// decision is pending, not known to be "stay".
  case beforeRenewal(termDays: Int, notice: NoticeLead)
  /// A constant hazard: p covers `referenceDays`, so P(churned by h) = 1 - (1 - p)^(h / referenceDays).
  case constantHazard(referenceDays: Double)
  /// Proportional hazards on a cohort curve (from Kaplan-Meier or sBG): p covers `referenceDays`,
  /// the account's survival is S(h)^theta with theta = ln(1 - p) / ln S(referenceDays), so the
  /// timing follows the cohort and P(churned by referenceDays) = p. Falls back to a constant
  /// hazard if the shape shows no churn by `referenceDays`.
  case survivalShape(SurvivalShape, referenceDays: Double)

  /// P(the account churns at its next renewal, given it has not left by the as-of day) for an
  /// account whose model gives `probability`: the risk an account manager is shown.
  ///
  /// Under ``beforeRenewal(termDays:notice:)`` an open account renewing `d > 0` days ahead has
  /// outlived the churns that give `d` days' notice or more, so its risk is
  /// p·P(lead < d) / (1 − p·P(lead ≥ d)): a model's 0.15 is 0.03 five days before the renewal
  /// when 85% of the churns were gone by then (an outside audit found accounts renewing within 10
  /// days shown at 0.151 on average where 0.037 churned). A renewal already due (d ≤ 0), an
  /// account without a renewal date and every other timing keep `probability`: the same
  /// renewal's outcome, read as the model read it. The forecast takes the model's probability
  /// and applies the same conditioning itself (``churnProbability(_:daysToRenewal:horizonDays:)``).
  public func pendingChurnProbability(_ probability: Double, daysToRenewal: Int?) -> Double {
    let p = min(1, max(0, probability))
    guard case .beforeRenewal(_, let notice) = self, let daysToRenewal, daysToRenewal > 0 else { return p }
    let ruledOut = notice.shareAtLeast(daysToRenewal)
    return Self.stillOpen(p, ruledOut: ruledOut, churnShare: 1 - ruledOut)
  }

  /// p·`churnShare` / (1 − p·`ruledOut`): the share of the churns with a lead in some range among
  /// the accounts still open when the churns with a lead of `ruledOut`'s days or more are gone
  /// (0 when every account would be gone).
  private static func stillOpen(_ p: Double, ruledOut: Double, churnShare: Double) -> Double {
    let remaining = 1 - p * ruledOut
    return remaining > 0 ? min(1, max(0, p * churnShare / remaining)) : 0
  }

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
    case .beforeRenewal(let termDays, let notice):
      guard let daysToRenewal else {
        return ChurnTiming.constantHazard(referenceDays: Double(termDays)).churnProbability(
          p, daysToRenewal: nil, horizonDays: horizonDays)
      }
      // The next renewal: gone by the horizon when the lead reaches back to it.
      var retained: Double
      if daysToRenewal <= 0 {
        retained = 1 - p
      } else {
        let ruledOut = notice.shareAtLeast(daysToRenewal)
        let byHorizon = notice.shareAtLeast(daysToRenewal - horizonDays) - ruledOut
        retained = 1 - Self.stillOpen(p, ruledOut: ruledOut, churnShare: byHorizon)
      }
      // The renewals after it, every term, each with its own lead.
      if termDays > 0 {
        var next = max(0, daysToRenewal) + termDays
        while next - horizonDays < notice.counts.count {
          retained *= 1 - p * notice.shareAtLeast(next - horizonDays)
          next += termDays
        }
      }
      return 1 - retained
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
