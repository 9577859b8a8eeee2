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

/// The largest count a decoded state may hold: 2^48 (about 2.8e14), far above any real run's,
/// and low enough that the states of thousands of shards sum without overflowing `Int`.
public let mergeableCountLimit = 1 << 48

extension KeyedDecodingContainer {
  /// Decodes a count of a serialised state, refusing a negative one or one above `mergeableCountLimit`.
  /// - Throws: `DecodingError.dataCorrupted` naming the key and the value.
  package func decodeCount(forKey key: Key) throws -> Int {
    let count = try decode(Int.self, forKey: key)
    guard (0...mergeableCountLimit).contains(count) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "\(count) is not a count (expected 0 to 2^48)")
    }
    return count
  }

  /// Decodes a number of a serialised state that must be finite (not NaN or infinite).
  /// - Throws: `DecodingError.dataCorrupted` naming the key and the value.
  package func decodeFinite(forKey key: Key) throws -> Double {
    let value = try decode(Double.self, forKey: key)
    guard value.isFinite else {
      throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(value) is not a finite number")
    }
    return value
  }
}
