import AftershockForecast
import Foundation

/// `forecast.csv` and the forecast tables of the report: one row per segment and horizon.
public enum ForecastTable {
  /// The columns.
  public static let header = [
    "segment", "horizon_days", "accounts", "expected_retained", "low90", "high90", "retention", "arr",
    "expected_arr_retained", "arr_low90", "arr_high90", "arr_at_risk", "arr_interval_method",
  ]

  /// The rows as text, money with two decimals.
  public static func rows(_ rows: [ForecastRow]) -> [[String]] {
    rows.map { row in
      [
        row.segment, String(row.horizonDays), String(row.accounts), fixed(row.expectedRetained, 1),
        String(row.retainedLow),
        String(row.retainedHigh), row.accounts > 0 ? fixed(row.expectedRetained / Double(row.accounts), 4) : "",
        fixed(row.arr, 2), fixed(row.expectedARRRetained, 2), fixed(row.arrLow, 2), fixed(row.arrHigh, 2),
        fixed(row.arrAtRisk, 2), row.arrIntervalMethod,
      ]
    }
  }

  static func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : ""
  }
}
