import Testing

@testable import AftershockForecast

/// "Equal" for heavy hitters: exact when fewer distinct items than the capacity were seen;
/// otherwise the merged summary keeps Space-Saving's guarantees over the whole input.
@Suite struct SpaceSavingTests {
  private func zipfStream(count: Int, distinct: Int, generator: inout SeededGenerator) -> [String] {
    let weights = (1...distinct).map { 1 / Double($0) }
    let total = weights.reduce(0, +)
    return (0..<count).map { _ in
      var u = generator.nextUnit() * total
      for (index, weight) in weights.enumerated() {
        u -= weight
        if u <= 0 { return "phrase \(index)" }
      }
      return "phrase \(distinct - 1)"
    }
  }

  @Test func mergeOfAnySplitIsExactBelowCapacity() throws {
    for seed in UInt64(1)...20 {
      var generator = SeededGenerator(seed: seed)
      let stream = zipfStream(count: 800, distinct: 30, generator: &generator)
      var whole = SpaceSaving<String>(capacity: 40)
      for item in stream { whole.add(item) }
      let parts = try MergeTestSupport.randomShards(stream, generator: &generator).map { shard in
        var summary = SpaceSaving<String>(capacity: 40)
        for item in shard { summary.add(item) }
        return try MergeTestSupport.throughJSON(summary)
      }
      let merged = MergeTestSupport.mergeRandomly(parts, generator: &generator)
      #expect(merged == whole, "seed \(seed)")
      #expect(merged.top().allSatisfy { $0.error == 0 }, "seed \(seed)")
    }
  }

  @Test func mergeOfAnySplitKeepsTheGuaranteesAboveCapacity() throws {
    for seed in UInt64(1)...20 {
      var generator = SeededGenerator(seed: seed)
      let stream = zipfStream(count: 3_000, distinct: 400, generator: &generator)
      var truth: [String: Int] = [:]
      for item in stream { truth[item, default: 0] += 1 }
      let capacity = 50
      let parts = try MergeTestSupport.randomShards(stream, generator: &generator).map { shard in
        var summary = SpaceSaving<String>(capacity: capacity)
        for item in shard { summary.add(item) }
        return try MergeTestSupport.throughJSON(summary)
      }
      let merged = MergeTestSupport.mergeRandomly(parts, generator: &generator)
      #expect(merged.totalCount == stream.count, "seed \(seed)")
      let bound = stream.count / capacity
      for entry in merged.top() {
        let actual = truth[entry.key, default: 0]
        #expect(entry.count >= actual && entry.count - entry.error <= actual, "seed \(seed) \(entry)")
        #expect(entry.count - actual <= bound, "seed \(seed) \(entry) overestimates by more than N/k")
      }
      for (item, actual) in truth {
        #expect(merged.estimatedCount(of: item) >= actual, "seed \(seed) \(item)")
        if actual > bound { #expect(merged.top().contains { $0.key == item }, "seed \(seed): heavy \(item) lost") }
      }
    }
  }

  @Test func mergeIsExactlyCommutative() {
    var generator = SeededGenerator(seed: 11)
    var first = SpaceSaving<String>(capacity: 10)
    var second = SpaceSaving<String>(capacity: 10)
    for item in zipfStream(count: 500, distinct: 60, generator: &generator) { first.add(item) }
    for item in zipfStream(count: 300, distinct: 60, generator: &generator) { second.add(item) }
    #expect(first.merged(with: second) == second.merged(with: first))
  }

  @Test func aSummaryWithImpossibleCountsIsRefusedOnDecoding() {
    typealias Summary = SpaceSaving<String>
    #expect(
      MergeTestSupport.refusal(
        Summary.self, #"{"capacity":2,"total":3,"evicted":false,"entries":[{"key":"a","count":3,"error":0}]}"#) == nil)
    let refusals = [
      #"{"capacity":2,"total":-3,"evicted":false,"entries":[]}"#: "total: -3 is not a count",
      #"{"capacity":2,"total":3,"evicted":false,"entries":[{"key":"a","count":-3,"error":0}]}"#: "count -3",
      #"{"capacity":2,"total":3,"evicted":false,"entries":[{"key":"a","count":3,"error":4}]}"#: "error 4",
      #"{"capacity":2,"total":3,"evicted":false,"entries":[{"key":"a","count":9223372036854775807,"error":0}]}"#:
        "count 9223372036854775807",
    ]
    for (json, words) in refusals {
      let refusal = MergeTestSupport.refusal(Summary.self, json)
      #expect(refusal?.contains(words) == true, "\(json): \(refusal ?? "decoded")")
    }
  }
}
