import Foundation

/// Out-of-fold results of a k-fold cross-validation.
public struct CrossValidationReport: Sendable, Codable {
  /// Mean and standard deviation of one metric across folds.
  public struct Spread: Sendable, Equatable, Codable {
    /// Mean over folds.
    public var mean: Double
    /// Sample standard deviation over folds (0 with one fold).
    public var standardDeviation: Double
  }

  /// Number of folds.
  public var foldCount: Int
  /// The seed that shuffled rows into folds.
  public var seed: UInt64
  /// Metrics of all out-of-fold predictions pooled together.
  public var pooled: EvaluationReport
  /// Metrics of each fold's held-out rows.
  public var folds: [EvaluationReport]
  /// Out-of-fold probability of each row of the input table, in row order.
  public var outOfFoldProbabilities: [Double]
  /// Seconds spent fitting each fold's model (encoder included).
  public var fitSeconds: [Double]
  /// How each fold's fit ended (nil for estimators without iterative diagnostics).
  public var diagnostics: [FitDiagnostics?]

  /// Whether each fold's fit converged (true for estimators without diagnostics).
  public var converged: [Bool] { diagnostics.map { $0?.converged ?? true } }

  /// Per-fold ROC AUC spread.
  public var rocAUC: Spread { spread(\.rocAUC) }
  /// Per-fold average-precision spread.
  public var averagePrecision: Spread { spread(\.averagePrecision) }
  /// Per-fold log-loss spread.
  public var logLoss: Spread { spread(\.logLoss) }
  /// Per-fold Brier-score spread.
  public var brierScore: Spread { spread(\.brierScore) }
  /// Per-fold accuracy spread.
  public var accuracy: Spread { spread(\.accuracy) }
  /// Per-fold spread of lift in the top 10%.
  public var topDecileLift: Spread { spread(\.topDecile.lift) }
  /// Per-fold spread of recall in the top 10%.
  public var topDecileRecall: Spread { spread(\.topDecile.recall) }

  /// Mean and sample standard deviation of any per-fold metric.
  public func spread(_ metric: KeyPath<EvaluationReport, Double>) -> Spread {
    let values = folds.map { $0[keyPath: metric] }
    guard !values.isEmpty else { return Spread(mean: .nan, standardDeviation: .nan) }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return Spread(mean: mean, standardDeviation: 0) }
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    return Spread(mean: mean, standardDeviation: variance.squareRoot())
  }
}
