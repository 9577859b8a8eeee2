/// The fields of the current JSON Lines record given `null` (and no value by another key), which
/// the stream marks and the record builder reads, so a message tells a member that is `null` from
/// one that is absent. A CSV record never marks any.
final class NullFields {
  private var marked: [Bool]
  private var anyMarked = false

  /// No field marked, for a schema of `count` fields.
  init(count: Int) {
    marked = Array(repeating: false, count: count)
  }

  /// Unmarks every field (before the next record).
  func reset() {
    guard anyMarked else { return }
    for f in marked.indices { marked[f] = false }
    anyMarked = false
  }

  /// Marks `field` as given `null`.
  func mark(_ field: Int) {
    marked[field] = true
    anyMarked = true
  }

  /// Whether the current record gave `field` a `null`.
  func contains(_ field: Int) -> Bool {
    field < marked.count && marked[field]
  }
}
