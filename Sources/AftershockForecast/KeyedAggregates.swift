/// A table of aggregate states by key (e.g. day x segment x aspect x channel x offer), merged keywise.
///
/// Serialised as a JSON array of `{key, value}` entries sorted by key, so equal tables encode
/// to equal bytes whatever order their keys were first seen in.
public struct KeyedAggregates<Key: Hashable & Comparable & Codable & Sendable, Value: MergeableAggregate>:
  MergeableAggregate
{
  /// The states by key.
  public private(set) var cells: [Key: Value] = [:]

  /// An empty table.
  public init() {}

  /// Number of keys present.
  public var count: Int { cells.count }

  /// The state for `key`, or nil when nothing was added under it.
  public subscript(key: Key) -> Value? { cells[key] }

  /// Keys in ascending order.
  public var sortedKeys: [Key] { cells.keys.sorted() }

  /// Updates the state under `key` (starting from an empty state), e.g. `table.update(k) { $0.add(x) }`.
  public mutating func update(_ key: Key, _ body: (inout Value) -> Void) {
    body(&cells[key, default: Value()])
  }

  /// Merges another table keywise.
  public mutating func merge(_ other: KeyedAggregates<Key, Value>) {
    for (key, value) in other.cells {
      if cells[key] != nil {
        cells[key]!.merge(value)
      } else {
        cells[key] = value
      }
    }
  }

  /// Folds all cells whose key satisfies `predicate` into one state (e.g. one segment over all days).
  public func rollUp(where predicate: (Key) -> Bool = { _ in true }) -> Value {
    var total = Value()
    for key in sortedKeys where predicate(key) { total.merge(cells[key]!) }
    return total
  }

  private struct Entry: Codable {
    var key: Key
    var value: Value
  }

  /// Decodes a table written by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    for entry in try container.decode([Entry].self) {
      if cells[entry.key] != nil {
        cells[entry.key]!.merge(entry.value)
      } else {
        cells[entry.key] = entry.value
      }
    }
  }

  /// Encodes the cells as an array of `{key, value}` sorted by key.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(sortedKeys.map { Entry(key: $0, value: cells[$0]!) })
  }
}

extension KeyedAggregates: Equatable where Value: Equatable {}
