import Foundation

/// A cohort survival curve S(t) over days, used to spread a churn probability over time.
///
/// A right-continuous step function through (time, survival) points; S = 1 before the first
/// point and the last value after the last one (so no churn is assumed past the data, as a
/// Kaplan-Meier curve says). Build it from a Kaplan-Meier curve or a fitted sBG model.
public struct SurvivalShape: Sendable, Equatable, Codable {
  /// Times in days, ascending.
  public let times: [Double]
  /// S at each time, non-increasing, in [0, 1].
  public let survival: [Double]

  /// Makes a shape from points; they are sorted by time.
  /// - Throws: `ForecastError` when lengths differ or a value is outside [0, 1].
  public init(times: [Double], survival: [Double]) throws {
    guard times.count == survival.count else {
      throw ForecastError.mismatchedLengths(what: "survival values", expected: times.count, actual: survival.count)
    }
    for (index, value) in survival.enumerated() where !(value >= 0 && value <= 1) {
      throw ForecastError.invalidValue(
        field: "survival", index: index, value: "\(value)", expected: "a share in [0, 1]")
    }
    let order = times.indices.sorted { times[$0] < times[$1] }
    self.times = order.map { times[$0] }
    var running = 1.0
    self.survival = order.map { index in
      running = min(running, survival[index])
      return running
    }
  }

  /// The shape of a Kaplan-Meier curve whose durations are in days.
  public init(kaplanMeier curve: KaplanMeierCurve) {
    times = curve.times
    survival = curve.survival
  }

  /// The shape of an sBG model whose periods last `periodDays` (churn at period ends), through `periods` periods.
  public init(model: ShiftedBetaGeometricModel, periodDays: Double, periods: Int = 120) {
    times = (0...max(1, periods)).map { Double($0) * periodDays }
    survival = (0...max(1, periods)).map { model.survival(period: $0) }
  }

  /// S(t).
  public func survival(at time: Double) -> Double {
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if times[middle] <= time { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? 1 : survival[low - 1]
  }
}
