import Foundation
import Testing

@testable import AftershockModel

/// The recipe the lead runs on the sample generator's `truth/accounts_truth.csv`, here on
/// accounts simulated in-process from a known churn model: stream signals into the
/// accumulator, fit on the feature table, then check coefficient signs and that the
/// out-of-fold AUC is within 0.02 of the AUC of the true probabilities.
struct ChurnGroundTruthTests {
  static let day = 86_400.0
  static let asOf = 1_780_000_000.0

  struct Simulation {
    var features: AccountFeatureAccumulator
    var truth: [Double]
    var labels: [Bool]
  }

  /// True log-odds: −1.6 + 0.9·(churn-intent tickets) − 0.006·(days to renewal − 180)
  /// − 1.2·(offer sentiment, when mentioned) − 0.2·(latest NPS − 5, when answered) + 0.4·[smb].
  static func simulate(accounts: Int, seed: UInt64) -> Simulation {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
    var features = AccountFeatureAccumulator(asOf: asOf)
    var truth = [Double]()
    var labels = [Bool]()
    for account in 0..<accounts {
      let draw = uniform()
      let intent = draw < 0.8 ? 0 : (draw < 0.92 ? 1 : 2)
      let others = Int(uniform() * 4)
      let offer = ["voucher_10", "voucher_10", "none", "service_credit"][Int(uniform() * 4)]
      let offerSentiment: Double? = offer != "none" && uniform() < 0.6 ? uniform() * 2 - 1 : nil
      let nps: Double? = uniform() < 0.7 ? Double(Int(uniform() * 11)) : nil
      let renewal = 1 + Double(Int(uniform() * 365))
      let segment = ["smb", "mid_market", "enterprise"][Int(uniform() * 3)]
      for ticket in 0..<(intent + others) {
        let mentionsOffer = ticket == 0 ? offerSentiment : nil
        features.addTicket(
          account: account, createdAt: asOf - uniform() * 60 * day, sentiment: uniform() * 2 - 1,
          offerSentiment: mentionsOffer, churnIntent: ticket < intent)
      }
      if offerSentiment != nil, intent + others == 0 {
        features.addTicket(account: account, createdAt: asOf - day, sentiment: 0, offerSentiment: offerSentiment)
      }
      if let nps { features.addSurvey(account: account, submittedAt: asOf - uniform() * 30 * day, nps: nps) }
      features.setAccount(
        account,
        AccountAttributes(
          contractStart: asOf - (200 + uniform() * 1500) * day, renewalDate: asOf + renewal * day,
          annualRecurringRevenue: 5_000 + uniform() * 100_000, seats: Double(5 + Int(uniform() * 200)),
          segment: segment, plan: uniform() < 0.5 ? "pro" : "basic", outageImpactHours: uniform() * 24,
          offer: offer, offerRedeemed: offer == "none" ? nil : uniform() < 0.5))
      var logOdds = -1.6 + 0.9 * Double(intent) - 0.006 * (renewal - 180)
      logOdds -= 1.2 * (offerSentiment ?? 0)
      logOdds -= 0.2 * ((nps ?? 5) - 5)
      logOdds += segment == "smb" ? 0.4 : 0
      let probability = sigmoid(logOdds)
      truth.append(probability)
      labels.append(uniform() < probability)
    }
    return Simulation(features: features, truth: truth, labels: labels)
  }

  @Test func recoversSignsAndRanksNearTheTruth() throws {
    let seed: UInt64 = 31
    let simulation = Self.simulate(accounts: 6_000, seed: seed)
    let ids = (0..<6_000).map { "ACC-\($0)" }
    let table = try simulation.features.featureTable(accountIDs: ids, labels: simulation.labels)
    let estimator = LogisticRegression()
    let model = try estimator.fit(table, label: "churned", idColumn: "account_id")
    let coefficients = model.coefficientsInOriginalUnits.coefficients
    #expect(coefficients["churn_intent_tickets"]! > 0, "seed \(seed)")
    #expect(coefficients["days_to_renewal"]! < 0, "seed \(seed)")
    #expect(coefficients["offer_sentiment"]! < 0, "seed \(seed)")
    #expect(coefficients["nps_latest"]! < 0, "seed \(seed)")
    #expect(coefficients["segment=smb"]! > coefficients["segment=enterprise"]!, "seed \(seed)")
    let report = try estimator.crossValidate(table, label: "churned", idColumn: "account_id", folds: 5, seed: 1)
    let trueAUC = try ClassificationMetrics.rocAUC(simulation.truth, simulation.labels)
    #expect(abs(report.pooled.rocAUC - trueAUC) < 0.02, "seed \(seed): cv \(report.pooled.rocAUC), truth \(trueAUC)")
  }

  @Test func atRiskAccountReadsItsReasons() throws {
    var simulation = Self.simulate(accounts: 3_000, seed: 32)
    // Account 3000: two tickets saying they may not renew, one negative about the voucher,
    // renewal in 21 days, NPS 3.
    let account = 3_000
    let asOf = Self.asOf
    let day = Self.day
    simulation.features.addTicket(
      account: account, createdAt: asOf - 3 * day, sentiment: -0.7, offerSentiment: -0.9, churnIntent: true)
    simulation.features.addTicket(account: account, createdAt: asOf - 9 * day, sentiment: -0.5, churnIntent: true)
    simulation.features.addSurvey(account: account, submittedAt: asOf - 2 * day, nps: 3)
    simulation.features.setAccount(
      account,
      AccountAttributes(
        contractStart: asOf - 900 * day, renewalDate: asOf + 21 * day, annualRecurringRevenue: 40_000,
        seats: 100, segment: "mid_market", plan: "pro", outageImpactHours: 12, offer: "voucher_10",
        offerRedeemed: false))
    let ids = (0...account).map { "ACC-\($0)" }
    let table = try simulation.features.featureTable(accountIDs: ids, labels: simulation.labels + [true])
    let model = try LogisticRegression().fit(table, label: "churned", idColumn: "account_id")
    let risks = try RiskScorer().score(table, with: model)
    let risk = risks[account]
    #expect(risk.id == "ACC-3000")
    #expect(risk.tier == .high, "probability \(risk.churnProbability)")
    #expect(risk.drivers.count == 3)
    #expect(risk.drivers.allSatisfy { $0.raisesRisk })
    let expected: Set = [
      "2 messages stating an intent to leave", "negative about the $10 voucher", "renewal in 21 days", "NPS 3",
      "NPS 3 (detractor)",
    ]
    let texts = risk.drivers.map(\.text)
    #expect(texts.filter { expected.contains($0) }.count >= 2, "drivers: \(texts)")
    #expect(
      texts[0] == "2 messages stating an intent to leave" || texts[0] == "negative about the $10 voucher",
      "drivers: \(texts)")
    #expect(texts.filter { $0.hasPrefix("NPS") || $0.hasPrefix("mean NPS") }.count <= 1, "one NPS reason: \(texts)")
    #expect(zip(risk.drivers, risk.drivers.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
  }
}
