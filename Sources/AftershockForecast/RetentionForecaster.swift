import Foundation

/// Forecasts retained accounts and ARR per segment and overall at several horizons, with intervals.
///
/// For account i, q_i(h) = 1 - P(churned by h) from its churn probability and `timing`. Retained
/// accounts are a sum of independent Bernoulli(q_i): the interval is the Poisson-binomial's
/// central quantiles, exact by dynamic programming up to `exactCountLimit` accounts in a row, the
/// normal approximation with continuity correction above. Retained ARR is sum arr_i B_i: mean
/// sum arr_i q_i, variance sum arr_i^2 q_i (1 - q_i); its interval comes from `monteCarloDraws`
/// seeded simulations while accounts x draws <= `monteCarloBudget`, else the normal approximation
/// (clamped to [0, ARR]). Independence between accounts is assumed; shared shocks would widen
/// the true intervals.
///
/// Every interval contains its row's expected value. An equal-tailed interval of a skewed,
/// discrete distribution need not: when a group's chance that anyone churns by the horizon is
/// under the tail level (5%), both quantiles are "all retained" while the mean is just below it.
/// Such an interval is widened to the whole numbers around the mean (counts) or to the mean
/// itself (ARR); widening only adds coverage, so the level stays a lower bound.
///
/// The accounts are simulated in a fixed order (by account id, then their other fields), so the
/// forecast of the same accounts is the same whatever order they come in (a run feeds them in
/// input order, the stored history by risk).
///
/// The churn probabilities are themselves estimates. When the caller can say how much their
/// estimation error moves a row's totals (`ModelVariance`, e.g. the delta method over a
/// logistic model's coefficients), that variance is added: the count interval becomes the
/// normal approximation over both sources, and every simulated ARR draw gets one shared normal
/// shift (the model's error is common to all accounts of a draw).
public struct RetentionForecaster: Sendable {
  /// Horizons in days.
  public var horizons: [Int]
  /// How a churn probability spreads over time.
  public var timing: ChurnTiming
  /// Central interval level (0.90 gives the `low90`/`high90` columns).
  public var confidence: Double
  /// Largest row size for the exact Poisson-binomial.
  public var exactCountLimit: Int
  /// Simulated outcomes for the ARR interval.
  public var monteCarloDraws: Int
  /// Above accounts x draws, the ARR interval uses the normal approximation.
  public var monteCarloBudget: Int
  /// Seed of the ARR simulation (results are reproducible).
  public var seed: UInt64

  /// Configures the forecaster.
  public init(
    horizons: [Int] = [30, 90, 180, 365], timing: ChurnTiming = .atRenewal(termDays: 365),
    confidence: Double = 0.90, exactCountLimit: Int = 5_000, monteCarloDraws: Int = 2_000,
    monteCarloBudget: Int = 4_000_000, seed: UInt64 = 20_240_719
  ) {
    self.horizons = horizons
    self.timing = timing
    self.confidence = confidence
    self.exactCountLimit = exactCountLimit
    self.monteCarloDraws = monteCarloDraws
    self.monteCarloBudget = monteCarloBudget
    self.seed = seed
  }

  /// The variance the probabilities' estimation error adds to a row's churned count and churned
  /// ARR, for the accounts at `indices` (positions in the forecast's input) at `horizon` days.
  public typealias ModelVariance = (_ indices: [Int], _ horizon: Int) -> (count: Double, arr: Double)

