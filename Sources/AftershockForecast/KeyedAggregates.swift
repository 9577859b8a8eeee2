/// A table of aggregate states by key (e.g. day x segment x aspect x channel x offer), merged keywise.
///
/// Serialised as a JSON array of `{key, value}` entries sorted by key, so equal tables encode
/// to equal bytes whatever order their keys were first seen in.
public struct KeyedAggregates<Key: Hashable & Comparable & Codable & Sendable, Value: MergeableAggregate>:
  MergeableAggregate
{
  @usableFromInline var storage: [Key: Value] = [:]

  /// The states by key.
  public var cells: [Key: Value] { storage }

  /// An empty table.
  public init() {}

  /// Number of keys present.
  public var count: Int { storage.count }

  /// The state for `key`, or nil when nothing was added under it.
  public subscript(key: Key) -> Value? { storage[key] }

  /// Keys in ascending order.
  public var sortedKeys: [Key] { storage.keys.sorted() }

  /// Updates the state under `key` (starting from an empty state), e.g. `table.update(k) { $0.add(x) }`.
  @inlinable
  public mutating func update(_ key: Key, _ body: (inout Value) -> Void) {
    body(&storage[key, default: Value()])
  }

  /// Merges another table keywise.
  public mutating func merge(_ other: KeyedAggregates<Key, Value>) {
    for (key, value) in other.storage {
      if storage[key] != nil {
        storage[key]!.merge(value)
      } else {
        storage[key] = value
      }
    }
  }

  /// Folds all cells whose key satisfies `predicate` into one state (e.g. one segment over all days).
  public func rollUp(where predicate: (Key) -> Bool = { _ in true }) -> Value {
    var total = Value()
    for key in sortedKeys where predicate(key) { total.merge(storage[key]!) }
    return total
  }

  private struct Entry: Codable {
    var key: Key
    var value: Value
  }

  /// Decodes a table written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` when a key comes twice (`encode(to:)` writes each once).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    for entry in try container.decode([Entry].self) {
      guard storage.updateValue(entry.value, forKey: entry.key) == nil else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "a key comes twice: \(entry.key)")
      }
    }
  }

  /// Encodes the cells as an array of `{key, value}` sorted by key.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(sortedKeys.map { Entry(key: $0, value: storage[$0]!) })
  }
}

extension KeyedAggregates: Equatable where Value: Equatable {}
