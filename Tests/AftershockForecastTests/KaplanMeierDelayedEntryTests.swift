import Testing

@testable import AftershockForecast

/// Reference figures printed by `.venv/bin/python Scripts/km_lifelines.py --entry` (lifelines
/// 0.30.3) for `Tests/Fixtures/forecast-km-entry.csv`, computed once and pinned here. The at-risk
/// column is the risk set the estimate uses (entry < t <= duration): lifelines' event table minus
/// its entrants, except at the first time.
enum LifelinesEntryReference {
  /// lifelines 0.30.3 with `entry=entry_days`, segment `all`: median 700.0; rows (time, at risk, events, S, lower, upper).
  static let allMedian: Double = 700.0
  static let all: [(Double, Int, Int, Double, Double, Double)] = [
    (12, 1, 0, 1.0, 1.0, 1.0),
    (30, 1, 0, 1.0, 1.0, 1.0),
    (108, 2, 0, 1.0, 1.0, 1.0),
    (128, 3, 0, 1.0, 1.0, 1.0),
    (168, 4, 0, 1.0, 1.0, 1.0),
    (204, 5, 0, 1.0, 1.0, 1.0),
    (258, 6, 0, 1.0, 1.0, 1.0),
    (281, 7, 0, 1.0, 1.0, 1.0),
    (316, 8, 0, 1.0, 1.0, 1.0),
    (319, 9, 0, 1.0, 1.0, 1.0),
    (355, 10, 3, 0.6999999999999998, 0.3287165932797348, 0.8919490412248441),
    (365, 8, 2, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (371, 7, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (412, 9, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (420, 8, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (483, 9, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (553, 10, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (559, 11, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (584, 12, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (604, 13, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (658, 12, 0, 0.5249999999999999, 0.21009177547892852, 0.7663507647321471),
    (700, 11, 1, 0.47727272727272724, 0.18939102458116386, 0.7197854025218273),
    (704, 10, 0, 0.47727272727272724, 0.18939102458116386, 0.7197854025218273),
    (716, 11, 0, 0.47727272727272724, 0.18939102458116386, 0.7197854025218273),
    (719, 10, 0, 0.47727272727272724, 0.18939102458116386, 0.7197854025218273),
    (730, 9, 1, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (737, 8, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (755, 9, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (765, 8, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (771, 7, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (779, 6, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (820, 7, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (888, 6, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (953, 7, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (959, 6, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (984, 5, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (1017, 4, 0, 0.4242424242424241, 0.16296021640529101, 0.6668114031934607),
    (1065, 5, 1, 0.33939393939393925, 0.10864888533522753, 0.5909226975239535),
    (1075, 4, 1, 0.25454545454545446, 0.06306677561809972, 0.5079097251736662),
    (1084, 3, 0, 0.25454545454545446, 0.06306677561809972, 0.5079097251736662),
    (1089, 4, 1, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1104, 3, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1137, 2, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1176, 1, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1201, 2, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1288, 3, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1334, 2, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1359, 3, 0, 0.1909090909090909, 0.03882349828755536, 0.42995154338223407),
    (1450, 4, 1, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
    (1479, 3, 0, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
    (1601, 4, 0, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
    (1734, 3, 0, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
    (1759, 2, 0, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
    (1879, 1, 0, 0.1431818181818182, 0.02472799540539033, 0.36021300959649927),
  ]
  /// lifelines 0.30.3 with `entry=entry_days`, segment `enterprise`: median inf; rows (time, at risk, events, S, lower, upper).
  static let enterpriseMedian: Double = .infinity
  static let enterprise: [(Double, Int, Int, Double, Double, Double)] = [
    (30, 1, 0, 1.0, 1.0, 1.0),
    (128, 1, 0, 1.0, 1.0, 1.0),
    (316, 2, 0, 1.0, 1.0, 1.0),
    (319, 3, 0, 1.0, 1.0, 1.0),
    (355, 4, 1, 0.7500000000000001, 0.12794691759514565, 0.9605486422850785),
    (365, 4, 1, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (371, 3, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (420, 4, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (584, 5, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (704, 6, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (716, 7, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (719, 6, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (737, 5, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (755, 6, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (771, 5, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (820, 4, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (888, 3, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (984, 4, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (1104, 3, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (1137, 2, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
    (1288, 1, 0, 0.5625000000000001, 0.09910351883959956, 0.8665716767621626),
  ]
  /// lifelines 0.30.3 with `entry=entry_days`, segment `smb`: median 700.0; rows (time, at risk, events, S, lower, upper).
  static let smbMedian: Double = 700.0
  static let smb: [(Double, Int, Int, Double, Double, Double)] = [
    (12, 1, 0, 1.0, 1.0, 1.0),
    (108, 1, 0, 1.0, 1.0, 1.0),
    (168, 2, 0, 1.0, 1.0, 1.0),
    (204, 3, 0, 1.0, 1.0, 1.0),
    (258, 4, 0, 1.0, 1.0, 1.0),
    (281, 5, 0, 1.0, 1.0, 1.0),
    (355, 6, 2, 0.6666666666666666, 0.19461663680623487, 0.9044341643225163),
    (365, 4, 1, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (371, 4, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (412, 5, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (483, 4, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (553, 5, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (559, 6, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (604, 7, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (658, 6, 0, 0.5000000000000001, 0.11094826035143791, 0.8037092368500569),
    (700, 5, 1, 0.4000000000000001, 0.08374750755842197, 0.7128025589912184),
    (730, 4, 1, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (765, 3, 0, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (779, 2, 0, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (953, 3, 0, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (959, 2, 0, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (1017, 1, 0, 0.3000000000000001, 0.05304275022015132, 0.6104214583573224),
    (1065, 2, 1, 0.15000000000000008, 0.008397910274351966, 0.47096185989583206),
    (1075, 1, 1, 0.0, 0.0, 0.0),
    (1084, 0, 0, 0.0, 0.0, 0.0),
    (1089, 1, 1, 0.0, 0.0, 0.0),
    (1176, 0, 0, 0.0, 0.0, 0.0),
    (1201, 1, 0, 0.0, 0.0, 0.0),
    (1334, 2, 0, 0.0, 0.0, 0.0),
    (1359, 3, 0, 0.0, 0.0, 0.0),
    (1450, 4, 1, 0.0, 0.0, 0.0),
    (1479, 3, 0, 0.0, 0.0, 0.0),
    (1601, 4, 0, 0.0, 0.0, 0.0),
    (1734, 3, 0, 0.0, 0.0, 0.0),
    (1759, 2, 0, 0.0, 0.0, 0.0),
    (1879, 1, 0, 0.0, 0.0, 0.0),
  ]

}

/// Kaplan–Meier with delayed entry (left truncation): a history counts at risk only from its entry.
@Suite struct KaplanMeierDelayedEntryTests {
  private struct Histories {
    var entries: [Double] = []
    var durations: [Double] = []
    var events: [Bool] = []
    var segments: [String] = []
  }

  private func histories() throws -> Histories {
    var result = Histories()
    for row in try FixtureLoader.rows("forecast-km-entry.csv") {
      result.entries.append(Double(row[1])!)
      result.durations.append(Double(row[2])!)
      result.events.append(row[3] == "1")
      result.segments.append(row[4])
    }
    return result
  }

  private func expectMatchesLifelines(
    _ curve: KaplanMeierCurve, _ reference: [(Double, Int, Int, Double, Double, Double)], median: Double
  ) {
    // Measured: 2.2e-16 at most.
    expectCurveMatchesLifelines(curve, reference, median: median, tolerance: 1e-14)
  }

  /// 31 histories seen from tenures 12 to 1,479 days, with entries tied to others' churns (at 355
  /// and 365 the entrants are not yet at risk), one history seen only at its entry (700: never at
  /// risk), and in `smb` a time where nobody is at risk (1,084) after the curve reached 0.
  @Test func delayedEntryMatchesLifelines() throws {
    let data = try histories()
    let curve = try KaplanMeier().fit(durations: data.durations, events: data.events, entries: data.entries)
    expectMatchesLifelines(curve, LifelinesEntryReference.all, median: LifelinesEntryReference.allMedian)
    #expect(curve.count == 31)
    let curves = try KaplanMeier().fitByGroup(
      durations: data.durations, events: data.events, groups: data.segments, entries: data.entries)
    #expect(curves.keys.sorted() == ["enterprise", "smb"])
    expectMatchesLifelines(
      try #require(curves["enterprise"]), LifelinesEntryReference.enterprise,
      median: LifelinesEntryReference.enterpriseMedian)
    // smb's S is 2/3 * 3/4 = 1/2 exactly from 365 to 700: lifelines' median is the first time S
    // drops below 1/2 (its product of exp(log) reads 0.5000000000000001, so 700), this curve's the
    // first time S <= 1/2, as its `medianSurvival` says.
    #expect(LifelinesEntryReference.smbMedian == 700)
    expectMatchesLifelines(try #require(curves["smb"]), LifelinesEntryReference.smb, median: 365)
  }

  /// The same histories all entering at 0 overstate survival: every one counts at risk (and
  /// surviving) at tenures it could not have been seen to churn at. At 700 days: 0.477 with entry, 0.802 without (lifelines too).
  @Test func ignoringEntryOverstatesSurvival() throws {
    let data = try histories()
    let truncated = try KaplanMeier().fit(durations: data.durations, events: data.events, entries: data.entries)
    let naive = try KaplanMeier().fit(durations: data.durations, events: data.events)
    #expect(abs(truncated.survival(at: 700) - 0.47727272727272724) < 1e-12)
    #expect(abs(naive.survival(at: 700) - 0.8022440392706874) < 1e-12)
  }

  /// By hand: A enters at 0 and churns at 10, B enters at 5 and churns at 20, C enters at 12
  /// and is censored at 30, D enters at 10 (as A churns: not at risk then) and churns at 25, E
  /// enters at 0 and is censored at 8. At 10 the risk set is {A, B}: S = 1/2; at 20 {B, C, D}:
  /// S = 1/2 * 2/3 = 1/3; at 25 {C, D}: S = 1/6. Greenwood's sum: 1/(2*1), + 1/(3*2), + 1/(2*1).
  /// lifelines gives the same, with bounds (0.005983, 0.910410) at 10. Without entries the risk
  /// set at 10 is {A, B, C, D} and S = 3/4.
  @Test func handComputedRiskSets() throws {
    let durations: [Double] = [10, 20, 30, 25, 8]
    let events = [true, true, false, true, false]
    let entries: [Double] = [0, 5, 12, 10, 0]
    let curve = try KaplanMeier().fit(durations: durations, events: events, entries: entries)
    #expect(curve.times == [0, 5, 8, 10, 12, 20, 25, 30])
    #expect(curve.atRisk == [2, 2, 3, 2, 2, 3, 2, 1])
    #expect(curve.events == [0, 0, 0, 1, 0, 1, 1, 0])
    #expect(curve.censored == [0, 0, 1, 0, 0, 0, 0, 1])
    let expected = [1, 1, 1, 0.5, 0.5, 1.0 / 3, 1.0 / 6, 1.0 / 6]
    for (value, wanted) in zip(curve.survival, expected) { #expect(abs(value - wanted) < 1e-12) }
    #expect(abs(curve.greenwoodSum(at: 26) - (0.5 + 1.0 / 6 + 0.5)) < 1e-12)
    #expect(curve.stringRows[3] == ["10", "2", "1", "0", "0.500000", "0.005983", "0.910410"])
    #expect(curve.count == 5)
    let naive = try KaplanMeier().fit(durations: durations, events: events)
    #expect(naive.survival(at: 10) == 0.75)
  }

  /// Entries all after 0: the curve starts at the earliest entry with S = 1 (lifelines' timeline
  /// does too, predicting NaN before it); `survival(at:)` reads 1 before it, a value conditional
  /// on surviving to that entry. The histories entering at that first time are at risk at it, as
  /// in lifelines (the first period's entrants come before its churns).
  @Test func curveStartsAtTheFirstEntryWhoseEntrantsAreAtRisk() throws {
    let curve = try KaplanMeier().fit(durations: [5, 9, 9], events: [true, true, false], entries: [5, 5, 7])
    #expect(curve.times == [5, 7, 9])
    #expect(curve.atRisk == [2, 1, 2])
    #expect(curve.survival == [0.5, 0.5, 0.25])
    #expect(curve.survival(at: 2) == 1)
    #expect(curve.interval(at: 2).lower == 1)
  }

  /// Nobody at risk between the last exit and the next entry: the curve stays flat there
  /// (lifelines refuses such a fit when the gap is in the first half of its timeline, and fills
  /// it forward later on).
  @Test func aTimeWithNobodyAtRiskLeavesTheCurveFlat() throws {
    let curve = try KaplanMeier().fit(durations: [10, 30, 40], events: [false, true, false], entries: [0, 20, 20])
    #expect(curve.times == [0, 10, 20, 30, 40])
    #expect(curve.atRisk == [1, 1, 0, 2, 1])
    #expect(curve.survival == [1, 1, 1, 0.5, 0.5])
  }

  /// Entries of 0 are the curve without entries, churns at time 0 included.
  @Test func zeroEntriesAreTheCurveWithoutEntries() throws {
    let durations: [Double] = [0, 0, 4, 7, 7, 12]
    let events = [true, false, true, true, false, false]
    let zeros = try KaplanMeier().fit(
      durations: durations, events: events, entries: [Double](repeating: 0, count: durations.count))
    let none = try KaplanMeier().fit(durations: durations, events: events)
    #expect(zeros == none)
    #expect(none.atRisk.first == 6 && abs(none.survival[0] - 5.0 / 6) < 1e-12)
  }

  @Test func entriesThatCannotBeAtRiskAreRejected() {
    #expect(throws: ForecastError.mismatchedLengths(what: "entry times", expected: 2, actual: 1)) {
      try KaplanMeier().fit(durations: [1, 2], events: [true, true], entries: [0])
    }
    #expect(throws: ForecastError.self) {
      try KaplanMeier().fit(durations: [5, 2], events: [true, false], entries: [0, 3])
    }
    // A churn at its own entry time, after the first time, was never at risk.
    #expect(throws: ForecastError.self) {
      try KaplanMeier().fit(durations: [5, 8], events: [false, true], entries: [0, 8])
    }
    #expect(throws: ForecastError.self) {
      try KaplanMeier().fit(durations: [5], events: [false], entries: [-1])
    }
  }
}