  /// Forecasts every segment and `all`, with `modelVariance` (when given) added to each row.
  ///
  /// No accounts give a forecast with no rows (a run whose accounts have all churned or renewed
  /// has nothing left to forecast; that is not a failure).
  /// - Throws: `ForecastError` for a probability outside [0, 1], a negative or non-finite ARR,
  ///   or a non-positive horizon.
  public func forecast(_ accounts: [ForecastAccount], modelVariance: ModelVariance? = nil) throws -> RetentionForecast {
    for (index, horizon) in horizons.enumerated() where horizon <= 0 {
      throw ForecastError.invalidValue(
        field: "horizon", index: index, value: "\(horizon)", expected: "a positive number of days")
    }
    for (index, account) in accounts.enumerated() {
      guard account.churnProbability >= 0, account.churnProbability <= 1 else {
        throw ForecastError.invalidValue(
          field: "churn probability of \(account.accountID)", index: index, value: "\(account.churnProbability)",
          expected: "a probability in [0, 1]")
      }
      guard account.arr.isFinite, account.arr >= 0 else {
        throw ForecastError.invalidValue(
          field: "arr of \(account.accountID)", index: index, value: "\(account.arr)", expected: "a finite amount >= 0")
      }
    }
    // The simulation draws one number per account in turn: walk the accounts in an order of
    // their own, not the caller's, so the same book gives the same intervals from any source.
    let order = accounts.indices.sorted { Self.precedes(accounts[$0], accounts[$1]) }
    var members: [String: [Int]] = [:]
    for index in order { members[accounts[index].segment, default: []].append(index) }
    let groups = accounts.isEmpty ? [] : [("all", order)] + members.keys.sorted().map { ($0, members[$0]!) }
    var rows: [ForecastRow] = []
    var churnByHorizon: [[Double]] = []
    for horizon in horizons {
      let churn = accounts.map {
        timing.churnProbability($0.churnProbability, daysToRenewal: $0.daysToRenewal, horizonDays: horizon)
      }
      churnByHorizon.append(churn)
      for (segment, indices) in groups {
        let extra = modelVariance?(indices, horizon) ?? (0, 0)
        rows.append(
          row(segment: segment, horizon: horizon, indices: indices, accounts: accounts, churn: churn, extra: extra))
      }
    }
    Self.holdBoundsMonotone(&rows)
    return RetentionForecast(
      rows: rows.sorted {
        ($0.segment == "all" ? "" : $0.segment, $0.horizonDays) < (
          $1.segment == "all" ? "" : $1.segment, $1.horizonDays
        )
      },
      horizons: horizons, confidence: confidence, accounts: accounts, churnByHorizon: churnByHorizon)
  }

