import Foundation
import Testing

@testable import AftershockForecast

@Suite struct RetentionForecasterTests {
  private func accounts(_ count: Int, seed: UInt64) -> [ForecastAccount] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { index in
      let u = generator.nextUnit()
      let arr = 5_000 * exp(1.2 * NormalDistribution.quantile(0.001 + 0.998 * generator.nextUnit()))
      return ForecastAccount(
        accountID: "A\(index)", segment: ["enterprise", "smb"][index % 2], arr: arr,
        churnProbability: 0.02 + 0.5 * u * u, daysToRenewal: Int(generator.next() % 400))
    }
  }

  /// Coverage by simulation: draw outcomes from the known probabilities; the 90% intervals must
  /// cover close to 90% of realisations (count: >= 90% by construction of discrete quantiles).
  @Test(arguments: [(150, false), (1_500, true)])
  func ninetyPercentIntervalsCoverNinetyPercentOfRealisations(size: Int, approximate: Bool) throws {
    let seed: UInt64 = 42
    let book = accounts(size, seed: seed)
    var forecaster = RetentionForecaster(horizons: [365], timing: .constantHazard(referenceDays: 365))
    if approximate {
      forecaster.exactCountLimit = 0
      forecaster.monteCarloBudget = 0
    }
    let forecast = try forecaster.forecast(book)
    let row = try #require(forecast.row(segment: "all", horizonDays: 365))
    #expect(row.arrIntervalMethod == (approximate ? "normal" : "monte_carlo"))
    var generator = SeededGenerator(seed: seed &+ 1)
    let realisations = 2_000
    var countCovered = 0
    var arrCovered = 0
    for _ in 0..<realisations {
      var retained = 0
      var retainedARR = 0.0
      for account in book where generator.nextUnit() >= account.churnProbability {
        retained += 1
        retainedARR += account.arr
      }
      if retained >= row.retainedLow && retained <= row.retainedHigh { countCovered += 1 }
      if retainedARR >= row.arrLow && retainedARR <= row.arrHigh { arrCovered += 1 }
    }
    let countCoverage = Double(countCovered) / Double(realisations)
    let arrCoverage = Double(arrCovered) / Double(realisations)
    #expect(countCoverage >= 0.875 && countCoverage <= 0.96, "seed \(seed) n \(size): count coverage \(countCoverage)")
    #expect(arrCoverage >= 0.87 && arrCoverage <= 0.94, "seed \(seed) n \(size): ARR coverage \(arrCoverage)")
    let expected = book.reduce(0.0) { $0 + 1 - $1.churnProbability }
    #expect(abs(row.expectedRetained - expected) < 1e-9)
  }

  @Test func exactCountDistributionMatchesEnumeration() {
    let probabilities = [0.1, 0.5, 0.9, 0.3, 0.7]
    let distribution = PoissonBinomial(probabilities: probabilities, exactLimit: 100)
    var masses = [Double](repeating: 0, count: 6)
    for mask in 0..<32 {
      var mass = 1.0
      for (bit, p) in probabilities.enumerated() { mass *= (mask >> bit) & 1 == 1 ? p : 1 - p }
      masses[mask.nonzeroBitCount] += mass
    }
    for k in 0...5 { #expect(abs(distribution.masses[k] - masses[k]) < 1e-15) }
  }

  @Test func renewalAfterTheHorizonCannotChurnBeforeIt() throws {
    let book = [
      ForecastAccount(accountID: "soon", segment: "smb", arr: 1_000, churnProbability: 0.4, daysToRenewal: 20),
      ForecastAccount(accountID: "later", segment: "smb", arr: 9_000, churnProbability: 0.9, daysToRenewal: 200),
    ]
    let forecast = try RetentionForecaster(horizons: [30, 365]).forecast(book)
    let month = try #require(forecast.row(segment: "smb", horizonDays: 30))
    #expect(abs(month.expectedRetained - 1.6) < 1e-12)
    #expect(abs(month.arrAtRisk - 400) < 1e-9)
    let year = try #require(forecast.row(segment: "all", horizonDays: 365))
    #expect(abs(year.arrAtRisk - (400 + 8_100)) < 1e-9)
    #expect(forecast.topAccountsAtRisk(horizonDays: 30, limit: 1).first?.accountID == "soon")
    #expect(forecast.topAccountsAtRisk(horizonDays: 365, limit: 1).first?.accountID == "later")
    let table = forecast.topAccountsTable(horizonDays: 30)
    #expect(table.header == ["account_id", "segment", "arr", "churn_probability_30d", "arr_at_risk"])
    #expect(
      table.rows == [["soon", "smb", "1000.00", "0.4000", "400.00"], ["later", "smb", "9000.00", "0.0000", "0.00"]])
  }

  /// Churn that comes before the renewal date by a notice lead drawn from settled churns (here
  /// 0, 10, 20 or 30 days, equally often): a renewal 40 days ahead can be gone by day 30 when its
  /// lead is 10 days or more; one 20 days ahead has outlived half its possible leads (20 and 30
  /// days), so its chance to churn at all is p·½ / (1 − p·½); one already due and still open is
  /// a pending decision, p. With every churn on its renewal date it is `atRenewal`.
  @Test func churnBeforeTheRenewalDateByTheNoticeLead() throws {
    let notice = try #require(NoticeLead(leadDays: [0, 10, 20, 30, 0, 10, 20, 30]))
    #expect(notice.churns == 8 && notice.medianDays == 10)
    #expect(notice.shareAtLeast(0) == 1 && notice.shareAtLeast(10) == 0.75 && notice.shareAtLeast(31) == 0)
    #expect(NoticeLead(leadDays: []) == nil)
    // As the run's history keeps it: read back, the same distribution.
    let stored = try JSONDecoder().decode(NoticeLead.self, from: JSONEncoder().encode(notice))
    #expect(stored == notice && stored.shareAtLeast(10) == 0.75)
    // Leads of up to 30 days seen over 120 days of churns are the whole story; up to 6 days over a
    // week, maybe not.
    var seen = notice
    seen.observableDays = 120
    #expect(!seen.mayBeCutShort && !notice.mayBeCutShort)
    var early = try #require(NoticeLead(leadDays: [0, 3, 6]))
    early.observableDays = 7
    #expect(early.mayBeCutShort)
    #expect(NoticeLead(leadDays: [-5, 400])?.counts.count == NoticeLead.longestLead + 1)
    let timing = ChurnTiming.beforeRenewal(termDays: 365, notice: notice)
    let p = 0.4
    // 40 days ahead, nothing ruled out yet: gone by day 30 with a lead of 10 days or more.
    #expect(abs(timing.churnProbability(p, daysToRenewal: 40, horizonDays: 30) - p * 0.75) < 1e-12)
    #expect(abs(timing.churnProbability(p, daysToRenewal: 40, horizonDays: 60) - p) < 1e-12)
    #expect(timing.churnProbability(p, daysToRenewal: 80, horizonDays: 30) == 0)
    // 20 days ahead: leads of 20 and 30 days ruled out (it is still here).
    let outlived = p * 0.5 / (1 - p * 0.5)
    #expect(abs(timing.churnProbability(p, daysToRenewal: 20, horizonDays: 30) - outlived) < 1e-12)
    // By day 15 with a lead of 5 to 19 days (10), by day 5 with 15 to 19 (none).
    #expect(abs(timing.churnProbability(p, daysToRenewal: 20, horizonDays: 15) - p * 0.25 / (1 - p * 0.5)) < 1e-12)
    #expect(timing.churnProbability(p, daysToRenewal: 20, horizonDays: 5) == 0)
    #expect(abs(timing.churnProbability(p, daysToRenewal: 0, horizonDays: 30) - p) < 1e-12)
    // The next year's renewal (day 385) is reached by day 365 with a lead of 20 days or more.
    let twice = 1 - (1 - outlived) * (1 - p * 0.5)
    #expect(abs(timing.churnProbability(p, daysToRenewal: 20, horizonDays: 365) - twice) < 1e-12)
    let onTheDay = ChurnTiming.beforeRenewal(termDays: 365, notice: try #require(NoticeLead(leadDays: [0, 0])))
    for (days, horizon) in [(40, 30), (20, 30), (0, 30), (200, 365), (20, 400)] {
      #expect(
        onTheDay.churnProbability(p, daysToRenewal: days, horizonDays: horizon)
          == ChurnTiming.atRenewal(termDays: 365).churnProbability(p, daysToRenewal: days, horizonDays: horizon))
    }
  }

  /// The risk an account manager is shown: the chance to churn at the next renewal given the
  /// account has not left yet. With leads of 0, 10, 20 and 30 days, an account 20 days from its
  /// renewal has outlived half the churns: a model's 0.4 is 0.25. Far from the renewal, at it, or
  /// without a renewal date, the model's probability stands; so under every other timing.
  @Test func pendingRiskIsTheModelsGivenTheAccountHasNotLeftYet() throws {
    let notice = try #require(NoticeLead(leadDays: [0, 10, 20, 30]))
    let timing = ChurnTiming.beforeRenewal(termDays: 365, notice: notice)
    #expect(abs(timing.pendingChurnProbability(0.4, daysToRenewal: 20) - 0.25) < 1e-12)
    // It is the forecast's own reading of the same renewal (a horizon that reaches it, not the next).
    #expect(
      abs(
        timing.pendingChurnProbability(0.4, daysToRenewal: 20)
          - timing.churnProbability(0.4, daysToRenewal: 20, horizonDays: 30)) < 1e-12)
    // Within a day of the renewal, only the churns on the day itself remain: 0.4·¼ / (1 − 0.4·¾).
    #expect(abs(timing.pendingChurnProbability(0.4, daysToRenewal: 1) - 0.1 / 0.7) < 1e-12)
    for days in [nil, -3, 0, 31, 200] {
      #expect(timing.pendingChurnProbability(0.4, daysToRenewal: days) == 0.4)
    }
    #expect(timing.pendingChurnProbability(1, daysToRenewal: 20) == 1)
    #expect(timing.pendingChurnProbability(0, daysToRenewal: 20) == 0)
    // Lower risk, never a different order between two accounts renewing the same day.
    let pending = [0.05, 0.2, 0.5, 0.9].map { timing.pendingChurnProbability($0, daysToRenewal: 15) }
    #expect(pending == pending.sorted() && zip(pending, [0.05, 0.2, 0.5, 0.9]).allSatisfy { $0 < $1 })
    #expect(ChurnTiming.atRenewal(termDays: 365).pendingChurnProbability(0.4, daysToRenewal: 20) == 0.4)
    #expect(ChurnTiming.constantHazard(referenceDays: 365).pendingChurnProbability(0.4, daysToRenewal: 20) == 0.4)
  }

  @Test func survivalShapeKeepsTheReferenceProbabilityAndSpreadsIt() throws {
    let shape = try SurvivalShape(times: [0, 90, 180, 365], survival: [1, 0.9, 0.85, 0.8])
    let timing = ChurnTiming.survivalShape(shape, referenceDays: 365)
    #expect(abs(timing.churnProbability(0.3, daysToRenewal: nil, horizonDays: 365) - 0.3) < 1e-12)
    let early = timing.churnProbability(0.3, daysToRenewal: nil, horizonDays: 90)
    #expect(early > 0 && early < 0.3)
    #expect(timing.churnProbability(0.3, daysToRenewal: nil, horizonDays: 30) == 0)
  }

  @Test func tableHasTheForecastCSVColumnsAndOneRowPerSegmentAndHorizon() throws {
    let forecast = try RetentionForecaster().forecast(accounts(40, seed: 3))
    #expect(
      forecast.header == [
        "segment", "horizon_days", "accounts", "expected_retained", "low90", "high90", "arr",
        "expected_arr_retained", "arr_low90", "arr_high90", "arr_at_risk",
      ])
    #expect(forecast.stringRows.count == 3 * 4)
    #expect(forecast.stringRows.first?.prefix(3) == ["all", "30", "40"])
    for row in forecast.rows {
      #expect(Double(row.retainedLow) <= row.expectedRetained && row.expectedRetained <= Double(row.retainedHigh))
      #expect(row.arrLow <= row.expectedARRRetained && row.expectedARRRetained <= row.arrHigh)
    }
  }

  @Test func probabilityOutsideTheUnitIntervalIsRejected() {
    let book = [ForecastAccount(accountID: "X", segment: "smb", arr: 1, churnProbability: 1.5)]
    #expect(throws: ForecastError.self) { try RetentionForecaster().forecast(book) }
  }

  /// When the probabilities carry estimation error, the intervals widen by it (counts and ARR,
  /// simulated and approximated), the expected values do not move, and rows without it stay
  /// exactly as they were.
  @Test(arguments: [false, true])
  func modelErrorWidensIntervalsAroundTheSameExpectation(approximate: Bool) throws {
    let book = accounts(600, seed: 7)
    var forecaster = RetentionForecaster(horizons: [365])
    if approximate {
      forecaster.exactCountLimit = 0
      forecaster.monteCarloBudget = 0
    }
    let plain = try forecaster.forecast(book)
    let widened = try forecaster.forecast(book) { indices, _ in
      indices.count == book.count ? (count: 400, arr: 4e12) : (count: 0, arr: 0)
    }
    let before = try #require(plain.row(segment: "all", horizonDays: 365))
    let after = try #require(widened.row(segment: "all", horizonDays: 365))
    #expect(
      after.expectedRetained == before.expectedRetained && after.expectedARRRetained == before.expectedARRRetained)
    #expect(after.retainedLow < before.retainedLow && after.retainedHigh > before.retainedHigh)
    // 400 of variance on top of the outcomes' own: the interval is about ±1.645·√(400 + v) wide.
    let outcomes = book.map { $0.churnProbability * (1 - $0.churnProbability) }.reduce(0, +)
    let expectedHalfWidth = 1.645 * (400 + outcomes).squareRoot()
    #expect(abs(Double(after.retainedHigh - after.retainedLow) / 2 - expectedHalfWidth) < 2, "\(after)")
    #expect(after.arrLow < before.arrLow && after.arrHigh > before.arrHigh)
    for segment in ["enterprise", "smb"] {
      #expect(widened.row(segment: segment, horizonDays: 365) == plain.row(segment: segment, horizonDays: 365))
    }
  }

  /// The same accounts in another order give the same forecast, to the last bit: the run feeds
  /// them in input order and the stored history by risk, and both print the run's forecast.
  @Test(arguments: [false, true])
  func forecastDoesNotDependOnTheOrderOfTheAccounts(withModelError: Bool) throws {
    let book = accounts(300, seed: 11)
    func forecast(_ accounts: [ForecastAccount]) throws -> RetentionForecast {
      // A model variance that sums in the order it is given the indices, as the run's does.
      try RetentionForecaster().forecast(
        accounts,
        modelVariance: withModelError
          ? { indices, _ in
            (
              count: 1e-3 * indices.map { accounts[$0].arr }.reduce(0, +),
              arr: indices.map { accounts[$0].arr * accounts[$0].arr }.reduce(0, +)
            )
          }
          : nil)
    }
    let original = try forecast(book)
    #expect(original.rows.contains { $0.arrIntervalMethod == "monte_carlo" })
    for seed in UInt64(1)...3 {
      var generator = SeededGenerator(seed: seed)
      let shuffled = book.shuffled(using: &generator)
      #expect(try forecast(shuffled).rows == original.rows, "shuffle seed \(seed)")
    }
    let byRisk = book.sorted { $0.churnProbability > $1.churnProbability }
    #expect(try forecast(byRisk).rows == original.rows, "sorted by risk, as the history returns them")
  }

  /// When the chance that anyone churns is below the 5% tail, the quantiles say "all retained"
  /// while the expected value is below it: the printed interval must still contain the estimate.
  @Test func intervalsContainTheirEstimateWhenChurnIsRarerThanTheTail() throws {
    let book =
      [
        ForecastAccount(
          accountID: "risky", segment: "mid_market", arr: 12_925, churnProbability: 0.04, daysToRenewal: 10)
      ]
      + (1...13).map {
        ForecastAccount(
          accountID: "safe\($0)", segment: "mid_market", arr: 20_000, churnProbability: 0, daysToRenewal: 10)
      }
    let row = try #require(
      try RetentionForecaster(horizons: [30]).forecast(book).row(segment: "mid_market", horizonDays: 30))
    #expect(abs(row.expectedRetained - 13.96) < 1e-12)
    #expect(row.retainedLow == 13 && row.retainedHigh == 14, "\(row)")
    #expect(abs(row.arrAtRisk - 517) < 1e-9)
    #expect(row.arrIntervalMethod == "monte_carlo")
    #expect(row.arrLow <= row.expectedARRRetained && row.expectedARRRetained <= row.arrHigh, "\(row)")
    #expect(row.arrLow < row.arr, "an interval cannot say no ARR is at risk when 517 is")
  }

  /// Property: every row's intervals contain its estimates, over small books with rare churn,
  /// exact and approximated, with and without model error.
  @Test func everyIntervalContainsItsEstimate() throws {
    for seed in UInt64(1)...40 {
      var generator = SeededGenerator(seed: seed)
      let size = 1 + Int(generator.next() % 30)
      let book = (0..<size).map { index in
        ForecastAccount(
          accountID: "A\(index)", segment: ["smb", "enterprise", "mid_market"][index % 3],
          arr: 1_000 + 50_000 * generator.nextUnit(),
          churnProbability: 0.08 * generator.nextUnit() * generator.nextUnit(),
          daysToRenewal: Int(generator.next() % 400))
      }
      for variant in 0..<3 {
        var forecaster = RetentionForecaster(horizons: [7, 30, 90, 365, 3650])
        if variant == 1 {
          forecaster.exactCountLimit = 0
          forecaster.monteCarloBudget = 0
        }
        let forecast = try forecaster.forecast(
          book, modelVariance: variant == 2 ? { _, _ in (count: 1e-4, arr: 1) } : nil)
        for row in forecast.rows {
          #expect(
            Double(row.retainedLow) <= row.expectedRetained + 1e-9
              && row.expectedRetained <= Double(row.retainedHigh) + 1e-9,
            "seed \(seed) variant \(variant): \(row)")
          #expect(
            row.arrLow <= row.expectedARRRetained && row.expectedARRRetained <= row.arrHigh,
            "seed \(seed) variant \(variant): \(row)")
          #expect(row.retainedLow >= 0 && row.retainedHigh <= row.accounts)
        }
      }
    }
  }

  /// A run whose accounts have all churned or renewed has nothing to forecast: no rows, no error.
  @Test func noAccountsGiveNoRows() throws {
    let forecast = try RetentionForecaster().forecast([])
    #expect(forecast.rows.isEmpty)
    #expect(forecast.topAccountsAtRisk(horizonDays: 365).isEmpty)
  }
}
