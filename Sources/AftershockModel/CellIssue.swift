/// One cell that does not fit its column's kind: the kind the column had at training
/// (`TabularEncoder.cellIssues(in:)`), or the kind the rest of the column shows
/// (`DataTable.cellIssues(excluding:)`). A record-level problem: the caller quarantines the row
/// and fits on, or scores, the rest.
public struct CellIssue: Sendable, Equatable, Codable {
  /// Row index in the table (0-based).
  public var row: Int
  /// Column name as the model knows it.
  public var column: String
  /// The cell's text.
  public var value: String
  /// The kind the column has.
  public var expected: ColumnKind

  /// One sentence for a quarantine file.
  public var reason: String { "column '\(column)' expects a \(expected.rawValue) value, found '\(value)'" }
}
