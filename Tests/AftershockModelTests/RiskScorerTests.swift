import Foundation
import Testing

@testable import AftershockModel

struct RiskScorerTests {
  private func context(
    _ column: String, _ kind: ColumnKind = .numeric, value: Double? = nil, level: String? = nil,
    mean: Double? = nil, others: [String: String] = [:]
  ) -> DriverContext {
    DriverContext(
      column: column, kind: kind, value: value, level: level, portfolioMean: mean, raisesRisk: true,
      lookup: { others[$0] })
  }

  @Test func accountFeaturesReadInPlainWords() {
    let wording = DriverWording.standard
    #expect(
      wording.text(for: context("offer_sentiment", value: -0.7, others: ["offer": "voucher_10"]))
        == "negative about the $10 voucher")
    // Survey comments count with tickets: "messages" (an outside audit read "2 tickets" of an
    // account with one ticket and one comment), and a notice is no "may".
    #expect(wording.text(for: context("churn_intent_tickets", value: 2)) == "2 messages stating an intent to leave")
    #expect(wording.text(for: context("churn_intent_tickets", value: 1)) == "1 message stating an intent to leave")
    #expect(wording.text(for: context("churn_intent_tickets", value: 0)) == "no messages stating an intent to leave")
    #expect(wording.text(for: context("negative_ticket_share", value: 0)) == "no negative messages")
    #expect(wording.text(for: context("negative_ticket_share", value: 0.5)) == "50% of messages negative")
    // One NPS answer (latest and mean alike) is its score, not a "mean".
    #expect(wording.text(for: context("nps_mean", value: 3, others: ["nps_latest": "3"])) == "NPS 3")
    #expect(wording.text(for: context("nps_mean", value: 4.5, others: ["nps_latest": "3"])) == "mean NPS 4.5")
    #expect(wording.text(for: context("days_to_renewal", value: 21)) == "renewal in 21 days")
    #expect(wording.text(for: context("nps_latest", value: 3)) == "NPS 3")
    #expect(wording.text(for: context("nps_latest")) == "no NPS answer")
    #expect(wording.text(for: context("detractor", value: 1, others: ["nps_latest": "3"])) == "NPS 3 (detractor)")
    #expect(wording.text(for: context("outage_impact_hours", value: 12)) == "12 hours of outage impact")
    #expect(wording.text(for: context("outage_sentiment", value: -0.3)) == "negative about the outage")
    #expect(wording.text(for: context("log_arr", value: log1p(48_000))) == "ARR $48,000")
    // Against the portfolio, a figure is given with the portfolio's (an audit could not read "ARR
    // $2,670"; a later one read "a recent customer (2.9 years)" and "a small account" of an
    // account above the median as contradictions).
    #expect(
      wording.text(for: context("log_arr", value: log1p(2_670), mean: log1p(40_000)))
        == "ARR $2,670 (portfolio typical $40,000)")
    #expect(
      wording.text(for: context("tenure_days", value: 188, mean: 900))
        == "customer for 188 days (portfolio average 2.5 years)")
    #expect(
      wording.text(for: context("tenure_days", value: 365, mean: 900))
        == "customer for 1 year (portfolio average 2.5 years)")
    #expect(wording.text(for: context("ticket_count", value: 9, mean: 3)) == "9 messages (portfolio average 3)")
    #expect(wording.text(for: context("tenure_days", value: 1060, mean: 1071)) == "customer for 2.9 years")
    #expect(wording.text(for: context("segment", .categorical, level: "smb")) == "segment: smb")
    #expect(wording.text(for: context("offer", .categorical, level: "voucher_10")) == "offered the $10 voucher")
    // An account offered nothing neither failed to redeem nor failed to mention an offer (an
    // outside audit found "did not redeem the offer" on 124 accounts offered nothing).
    #expect(
      wording.text(for: context("offer_redeemed", value: 0, others: ["offer": "none"])) == "no compensation offered")
    #expect(wording.text(for: context("offer_sentiment", others: ["offer": "none"])) == "no offer to comment on")
    #expect(
      wording.text(for: context("offer_redeemed", value: 0, others: ["offer": "voucher_10"]))
        == "did not redeem the $10 voucher")
    #expect(
      wording.text(for: context("offer_sentiment", others: ["offer": "service_credit"]))
        == "did not mention the service credit")
  }

  @Test func unknownColumnsGetGenericWording() {
    let wording = DriverWording.standard
    #expect(
      wording.text(for: context("CreditScore", value: 420, mean: 650.4)) == "CreditScore 420 (portfolio mean 650)")
    #expect(
      wording.text(for: context("Balance", value: 1234.5, mean: 76485.889)) == "Balance 1234 (portfolio mean 76486)")
    #expect(wording.text(for: context("IsActiveMember", .boolean, value: 0)) == "IsActiveMember: no")
    #expect(wording.text(for: context("Geography", .categorical, level: "Germany")) == "Geography: Germany")
    #expect(wording.text(for: context("Age", value: nil)) == "Age missing")
  }

  @Test func genericTableDriversComeFromContributions() throws {
    // Churn rises as CreditScore falls; the at-risk customer's reason names their score.
    var scores = [Double]()
    var labels = [String]()
    var generator = SplitMix64(seed: 77)
    for _ in 0..<400 {
      let score = 500 + Double(generator.next() % 301)  // 500...800, mean ≈ 650
      scores.append(score)
      labels.append(Double(generator.next() % 1000) / 1000 < sigmoid(-(score - 600) / 40) ? "1" : "0")
    }
    let training = try DataTable(columnNames: ["CreditScore", "Exited"], columns: [.numbers(scores), .text(labels)])
    let model = try LogisticRegression().fit(training, label: "Exited")
    let portfolio = try DataTable(columnNames: ["CreditScore"], columns: [.numbers([420, 650, 880])])
    let risks = try RiskScorer().score(portfolio, with: model)
    #expect(risks[0].tier == .high)
    #expect(risks[0].drivers.map(\.text) == ["CreditScore 420 (portfolio mean 650)"])
    #expect(risks[0].drivers[0].raisesRisk)
    let streamed = try RiskScorer(baseline: .training).score(
      try DataTable(columnNames: ["CreditScore"], columns: [.numbers([420])]), with: model)
    let trainingMean = scores.reduce(0, +) / Double(scores.count)
    #expect(
      streamed[0].drivers.map(\.text) == ["CreditScore 420 (training mean \(DriverWording.number(trainingMean)))"])
    #expect(streamed[0].churnProbability == risks[0].churnProbability)
    #expect(risks[2].tier == .low)
    #expect(risks[2].drivers.allSatisfy { !$0.raisesRisk })
  }

  /// A column pushing against its known direction is no reason: here the model learned that a
  /// kinder outage sentiment goes with churn (as collinear columns can make it), and the
  /// standard wording would have said "positive about the outage" raises risk. Without the
  /// direction the same model gives that reason.
  @Test func aReasonAgainstItsKnownDirectionIsNotGiven() throws {
    var sentiment = [Double]()
    var hours = [Double]()
    var labels = [String]()
    var generator = SplitMix64(seed: 5)
    for _ in 0..<400 {
      let s = Double(generator.next() % 200) / 100 - 1
      let h = Double(generator.next() % 48)
      sentiment.append(s)
      hours.append(h)
      labels.append(Double(generator.next() % 1000) / 1000 < sigmoid(2 * s + (h - 24) / 8) ? "1" : "0")
    }
    let training = try DataTable(
      columnNames: ["outage_sentiment", "outage_impact_hours", "churned"],
      columns: [.numbers(sentiment), .numbers(hours), .text(labels)])
    let model = try LogisticRegression().fit(training, label: "churned")
    let portfolio = try DataTable(
      columnNames: ["outage_sentiment", "outage_impact_hours"],
      columns: [.numbers([0.9, 0, -0.9]), .numbers([40, 24, 8])])
    let plain = try RiskScorer(wording: DriverWording(phrases: [:])).score(portfolio, with: model)
    #expect(plain[0].drivers.contains { $0.column == "outage_sentiment" && $0.raisesRisk }, "\(plain[0].drivers)")
    let risks = try RiskScorer().score(portfolio, with: model)
    #expect(risks[0].drivers.map(\.text) == ["40 hours of outage impact"], "\(risks[0].drivers)")
  }

  /// A low-tier account's reasons are what lowers its risk, unless every account's are to say
  /// what raises it (the run's choice: its lists by ARR show low-tier accounts, which must say
  /// why they are there).
  @Test func aLowTierAccountCanBeGivenWhatRaisesItsRisk() throws {
    var a = [Double]()
    var b = [Double]()
    var labels = [String]()
    var generator = SplitMix64(seed: 21)
    for _ in 0..<400 {
      let x = Double(generator.next() % 100) / 10
      let z = Double(generator.next() % 100) / 10
      a.append(x)
      b.append(z)
      labels.append(Double(generator.next() % 1000) / 1000 < sigmoid(x - 5 + (z - 5) / 2) ? "1" : "0")
    }
    let model = try LogisticRegression().fit(
      try DataTable(columnNames: ["a", "b", "y"], columns: [.numbers(a), .numbers(b), .text(labels)]), label: "y")
    let portfolio = try DataTable(columnNames: ["a", "b"], columns: [.numbers([0, 5, 9]), .numbers([9, 5, 5])])
    let byTier = try RiskScorer().score(portfolio, with: model)
    #expect(byTier[0].tier == .low)
    #expect(byTier[0].drivers.map(\.column) == ["a"] && !byTier[0].drivers[0].raisesRisk, "\(byTier[0].drivers)")
    var raising = RiskScorer()
    raising.reasonsRaiseRiskForEveryTier = true
    let every = try raising.score(portfolio, with: model)
    #expect(every[0].drivers.map(\.column) == ["b"] && every[0].drivers[0].raisesRisk, "\(every[0].drivers)")
    #expect(every[0].churnProbability == byTier[0].churnProbability)
  }

  /// A column the scorer always shows comes first when it raises the account's risk, however
  /// little it weighs beside the others (a statement of leaving under a model that weighs size
  /// more); otherwise the reasons stay by weight.
  @Test func aReasonAlwaysShownComesFirstWhenItRaisesRisk() throws {
    var size = [Double]()
    var intent = [Double]()
    var labels = [String]()
    var generator = SplitMix64(seed: 9)
    for _ in 0..<600 {
      let x = Double(generator.next() % 100) / 10
      let z = Double(generator.next() % 3 == 0 ? 1 : 0)
      size.append(x)
      intent.append(z)
      labels.append(Double(generator.next() % 1000) / 1000 < sigmoid(1.2 * (x - 5) + 0.4 * z) ? "1" : "0")
    }
    let model = try LogisticRegression().fit(
      try DataTable(
        columnNames: ["size", "churn_intent_tickets", "y"], columns: [.numbers(size), .numbers(intent), .text(labels)]),
      label: "y")
    let portfolio = try DataTable(
      columnNames: ["size", "churn_intent_tickets"], columns: [.numbers([9, 9, 1]), .numbers([1, 0, 0])])
    var scorer = RiskScorer(wording: DriverWording(phrases: [:]))
    let plain = try scorer.score(portfolio, with: model)
    #expect(plain[0].drivers.map(\.column) == ["size", "churn_intent_tickets"], "\(plain[0].drivers)")
    scorer.alwaysShown = ["churn_intent_tickets"]
    let shown = try scorer.score(portfolio, with: model)
    #expect(shown[0].drivers.map(\.column) == ["churn_intent_tickets", "size"], "\(shown[0].drivers)")
    // No statement (below the portfolio's mean: it lowers risk): not shown.
    #expect(shown[1].drivers.map(\.column) == ["size"], "\(shown[1].drivers)")
    #expect(shown.map(\.churnProbability) == plain.map(\.churnProbability))
  }

  /// A portfolio of huge values (1e308, which a plain sum overflows) still has a finite mean to
  /// word its reasons against.
  @Test func thePortfolioMeanOfHugeValuesIsFinite() throws {
    #expect(RiskScorer.mean([1e308, 1e308, 1e308, .nan]) == 1e308)
    #expect(RiskScorer.mean([1e308, -1e308, 1e308]).map { abs($0 - 1e308 / 3) < 1e293 } == true)
    #expect(RiskScorer.mean([1, 2, .nan]) == 1.5)
    #expect(RiskScorer.mean([.nan]) == nil)
  }

  @Test func tiersFollowConfigurableThresholds() throws {
    let tiers = RiskTiers(high: 0.6, medium: 0.3)
    #expect(tiers.tier(for: 0.6) == .high)
    #expect(tiers.tier(for: 0.59) == .medium)
    #expect(tiers.tier(for: 0.29) == .low)
    #expect(RiskTiers().tier(for: 0.5) == .high)
    #expect(RiskTiers().tier(for: 0.2) == .medium)
    #expect(throws: ModelError.self) { try RiskTiers(high: 0.2, medium: 0.5).validate() }
  }
}
