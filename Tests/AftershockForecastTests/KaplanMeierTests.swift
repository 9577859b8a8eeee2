import Testing

@testable import AftershockForecast

/// Reference figures printed by `.venv/bin/python Scripts/km_lifelines.py` (lifelines 0.30.3) for
/// `Tests/Fixtures/forecast-km-accounts.csv`, computed once and pinned here.
enum LifelinesReference {
  /// lifelines 0.30.3, group `all`: median 135.0; rows (time, at risk, events, S, lower, upper).
  static let allMedian = 135.0
  static let all: [(Double, Int, Int, Double, Double, Double)] = [
    (0, 48, 0, 1.0, 1.0, 1.0),
    (3, 48, 0, 1.0, 1.0, 1.0),
    (29, 47, 0, 1.0, 1.0, 1.0),
    (30, 46, 2, 0.9565217391304346, 0.8371450668960565, 0.9889455415610621),
    (43, 44, 1, 0.9347826086956521, 0.8112725506039979, 0.9784881592497442),
    (45, 43, 3, 0.8695652173913042, 0.732497098138973, 0.9391794974987381),
    (55, 39, 1, 0.8472686733556298, 0.706078169745912, 0.9241074224031608),
    (59, 38, 1, 0.8249721293199553, 0.6802504436305719, 0.9083892844623166),
    (60, 37, 2, 0.7803790412486064, 0.6301161767382681, 0.8753406200782786),
    (75, 35, 5, 0.6688963210702342, 0.511849545719215, 0.7854874991438472),
    (78, 28, 0, 0.6688963210702342, 0.511849545719215, 0.7854874991438472),
    (82, 27, 1, 0.6441223832528181, 0.485717291056236, 0.7649584966515867),
    (90, 26, 3, 0.5698005698005698, 0.41040460514453475, 0.7010128230871342),
    (120, 23, 1, 0.5450266319831538, 0.38622899572907327, 0.6789555305768129),
    (127, 22, 1, 0.5202526941657377, 0.36248571408012303, 0.6565412176930869),
    (135, 21, 1, 0.4954787563483215, 0.3391635241888958, 0.6337741860672265),
    (138, 19, 1, 0.4694009270668309, 0.3146398444934555, 0.6097791681915967),
    (148, 18, 1, 0.4433230977853404, 0.29063999831215365, 0.5853717246483241),
    (150, 17, 1, 0.41724526850384974, 0.26715776158636223, 0.5605492629173655),
    (164, 16, 0, 0.41724526850384974, 0.26715776158636223, 0.5605492629173655),
    (165, 15, 2, 0.3616125660366698, 0.21781669086361147, 0.5071923640283389),
    (175, 13, 1, 0.3337962148030798, 0.19419862174693434, 0.4797016516797655),
    (221, 12, 0, 0.3337962148030798, 0.19419862174693434, 0.4797016516797655),
    (240, 11, 0, 0.3337962148030798, 0.19419862174693434, 0.4797016516797655),
    (270, 10, 1, 0.3004165933227718, 0.16498155493557148, 0.4481650360310067),
    (300, 9, 0, 0.3004165933227718, 0.16498155493557148, 0.4481650360310067),
    (315, 8, 1, 0.26286451915742537, 0.13263758258940345, 0.4132481438297254),
    (330, 6, 1, 0.21905376596452114, 0.09611205390307968, 0.3736709207781931),
    (349, 5, 1, 0.1752430127716169, 0.0644202516374605, 0.33086865975714463),
    (360, 4, 2, 0.08762150638580844, 0.016844137216552427, 0.23419934490602493),
    (365, 2, 0, 0.08762150638580844, 0.016844137216552427, 0.23419934490602493),
  ]
  /// lifelines 0.30.3, group `service_credit`: median 148.0; rows (time, at risk, events, S, lower, upper).
  static let serviceCreditMedian = 148.0
  static let serviceCredit: [(Double, Int, Int, Double, Double, Double)] = [
    (0, 24, 0, 1.0, 1.0, 1.0),
    (3, 24, 0, 1.0, 1.0, 1.0),
    (30, 23, 1, 0.956521739130435, 0.7293386145341338, 0.9937589366187528),
    (43, 22, 1, 0.9130434782608696, 0.6949475375320585, 0.9775156699007136),
    (45, 21, 2, 0.826086956521739, 0.6006104112371988, 0.9309035583871154),
    (55, 19, 1, 0.7826086956521738, 0.5542115066687284, 0.9032074898818869),
    (60, 18, 1, 0.7391304347826088, 0.5092094387542186, 0.8733757816976766),
    (75, 17, 1, 0.6956521739130435, 0.4656417497620039, 0.8417212913917631),
    (82, 14, 1, 0.6459627329192548, 0.4139529507171171, 0.8053077644820787),
    (90, 13, 1, 0.596273291925466, 0.3652997891725849, 0.7668385985086412),
    (135, 12, 1, 0.5465838509316772, 0.31925041397118686, 0.7264491738206338),
    (148, 10, 1, 0.49192546583850943, 0.2690954699356883, 0.6815385687122804),
    (165, 9, 1, 0.43726708074534154, 0.22249085964624, 0.6342484477134722),
    (175, 8, 1, 0.3826086956521739, 0.17921330186908907, 0.5845578551164227),
    (240, 7, 0, 0.3826086956521739, 0.17921330186908907, 0.5845578551164227),
    (300, 6, 0, 0.3826086956521739, 0.17921330186908907, 0.5845578551164227),
    (330, 5, 1, 0.3060869565217391, 0.11564464028354306, 0.5221947316649891),
    (360, 4, 2, 0.1530434782608696, 0.02795992946996733, 0.37344699527799524),
    (365, 2, 0, 0.1530434782608696, 0.02795992946996733, 0.37344699527799524),
  ]
  /// lifelines 0.30.3, group `voucher_10`: median 120.0; rows (time, at risk, events, S, lower, upper).
  static let voucherMedian = 120.0
  static let voucher: [(Double, Int, Int, Double, Double, Double)] = [
    (0, 24, 0, 1.0, 1.0, 1.0),
    (29, 24, 0, 1.0, 1.0, 1.0),
    (30, 23, 1, 0.956521739130435, 0.7293386145341338, 0.9937589366187528),
    (45, 22, 1, 0.9130434782608696, 0.6949475375320585, 0.9775156699007136),
    (59, 20, 1, 0.8673913043478261, 0.642710088713538, 0.9552482609571828),
    (60, 19, 1, 0.8217391304347826, 0.5917336879636097, 0.9291697513009318),
    (75, 18, 4, 0.6391304347826087, 0.40593666002962153, 0.800700691922929),
    (78, 14, 0, 0.6391304347826087, 0.40593666002962153, 0.800700691922929),
    (90, 13, 2, 0.5408026755852843, 0.3138123410874199, 0.7217827135726994),
    (120, 11, 1, 0.49163879598662213, 0.27111284820584025, 0.679613972533317),
    (127, 10, 1, 0.44247491638795994, 0.2305222573920004, 0.6356770105300409),
    (138, 9, 1, 0.3933110367892976, 0.1920392010900802, 0.5899449560637421),
    (150, 8, 1, 0.34414715719063543, 0.15573199103780175, 0.5423433506006979),
    (164, 7, 0, 0.34414715719063543, 0.15573199103780175, 0.5423433506006979),
    (165, 6, 1, 0.28678929765886285, 0.11366741064876291, 0.4880085074644325),
    (221, 5, 0, 0.28678929765886285, 0.11366741064876291, 0.4880085074644325),
    (270, 4, 1, 0.21509197324414714, 0.06393488483975061, 0.4236995860995508),
    (315, 3, 1, 0.1433946488294314, 0.027253215430447314, 0.3509833369588907),
    (349, 1, 1, 0.0, 0.0, 0.0),
  ]
  /// lifelines `logrank_test(service_credit, voucher_10)`.
  static let logRankStatistic = 1.4402607213368284
  static let logRankPValue = 0.2300971547294404
}

