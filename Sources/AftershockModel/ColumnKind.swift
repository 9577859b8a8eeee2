/// How the encoder reads a column.
public enum ColumnKind: String, Codable, Sendable, Equatable {
  /// Numbers (blanks missing), standardised.
  case numeric
  /// Yes/no values: 0/1, true/false, yes/no, y/n, t/f.
  case boolean
  /// Text levels, one-hot encoded with rare levels pooled.
  case categorical
}