  private func row(
    segment: String, horizon: Int, indices: [Int], accounts: [ForecastAccount], churn: [Double],
    extra: (count: Double, arr: Double)
  ) -> ForecastRow {
    let retention = indices.map { 1 - churn[$0] }
    let values = indices.map { accounts[$0].arr }
    let counts = PoissonBinomial(probabilities: retention, exactLimit: exactCountLimit)
    let interval =
      extra.count > 0
      ? PoissonBinomial.normalInterval(
        mean: counts.mean, variance: counts.variance + extra.count, trials: indices.count, confidence: confidence)
      : counts.interval(confidence: confidence)
    // A quantile interval of a skewed count can miss its mean (13.9 expected, 14 to 14).
    let (retainedLow, retainedHigh) = PoissonBinomial.containing(mean: counts.mean, interval, trials: indices.count)
    let modelSD = max(0, extra.arr).squareRoot()
    var totalARR = 0.0
    var expectedARR = 0.0
    var varianceARR = 0.0
    for (q, value) in zip(retention, values) {
      totalARR += value
      expectedARR += value * q
      varianceARR += value * value * q * (1 - q)
    }
    var low = 0.0
    var high = 0.0
    let method: String
    if indices.count * monteCarloDraws <= monteCarloBudget && monteCarloDraws >= 100 {
      method = "monte_carlo"
      // The same random numbers at every horizon (common random numbers): an account kept in a
      // draw at a horizon is kept at every shorter one, so a row's interval moves with the
      // horizon alone. Seeded per horizon, one account near the tail level set a 90-day low of
      // $444,775 and a 365-day low of $1,393,293 on the same expected ARR (an outside audit).
      var generator = SeededGenerator(seed: seed ^ Self.fnv1a(segment))
      var draws = [Double](repeating: 0, count: monteCarloDraws)
      retention.withUnsafeBufferPointer { q in
        values.withUnsafeBufferPointer { value in
          for draw in 0..<monteCarloDraws {
            var sum = 0.0
            for index in 0..<q.count where generator.nextUnit() < q[index] { sum += value[index] }
            // One standard normal (Box–Muller) per draw: the model's error is shared by its
            // accounts. Drawn whether or not this horizon has that error, so that the draws stay
            // aligned across horizons.
            let u = max(generator.nextUnit(), 1e-300)
            let normal = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * generator.nextUnit())
            if modelSD > 0 { sum += modelSD * normal }
            draws[draw] = min(totalARR, max(0, sum))
          }
        }
      }
      draws.sort()
      let tail = (1 - confidence) / 2
      low = draws[max(0, Int((tail * Double(monteCarloDraws)).rounded(.up)) - 1)]
      high = draws[min(monteCarloDraws - 1, Int(((1 - tail) * Double(monteCarloDraws)).rounded(.up)) - 1)]
      // The draws' quantiles miss the mean when churn is rarer than the tail level (every draw
      // keeps all the ARR while some is at risk): widen the interval to the expected value.
      low = min(low, expectedARR)
      high = max(high, expectedARR)
    } else {
      method = "normal"
      let z = NormalDistribution.quantile(0.5 + confidence / 2)
      let spread = z * (varianceARR + max(0, extra.arr)).squareRoot()
      low = max(0, expectedARR - spread)
      high = min(totalARR, expectedARR + spread)
    }
    return ForecastRow(
      segment: segment, horizonDays: horizon, accounts: indices.count, expectedRetained: counts.mean,
      retainedLow: retainedLow, retainedHigh: retainedHigh, arr: totalARR, expectedARRRetained: expectedARR,
      arrLow: low, arrHigh: high, arrAtRisk: totalARR - expectedARR, arrIntervalMethod: method)
  }

  /// What is retained by a horizon is retained by every shorter one, so no quantile of it can
  /// rise with the horizon. Each row's interval is sound on its own, but the model's error,
  /// shared by a draw's accounts and wider at a longer horizon, can lift a longer horizon's upper
  /// bound above a shorter one's (an outside audit: enterprise's 365-day high $9,716 above its
  /// 180-day high); each segment's bounds are held to at most the shorter horizons' bounds. The
  /// expected values fall with the horizon, so every interval still holds its own.
  static func holdBoundsMonotone(_ rows: inout [ForecastRow]) {
    var bySegment: [String: [Int]] = [:]
    for index in rows.indices { bySegment[rows[index].segment, default: []].append(index) }
    for indices in bySegment.values {
      var previous: ForecastRow?
      for index in indices.sorted(by: { rows[$0].horizonDays < rows[$1].horizonDays }) {
        if let shorter = previous {
          rows[index].retainedHigh = min(rows[index].retainedHigh, shorter.retainedHigh)
          rows[index].retainedLow = min(rows[index].retainedLow, shorter.retainedLow)
          rows[index].arrHigh = min(rows[index].arrHigh, shorter.arrHigh)
          rows[index].arrLow = min(rows[index].arrLow, shorter.arrLow)
        }
        previous = rows[index]
      }
    }
  }

  /// The order the accounts are simulated in: by id, then by their other fields (so that even
  /// duplicated ids order the same from any input order).
  static func precedes(_ left: ForecastAccount, _ right: ForecastAccount) -> Bool {
    if left.accountID != right.accountID { return left.accountID < right.accountID }
    if left.segment != right.segment { return left.segment < right.segment }
    if left.arr != right.arr { return left.arr < right.arr }
    if left.churnProbability != right.churnProbability { return left.churnProbability < right.churnProbability }
    return (left.daysToRenewal ?? Int.min) < (right.daysToRenewal ?? Int.min)
  }

  /// FNV-1a over UTF-8 (stable across runs, unlike `hashValue`).
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01B3
    }
    return hash
  }
}
