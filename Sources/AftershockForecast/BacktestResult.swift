import Foundation

/// The outcome of a backtest: rows to print and a summary of how often intervals covered reality.
public struct BacktestResult: Sendable, Equatable {
  /// The as-of cut.
  public let asOfDay: Int
  /// Rows: per horizon, `all` then segments.
  public let rows: [BacktestRow]
  /// Horizons past the end of the data, not evaluated.
  public let skippedHorizons: [Int]
  /// Central interval level.
  public let confidence: Double
  /// Segments that had enough history for their own curve (others used the pooled curve).
  public let segmentsWithOwnCurve: [String]

  /// Share of rows whose interval covered the realised count (NaN with no rows).
  public var coverage: Double {
    rows.isEmpty ? .nan : Double(rows.filter(\.isCovered).count) / Double(rows.count)
  }

  /// Mean absolute error of predicted retained accounts over the `all` rows.
  public var meanAbsoluteError: Double {
    let overall = rows.filter { $0.segment == "all" }
    return overall.isEmpty ? .nan : overall.map { abs($0.error) }.reduce(0, +) / Double(overall.count)
  }

  /// Column names for a table or CSV.
  public var header: [String] {
    let level = Int((confidence * 100).rounded())
    return [
      "segment", "horizon_days", "accounts", "predicted_retained", "low\(level)", "high\(level)",
      "actual_retained", "covered", "predicted_arr_retained", "actual_arr_retained",
    ]
  }

  /// Rows as strings.
  public var stringRows: [[String]] {
    rows.map { row in
      [
        row.segment, String(row.horizonDays), String(row.accounts), String(format: "%.1f", row.predictedRetained),
        String(row.retainedLow), String(row.retainedHigh), String(row.actualRetained), row.isCovered ? "yes" : "no",
        String(format: "%.2f", row.predictedARRRetained), String(format: "%.2f", row.actualARRRetained),
      ]
    }
  }
}
