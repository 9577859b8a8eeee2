/// One reason behind an account's risk, in plain words.
public struct RiskDriver: Codable, Sendable, Equatable {
  /// Source column of the reason.
  public var column: String
  /// Change in log-odds against the portfolio average (positive raises risk).
  public var contribution: Double
  /// The reason as a user reads it ("renewal in 21 days").
  public var text: String

  /// A reason from its column, its push on the log-odds and its words.
  public init(column: String, contribution: Double, text: String) {
    self.column = column
    self.contribution = contribution
    self.text = text
  }

  /// Whether this reason raises the account's risk.
  public var raisesRisk: Bool { contribution > 0 }
}
