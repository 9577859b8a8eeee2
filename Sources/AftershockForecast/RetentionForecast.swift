import Foundation

/// The forecast: rows for `forecast.csv` and the accounts behind them.
public struct RetentionForecast: Sendable, Equatable {
  /// Rows: `all` first, then segments alphabetically; horizons ascending within each.
  public let rows: [ForecastRow]
  /// Horizons in days.
  public let horizons: [Int]
  /// Central interval level of the rows.
  public let confidence: Double
  let accounts: [ForecastAccount]
  let churnByHorizon: [[Double]]

  /// Column names of `forecast.csv` (`low90`/`high90` at the default 90% level).
  public var header: [String] {
    let level = Int((confidence * 100).rounded())
    return [
      "segment", "horizon_days", "accounts", "expected_retained", "low\(level)", "high\(level)", "arr",
      "expected_arr_retained", "arr_low\(level)", "arr_high\(level)", "arr_at_risk",
    ]
  }

  /// Rows as strings for a table or CSV writer (counts with 1 decimal, money with 2).
  public var stringRows: [[String]] {
    rows.map { row in
      [
        row.segment, String(row.horizonDays), String(row.accounts), Self.format(row.expectedRetained, decimals: 1),
        String(row.retainedLow), String(row.retainedHigh), Self.format(row.arr, decimals: 2),
        Self.format(row.expectedARRRetained, decimals: 2), Self.format(row.arrLow, decimals: 2),
        Self.format(row.arrHigh, decimals: 2), Self.format(row.arrAtRisk, decimals: 2),
      ]
    }
  }

  /// The row for a segment (`all` for every account) at a horizon.
  public func row(segment: String, horizonDays: Int) -> ForecastRow? {
    rows.first { $0.segment == segment && $0.horizonDays == horizonDays }
  }

  /// The `limit` accounts with the largest ARR x P(churned by the horizon), largest first.
  public func topAccountsAtRisk(horizonDays: Int, limit: Int = 10) -> [AccountRisk] {
    guard let horizonIndex = horizons.firstIndex(of: horizonDays) else { return [] }
    let churn = churnByHorizon[horizonIndex]
    let risks = accounts.indices.map { index in
      AccountRisk(
        accountIndex: index, accountID: accounts[index].accountID, segment: accounts[index].segment,
        arr: accounts[index].arr, churnProbabilityByHorizon: churn[index], arrAtRisk: accounts[index].arr * churn[index]
      )
    }
    return Array(
      risks.sorted {
        $0.arrAtRisk != $1.arrAtRisk ? $0.arrAtRisk > $1.arrAtRisk : $0.accountID < $1.accountID
      }.prefix(max(0, limit)))
  }

  /// Header and rows of the top-at-risk table: account, segment, arr, churn probability by the horizon, ARR at risk.
  public func topAccountsTable(horizonDays: Int, limit: Int = 10) -> (header: [String], rows: [[String]]) {
    let header = ["account_id", "segment", "arr", "churn_probability_\(horizonDays)d", "arr_at_risk"]
    let rows = topAccountsAtRisk(horizonDays: horizonDays, limit: limit).map { risk in
      [
        risk.accountID, risk.segment, Self.format(risk.arr, decimals: 2),
        Self.format(risk.churnProbabilityByHorizon, decimals: 4), Self.format(risk.arrAtRisk, decimals: 2),
      ]
    }
    return (header, rows)
  }

  static func format(_ value: Double, decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }
}
