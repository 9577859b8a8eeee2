/// Chooses between logistic regression and boosted trees by cross-validated ROC AUC, then fits
/// the winner on every row (`--model auto`). Logistic wins unless the trees lead by more than
/// `margin` and by more than one standard error of the difference (DeLong's, on the pooled
/// out-of-fold scores): the one-standard-error rule of Hastie, Tibshirani & Friedman (ESL §7.10).
/// Logistic is simpler, calibrated by construction and its drivers read directly from coefficients,
/// so a lead within the noise of a few hundred rows should not buy the trees.
public struct AutomaticChurnEstimator: ChurnEstimator, Sendable {
  /// The logistic candidate.
  public var logistic: LogisticRegression
  /// The boosted-trees candidate.
  public var boostedTrees: BoostedTreesEstimator
  /// Folds used to compare them.
  public var folds: StratifiedKFold
  /// Trees must beat logistic's pooled AUC by more than this (and one standard error) to be chosen.
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
    /// Trees' pooled AUC minus logistic's, with its standard error.
    public var difference: ClassificationMetrics.AUCDifference
    /// The kind chosen: trees only when `difference` exceeds the margin and one standard error.
    public var chosen: ChurnModel.Kind
  }

  /// Cross-validates both candidates on `table` and says which wins.
  public func select(_ table: DataTable, label: String, idColumn: String? = nil) throws -> Selection {
    let validation = CrossValidation(folds: folds)
    let linear = try validation.run(logistic, on: table, label: label, idColumn: idColumn)
    let trees = try validation.run(boostedTrees, on: table, label: label, idColumn: idColumn)
    let difference = try ClassificationMetrics.pairedAUCDifference(
      trees.outOfFoldProbabilities, linear.outOfFoldProbabilities, try table.labels(ofColumn: label))
    return Selection(
      logistic: linear, boostedTrees: trees, difference: difference, chosen: choice(treesLeadBy: difference))
  }

  /// Trees when their AUC lead exceeds both `margin` and its standard error, else logistic.
  func choice(treesLeadBy difference: ClassificationMetrics.AUCDifference) -> ChurnModel.Kind {
    let lead = difference.difference
    let beyondNoise = difference.standardError.isNaN || lead > difference.standardError
    return lead > margin && beyondNoise ? .gbdt : .logistic
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
