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
    guard survivors.count >= 2 else { throw ForecastError.emptyInput(what: "survivor periods (need a cohort size and at least one period)") }
    guard survivors[0] > 0 else {
      throw ForecastError.invalidValue(field: "survivors", index: 0, value: "\(survivors[0])", expected: "a positive cohort size")
    }
    for index in survivors.indices {
      guard survivors[index].isFinite, survivors[index] >= 0 else {
        throw ForecastError.invalidValue(field: "survivors", index: index, value: "\(survivors[index])", expected: "a finite count >= 0")
      }
      if index > 0 && survivors[index] > survivors[index - 1] {
        throw ForecastError.invalidValue(
          field: "survivors", index: index, value: "\(survivors[index])",
          expected: "at most the previous period's \(survivors[index - 1])")
      }
    }
    guard survivors.last! < survivors[0] else {
      throw ForecastError.invalidValue(
        field: "survivors", index: survivors.count - 1, value: "\(survivors.last!)",
        expected: "some churn in the fitted periods (the likelihood has no maximum without it)")
    }
    let objective: ([Double]) -> Double = { point in
      -ShiftedBetaGeometricModel.logLikelihood(alpha: exp(point[0]), beta: exp(point[1]), survivors: survivors)
    }
    var optimiser = NelderMead()
    optimiser.maxIterations = maxIterations
    var result = optimiser.minimize(objective, start: [0, 0])
    // Restart once from the optimum to shake off a collapsed simplex.
    let restart = optimiser.minimize(objective, start: result.point, step: 0.1)
    if restart.value <= result.value { result = (restart.point, restart.value, result.iterations + restart.iterations, restart.converged) }
    guard result.converged, result.value.isFinite else {
      throw ForecastError.fitDidNotConverge(
        model: "shifted-beta-geometric", iterations: result.iterations, detail: "negative log-likelihood \(result.value)")
    }
    let hessian = numericalHessian(objective, at: result.point)
    let covariance = inverse2x2(hessian) ?? [[Double.nan, .nan], [.nan, .nan]]
    return ShiftedBetaGeometricModel(
      alpha: exp(result.point[0]), beta: exp(result.point[1]), logLikelihood: -result.value,
      covarianceOfLogParameters: covariance, fittedPeriods: survivors.count - 1,
      cohortSize: survivors[0], confidence: confidence)
  }

  /// Fits on integer survivor counts.
  public func fit(survivors: [Int]) throws -> ShiftedBetaGeometricModel {
    try fit(survivors: survivors.map(Double.init))
  }
}
