/// A fitted logistic regression on standardised features.
public struct LogisticParameters: Codable, Sendable, Equatable {
  /// Log-odds when every standardised feature is at its training mean.
  public var intercept: Double
  /// One coefficient per encoded feature, in the encoder's order (per standard deviation).
  public var coefficients: [FeatureWeight]
  /// The L2 penalty λ the model was fitted with (scikit-learn's C = 1/λ).
  public var regularization: Double
  /// Row weighting used in the fit.
  public var classWeight: ClassWeight
  /// How the fit ended.
  public var diagnostics: FitDiagnostics
  /// The estimates' approximate covariance (the inverse Hessian of the penalised log-likelihood
  /// at the fit), (1 + coefficients)² values row-major with the intercept first; nil for fits
  /// that do not give it (L-BFGS, separation) and for model files written before it existed.
  public var covariance: [Double]? = nil

  /// Log-odds of each row of a standardised matrix: always finite for finite parameters and
  /// values, as each term is bounded so that the sum cannot overflow (never ∞ − ∞ = NaN).
  func logOdds(_ matrix: FeatureMatrix) -> [Double] {
    let bound = Double.greatestFiniteMagnitude / Double(coefficients.count + 1)
    var eta = [Double](repeating: min(max(intercept, -bound), bound), count: matrix.rowCount)
    for (column, coefficient) in coefficients.enumerated() {
      let offset = column * matrix.rowCount
      for row in 0..<matrix.rowCount {
        eta[row] += min(max(coefficient.weight * matrix.values[offset + row], -bound), bound)
      }
    }
    return eta
  }

  /// Why these parameters cannot score, or nil when they can: a damaged model file's NaN or
  /// infinite intercept, coefficient or covariance entry.
  var defect: String? {
    guard intercept.isFinite else { return "the intercept is \(intercept), expected a finite number" }
    if let coefficient = coefficients.first(where: { !$0.weight.isFinite }) {
      return "the weight of feature '\(coefficient.feature)' is \(coefficient.weight), expected a finite number"
    }
    if let covariance {
      let dimension = coefficients.count + 1
      guard covariance.count == dimension * dimension, covariance.allSatisfy(\.isFinite) else {
        return "the covariance is not \(dimension * dimension) finite numbers"
      }
    }
    return nil
  }
}
