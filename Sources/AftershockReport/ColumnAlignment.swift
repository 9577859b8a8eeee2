/// How a table column's cells line up.
public enum ColumnAlignment: Sendable, Equatable {
  /// Left-aligned (text).
  case left
  /// Right-aligned (numbers).
  case right
  /// Centred.
  case center
}
