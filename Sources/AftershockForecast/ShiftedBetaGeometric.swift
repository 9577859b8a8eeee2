import Foundation

/// Maximum-likelihood fit of the shifted-beta-geometric (sBG) cohort retention model
/// (Fader & Hardie, "How to Project Customer Retention", J. Interactive Marketing 21(1), 2007).
///
/// Each customer churns at the end of a period with probability theta, constant for that customer;
/// theta ~ Beta(alpha, beta) across customers. With P(T = 1) = alpha / (alpha + beta) and
/// P(T = t) = P(T = t - 1) (beta + t - 2) / (alpha + beta + t - 1) (the paper's eq. 7), the
/// log-likelihood of survivor counts s_0..s_n is
/// sum_t (s_{t-1} - s_t) ln P(T = t) + s_n ln S(n) (eq. 8). Nelder-Mead on (ln alpha, ln beta);
/// standard errors from the inverse numerical Hessian (observed information) and the delta method.
public struct ShiftedBetaGeometric: Sendable {
  /// Iteration cap of the optimiser.
  public var maxIterations: Int
  /// Confidence level used for the model's projection intervals.
  public var confidence: Double

  /// Configures the estimator.
  public init(maxIterations: Int = 5_000, confidence: Double = 0.90) {
    self.maxIterations = maxIterations
    self.confidence = confidence
  }

  /// Fits alpha and beta to survivors by period: `survivors[0]` is the cohort size, `survivors[t]`
  /// those still active after period t (counts may be fractional, e.g. from a weighted cohort).
  /// - Throws: `ForecastError` when there are fewer than two counts, a count is negative or
  ///   rises, or the optimiser does not converge.
  public func fit(survivors: [Double]) throws -> ShiftedBetaGeometricModel {
    guard survivors.count >= 2 else {
      throw ForecastError.emptyInput(what: "survivor periods (need a cohort size and at least one period)")
    }
    guard survivors[0] > 0 else {
      throw ForecastError.invalidValue(
        field: "survivors", index: 0, value: "\(survivors[0])", expected: "a positive cohort size")
    }
    for index in survivors.indices {
      guard survivors[index].isFinite, survivors[index] >= 0 else {
        throw ForecastError.invalidValue(
          field: "survivors", index: index, value: "\(survivors[index])", expected: "a finite count >= 0")
      }
      if index > 0 && survivors[index] > survivors[index - 1] {
        throw ForecastError.invalidValue(
          field: "survivors", index: index, value: "\(survivors[index])",
          expected: "at most the previous period's \(survivors[index - 1])")
      }
    }
    let periods = survivors.count - 1
    let churned = (1...periods).map { survivors[$0 - 1] - survivors[$0] }
    var censored = [Double](repeating: 0, count: periods + 1)
    censored[periods] = survivors[periods]
    return try fit(churnedInPeriod: churned, censoredAfterPeriod: censored)
  }

  /// Fits right-censored cohort data: `churnedInPeriod[t - 1]` accounts churned at the end of period
  /// t (t = 1...n); `censoredAfterPeriod[c]` accounts were still active after c periods when
  /// observation stopped (c = 0...n). Log-likelihood sum_t churned_t ln P(T = t) + sum_c censored_c ln S(c),
  /// which reduces to the paper's eq. 8 for a single cohort observed for n periods.
  /// - Throws: `ForecastError` for negative counts, no churn at all, or no convergence.
  public func fit(churnedInPeriod: [Double], censoredAfterPeriod: [Double]) throws -> ShiftedBetaGeometricModel {
    for (index, value) in churnedInPeriod.enumerated() where !(value.isFinite && value >= 0) {
      throw ForecastError.invalidValue(
        field: "churned in period", index: index + 1, value: "\(value)", expected: "a finite count >= 0")
    }
    for (index, value) in censoredAfterPeriod.enumerated() where !(value.isFinite && value >= 0) {
      throw ForecastError.invalidValue(
        field: "censored after period", index: index, value: "\(value)", expected: "a finite count >= 0")
    }
    let totalChurned = churnedInPeriod.reduce(0, +)
    let cohortSize = totalChurned + censoredAfterPeriod.reduce(0, +)
    guard cohortSize > 0 else { throw ForecastError.emptyInput(what: "accounts in the cohort") }
    guard totalChurned > 0 else {
      throw ForecastError.invalidValue(
        field: "churned in period", index: churnedInPeriod.count, value: "0",
        expected: "some churn in the fitted periods (the likelihood has no maximum without it)")
    }
    let objective: ([Double]) -> Double = { point in
      -ShiftedBetaGeometricModel.logLikelihood(
        alpha: exp(point[0]), beta: exp(point[1]), churnedInPeriod: churnedInPeriod,
        censoredAfterPeriod: censoredAfterPeriod)
    }
    var optimiser = NelderMead()
    optimiser.maxIterations = maxIterations
    var result = optimiser.minimize(objective, start: [0, 0])
    // Restart once from the optimum to shake off a collapsed simplex.
    let restart = optimiser.minimize(objective, start: result.point, step: 0.1)
    if restart.value <= result.value {
      result = (restart.point, restart.value, result.iterations + restart.iterations, restart.converged)
    }
    guard result.converged, result.value.isFinite else {
      throw ForecastError.fitDidNotConverge(
        model: "shifted-beta-geometric", iterations: result.iterations,
        detail: "negative log-likelihood \(result.value)")
    }
    let hessian = numericalHessian(objective, at: result.point)
    let covariance = inverse2x2(hessian) ?? [[Double.nan, .nan], [.nan, .nan]]
    return ShiftedBetaGeometricModel(
      alpha: exp(result.point[0]), beta: exp(result.point[1]), logLikelihood: -result.value,
      covarianceOfLogParameters: covariance, fittedPeriods: max(churnedInPeriod.count, censoredAfterPeriod.count - 1),
      cohortSize: cohortSize, confidence: confidence)
  }

  /// Fits account histories known at `asOfDay`, in periods of `periodDays` (e.g. 365 for annual
  /// contracts, 30 for monthly): a churn d days after the start counts at the end of period
  /// max(1, ceil(d / periodDays)); an account active at `asOfDay` is censored after its completed
  /// periods. Histories starting after `asOfDay` are ignored; churns after it are treated as unknown.
  public func fit(histories: [AccountHistory], asOfDay: Int, periodDays: Int) throws -> ShiftedBetaGeometricModel {
    guard periodDays > 0 else {
      throw ForecastError.invalidValue(
        field: "period length", index: 0, value: "\(periodDays)", expected: "a positive number of days")
    }
    var churned: [Double] = []
    var censored: [Double] = [0]
    for (index, history) in histories.enumerated() where history.startDay <= asOfDay {
      if let churnDay = history.churnDay, churnDay <= asOfDay {
        guard churnDay >= history.startDay else {
          throw ForecastError.invalidValue(
            field: "churn day of \(history.accountID)", index: index, value: "\(churnDay)",
            expected: "a day on or after the start day \(history.startDay)")
        }
        let days = churnDay - history.startDay
        let period = max(1, (days + periodDays - 1) / periodDays)
        while churned.count < period { churned.append(0) }
        churned[period - 1] += 1
      } else {
        let completed = (asOfDay - history.startDay) / periodDays
        while censored.count <= completed { censored.append(0) }
        censored[completed] += 1
      }
    }
    return try fit(churnedInPeriod: churned, censoredAfterPeriod: censored)
  }

  /// Fits on integer survivor counts.
  public func fit(survivors: [Int]) throws -> ShiftedBetaGeometricModel {
    try fit(survivors: survivors.map(Double.init))
  }
}
