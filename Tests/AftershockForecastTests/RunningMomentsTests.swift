import Testing

@testable import AftershockForecast

@Suite struct RunningMomentsTests {
  @Test func matchesTwoPassFormulas() {
    var moments = RunningMoments()
    let values = [2.0, 4, 4, 4, 5, 5, 7, 9]
    for value in values { moments.add(value) }
    #expect(moments.count == 8)
    #expect(moments.mean == 5)
    #expect(abs(moments.populationVariance - 4) < 1e-12)
    #expect(abs(moments.variance - 32.0 / 7) < 1e-12)
    #expect(moments.minimum == 2 && moments.maximum == 9)
  }

  @Test func mergeOfAnySplitEqualsTheWhole() throws {
    for seed in UInt64(1)...40 {
      var generator = SeededGenerator(seed: seed)
      let size = Int(generator.next() % 500)
      let offset = Double(generator.next() % 1_000_000)
      let values = (0..<size).map { _ in offset + 10 * generator.nextUnit() }
      var whole = RunningMoments()
      for value in values { whole.add(value) }
      let parts = try MergeTestSupport.randomShards(values, generator: &generator).map { shard in
        var state = RunningMoments()
        for value in shard { state.add(value) }
        return try MergeTestSupport.throughJSON(state)
      }
      let merged = MergeTestSupport.mergeRandomly(parts, generator: &generator)
      #expect(merged.count == whole.count, "seed \(seed)")
      #expect(merged.minimum == whole.minimum && merged.maximum == whole.maximum, "seed \(seed)")
      #expect(MergeTestSupport.relativeClose(merged.mean, whole.mean), "seed \(seed)")
      if size > 1 {
        #expect(
          MergeTestSupport.relativeClose(merged.variance, whole.variance),
          "seed \(seed): \(merged.variance) vs \(whole.variance)")
      }
    }
  }

  @Test func mergeIsExactlyCommutative() {
    var generator = SeededGenerator(seed: 7)
    var first = RunningMoments()
    var second = RunningMoments()
    for _ in 0..<100 { first.add(generator.nextUnit()) }
    for _ in 0..<37 { second.add(3 + generator.nextUnit()) }
    #expect(first.merged(with: second) == second.merged(with: first))
  }

  @Test func nonFiniteValuesAreCountedNotFolded() throws {
    var moments = RunningMoments()
    moments.add(1)
    moments.add(.nan)
    moments.add(.infinity)
    #expect(moments.count == 1 && moments.nonFiniteCount == 2 && moments.mean == 1)
    #expect(try MergeTestSupport.throughJSON(RunningMoments()) == RunningMoments())
  }

  @Test func aStateNoStreamGivesIsRefusedOnDecoding() {
    #expect(MergeTestSupport.refusal(RunningMoments.self, #"{"count":2,"mean":0.5,"m2":0.5,"min":0,"max":1}"#) == nil)
    #expect(MergeTestSupport.refusal(RunningMoments.self, #"{"count":0,"mean":0,"m2":0}"#) == nil)
    let refusals = [
      #"{"count":9223372036854775807,"mean":0.5,"m2":0.5,"min":0,"max":1}"#:
        "count: 9223372036854775807 is not a count",
      #"{"count":-3,"mean":0.5,"m2":0.5,"min":0,"max":1}"#: "count: -3 is not a count",
      #"{"count":2,"mean":0.5,"m2":-0.5,"min":0,"max":1}"#: "m2: -0.5 is negative",
      #"{"count":2,"mean":7,"m2":0.5,"min":0,"max":1}"#: "mean 7.0 is not between",
      #"{"count":2,"mean":0.5,"m2":0.5}"#: "min",
      #"{"count":2,"mean":0.5,"m2":0.5,"min":0,"max":1,"nonFinite":-1}"#: "nonFinite: -1 is not a count",
    ]
    for (json, words) in refusals {
      let refusal = MergeTestSupport.refusal(RunningMoments.self, json)
      #expect(refusal?.contains(words) == true, "\(json): \(refusal ?? "decoded")")
    }
  }
}
