import Foundation

/// A fitted shifted-beta-geometric model: survival, retention rates and projections with intervals.
public struct ShiftedBetaGeometricModel: Sendable, Equatable, Codable {
  /// Beta-distribution alpha of the churn probability.
  public let alpha: Double
  /// Beta-distribution beta of the churn probability.
  public let beta: Double
  /// Log-likelihood at the optimum.
  public let logLikelihood: Double
  /// Covariance of (ln alpha, ln beta) from the inverse observed information.
  public let covarianceOfLogParameters: [[Double]]
  /// Number of periods the fit used.
  public let fittedPeriods: Int
  /// Cohort size at period 0.
  public let cohortSize: Double
  /// Confidence level of `projection` intervals.
  public let confidence: Double

  /// Standard error of alpha (delta method: alpha * se(ln alpha)).
  public var alphaStandardError: Double { alpha * covarianceOfLogParameters[0][0].squareRoot() }
  /// Standard error of beta (delta method: beta * se(ln beta)).
  public var betaStandardError: Double { beta * covarianceOfLogParameters[1][1].squareRoot() }

  /// Mean churn probability across customers, alpha / (alpha + beta).
  public var meanChurnProbability: Double { alpha / (alpha + beta) }

  /// P(T = t): the share of the cohort that churns at the end of period t (t >= 1).
  public func churnProbability(period: Int) -> Double {
    Self.churnProbabilities(alpha: alpha, beta: beta, through: period).last ?? 0
  }

  /// S(t): the share still active after period t (S(0) = 1).
  public func survival(period: Int) -> Double {
    Self.survival(alpha: alpha, beta: beta, period: period)
  }

  /// r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1): the retention rate of period t.
  public func retentionRate(period: Int) -> Double {
    (beta + Double(period) - 1) / (alpha + beta + Double(period) - 1)
  }

  /// One projected period: expected survivors, retention rate and an interval for the survivors.
  public struct Projection: Sendable, Equatable, Codable {
    /// The period (1 = end of the first period).
    public var period: Int
    /// Survival share S(t).
    public var survival: Double
    /// Expected survivors: cohort size x S(t).
    public var expectedSurvivors: Double
    /// Retention rate r(t).
    public var retentionRate: Double
    /// Lower bound of the parameter-uncertainty interval for the survivors (delta method on logit S).
    public var lowerSurvivors: Double
    /// Upper bound of that interval.
    public var upperSurvivors: Double
  }

  /// Projections for the given periods (typically beyond the fitted ones).
  public func projection(periods: ClosedRange<Int>) -> [Projection] {
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    let logAlpha = log(alpha)
    let logBeta = log(beta)
    return periods.map { period in
      let share = survival(period: period)
      // Gradient of logit S(t) with respect to (ln alpha, ln beta) by central differences.
      let step = 1e-5
      func logitSurvival(_ a: Double, _ b: Double) -> Double {
        let s = Self.survival(alpha: exp(a), beta: exp(b), period: period)
        return log(s / (1 - s))
      }
      let gradientAlpha =
        (logitSurvival(logAlpha + step, logBeta) - logitSurvival(logAlpha - step, logBeta)) / (2 * step)
      let gradientBeta =
        (logitSurvival(logAlpha, logBeta + step) - logitSurvival(logAlpha, logBeta - step)) / (2 * step)
      let c = covarianceOfLogParameters
      let variance =
        gradientAlpha * gradientAlpha * c[0][0] + 2 * gradientAlpha * gradientBeta * c[0][1]
        + gradientBeta * gradientBeta * c[1][1]
      let center = log(share / (1 - share))
      let spread = z * max(0, variance).squareRoot()
      func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
      let lower = period == 0 ? 1 : expit(center - spread)
      let upper = period == 0 ? 1 : expit(center + spread)
      return Projection(
        period: period, survival: share, expectedSurvivors: cohortSize * share,
        retentionRate: period == 0 ? 1 : retentionRate(period: period),
        lowerSurvivors: cohortSize * lower, upperSurvivors: cohortSize * upper)
    }
  }

  static func churnProbabilities(alpha: Double, beta: Double, through periods: Int) -> [Double] {
    guard periods >= 1 else { return [] }
    var probabilities = [alpha / (alpha + beta)]
    probabilities.reserveCapacity(periods)
    var t = 2.0
    while probabilities.count < periods {
      probabilities.append(probabilities.last! * (beta + t - 2) / (alpha + beta + t - 1))
      t += 1
    }
    return probabilities
  }

  static func survival(alpha: Double, beta: Double, period: Int) -> Double {
    // S(t) = prod_{i=1..t} r(i); a product is accurate where 1 - sum P(T = i) would cancel.
    var share = 1.0
    var t = 1.0
    while t <= Double(period) {
      share *= (beta + t - 1) / (alpha + beta + t - 1)
      t += 1
    }
    return share
  }

  static func logLikelihood(
    alpha: Double, beta: Double, churnedInPeriod: [Double], censoredAfterPeriod: [Double]
  ) -> Double {
    guard alpha.isFinite, beta.isFinite, alpha > 0, beta > 0 else { return -.infinity }
    let probabilities = churnProbabilities(alpha: alpha, beta: beta, through: churnedInPeriod.count)
    var total = 0.0
    for (index, churned) in churnedInPeriod.enumerated() where churned > 0 {
      total += churned * log(probabilities[index])
    }
    var share = 1.0
    for (period, censored) in censoredAfterPeriod.enumerated() {
      if period > 0 { share *= (beta + Double(period) - 1) / (alpha + beta + Double(period) - 1) }
      if censored > 0 { total += censored * log(share) }
    }
    return total
  }
}
