/// What happened while a gradient-boosted model was fitted.
public struct BoostingTrainingSummary: Sendable, Equatable, Codable {
  /// Boosting iterations run before stopping.
  public var iterationsRun: Int
  /// Trees kept in the model (the best validation iteration when early stopping ran).
  public var treesKept: Int
  /// Whether early stopping ended the fit before `maxIterations`.
  public var stoppedEarly: Bool
  /// Rows the trees were grown on.
  public var trainingRowCount: Int
  /// Rows held out for early stopping (0 when it was off).
  public var validationRowCount: Int
  /// Validation log-loss after 0, 1, 2, ... trees (empty when early stopping was off).
  public var validationLosses: [Double]
}
