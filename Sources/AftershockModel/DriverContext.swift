/// What a wording phrase knows about one driver: the column, the account's value and the
/// portfolio's, and the account's other values (for phrases such as the offer's name).
public struct DriverContext {
  /// Source column of the driver.
  public var column: String
  /// Kind of that column.
  public var kind: ColumnKind
  /// The account's value for numeric and boolean columns (nil when missing).
  public var value: Double?
  /// The account's level for categorical columns (nil when missing).
  public var level: String?
  /// Mean of the column's present values over the baseline (the scored table or the
  /// training table), for numeric and boolean columns.
  public var portfolioMean: Double?
  /// What `portfolioMean` averages over.
  public var baseline: RiskScorer.Baseline = .portfolio
  /// Whether the driver raises the account's risk.
  public var raisesRisk: Bool
  let lookup: (String) -> String?

  /// The account's value of another column as text (nil when missing or not in the model).
  public func text(ofColumn name: String) -> String? { lookup(name) }
}