@Suite struct KaplanMeierTests {
  private struct Histories {
    var durations: [Double] = []
    var events: [Bool] = []
    var offers: [String] = []
  }

  private func histories() throws -> Histories {
    var result = Histories()
    for row in try FixtureLoader.rows("forecast-km-accounts.csv") {
      result.durations.append(Double(row[1])!)
      result.events.append(row[2] == "1")
      result.offers.append(row[3])
    }
    return result
  }

  private func expectMatchesLifelines(
    _ curve: KaplanMeierCurve, _ reference: [(Double, Int, Int, Double, Double, Double)], median: Double
  ) {
    expectCurveMatchesLifelines(curve, reference, median: median, tolerance: 1e-6)
  }

  @Test func survivalAndLogLogBoundsMatchLifelines() throws {
    let data = try histories()
    let curve = try KaplanMeier().fit(durations: data.durations, events: data.events)
    expectMatchesLifelines(curve, LifelinesReference.all, median: LifelinesReference.allMedian)
  }

  @Test func curvesByGroupMatchLifelines() throws {
    let data = try histories()
    let curves = try KaplanMeier().fitByGroup(durations: data.durations, events: data.events, groups: data.offers)
    #expect(curves.keys.sorted() == ["service_credit", "voucher_10"])
    expectMatchesLifelines(
      try #require(curves["service_credit"]), LifelinesReference.serviceCredit,
      median: LifelinesReference.serviceCreditMedian)
    expectMatchesLifelines(
      try #require(curves["voucher_10"]), LifelinesReference.voucher,
      median: LifelinesReference.voucherMedian)
  }

