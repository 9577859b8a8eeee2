import Testing

@testable import AftershockForecast

@Suite struct OfferAnalysisTests {
  /// References: statsmodels 0.15.0 (`Scripts/offer_intervals_statsmodels.py`); 56/70 vs 48/80 is
  /// Newcombe's (1998) worked example, published as 0.0524 to 0.3339. Tolerance 1e-9.
  @Test func wilsonAndNewcombeMatchStatsmodels() {
    let wilson: [(Int, Int, Double, Double)] = [
      (56, 70, 0.6918335550374695, 0.8769526075163705), (81, 263, 0.2552885198782742, 0.36620957698280004),
      (0, 10, 0.0, 0.27753279986288926), (10, 10, 0.7224672001371106, 1.0),
    ]
    for (successes, trials, low, high) in wilson {
      let interval = ProportionInterval.wilson(successes: successes, trials: trials)
      #expect(
        abs(interval.lower - low) < 1e-9 && abs(interval.upper - high) < 1e-9, "\(successes)/\(trials): \(interval)")
    }
    let newcombe: [(Int, Int, Int, Int, Double, Double)] = [
      (56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614), (9, 10, 3, 10, 0.1705227239345029, 0.809017973535488),
      (5, 56, 0, 29, -0.038137147903536936, 0.19256001385511165),
    ]
    for (a, n1, b, n2, low, high) in newcombe {
      let interval = ProportionInterval.newcombeDifference(successes1: a, trials1: n1, successes2: b, trials2: n2)
      #expect(
        abs(interval.lower - low) < 1e-9 && abs(interval.upper - high) < 1e-9, "\(a)/\(n1)-\(b)/\(n2): \(interval)")
    }
  }

  private func outcomes(
    offer: String, segment: String, count: Int, churned: Int, arr: Double = 1_000
  ) -> [OfferOutcome] {
    (0..<count).map { index in
      OfferOutcome(
        accountID: "\(offer)-\(segment)-\(index)", segment: segment, offer: offer, arr: arr, churned: index < churned)
    }
  }

  @Test func balancedLargeGroupsGiveAConclusiveDifference() throws {
    var book: [OfferOutcome] = []
    for segment in ["enterprise", "smb"] {
      book += outcomes(offer: "none", segment: segment, count: 100, churned: 30)
      book += outcomes(offer: "service_credit", segment: segment, count: 100, churned: 10)
    }
    let report = try OfferAnalysis().analyze(book)
    #expect(report.warnings.isEmpty, "\(report.warnings)")
    #expect(report.confounding.cramersV < 1e-12)
    let comparison = try #require(report.comparisons.first)
    #expect(comparison.offer == "service_credit" && comparison.baseline == "none")
    #expect(abs(comparison.difference.estimate - 0.2) < 1e-12)
    #expect(comparison.isConclusive)
    #expect(report.stringRows.map { $0[0] } == ["none", "service_credit"])
    #expect(report.stringRows[1][17] == "yes" && report.stringRows[0][17] == "baseline")
    #expect(report.header.count == report.stringRows[0].count)
  }

  /// Equal ARR makes the ARR-weighted share the plain share; its linearised standard error is
  /// then sqrt(p (1 - p) / (n - 1)).
  @Test func arrWeightedRetentionReducesToThePlainShareForEqualARR() throws {
    let report = try OfferAnalysis().analyze(outcomes(offer: "none", segment: "smb", count: 50, churned: 10))
    let share = try #require(report.groups.first).arrRetention
    #expect(abs(share.estimate - 0.8) < 1e-12)
    let halfWidth = 1.959963984540054 * (0.8 * 0.2 / 49).squareRoot()
    #expect(abs(share.upper - (0.8 + halfWidth)) < 1e-9 && abs(share.lower - (0.8 - halfWidth)) < 1e-9)
  }

  @Test func smallGroupsAndFewEventsAreFlagged() throws {
    var book = outcomes(offer: "none", segment: "smb", count: 200, churned: 60)
    book += outcomes(offer: "extended_service", segment: "smb", count: 12, churned: 0)
    let report = try OfferAnalysis().analyze(book)
    #expect(report.warnings.contains(.smallGroup(offer: "extended_service", accounts: 12, minimum: 30)))
    #expect(report.warnings.contains(.fewEvents(offer: "extended_service", churned: 0, retained: 12, minimum: 5)))
    #expect(report.comparisons.first?.isConclusive == false)
    #expect(
      OfferWarning.smallGroup(offer: "extended_service", accounts: 12, minimum: 30).description
        == "offer extended_service has only 12 accounts (fewer than 30): too small to conclude")
  }

  @Test func offerAlignedWithSegmentIsFlaggedAsConfounded() throws {
    var book = outcomes(offer: "voucher_10", segment: "smb", count: 180, churned: 60)
    book += outcomes(offer: "voucher_10", segment: "enterprise", count: 20, churned: 5)
    book += outcomes(offer: "service_credit", segment: "enterprise", count: 180, churned: 20)
    book += outcomes(offer: "service_credit", segment: "smb", count: 20, churned: 5)
    let report = try OfferAnalysis(baselineOffer: "voucher_10").analyze(book)
    // 2x2 table [[180, 20], [20, 180]]: phi = (180^2 - 20^2) / 200^2 = 0.8.
    #expect(abs(report.confounding.cramersV - 0.8) < 1e-12)
    #expect(report.confounding.pValue < 1e-10)
    #expect(report.warnings.contains(.confounded(cramersV: report.confounding.cramersV, threshold: 0.3)))
    let comparison = try #require(report.comparisons.first)
    #expect(comparison.difference.lower > 0, "the difference itself is clear")
    #expect(!comparison.isConclusive, "but confounded with segment")
  }

  /// Simpson's paradox: each segment retains the same share under both offers, but one offer went
  /// mostly to the segment that churns less. The crude difference is large; the Mantel-Haenszel
  /// difference within segments is 0.
  @Test func segmentAdjustedDifferenceRemovesConfounding() throws {
    var book = outcomes(offer: "voucher_10", segment: "smb", count: 180, churned: 72)
    book += outcomes(offer: "voucher_10", segment: "enterprise", count: 20, churned: 2)
    book += outcomes(offer: "service_credit", segment: "enterprise", count: 180, churned: 18)
    book += outcomes(offer: "service_credit", segment: "smb", count: 20, churned: 8)
    let report = try OfferAnalysis(baselineOffer: "voucher_10").analyze(book)
    let comparison = try #require(report.comparisons.first)
    #expect(abs(comparison.difference.estimate - (0.87 - 0.63)) < 1e-12)
    let adjusted = try #require(comparison.segmentAdjustedDifference)
    #expect(abs(adjusted.estimate) < 1e-12)
    #expect(adjusted.lower < 0 && adjusted.upper > 0)
    #expect(comparison.segmentAdjustedAccounts == 400)
    // Greenland-Robins variance by hand: w = 20*180/200 = 18 per segment;
    // smb: p = 0.6, enterprise: p = 0.9. Var = sum w^2 (p(1-p)/20 + p(1-p)/180) / (36^2).
    let variance = (324 * (0.24 / 20 + 0.24 / 180) + 324 * (0.09 / 20 + 0.09 / 180)) / 1_296
    #expect(abs(adjusted.upper - 1.959963984540054 * variance.squareRoot()) < 1e-9)
  }

  /// Offers that lean toward a segment short of the confounding threshold (Cramér's V 0.2): the
  /// crude difference excludes zero (0.81 against 0.74 retained), but every segment retains the
  /// same share under both offers, so the difference is not called conclusive.
  @Test func aDifferenceThatSegmentExplainsIsNotConclusive() throws {
    var book = outcomes(offer: "service_credit", segment: "enterprise", count: 300, churned: 15)
    book += outcomes(offer: "service_credit", segment: "smb", count: 200, churned: 80)
    book += outcomes(offer: "none", segment: "enterprise", count: 200, churned: 10)
    book += outcomes(offer: "none", segment: "smb", count: 300, churned: 120)
    let report = try OfferAnalysis().analyze(book)
    #expect(!report.confounding.isConfounded && abs(report.confounding.cramersV - 0.2) < 1e-9)
    let comparison = try #require(report.comparisons.first)
    #expect(abs(comparison.difference.estimate - 0.07) < 1e-12)
    #expect(comparison.difference.lower > 0, "the crude interval excludes zero: \(comparison.difference)")
    let within = try #require(comparison.segmentAdjustedDifference)
    #expect(abs(within.estimate) < 1e-12 && within.lower < 0)
    #expect(!comparison.isConclusive)

    // The same lean with a true gain of 0.05 within each segment holds within segments too.
    var gain = outcomes(offer: "service_credit", segment: "enterprise", count: 3_000, churned: 0)
    gain += outcomes(offer: "service_credit", segment: "smb", count: 2_000, churned: 700)
    gain += outcomes(offer: "none", segment: "enterprise", count: 2_000, churned: 100)
    gain += outcomes(offer: "none", segment: "smb", count: 3_000, churned: 1_200)
    let held = try #require(try OfferAnalysis().analyze(gain).comparisons.first)
    #expect(try #require(held.segmentAdjustedDifference).lower > 0)
    #expect(held.isConclusive)
  }

  /// A credit that went to the accounts the outage hit hardest, in one segment: the hard-hit
  /// accounts churn more whatever they got, so the crude difference hides a gain of 0.10 in every
  /// impact band; stratified by impact (not hit, quarters of the hours of those hit) it is found.
  @Test func theAdjustedDifferenceIsWithinImpactBandsToo() throws {
    func accounts(_ offer: String, hours: Double, count: Int, churned: Int) -> [OfferOutcome] {
      (0..<count).map { index in
        OfferOutcome(
          accountID: "\(offer)-\(hours)-\(index)", segment: "smb", offer: offer, arr: 1_000, churned: index < churned,
          impactHours: hours)
      }
    }
    // Churn 10% when not hit, 40% when hit hard; the credit takes 0.10 off in each band.
    var book = accounts("none", hours: 0, count: 800, churned: 80)
    book += accounts("none", hours: 30, count: 200, churned: 80)
    book += accounts("service_credit", hours: 0, count: 200, churned: 0)
    book += accounts("service_credit", hours: 30, count: 800, churned: 240)
    let report = try OfferAnalysis().analyze(book)
    let comparison = try #require(report.comparisons.first)
    // Crude: 0.76 against 0.84 retained, a loss.
    #expect(abs(comparison.difference.estimate - (0.76 - 0.84)) < 1e-12)
    let adjusted = try #require(comparison.segmentAdjustedDifference)
    #expect(abs(adjusted.estimate - 0.10) < 1e-12, "\(adjusted)")
    #expect(adjusted.lower > 0)
    let strata = try #require(comparison.adjustedFor)
    #expect(strata.hasPrefix("segment and outage impact (not hit, and the quarters of the accounts hit"), "\(strata)")
    #expect(!comparison.isConclusive, "the crude and adjusted intervals exclude zero on opposite sides")
  }

  @Test func whatIfRescoresThroughTheCallersModelAndSaysItIsNotCausal() throws {
    var book = outcomes(offer: "voucher_10", segment: "smb", count: 40, churned: 10, arr: 2_000)
    book += outcomes(offer: "service_credit", segment: "smb", count: 40, churned: 4, arr: 2_000)
    let churnByOffer = ["voucher_10": 0.25, "service_credit": 0.1, "extended_service": 0.05]
    let result = try OfferAnalysis().whatIf(book, scenarioOffer: "service_credit") { index, offer in
      #expect(index >= 0 && index < book.count)
      return churnByOffer[offer]!
    }
    #expect(abs(result.expectedRetainedActual - (40 * 0.75 + 40 * 0.9)) < 1e-9)
    #expect(abs(result.expectedRetainedScenario - 80 * 0.9) < 1e-9)
    #expect(abs(result.arrDifference - 40 * 2_000 * 0.15) < 1e-6)
    #expect(result.scenarioLow <= 72 && 72 <= result.scenarioHigh)
    #expect(result.label.contains("not causal"))
    let unseen = try OfferAnalysis().whatIf(book, scenarioOffer: "extended_service") { churnByOffer[$1]! }
    #expect(unseen.warnings.contains(.smallGroup(offer: "extended_service", accounts: 0, minimum: 30)))
  }

  @Test func whatIfIntervalWidensByTheModelsOwnError() throws {
    var book = outcomes(offer: "voucher_10", segment: "smb", count: 40, churned: 10, arr: 2_000)
    book += outcomes(offer: "service_credit", segment: "smb", count: 40, churned: 4, arr: 2_000)
    let churnByOffer = ["voucher_10": 0.25, "service_credit": 0.1]
    let plain = try OfferAnalysis().whatIf(book, scenarioOffer: "service_credit") { churnByOffer[$1]! }
    let widened = try OfferAnalysis().whatIf(book, scenarioOffer: "service_credit", modelVariance: 25) {
      churnByOffer[$1]!
    }
    #expect(widened.expectedRetainedScenario == plain.expectedRetainedScenario)
    #expect(widened.scenarioLow < plain.scenarioLow && widened.scenarioHigh > plain.scenarioHigh)
    // 80 accounts at 0.9 retention: outcome variance 7.2, plus 25 from the model.
    let halfWidth = 1.645 * (7.2 + 25).squareRoot()
    #expect(abs(Double(widened.scenarioHigh - widened.scenarioLow) / 2 - halfWidth) < 1.5, "\(widened)")
  }

  /// Twenty accounts scored at 0.2% churn under the scenario: 19.96 expected retained, and both
  /// 5% tails are "all 20" (0.998^20 = 0.96). The interval printed beside 19.96 must contain it.
  @Test func whatIfIntervalContainsItsExpectedRetained() throws {
    let book = outcomes(offer: "voucher_10", segment: "smb", count: 20, churned: 2, arr: 2_000)
    let result = try OfferAnalysis().whatIf(book, scenarioOffer: "service_credit") { _, offer in
      offer == "service_credit" ? 0.002 : 0.1
    }
    #expect(abs(result.expectedRetainedScenario - 19.96) < 1e-9)
    #expect(result.scenarioLow == 19 && result.scenarioHigh == 20, "\(result)")
  }

  @Test func scoreOutsideTheUnitIntervalIsRejected() {
    let book = outcomes(offer: "none", segment: "smb", count: 3, churned: 1)
    #expect(throws: ForecastError.self) {
      try OfferAnalysis().whatIf(book, scenarioOffer: "voucher_10") { _, _ in 1.2 }
    }
  }
}
