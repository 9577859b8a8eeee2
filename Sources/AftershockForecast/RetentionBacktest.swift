import Foundation

/// Backtests the cohort retention forecast: fit on what was known at an as-of day T, predict
/// who is still active at T + h, compare with what happened.
///
/// At T, each history contributes its tenure (days since start) censored at T, or its churn if it
/// churned by T. A Kaplan-Meier curve on tenure is fitted per segment when the segment has at least
/// `minimumSegmentHistories` histories and `minimumSegmentEvents` churns before T, else on all
/// histories. An account active at T with tenure a is predicted to survive to T + h with
/// q = S(a + h) / S(a); past the curve's last time S is extended with the constant hazard
/// events / exposure observed before T. The interval adds two variances: the outcomes'
/// (sum q (1 - q), as a Poisson-binomial) and the curve's own sampling error, from Greenwood's
/// variance of log S between a and a + h (and lambda^2 dt^2 / events on the tail), taken as
/// perfectly correlated across accounts (sd = sum q_i sd_i), which errs on the wide side; the
/// count interval is then the normal approximation with continuity correction.
/// A horizon is evaluated only when T + h <= `dataEndDay` (otherwise survivors are unknown).
public struct RetentionBacktest: Sendable {
  /// The as-of cut T.
  public var asOfDay: Int
  /// Last day the histories cover.
  public var dataEndDay: Int
  /// Horizons in days.
  public var horizons: [Int]
  /// Central interval level.
  public var confidence: Double
  /// Smallest segment fitted on its own curve.
  public var minimumSegmentHistories: Int
  /// Fewest pre-T churns for a segment's own curve.
  public var minimumSegmentEvents: Int

  /// Configures the backtest.
  public init(
    asOfDay: Int, dataEndDay: Int, horizons: [Int] = [30, 90, 180, 365], confidence: Double = 0.90,
    minimumSegmentHistories: Int = 30, minimumSegmentEvents: Int = 5
  ) {
    self.asOfDay = asOfDay
    self.dataEndDay = dataEndDay
    self.horizons = horizons
    self.confidence = confidence
    self.minimumSegmentHistories = minimumSegmentHistories
    self.minimumSegmentEvents = minimumSegmentEvents
  }

  /// Runs the backtest over `histories`.
  /// - Throws: `ForecastError` when no history starts by T or a churn precedes its start.
  public func run(_ histories: [AccountHistory]) throws -> BacktestResult {
    for (index, history) in histories.enumerated() {
      if let churnDay = history.churnDay, churnDay < history.startDay {
        throw ForecastError.invalidValue(
          field: "churn day of \(history.accountID)", index: index, value: "\(churnDay)",
          expected: "a day on or after the start day \(history.startDay)")
      }
    }
    let known = histories.filter { $0.startDay <= asOfDay }
    guard !known.isEmpty else { throw ForecastError.emptyInput(what: "account history that started by the as-of day") }
    let pooled = try TenureCurve(histories: known, asOfDay: asOfDay)
    var curves: [String: TenureCurve] = [:]
    var segments = Set<String>()
    for history in known { segments.insert(history.segment) }
    for segment in segments {
      let members = known.filter { $0.segment == segment }
      let events = members.filter { ($0.churnDay ?? Int.max) <= asOfDay }.count
      if members.count >= minimumSegmentHistories && events >= minimumSegmentEvents {
        curves[segment] = try TenureCurve(histories: members, asOfDay: asOfDay)
      }
    }
    let active = known.filter { ($0.churnDay ?? Int.max) > asOfDay }
    var rows: [BacktestRow] = []
    var skipped: [Int] = []
    for horizon in horizons {
      guard asOfDay + horizon <= dataEndDay else {
        skipped.append(horizon)
        continue
      }
      let groups =
        [("all", active)] + segments.sorted().map { segment in (segment, active.filter { $0.segment == segment }) }
      for (segment, members) in groups where !members.isEmpty {
        var survival: [Double] = []
        var curveSpread = 0.0
        for history in members {
          let curve = curves[history.segment] ?? pooled
          let tenure = Double(asOfDay - history.startDay)
          let q = curve.conditionalSurvival(tenure: tenure, horizon: Double(horizon))
          survival.append(q)
          curveSpread += q * curve.logSurvivalVariance(from: tenure, to: tenure + Double(horizon)).squareRoot()
        }
        let distribution = PoissonBinomial(probabilities: survival, exactLimit: 0)
        let interval = PoissonBinomial.normalInterval(
          mean: distribution.mean, variance: distribution.variance + curveSpread * curveSpread,
          trials: members.count, confidence: confidence)
        let end = asOfDay + horizon
        let retained = members.map { ($0.churnDay ?? Int.max) > end }
        let actual = retained.filter { $0 }.count
        var predictedARR = 0.0
        var actualARR = 0.0
        for (index, history) in members.enumerated() {
          predictedARR += history.arr * survival[index]
          if retained[index] { actualARR += history.arr }
        }
        rows.append(
          BacktestRow(
            segment: segment, horizonDays: horizon, accounts: members.count, predictedRetained: distribution.mean,
            retainedLow: interval.lower, retainedHigh: interval.upper, actualRetained: actual,
            predictedARRRetained: predictedARR, actualARRRetained: actualARR))
      }
    }
    return BacktestResult(
      asOfDay: asOfDay, rows: rows, skippedHorizons: skipped, confidence: confidence,
      segmentsWithOwnCurve: curves.keys.sorted())
  }
}

/// A Kaplan-Meier curve on tenure at an as-of day, extended past its end by a constant hazard.
struct TenureCurve {
  let curve: KaplanMeierCurve
  let tailHazard: Double
  let eventCount: Int

  init(histories: [AccountHistory], asOfDay: Int) throws {
    var durations: [Double] = []
    var events: [Bool] = []
    var exposure = 0.0
    for history in histories {
      guard let observation = history.observation(asOfDay: asOfDay) else { continue }
      durations.append(observation.durationDays)
      events.append(observation.churned)
      exposure += observation.durationDays
    }
    curve = try KaplanMeier().fit(durations: durations, events: events)
    eventCount = events.filter { $0 }.count
    tailHazard = exposure > 0 ? Double(eventCount) / exposure : 0
  }

  func survival(at tenure: Double) -> Double {
    let last = curve.times.last ?? 0
    if tenure <= last { return curve.survival(at: tenure) }
    return curve.survival(at: last) * exp(-tailHazard * (tenure - last))
  }

  /// Variance of log S(end) - log S(start): Greenwood increments inside the curve, and
  /// Var(lambda) dt^2 = lambda^2 dt^2 / events on the constant-hazard tail.
  func logSurvivalVariance(from start: Double, to end: Double) -> Double {
    let last = curve.times.last ?? 0
    var variance = 0.0
    if start < last {
      let increment = curve.greenwoodSum(at: min(end, last)) - curve.greenwoodSum(at: start)
      variance += increment.isFinite ? max(0, increment) : 0
    }
    if end > last && eventCount > 0 {
      let span = end - max(start, last)
      variance += tailHazard * tailHazard * span * span / Double(eventCount)
    }
    return variance
  }

  func conditionalSurvival(tenure: Double, horizon: Double) -> Double {
    let start = survival(at: tenure)
    guard start > 0 else { return exp(-tailHazard * horizon) }
    return min(1, survival(at: tenure + horizon) / start)
  }
}
