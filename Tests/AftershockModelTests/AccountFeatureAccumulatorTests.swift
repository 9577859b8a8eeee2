import Foundation
import Testing

@testable import AftershockModel

struct AccountFeatureAccumulatorTests {
  let day = 86_400.0
  let asOf = 1_780_000_000.0

  private func value(_ table: DataTable, _ column: String, _ row: Int) throws -> Double {
    guard case .numbers(let values) = try table.column(named: column) else {
      Issue.record("\(column) is not numeric")
      return .nan
    }
    return values[row]
  }

  @Test func ticketsCountIntoWindowsAndFutureTicketsAreLeftOut() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.addTicket(account: 0, createdAt: asOf - 1 * day, sentiment: -0.6, offerSentiment: -0.8, churnIntent: true)
    features.addTicket(account: 0, createdAt: asOf - 10 * day, sentiment: 0.2, outageSentiment: -0.4)
    features.addTicket(account: 0, createdAt: asOf - 40 * day, sentiment: -0.1, competitorMention: true)
    features.addTicket(account: 0, createdAt: asOf + 1 * day, sentiment: -1, churnIntent: true)
    let table = try features.featureTable()
    #expect(features.ignoredAfterAsOf == 1)
    #expect(try value(table, "ticket_count", 0) == 3)
    #expect(try value(table, "tickets_last_7d", 0) == 1)
    #expect(try value(table, "tickets_last_30d", 0) == 2)
    #expect(abs(try value(table, "negative_ticket_share", 0) - 2.0 / 3) < 1e-12)
    #expect(abs(try value(table, "mean_sentiment", 0) - (-0.5 / 3)) < 1e-12)
    #expect(try value(table, "worst_sentiment", 0) == -0.6)
    #expect(try value(table, "outage_sentiment", 0) == -0.4)
    #expect(try value(table, "offer_sentiment", 0) == -0.8)
    #expect(try value(table, "churn_intent_tickets", 0) == 1)
    #expect(try value(table, "competitor_tickets", 0) == 1)
  }

  @Test func surveysGiveLatestAndMeanScores() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.addSurvey(account: 1, submittedAt: asOf - 5 * day, nps: 3, csat: 2)
    features.addSurvey(account: 1, submittedAt: asOf - 20 * day, nps: 9)
    features.addSurvey(account: 1, submittedAt: asOf - 2 * day, csat: 4)
    let table = try features.featureTable()
    #expect(table.rowCount == 2)
    #expect(try value(table, "nps_latest", 1) == 3)
    #expect(try value(table, "nps_mean", 1) == 6)
    #expect(try value(table, "detractor", 1) == 1)
    #expect(try value(table, "csat_mean", 1) == 3)
    // Account 0 never appeared: counts are zero, scores missing.
    #expect(try value(table, "ticket_count", 0) == 0)
    #expect(try value(table, "nps_latest", 0).isNaN)
    #expect(try value(table, "mean_sentiment", 0).isNaN)
  }

  @Test func accountRecordBecomesTenureRevenueRenewalAndOffer() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.setAccount(
      0,
      AccountAttributes(
        contractStart: asOf - 400 * day, renewalDate: asOf + 21 * day, annualRecurringRevenue: 12_000,
        seats: 25, segment: "smb", plan: "pro", outageImpactHours: 12, offer: "voucher_10", offerRedeemed: false))
    features.setAccount(2, AccountAttributes(offer: "none"))
    let table = try features.featureTable(accountIDs: ["A-1", "A-2", "A-3"], labels: [true, nil, false])
    #expect(table.columnNames.first == "account_id")
    #expect(table.columnNames.last == "churned")
    #expect(try value(table, "tenure_days", 0) == 400)
    #expect(abs(try value(table, "log_arr", 0) - log1p(12_000)) < 1e-12)
    #expect(try value(table, "days_to_renewal", 0) == 21)
    #expect(try value(table, "outage_impact_hours", 0) == 12)
    #expect(try value(table, "offer_received", 0) == 1)
    #expect(try value(table, "offer_redeemed", 0) == 0)
    #expect(try value(table, "offer_received", 2) == 0)
    #expect(try value(table, "offer_redeemed", 2) == 0)
    #expect(try value(table, "offer_redeemed", 1).isNaN)
    #expect(try table.column(named: "segment") == .text(["smb", "", ""]))
    #expect(try value(table, "churned", 1).isNaN)
  }

  @Test func registeredAccountsWithoutSignalsStillGetRows() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.registerAccounts(count: 4)
    #expect(try features.featureTable().rowCount == 4)
  }

  /// Property: signals split across two shards and merged give the same table as one pass.
  @Test func mergeOfShardsEqualsOnePass() throws {
    let seed: UInt64 = 2024
    var generator = SplitMix64(seed: seed)
    var whole = AccountFeatureAccumulator(asOf: asOf)
    var shards = [AccountFeatureAccumulator(asOf: asOf), AccountFeatureAccumulator(asOf: asOf)]
    for _ in 0..<2_000 {
      let account = Int(generator.next() % 50)
      let shard = Int(generator.next() % 2)
      let time = asOf - Double(generator.next() % 90) * day + (generator.next() % 3 == 0 ? 2 * day : 0)
      if generator.next() % 3 == 0 {
        let nps = Double(generator.next() % 11)
        whole.addSurvey(account: account, submittedAt: time, nps: nps, csat: 3)
        shards[shard].addSurvey(account: account, submittedAt: time, nps: nps, csat: 3)
      } else {
        let sentiment = Double(Int(generator.next() % 200) - 100) / 100
        let intent = generator.next() % 5 == 0
        whole.addTicket(
          account: account, createdAt: time, sentiment: sentiment, offerSentiment: sentiment, churnIntent: intent)
        shards[shard].addTicket(
          account: account, createdAt: time, sentiment: sentiment, offerSentiment: sentiment, churnIntent: intent)
      }
    }
    var merged = shards[1]
    try merged.merge(shards[0])
    let expected = try whole.featureTable()
    let actual = try merged.featureTable()
    #expect(merged.ignoredAfterAsOf == whole.ignoredAfterAsOf, "seed \(seed)")
    for (index, name) in expected.columnNames.enumerated() {
      switch (expected.columns[index], actual.columns[index]) {
      case (.numbers(let a), .numbers(let b)):
        for (x, y) in zip(a, b) {
          #expect((x.isNaN && y.isNaN) || abs(x - y) < 1e-9, "seed \(seed): \(name) \(x) vs \(y)")
        }
      case (let a, let b):
        #expect(a == b, "seed \(seed): \(name)")
      }
    }
  }

  /// A shard's accumulator written to JSON and read back (as `merge` reads partials) is the same
  /// state bit for bit: its table, and what it merges into, do not change.
  @Test func jsonRoundTripKeepsTheStateBitForBit() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.registerAccounts(count: 3)  // account 2 never gets a signal: its markers are infinite/NaN
    features.setAccount(
      0,
      AccountAttributes(contractStart: asOf - 100 * day, annualRecurringRevenue: 1_234.5, segment: "smb", offer: "none")
    )
    features.addTicket(account: 0, createdAt: asOf - day, sentiment: 0.1, outageSentiment: -0.7, churnIntent: true)
    features.addTicket(account: 0, createdAt: asOf - 2 * day, sentiment: 0.2 + 1e-17 * 3)
    features.addTicket(account: 1, createdAt: asOf + day, sentiment: -0.3)
    features.addSurvey(account: 1, submittedAt: asOf - 3 * day, nps: 4, csat: 2)
    let data = try JSONEncoder().encode(features)
    #expect(!String(decoding: data, as: UTF8.self).contains("inf"), "finite numbers only")
    let decoded = try JSONDecoder().decode(AccountFeatureAccumulator.self, from: data)
    #expect(decoded.accountCount == 3 && decoded.ignoredAfterAsOf == 1 && decoded.asOf == asOf)
    try expectSameBits(features.featureTable(), decoded.featureTable())
    var mergedOriginal = features
    var mergedDecoded = decoded
    try mergedOriginal.merge(features)
    try mergedDecoded.merge(decoded)
    try expectSameBits(mergedOriginal.featureTable(), mergedDecoded.featureTable())
  }

  @Test func decodingRefusesArraysThatDoNotCoverEveryAccount() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.addTicket(account: 1, createdAt: asOf - day, sentiment: 0.5)
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(features)) as? [String: Any])
    object["sentimentSum"] = [0.5]
    let damaged = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(AccountFeatureAccumulator.self, from: damaged) }
  }

  @Test func decodingRefusesNegativeCountsAndMergingRefusesOverflowingOnes() throws {
    var features = AccountFeatureAccumulator(asOf: asOf)
    features.addTicket(account: 0, createdAt: asOf - day, sentiment: 0.5)
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(features)) as? [String: Any])
    object["ticketCount"] = [-1]
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(AccountFeatureAccumulator.self, from: JSONSerialization.data(withJSONObject: object))
    }
    object["ticketCount"] = [Int32.max]
    let big = try JSONDecoder().decode(
      AccountFeatureAccumulator.self, from: JSONSerialization.data(withJSONObject: object))
    var total = big
    #expect(throws: ModelError.self) { try total.merge(big) }
  }

  private func expectSameBits(_ expected: DataTable, _ actual: DataTable) throws {
    #expect(expected.columnNames == actual.columnNames)
    for (index, name) in expected.columnNames.enumerated() {
      switch (expected.columns[index], actual.columns[index]) {
      case (.numbers(let a), .numbers(let b)):
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(name)")
      case (let a, let b):
        #expect(a == b, "\(name)")
      }
    }
  }
}
