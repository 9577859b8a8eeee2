import Foundation

@testable import AftershockForecast

/// Random splits and random merge orders for "merge of any split equals the whole" properties.
enum MergeTestSupport {
  /// Assigns each value to one of 1...8 shards at random (some shards may be empty).
  static func randomShards<T>(_ values: [T], generator: inout SeededGenerator) -> [[T]] {
    let shardCount = Int(generator.next() % 8) + 1
    var shards = [[T]](repeating: [], count: shardCount)
    for value in values { shards[Int(generator.next() % UInt64(shardCount))].append(value) }
    return shards
  }

  /// Merges partial states pairwise in a random order (a random reduction tree).
  static func mergeRandomly<A: MergeableAggregate>(_ parts: [A], generator: inout SeededGenerator) -> A {
    var pool = parts
    if pool.isEmpty { return A() }
    while pool.count > 1 {
      let first = pool.remove(at: Int(generator.next() % UInt64(pool.count)))
      let second = pool.remove(at: Int(generator.next() % UInt64(pool.count)))
      pool.append(generator.next() % 2 == 0 ? first.merged(with: second) : second.merged(with: first))
    }
    return pool[0]
  }

  /// Round-trips a state through JSON, as a `merge` step reading shard files would.
  static func throughJSON<A: MergeableAggregate>(_ state: A) throws -> A {
    try JSONDecoder().decode(A.self, from: try JSONEncoder().encode(state))
  }

  static func relativeClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
  }

  /// What decoding `json` as `A` refuses (the error's description, key path included), or nil
  /// when it decodes: damaged shard files must be refused on reading, never trap in `merge`.
  static func refusal<A: MergeableAggregate>(_ type: A.Type, _ json: String) -> String? {
    do {
      _ = try JSONDecoder().decode(A.self, from: Data(json.utf8))
      return nil
    } catch let DecodingError.dataCorrupted(context) {
      return (context.codingPath.map(\.stringValue) + [context.debugDescription]).joined(separator: ": ")
    } catch {
      return "\(error)"
    }
  }
}
