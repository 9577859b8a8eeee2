/// A fitted Kaplan-Meier curve: one row per distinct entry or exit time (entry 0 when there is no
/// delayed entry, so time 0 is the first row), as lifelines' timeline.
public struct KaplanMeierCurve: Sendable, Equatable, Codable {
  /// Distinct times (ascending), starting at the earliest entry (0 without delayed entry).
  public let times: [Double]
  /// Accounts at risk at each time: entered before it (or at it, at the first time) and not yet
  /// gone before it. With delayed entry it can rise as histories enter (lifelines' event table
  /// counts the entrants at a time in its `at_risk` too; the estimate, as here, does not).
  public let atRisk: [Int]
  /// Churn events at each time.
  public let events: [Int]
  /// Censored histories at each time.
  public let censored: [Int]
  /// Survival S(t) just after each time.
  public let survival: [Double]
  /// Lower confidence bound (log(-log) Greenwood).
  public let lower: [Double]
  /// Upper confidence bound.
  public let upper: [Double]
  /// Greenwood's running sum of d / (n (n - d)).
  public let greenwoodSums: [Double]
  /// Confidence level of the bounds.
  public let confidence: Double

  /// Number of histories fitted (each leaves the curve once, by churn or censoring; with delayed
  /// entry fewer than these are at risk at the first time).
  public var count: Int { events.reduce(0, +) + censored.reduce(0, +) }

  /// Total churn events.
  public var eventCount: Int { events.reduce(0, +) }

  /// S(t) as a right-continuous step function (1 before the first time; the last value after the last time).
  /// With delayed entry nothing is at risk before the first time, and every value is conditional on
  /// surviving to it: lifelines' timeline starts there at 1.0 (and predicts NaN before it).
  public func survival(at time: Double) -> Double {
    guard let index = lastIndex(notAfter: time) else { return 1 }
    return survival[index]
  }

  /// The confidence bounds at `time` (step function like `survival(at:)`).
  public func interval(at time: Double) -> ProportionInterval {
    guard let index = lastIndex(notAfter: time) else { return ProportionInterval(estimate: 1, lower: 1, upper: 1) }
    return ProportionInterval(estimate: survival[index], lower: lower[index], upper: upper[index])
  }

  /// The smallest time with S(t) <= 0.5 (lifelines' `median_survival_time_`); infinity if never reached.
  public var medianSurvival: Double { quantileTime(0.5) }

  /// The smallest time with S(t) <= `survivalLevel`; infinity if never reached.
  public func quantileTime(_ survivalLevel: Double) -> Double {
    for index in survival.indices where survival[index] <= survivalLevel { return times[index] }
    return .infinity
  }

  /// Column names for a table or CSV of the curve.
  public var header: [String] {
    let level = Int((confidence * 100).rounded())
    return ["time", "at_risk", "events", "censored", "survival", "low\(level)", "high\(level)"]
  }

  /// One row per time, survival and bounds with 6 decimals.
  public var stringRows: [[String]] {
    times.indices.map { index in
      [
        RetentionForecast.format(times[index], decimals: times[index].rounded() == times[index] ? 0 : 2),
        String(atRisk[index]), String(events[index]), String(censored[index]),
        RetentionForecast.format(survival[index], decimals: 6), RetentionForecast.format(lower[index], decimals: 6),
        RetentionForecast.format(upper[index], decimals: 6),
      ]
    }
  }

  /// Greenwood's sum at `time` (step function; 0 before the first time).
  func greenwoodSum(at time: Double) -> Double {
    guard let index = lastIndex(notAfter: time) else { return 0 }
    return greenwoodSums[index]
  }

  private func lastIndex(notAfter time: Double) -> Int? {
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if times[middle] <= time { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? nil : low - 1
  }
}
