/// A partial aggregate state that shards can build independently and combine later.
///
/// `merge` must be associative and commutative up to the aggregate's stated tolerance
/// (exact for counts, 1e-9 relative for moments, the sketch's error bound for sketches),
/// so that merging the states of any split of the input equals aggregating it whole.
/// States are `Codable` (JSON) so a `merge` step can read them from files.
public protocol MergeableAggregate: Codable, Sendable {
  /// An empty state: the identity of `merge`.
  init()
  /// Folds another partial state of the same kind into this one.
  mutating func merge(_ other: Self)
}

extension MergeableAggregate {
  /// Returns the merge of this state and another, leaving both unchanged.
  public func merged(with other: Self) -> Self {
    var copy = self
    copy.merge(other)
    return copy
  }
}
