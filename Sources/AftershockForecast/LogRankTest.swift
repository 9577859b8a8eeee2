/// The two-sample log-rank (Mantel-Cox) test of equal survival, as lifelines' `logrank_test`.
public struct LogRankTest: Sendable, Equatable, Codable {
  /// Chi-square statistic with one degree of freedom: (O1 - E1)^2 / V.
  public let statistic: Double
  /// P(chi-square(1) > statistic).
  public let pValue: Double
  /// Events observed in the first group.
  public let observedFirst: Int
  /// Events expected in the first group under equal survival.
  public let expectedFirst: Double
  /// Events observed in the second group.
  public let observedSecond: Int
  /// Events expected in the second group under equal survival.
  public let expectedSecond: Double
  /// Hypergeometric variance of O1 - E1.
  public let variance: Double

  /// Degrees of freedom (two groups).
  public var degreesOfFreedom: Int { 1 }

  /// Compares two labelled groups within one set of histories (e.g. `voucher_10` vs `service_credit`).
  /// - Throws: `ForecastError` for mismatched lengths or a group with no histories.
  public static func compare(
    durations: [Double], events: [Bool], groups: [String], first: String, second: String
  ) throws -> LogRankTest {
    guard events.count == durations.count else {
      throw ForecastError.mismatchedLengths(what: "event flags", expected: durations.count, actual: events.count)
    }
    guard groups.count == durations.count else {
      throw ForecastError.mismatchedLengths(what: "group labels", expected: durations.count, actual: groups.count)
    }
    let firstIndices = groups.indices.filter { groups[$0] == first }
    let secondIndices = groups.indices.filter { groups[$0] == second }
    guard !firstIndices.isEmpty else { throw ForecastError.emptyInput(what: "histories in group \(first)") }
    guard !secondIndices.isEmpty else { throw ForecastError.emptyInput(what: "histories in group \(second)") }
    return try compare(
      durationsFirst: firstIndices.map { durations[$0] }, eventsFirst: firstIndices.map { events[$0] },
      durationsSecond: secondIndices.map { durations[$0] }, eventsSecond: secondIndices.map { events[$0] })
  }

  /// Compares two groups' (duration, event) histories.
  /// - Throws: `ForecastError` for empty or mismatched inputs.
  public static func compare(
    durationsFirst: [Double], eventsFirst: [Bool], durationsSecond: [Double], eventsSecond: [Bool]
  ) throws -> LogRankTest {
    guard !durationsFirst.isEmpty else { throw ForecastError.emptyInput(what: "histories in the first log-rank group") }
    guard !durationsSecond.isEmpty else {
      throw ForecastError.emptyInput(what: "histories in the second log-rank group")
    }
    guard eventsFirst.count == durationsFirst.count else {
      throw ForecastError.mismatchedLengths(
        what: "first group's event flags", expected: durationsFirst.count, actual: eventsFirst.count)
    }
    guard eventsSecond.count == durationsSecond.count else {
      throw ForecastError.mismatchedLengths(
        what: "second group's event flags", expected: durationsSecond.count, actual: eventsSecond.count)
    }
    // Pool (time, group, event), sorted by time; walk distinct times.
    var pooled: [(time: Double, isFirst: Bool, event: Bool)] = []
    pooled.reserveCapacity(durationsFirst.count + durationsSecond.count)
    for index in durationsFirst.indices { pooled.append((durationsFirst[index], true, eventsFirst[index])) }
    for index in durationsSecond.indices { pooled.append((durationsSecond[index], false, eventsSecond[index])) }
    for (index, entry) in pooled.enumerated() where !(entry.time.isFinite && entry.time >= 0) {
      throw ForecastError.invalidValue(
        field: "duration", index: index, value: "\(entry.time)", expected: "a finite duration >= 0")
    }
    pooled.sort { $0.time < $1.time }
    var atRiskFirst = durationsFirst.count
    var atRiskSecond = durationsSecond.count
    var observedFirst = 0
    var observedSecond = 0
    var expectedFirst = 0.0
    var expectedSecond = 0.0
    var variance = 0.0
    var position = 0
    while position < pooled.count {
      let time = pooled[position].time
      var diedFirst = 0
      var diedSecond = 0
      var leftFirst = 0
      var leftSecond = 0
      while position < pooled.count && pooled[position].time == time {
        let entry = pooled[position]
        if entry.isFirst {
          if entry.event { diedFirst += 1 } else { leftFirst += 1 }
        } else {
          if entry.event { diedSecond += 1 } else { leftSecond += 1 }
        }
        position += 1
      }
      let died = Double(diedFirst + diedSecond)
      let atRisk = Double(atRiskFirst + atRiskSecond)
      if died > 0 {
        let shareFirst = Double(atRiskFirst) / atRisk
        expectedFirst += died * shareFirst
        expectedSecond += died * (1 - shareFirst)
        if atRisk > 1 { variance += died * shareFirst * (1 - shareFirst) * (atRisk - died) / (atRisk - 1) }
      }
      observedFirst += diedFirst
      observedSecond += diedSecond
      atRiskFirst -= diedFirst + leftFirst
      atRiskSecond -= diedSecond + leftSecond
    }
    let difference = Double(observedFirst) - expectedFirst
    let statistic = variance > 0 ? difference * difference / variance : 0
    return LogRankTest(
      statistic: statistic, pValue: ChiSquareDistribution.survival(statistic, degreesOfFreedom: 1),
      observedFirst: observedFirst, expectedFirst: expectedFirst, observedSecond: observedSecond,
      expectedSecond: expectedSecond, variance: variance)
  }
}