  @Test func logRankMatchesLifelines() throws {
    let data = try histories()
    let test = try LogRankTest.compare(
      durations: data.durations, events: data.events, groups: data.offers, first: "service_credit", second: "voucher_10"
    )
    #expect(abs(test.statistic - LifelinesReference.logRankStatistic) < 1e-6, "statistic \(test.statistic)")
    #expect(abs(test.pValue - LifelinesReference.logRankPValue) < 1e-6, "p \(test.pValue)")
    #expect(abs(Double(test.observedFirst + test.observedSecond) - (test.expectedFirst + test.expectedSecond)) < 1e-9)
  }

  @Test func stepFunctionHoldsBetweenTimesAndMedianIsInfiniteWhenNeverReached() throws {
    let curve = try KaplanMeier().fit(durations: [10, 20, 30, 40], events: [true, false, false, false])
    #expect(curve.survival(at: 5) == 1)
    #expect(curve.survival(at: 15) == 0.75)
    #expect(curve.survival(at: 1_000) == 0.75)
    #expect(curve.medianSurvival == .infinity)
    // lifelines: KaplanMeierFitter().fit([10, 20, 30, 40], [1, 0, 0, 0]) gives 0.12794692, 0.96054864 at 10.
    #expect(curve.stringRows[1] == ["10", "4", "1", "0", "0.750000", "0.127947", "0.960549"])
  }

  @Test func mismatchedEventFlagsAreRejected() {
    #expect(throws: ForecastError.mismatchedLengths(what: "event flags", expected: 2, actual: 1)) {
      try KaplanMeier().fit(durations: [1, 2], events: [true])
    }
  }

  @Test func chiSquareTailMatchesKnownQuantiles() {
    // 3.841458820694124 is the 95% quantile of chi-square(1); 5.991464547107979 of chi-square(2).
    #expect(abs(ChiSquareDistribution.survival(3.841458820694124, degreesOfFreedom: 1) - 0.05) < 1e-12)
    #expect(abs(ChiSquareDistribution.survival(5.991464547107979, degreesOfFreedom: 2) - 0.05) < 1e-12)
    #expect(abs(ChiSquareDistribution.survival(11.070497693516351, degreesOfFreedom: 5) - 0.05) < 1e-10)
    #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
  }
}
