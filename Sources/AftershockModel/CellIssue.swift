/// One cell that does not fit the kind its column had at training (a record-level problem:
/// the caller quarantines the row and scores the rest).
public struct CellIssue: Sendable, Equatable, Codable {
  /// Row index in the table (0-based).
  public var row: Int
  /// Column name as the model knows it.
  public var column: String
  /// The cell's text.
  public var value: String
  /// The kind the column had at training.
  public var expected: ColumnKind

  /// One sentence for a quarantine file.
  public var reason: String { "column '\(column)' expects a \(expected.rawValue) value, found '\(value)'" }
}
