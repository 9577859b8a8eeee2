import Testing

@testable import AftershockForecast

@Suite struct NPSTallyTests {
  @Test func scoreAndIntervalFollowTheMultinomialVariance() {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; Var = (0.5 + 0.2 - 0.3^2) / 100 = 0.0061.
    let tally = NPSTally(promoters: 50, passives: 30, detractors: 20)
    #expect(abs(tally.netPromoterScore - 30) < 1e-12)
    #expect(abs(tally.standardError - 100 * 0.0061.squareRoot()) < 1e-12)
    let interval = tally.confidenceInterval()
    #expect(abs(interval.lower - (30 - 1.959963984540054 * 7.810249675906654)) < 1e-9)
    #expect(abs(interval.upper - (30 + 1.959963984540054 * 7.810249675906654)) < 1e-9)
  }

  @Test func answersAreBinnedAndOutOfRangeKept() {
    var tally = NPSTally()
    for score in [10, 9, 8, 7, 6, 0, 11, -1] { tally.add(score: score) }
    #expect(tally.promoters == 2 && tally.passives == 2 && tally.detractors == 2 && tally.outOfRange == 2)
  }

  @Test func mergeOfAnySplitEqualsTheWhole() throws {
    for seed in UInt64(1)...20 {
      var generator = SeededGenerator(seed: seed)
      let scores = (0..<300).map { _ in Int(generator.next() % 12) }
      var whole = NPSTally()
      for score in scores { whole.add(score: score) }
      let parts = try MergeTestSupport.randomShards(scores, generator: &generator).map { shard in
        var tally = NPSTally()
        for score in shard { tally.add(score: score) }
        return try MergeTestSupport.throughJSON(tally)
      }
      #expect(MergeTestSupport.mergeRandomly(parts, generator: &generator) == whole, "seed \(seed)")
    }
  }

  @Test func csatMeanAndSatisfiedShare() {
    var tally = CSATTally()
    for score in [5, 4, 4, 3, 1, 0, 6] { tally.add(score: score) }
    #expect(tally.responses == 5 && tally.outOfRange == 2)
    #expect(abs(tally.mean - 17.0 / 5) < 1e-12)
    #expect(tally.satisfiedShare().estimate == 0.6)
  }

  @Test func csatMergeOfAnySplitEqualsTheWhole() throws {
    for seed in UInt64(1)...20 {
      var generator = SeededGenerator(seed: seed)
      let scores = (0..<300).map { _ in Int(generator.next() % 7) }
      var whole = CSATTally()
      for score in scores { whole.add(score: score) }
      let parts = try MergeTestSupport.randomShards(scores, generator: &generator).map { shard in
        var tally = CSATTally()
        for score in shard { tally.add(score: score) }
        return try MergeTestSupport.throughJSON(tally)
      }
      #expect(MergeTestSupport.mergeRandomly(parts, generator: &generator) == whole, "seed \(seed)")
    }
  }

  @Test func aTallyWithANegativeOrHugeCountIsRefusedOnDecoding() {
    #expect(MergeTestSupport.refusal(NPSTally.self, #"{"promoters":1,"passives":2,"detractors":3,"outOfRange":0}"#) == nil)
    let negative = MergeTestSupport.refusal(NPSTally.self, #"{"promoters":-1,"passives":2,"detractors":3,"outOfRange":0}"#)
    #expect(negative?.contains("promoters: -1 is not a count") == true, "\(negative ?? "decoded")")
    let huge = MergeTestSupport.refusal(
      NPSTally.self, #"{"promoters":1,"passives":2,"detractors":9223372036854775807,"outOfRange":0}"#)
    #expect(huge?.contains("detractors") == true, "\(huge ?? "decoded")")
  }
}
