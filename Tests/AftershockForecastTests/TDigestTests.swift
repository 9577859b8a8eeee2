import Foundation
import Testing

@testable import AftershockForecast

/// "Equal" for sketches: every quantile estimate of the merged digest lies within 0.01 in rank
/// of the exact quantile of the whole input (t-digest at compression 100 is typically ~0.002).
@Suite struct TDigestTests {
  private func rankError(of estimate: Double, quantile: Double, sorted: [Double]) -> Double {
    // Fraction of values below the estimate vs the target, allowing for ties.
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < estimate { low = mid + 1 } else { high = mid }
    }
    let below = Double(low) / Double(sorted.count)
    var upperIndex = low
    while upperIndex < sorted.count && sorted[upperIndex] == estimate { upperIndex += 1 }
    let notAbove = Double(upperIndex) / Double(sorted.count)
    if quantile < below { return below - quantile }
    if quantile > notAbove { return quantile - notAbove }
    return 0
  }

  @Test func mergeOfAnySplitKeepsQuantilesWithinTheBound() throws {
    let quantiles = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]
    for seed in UInt64(1)...12 {
      var generator = SeededGenerator(seed: seed)
      // Skewed values (a sentiment-like mixture plus an exponential tail).
      let values = (0..<5_000).map { _ -> Double in
        let u = generator.nextUnit()
        return u < 0.6 ? -1 + 0.8 * generator.nextUnit() : -log(1 - generator.nextUnit())
      }
      let sorted = values.sorted()
      var whole = TDigest()
      for value in values { whole.add(value) }
      let parts = try MergeTestSupport.randomShards(values, generator: &generator).map { shard in
        var digest = TDigest()
        for value in shard { digest.add(value) }
        return try MergeTestSupport.throughJSON(digest)
      }
      let merged = MergeTestSupport.mergeRandomly(parts, generator: &generator)
      #expect(merged.count == 5_000, "seed \(seed)")
      #expect(merged.minimum == sorted.first && merged.maximum == sorted.last, "seed \(seed)")
      for q in quantiles {
        let mergedError = rankError(of: merged.quantile(q), quantile: q, sorted: sorted)
        let wholeError = rankError(of: whole.quantile(q), quantile: q, sorted: sorted)
        #expect(mergedError <= 0.01, "seed \(seed) q \(q): merged rank error \(mergedError)")
        #expect(wholeError <= 0.01, "seed \(seed) q \(q): whole rank error \(wholeError)")
      }
      #expect(merged.centroidCount <= 200, "seed \(seed): \(merged.centroidCount) centroids")
    }
  }

  @Test func mergeIsExactlyCommutative() {
    var generator = SeededGenerator(seed: 3)
    var first = TDigest()
    var second = TDigest()
    for _ in 0..<2_000 { first.add(generator.nextUnit()) }
    for _ in 0..<1_500 { second.add(2 * generator.nextUnit()) }
    #expect(first.merged(with: second) == second.merged(with: first))
  }

  @Test func smallInputsGiveExactExtremesAndMedian() {
    var digest = TDigest()
    for value in [5.0, 1, 3] { digest.add(value) }
    #expect(digest.quantile(0) == 1 && digest.quantile(1) == 5)
    #expect(digest.quantile(0.5) == 3)
    #expect(TDigest().quantile(0.5).isNaN)
  }

  @Test func aDigestWithNonFiniteOrNegativeNumbersIsRefusedOnDecoding() {
    let valid = #"{"compression":50,"count":2,"min":0,"max":1,"means":[0,1],"weights":[1,1]}"#
    #expect(MergeTestSupport.refusal(TDigest.self, valid) == nil)
    let refusals = [
      #"{"compression":50,"count":-2,"min":0,"max":1,"means":[0,1],"weights":[1,1]}"#: "count -2.0",
      #"{"compression":5,"count":2,"min":0,"max":1,"means":[0,1],"weights":[1,1]}"#: "compression 5.0",
      #"{"compression":50,"count":2,"min":0,"max":1,"means":[0,1],"weights":[1,-1]}"#: "weight not above 0",
    ]
    for (json, words) in refusals {
      let refusal = MergeTestSupport.refusal(TDigest.self, json)
      #expect(refusal?.contains(words) == true, "\(json): \(refusal ?? "decoded")")
    }
  }
}
