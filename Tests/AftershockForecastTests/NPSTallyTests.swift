import Testing

@testable import AftershockForecast

@Suite struct NPSTallyTests {
  @Test func scoreAndStandardErrorFollowTheMultinomialVariance() {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; Var = (0.5 + 0.2 - 0.3^2) / 100 = 0.0061.
    let tally = NPSTally(promoters: 50, passives: 30, detractors: 20)
    #expect(abs(tally.netPromoterScore - 30) < 1e-12)
    #expect(abs(tally.standardError - 100 * 0.0061.squareRoot()) < 1e-12)
  }

  /// The adjusted Wald interval (3/4 pseudo-answer to promoters and to detractors, n + 3),
  /// against values computed once in Python (statistics.NormalDist, z = 1.959963984540054);
  /// tolerance 1e-9 on the -100...100 scale.
  @Test(arguments: [
    (50, 30, 20, 30.0, 14.0511301788, 44.2012970057),
    (0, 1, 0, 0.0, -60.0113959544, 60.0113959544),
    (50, 0, 0, 100.0, 86.6443212920, 100.0),
    (0, 0, 50, -100.0, -100.0, -86.6443212920),
    (1, 0, 0, 100.0, -48.4986494203, 100.0),
  ])
  func intervalIsTheAdjustedWaldClampedAndContainingTheScore(
    promoters: Int, passives: Int, detractors: Int, score: Double, lower: Double, upper: Double
  ) {
    let interval = NPSTally(promoters: promoters, passives: passives, detractors: detractors).confidenceInterval()
    #expect(interval.estimate == score)
    #expect(abs(interval.lower - lower) < 1e-9, "\(interval)")
    #expect(abs(interval.upper - upper) < 1e-9, "\(interval)")
  }

  /// One answer, or every answer in one category, leaves the NPS uncertain: the interval keeps a
  /// width (a Wald interval was "0 to 0" for one passive and "100 to 100" for fifty 10s).
  @Test func intervalKeepsItsWidthAtTheBoundaries() {
    for tally in [
      NPSTally(promoters: 0, passives: 1, detractors: 0), NPSTally(promoters: 50, passives: 0, detractors: 0),
      NPSTally(promoters: 0, passives: 0, detractors: 50), NPSTally(promoters: 0, passives: 400, detractors: 0),
    ] {
      let interval = tally.confidenceInterval()
      #expect(interval.upper - interval.lower > 1, "\(tally): \(interval)")
      #expect(interval.lower >= -100 && interval.upper <= 100, "\(tally): \(interval)")
      #expect(interval.lower <= interval.estimate && interval.estimate <= interval.upper, "\(tally): \(interval)")
    }
    #expect(NPSTally().confidenceInterval().lower.isNaN)
  }

  /// Property: every interval lies in -100...100 and contains the reported score.
  @Test func everyIntervalIsBoundedAndContainsTheScore() {
    for promoters in 0...12 {
      for passives in 0...12 {
        for detractors in 0...12 where promoters + passives + detractors > 0 {
          let tally = NPSTally(promoters: promoters, passives: passives, detractors: detractors)
          let interval = tally.confidenceInterval(confidence: 0.9)
          #expect(interval.lower >= -100 && interval.upper <= 100 && interval.lower < interval.upper, "\(tally)")
          #expect(interval.lower <= interval.estimate && interval.estimate <= interval.upper, "\(tally)")
        }
      }
    }
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
    #expect(
      MergeTestSupport.refusal(NPSTally.self, #"{"promoters":1,"passives":2,"detractors":3,"outOfRange":0}"#) == nil)
    let negative = MergeTestSupport.refusal(
      NPSTally.self, #"{"promoters":-1,"passives":2,"detractors":3,"outOfRange":0}"#)
    #expect(negative?.contains("promoters: -1 is not a count") == true, "\(negative ?? "decoded")")
    let huge = MergeTestSupport.refusal(
      NPSTally.self, #"{"promoters":1,"passives":2,"detractors":9223372036854775807,"outOfRange":0}"#)
    #expect(huge?.contains("detractors") == true, "\(huge ?? "decoded")")
  }
}
