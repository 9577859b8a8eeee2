import Foundation

/// The Kaplan-Meier product-limit estimator of survival from (duration, event) histories,
/// with Greenwood confidence bounds on the log(-log) scale (the "exponential Greenwood" interval
/// that lifelines' `KaplanMeierFitter` reports by default).
public struct KaplanMeier: Sendable {
  /// Two-sided confidence level of the bounds (lifelines' `1 - alpha`).
  public var confidence: Double

  /// Configures the estimator.
  public init(confidence: Double = 0.95) {
    self.confidence = confidence
  }

  /// Fits one curve. `durations[i]` is the time to churn (`events[i] == true`) or to the end of
  /// observation (censored).
  /// - Throws: `ForecastError` for empty or mismatched inputs and negative or non-finite durations.
  public func fit(durations: [Double], events: [Bool]) throws -> KaplanMeierCurve {
    guard !durations.isEmpty else { throw ForecastError.emptyInput(what: "account histories for Kaplan-Meier") }
    guard durations.count == events.count else {
      throw ForecastError.mismatchedLengths(what: "event flags", expected: durations.count, actual: events.count)
    }
    for (index, duration) in durations.enumerated() where !(duration.isFinite && duration >= 0) {
      throw ForecastError.invalidValue(
        field: "duration", index: index, value: "\(duration)", expected: "a finite duration >= 0")
    }
    let order = durations.indices.sorted { durations[$0] < durations[$1] }
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    var times: [Double] = []
    var atRisk: [Int] = []
    var eventCounts: [Int] = []
    var censoredCounts: [Int] = []
    var survival: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    var greenwoodSums: [Double] = []
    if durations[order[0]] > 0 {
      times.append(0)
      atRisk.append(durations.count)
      eventCounts.append(0)
      censoredCounts.append(0)
      survival.append(1)
      lower.append(1)
      upper.append(1)
      greenwoodSums.append(0)
    }
    var remaining = durations.count
    var share = 1.0
    var greenwood = 0.0
    var position = 0
    while position < order.count {
      let time = durations[order[position]]
      var died = 0
      var left = 0
      while position < order.count && durations[order[position]] == time {
        if events[order[position]] { died += 1 } else { left += 1 }
        position += 1
      }
      if died > 0 {
        share *= 1 - Double(died) / Double(remaining)
        greenwood += remaining > died ? Double(died) / (Double(remaining) * Double(remaining - died)) : .infinity
      }
      times.append(time)
      atRisk.append(remaining)
      eventCounts.append(died)
      censoredCounts.append(left)
      survival.append(share)
      greenwoodSums.append(greenwood)
      let bounds = Self.logLogBounds(survival: share, greenwoodSum: greenwood, z: z)
      lower.append(bounds.lower)
      upper.append(bounds.upper)
      remaining -= died + left
    }
    return KaplanMeierCurve(
      times: times, atRisk: atRisk, events: eventCounts, censored: censoredCounts, survival: survival,
      lower: lower, upper: upper, greenwoodSums: greenwoodSums, confidence: confidence)
  }

  /// Fits one curve per group label (e.g. segment or offer), keyed by that label.
  public func fitByGroup(durations: [Double], events: [Bool], groups: [String]) throws -> [String: KaplanMeierCurve] {
    guard groups.count == durations.count else {
      throw ForecastError.mismatchedLengths(what: "group labels", expected: durations.count, actual: groups.count)
    }
    var members: [String: [Int]] = [:]
    for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
    var curves: [String: KaplanMeierCurve] = [:]
    for (group, indices) in members {
      curves[group] = try fit(durations: indices.map { durations[$0] }, events: indices.map { events[$0] })
    }
    return curves
  }

  /// exp(-exp(log(-log S) -/+ z sqrt(V) / log S)), V the Greenwood sum; S = 1 gives (1, 1), S = 0 gives (0, 0).
  static func logLogBounds(survival: Double, greenwoodSum: Double, z: Double) -> (lower: Double, upper: Double) {
    if survival >= 1 { return (1, 1) }
    if survival <= 0 { return (0, 0) }
    let logSurvival = log(survival)
    let spread = z * greenwoodSum.squareRoot() / logSurvival
    let center = log(-logSurvival)
    return (exp(-exp(center - spread)), exp(-exp(center + spread)))
  }
}
