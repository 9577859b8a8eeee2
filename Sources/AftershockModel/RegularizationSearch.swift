import Foundation

/// Chooses the L2 strength of a logistic regression by cross-validated log-loss (as
/// scikit-learn's `LogisticRegressionCV` does with `scoring="neg_log_loss"`): the strengths of a
/// grid, weakest first, are fitted on k − 1 folds and scored on the held-out one, until `patience`
/// in a row past the best are no better, and the strength whose pooled out-of-fold log-loss is
/// lowest wins.
///
/// A fixed strength suits neither end of a run's life: a week after an outage a run learns from
/// some 70 labelled accounts and a weak penalty lets it give extreme probabilities it cannot back
/// (its high tier swung from 150 to 413 accounts and back between weekly runs), while months later
/// a strong one would throw away signal. Shrinkage chosen by the data is strong early and weak late.
public struct RegularizationSearch: Sendable, Equatable {
  /// Strengths tried (λ on the standardised coefficients, scikit-learn's C = 1/λ).
  public var grid: [Double]
  /// Folds of the search.
  public var folds: StratifiedKFold
  /// The search stops after this many strengths in a row, past the best so far, none better.
  public var patience = 3

  /// The default grid: scikit-learn's C = 1 and stronger, by factors of about 3.
  public static let defaultGrid: [Double] = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200]

  /// A search over `grid` with `folds`.
  public init(
    grid: [Double] = RegularizationSearch.defaultGrid, folds: StratifiedKFold = StratifiedKFold(foldCount: 5, seed: 42)
  ) {
    self.grid = grid
    self.folds = folds
  }

  /// What the search found.
  public struct Outcome: Sendable, Equatable {
    /// The strength chosen.
    public var regularization: Double
    /// Pooled out-of-fold log-loss of each strength tried, in grid order (the search stops after
    /// `patience` strengths in a row past the best, so the strongest may not be tried).
    public var logLoss: [Double]
    /// The estimator with the chosen strength (to fit on every row).
    public var estimator: LogisticRegression
  }

  /// Scores every strength of the grid with `estimator`'s other settings on `table`.
  /// - Throws: `ModelError` from the labels, the split (`notEnoughRows` when a class has fewer
  ///   rows than folds) or a fit; `invalidConfiguration` for an empty grid.
  public func run(
    _ estimator: LogisticRegression, on table: DataTable, label: String, idColumn: String? = nil
  ) throws -> Outcome {
    guard !grid.isEmpty else {
      throw ModelError.invalidConfiguration(
        setting: "regularization grid", value: "[]", expected: "at least one strength")
    }
    var losses: [Double] = []
    var best = 0
    for (index, strength) in grid.enumerated() {
      let candidate = Self.estimator(estimator, strength: strength)
      let report = try CrossValidation(folds: folds).run(candidate, on: table, label: label, idColumn: idColumn)
      losses.append(report.pooled.logLoss)
      if report.pooled.logLoss < losses[best] { best = index }
      // The loss rises away from its best strength: after `patience` strengths in a row past the
      // best, stronger ones are not tried (on 100,000 accounts the whole grid was 5.9 s of a 9 s run).
      if index - best >= patience { break }
    }
    return Outcome(
      regularization: grid[best], logLoss: losses, estimator: Self.estimator(estimator, strength: grid[best]))
  }

  /// `estimator` with L2 strength `strength`, where a column read in a fixed unit
  /// (`TabularEncoder.Configuration.unitScales`: days to renewal in years) keeps the penalty it has
  /// at strength 1 (its unit divided by √strength): the search judges strengths on renewals like
  /// those it learns from, where a trend over them matters little, not on the renewals ahead the
  /// trend is carried to. Shrunk with the rest (strength 20 a month after an outage), the trend
  /// was gone and the run read every renewal ahead as churning like those right after the outage:
  /// the sample's 365-day interval missed the truth as of 2024-11-13 and 2024-11-16.
  static func estimator(_ estimator: LogisticRegression, strength: Double) -> LogisticRegression {
    var chosen = estimator
    chosen.configuration.regularization = strength
    if strength > 0 {
      chosen.configuration.encoder.unitScales = estimator.configuration.encoder.unitScales.mapValues {
        $0 / strength.squareRoot()
      }
    }
    return chosen
  }
}
