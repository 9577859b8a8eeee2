import AftershockForecast
import Foundation

/// The tables of `forecast --against`: `forecast_check.csv` (horizons), the tier calibration and
/// `forecast_check_accounts.csv` (one row per account of the run or the later file).
public enum ForecastCheckTable {
  /// Columns of the horizon table.
  public static let header = [
    "segment", "horizon_days", "horizon_end", "accounts", "forecast_retained", "low90", "high90", "actual_retained",
    "covered", "forecast_arr_retained", "arr_low90", "arr_high90", "actual_arr_retained", "arr_covered",
  ]

  /// The horizon rows as text: counts with one decimal, money with two, coverage `yes`/`no`.
  public static func rows(_ check: ForecastCheck) -> [[String]] {
    check.rows.map { row in
      let forecast = row.forecast
      return [
        forecast.segment, String(forecast.horizonDays), row.endDay.description, String(forecast.accounts),
        ForecastTable.fixed(forecast.expectedRetained, 1), String(forecast.retainedLow),
        String(forecast.retainedHigh), String(row.actualRetained), row.countCovered ? "yes" : "no",
        ForecastTable.fixed(forecast.expectedARRRetained, 2), ForecastTable.fixed(forecast.arrLow, 2),
        ForecastTable.fixed(forecast.arrHigh, 2), ForecastTable.fixed(row.actualARRRetained, 2),
        row.arrCovered ? "yes" : "no",
      ]
    }
  }

  /// Columns of the tier calibration table.
  public static let tierHeader = ["tier", "accounts", "mean_predicted", "churned", "churned_share", "low90", "high90"]

  /// The tier rows as text (shares with three decimals).
  public static func tierRows(_ quality: ForecastCheck.ProbabilityQuality) -> [[String]] {
    quality.tiers.map { tier in
      [
        tier.tier, String(tier.calibration.count), ForecastTable.fixed(tier.calibration.meanPredicted, 3),
        String(tier.churned), ForecastTable.fixed(tier.calibration.observedRate, 3),
        ForecastTable.fixed(tier.churnedInterval.lower, 3), ForecastTable.fixed(tier.churnedInterval.upper, 3),
      ]
    }
  }

  /// Columns of `forecast_check_accounts.csv`.
  public static let accountHeader = [
    "account_id", "status", "segment", "arr", "tier", "churn_probability", "renewal_date", "outcome", "churn_date",
    "scored",
  ]

  /// One row per account: the run's score beside what the later file says by the known-until day.
  /// `outcome` is `churned`, `retained` (the file marks it not churned), `open` (no outcome
  /// recorded by then) or blank (not compared).
  public static func accountRows(_ check: ForecastCheck) -> [[String]] {
    check.accounts.map { row in
      let score = row.score
      let outcome: String
      if row.status != .compared {
        outcome = ""
      } else if row.churned(by: check.knownUntil) {
        outcome = "churned"
      } else {
        outcome = row.hasOutcome ? "retained" : "open"
      }
      return [
        row.accountID, row.status.rawValue, score?.segment ?? "", score?.arr.map { ForecastTable.fixed($0, 2) } ?? "",
        score?.tier ?? "", score.map { String(format: "%.6f", $0.churnProbability) } ?? "",
        score?.renewalDate ?? "", outcome, row.churnDay?.description ?? "", row.isScored ? "yes" : "no",
      ]
    }
  }
}
