import Foundation

/// The Kaplan-Meier product-limit estimator of survival from (duration, event) histories, with
/// delayed entry for histories seen only from some time on (left truncation), and Greenwood
/// confidence bounds on the log(-log) scale (the "exponential Greenwood" interval that lifelines'
/// `KaplanMeierFitter` reports by default), over the same risk sets as the estimate.
public struct KaplanMeier: Sendable {
  /// Two-sided confidence level of the bounds (lifelines' `1 - alpha`).
  public var confidence: Double

  /// Configures the estimator.
  public init(confidence: Double = 0.95) {
    self.confidence = confidence
  }

  /// Fits one curve. `durations[i]` is the time to churn (`events[i] == true`) or to the end of
  /// observation (censored); `entries[i]`, when given, is the time from which that history could
  /// be seen to churn (delayed entry, for left-truncated data), 0 for every history when nil.
  ///
  /// At a time t of the curve the risk set holds the histories with entry < t <= duration, the
  /// counting-process definition that lifelines' `KaplanMeierFitter.fit(..., entry=)` estimates
  /// with (its event table's `at_risk` also counts those entering at t; this curve's `atRisk` is
  /// the risk set the estimate and Greenwood's variance use). As in lifelines, the histories
  /// entering at the curve's first time are at risk at it (they enter before its churns), so with
  /// no entries everyone is at risk from time 0, a churn at 0 included, as before entries existed.
  /// Without delayed entry a history that came under observation at tenure 8 years counts as at
  /// risk, and surviving, through years 1 to 7, when no churn of its could have been recorded:
  /// on the bundled sample that put survival at 1 year at 0.974, where entry at the outage gives
  /// 0.751 (`Job.survival()`).
  ///
  /// The curve's times are every distinct entry and duration, from the earliest entry. Before it
  /// nothing is at risk: `survival(at:)` reads 1 there (lifelines' timeline starts at that entry
  /// with 1.0 and predicts NaN before it), and every later value is conditional on surviving to
  /// the earliest entry. A time where entries have not yet made up for exits leaves nobody at
  /// risk and the curve flat (lifelines fills such a gap forward too, and refuses a fit whose gap
  /// falls in the first half of its timeline).
  /// - Throws: `ForecastError` for empty or mismatched inputs, negative or non-finite durations or
  ///   entries, an entry after its duration, and a churn at its own entry time (never at risk)
  ///   other than at the curve's first time.
  public func fit(durations: [Double], events: [Bool], entries: [Double]? = nil) throws -> KaplanMeierCurve {
    guard !durations.isEmpty else { throw ForecastError.emptyInput(what: "account histories for Kaplan-Meier") }
    guard durations.count == events.count else {
      throw ForecastError.mismatchedLengths(what: "event flags", expected: durations.count, actual: events.count)
    }
    for (index, duration) in durations.enumerated() where !(duration.isFinite && duration >= 0) {
      throw ForecastError.invalidValue(
        field: "duration", index: index, value: "\(duration)", expected: "a finite duration >= 0")
    }
    let entry = entries ?? [Double](repeating: 0, count: durations.count)
    guard entry.count == durations.count else {
      throw ForecastError.mismatchedLengths(what: "entry times", expected: durations.count, actual: entry.count)
    }
    for (index, value) in entry.enumerated() where !(value.isFinite && value >= 0 && value <= durations[index]) {
      throw ForecastError.invalidValue(
        field: "entry", index: index, value: "\(value)",
        expected: "a finite entry time >= 0 and <= its duration \(durations[index])")
    }
    let firstTime = entry.min() ?? 0
    for index in entry.indices where events[index] && entry[index] == durations[index] && entry[index] > firstTime {
      throw ForecastError.invalidValue(
        field: "entry", index: index, value: "\(entry[index])",
        expected: "a time before its churn at \(durations[index]) (a churn at its entry time was never at risk)")
    }
    let byExit = durations.indices.sorted { durations[$0] < durations[$1] }
    let byEntry = entry.sorted()
    let allTimes = (entry + durations).sorted()
    var timeline: [Double] = []
    for time in allTimes where timeline.last != time { timeline.append(time) }
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    var atRisk: [Int] = []
    var eventCounts: [Int] = []
    var censoredCounts: [Int] = []
    var survival: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    var greenwoodSums: [Double] = []
    var entered = 0
    var exited = 0
    var entryPosition = 0
    var exitPosition = 0
    var share = 1.0
    var greenwood = 0.0
    for (step, time) in timeline.enumerated() {
      var entering = 0
      while entryPosition < byEntry.count && byEntry[entryPosition] == time {
        entering += 1
        entryPosition += 1
      }
      var died = 0
      var left = 0
      while exitPosition < byExit.count && durations[byExit[exitPosition]] == time {
        if events[byExit[exitPosition]] { died += 1 } else { left += 1 }
        exitPosition += 1
      }
      // entry < time <= duration; at the first time, entry == time too.
      let remaining = entered + (step == 0 ? entering : 0) - exited
      if died > 0 {
        share *= 1 - Double(died) / Double(remaining)
        greenwood += remaining > died ? Double(died) / (Double(remaining) * Double(remaining - died)) : .infinity
      }
      atRisk.append(remaining)
      eventCounts.append(died)
      censoredCounts.append(left)
      survival.append(share)
      greenwoodSums.append(greenwood)
      let bounds = Self.logLogBounds(survival: share, greenwoodSum: greenwood, z: z)
      lower.append(bounds.lower)
      upper.append(bounds.upper)
      entered += entering
      exited += died + left
    }
    return KaplanMeierCurve(
      times: timeline, atRisk: atRisk, events: eventCounts, censored: censoredCounts, survival: survival,
      lower: lower, upper: upper, greenwoodSums: greenwoodSums, confidence: confidence)
  }

  /// Fits one curve per group label (e.g. segment or offer), keyed by that label, each history
  /// entering at `entries[i]` when given (see `fit`).
  public func fitByGroup(
    durations: [Double], events: [Bool], groups: [String], entries: [Double]? = nil
  ) throws -> [String: KaplanMeierCurve] {
    guard groups.count == durations.count else {
      throw ForecastError.mismatchedLengths(what: "group labels", expected: durations.count, actual: groups.count)
    }
    if let entries, entries.count != durations.count {
      throw ForecastError.mismatchedLengths(what: "entry times", expected: durations.count, actual: entries.count)
    }
    var members: [String: [Int]] = [:]
    for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
    var curves: [String: KaplanMeierCurve] = [:]
    for (group, indices) in members {
      curves[group] = try fit(
        durations: indices.map { durations[$0] }, events: indices.map { events[$0] },
        entries: entries.map { entries in indices.map { entries[$0] } })
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
