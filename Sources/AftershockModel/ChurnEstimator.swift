/// An algorithm that learns a churn model from a labelled table (configuration in the value).
public protocol ChurnEstimator: Sendable {
  /// Fits a model on every row of `table`, predicting `label`, ignoring `idColumn`.
  func fit(_ table: DataTable, label: String, idColumn: String?) throws -> ChurnModel
}
