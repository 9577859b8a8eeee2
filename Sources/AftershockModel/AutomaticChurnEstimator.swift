/// Chooses between logistic regression and boosted trees by cross-validated ROC AUC, then fits
/// the winner on every row (`--model auto`). Logistic wins ties within `margin`: it is simpler,
/// calibrated by construction and its drivers read directly from coefficients.
public struct AutomaticChurnEstimator: ChurnEstimator, Sendable {
  /// The logistic candidate.
  public var logistic: LogisticRegression
  /// The boosted-trees candidate.
  public var boostedTrees: BoostedTreesEstimator
  /// Folds used to compare them.
  public var folds: StratifiedKFold
  /// Trees must beat logistic's pooled AUC by more than this to be chosen.
  public var margin: Double

  /// An automatic choice with default candidates, 5 folds and a 0.005 AUC margin.
  public init(
    logistic: LogisticRegression = LogisticRegression(),
    boostedTrees: BoostedTreesEstimator = BoostedTreesEstimator(),
    folds: StratifiedKFold = StratifiedKFold(), margin: Double = 0.005
  ) {
    self.logistic = logistic
    self.boostedTrees = boostedTrees
    self.folds = folds
    self.margin = margin
  }

  /// The comparison: each candidate's cross-validation and the kind chosen.
  public struct Selection: Sendable {
    /// Logistic regression's out-of-fold results.
    public var logistic: CrossValidationReport
    /// Boosted trees' out-of-fold results.
    public var boostedTrees: CrossValidationReport
    /// The kind with the better pooled ROC AUC (logistic within the margin).
    public var chosen: ChurnModel.Kind
  }

  /// Cross-validates both candidates on `table` and says which wins.
  public func select(_ table: DataTable, label: String, idColumn: String? = nil) throws -> Selection {
    let validation = CrossValidation(folds: folds)
    let linear = try validation.run(logistic, on: table, label: label, idColumn: idColumn)
    let trees = try validation.run(boostedTrees, on: table, label: label, idColumn: idColumn)
    let chosen: ChurnModel.Kind = trees.pooled.rocAUC > linear.pooled.rocAUC + margin ? .gbdt : .logistic
    return Selection(logistic: linear, boostedTrees: trees, chosen: chosen)
  }

  /// Selects, then fits the chosen algorithm on every row.
  public func fit(_ table: DataTable, label: String, idColumn: String? = nil) throws -> ChurnModel {
    let selection = try select(table, label: label, idColumn: idColumn)
    switch selection.chosen {
    case .logistic: return try logistic.fit(table, label: label, idColumn: idColumn)
    case .gbdt: return try boostedTrees.fit(table, label: label, idColumn: idColumn)
    }
  }
}
