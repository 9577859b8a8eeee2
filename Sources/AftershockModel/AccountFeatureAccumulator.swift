import Foundation

/// Streams ticket and survey signals into per-account features; memory grows with the
/// number of accounts, never with the number of tickets.
///
/// Accounts are dense indices (the pipeline interns account ids); times are seconds since
/// 1970-01-01 UTC; sentiment is a compound score in [-1, 1]. Signals dated after `asOf` are
/// counted in `ignoredAfterAsOf` and otherwise left out (they would leak the future).
/// Partial accumulators over shards of the same account index merge exactly (`merge`).
public struct AccountFeatureAccumulator: Sendable {
  /// Feature columns of `featureTable`, in order.
  public static let featureNames = [
    "ticket_count", "tickets_last_7d", "tickets_last_30d", "negative_ticket_share",
    "mean_sentiment", "worst_sentiment", "outage_sentiment", "offer_sentiment",
    "churn_intent_tickets", "competitor_tickets", "nps_latest", "nps_mean", "detractor",
    "csat_mean", "tenure_days", "log_arr", "seats", "days_to_renewal", "segment", "plan",
    "outage_impact_hours", "offer", "offer_received", "offer_redeemed",
  ]
  /// Feature columns a linear model reads in a fixed unit, not standardised by their training
  /// spread nor held to their training range (`TabularEncoder.Configuration.unitScales`):
  /// `days_to_renewal` in years. A run's model learns only from renewals already due (days to
  /// renewal 0 or below), yet scores open accounts renewing up to a year ahead: held to the
  /// learned range, every one of them read as renewing today and churning as much as the
  /// renewals right after the incident did, so on 20,000 generated accounts the 365-day
  /// forecast sat 300 to 1,070 accounts below the truth, outside its interval on every as-of
  /// day. Read in years, a trend over a few weeks of renewals is shrunk by the same penalty as
  /// any feature a standard deviation wide, and carried on past them with the fit's error
  /// (which the forecast's intervals hold).
  public static let unitScales: [String: Double] = ["days_to_renewal": 365]
  /// A ticket at or below this compound sentiment counts as negative (VADER's convention).
  public static let negativeThreshold = -0.05
  /// The id column `featureTable(accountIDs:)` adds.
  public static let idColumn = "account_id"
  /// The label column `featureTable(labels:)` adds.
  public static let labelColumn = "churned"

  private static let day = 86_400.0

  /// The date features are computed at, in seconds since 1970-01-01 UTC.
  public let asOf: Double
  /// Number of accounts seen (the highest index plus one).
  public private(set) var accountCount = 0
  /// Signals left out because they are dated after `asOf`.
  public private(set) var ignoredAfterAsOf = 0

  private var ticketCount: [Int32] = []
  private var lastWeek: [Int32] = []
  private var lastMonth: [Int32] = []
  private var scoredTickets: [Int32] = []
  private var negativeTickets: [Int32] = []
  private var sentimentSum: [Double] = []
  private var worstSentiment: [Double] = []
  private var outageSum: [Double] = []
  private var outageCount: [Int32] = []
  private var offerSum: [Double] = []
  private var offerCount: [Int32] = []
  private var churnIntent: [Int32] = []
  private var competitor: [Int32] = []
  private var npsSum: [Double] = []
  private var npsCount: [Int32] = []
  private var latestNPS: [Double] = []
  private var latestNPSTime: [Double] = []
  private var csatSum: [Double] = []
  private var csatCount: [Int32] = []
  private var attributes: [AccountAttributes?] = []

  /// An empty accumulator computing features as of `asOf` (seconds since 1970-01-01 UTC).
  public init(asOf: Double) {
    self.asOf = asOf
  }

  /// Adds one ticket's signals to an account.
  /// - Parameters:
  ///   - account: the account's dense index.
  ///   - createdAt: when the ticket was created, in seconds since 1970-01-01 UTC; a ticket after
  ///     `asOf` is counted in `ignoredAfterAsOf` and otherwise left out.
  ///   - sentiment: compound sentiment of the ticket in [-1, 1] (NaN if not scored).
  ///   - outageSentiment: sentiment toward the outage, nil when the ticket does not mention it.
  ///   - offerSentiment: sentiment toward the offer, nil when the ticket does not mention it.
  ///   - churnIntent: the ticket says the customer may leave or not renew.
  ///   - competitorMention: the ticket names a competitor.
  public mutating func addTicket(
    account: Int, createdAt: Double, sentiment: Double, outageSentiment: Double? = nil,
    offerSentiment: Double? = nil, churnIntent: Bool = false, competitorMention: Bool = false
  ) {
    guard createdAt <= asOf else {
      ignoredAfterAsOf += 1
      return
    }
    reserve(account)
    ticketCount[account] += 1
    let age = asOf - createdAt
    if age < 7 * Self.day { lastWeek[account] += 1 }
    if age < 30 * Self.day { lastMonth[account] += 1 }
    if sentiment.isFinite {
      scoredTickets[account] += 1
      sentimentSum[account] += sentiment
      worstSentiment[account] = min(worstSentiment[account], sentiment)
      if sentiment <= Self.negativeThreshold { negativeTickets[account] += 1 }
    }
    if let outageSentiment, outageSentiment.isFinite {
      outageSum[account] += outageSentiment
      outageCount[account] += 1
    }
    if let offerSentiment, offerSentiment.isFinite {
      offerSum[account] += offerSentiment
      offerCount[account] += 1
    }
    if churnIntent { self.churnIntent[account] += 1 }
    if competitorMention { competitor[account] += 1 }
  }

  /// Adds one survey answer (NPS 0–10, CSAT 1–5; nil when not answered) to an account.
  public mutating func addSurvey(account: Int, submittedAt: Double, nps: Double? = nil, csat: Double? = nil) {
    guard submittedAt <= asOf else {
      ignoredAfterAsOf += 1
      return
    }
    reserve(account)
    if let nps, nps.isFinite {
      npsSum[account] += nps
      npsCount[account] += 1
      // Latest answer wins; equal times keep the lower score so merge order cannot matter.
      if submittedAt > latestNPSTime[account]
        || (submittedAt == latestNPSTime[account] && nps < latestNPS[account])
      {
        latestNPSTime[account] = submittedAt
        latestNPS[account] = nps
      }
    }
    if let csat, csat.isFinite {
      csatSum[account] += csat
      csatCount[account] += 1
    }
  }

  /// Makes sure accounts `0..<count` exist (with no signals yet), so the feature table has a
  /// row for every interned account even if some never appear in tickets or surveys.
  public mutating func registerAccounts(count: Int) {
    if count > 0 { reserve(count - 1) }
  }

  /// Records what the account file says about an account (replaces earlier attributes).
  public mutating func setAccount(_ account: Int, _ attributes: AccountAttributes) {
    reserve(account)
    self.attributes[account] = attributes
  }

  /// Adds another accumulator's signals (same `asOf`, same account index) to this one.
  /// - Throws: `ModelError.invalidConfiguration` when the as-of dates differ or a count would
  ///   pass its type's largest value.
  public mutating func merge(_ other: AccountFeatureAccumulator) throws {
    guard other.asOf == asOf else {
      throw ModelError.invalidConfiguration(
        setting: "asOf of merged accumulator", value: String(other.asOf), expected: String(asOf))
    }
    if other.accountCount > 0 { reserve(other.accountCount - 1) }
    let ignored = ignoredAfterAsOf.addingReportingOverflow(other.ignoredAfterAsOf)
    guard !ignored.overflow else { throw Self.tooMany("signals after the as-of day") }
    ignoredAfterAsOf = ignored.partialValue
    // Counts of decoded states may be anything up to Int32.max: a sum that overflows is refused.
    func add(_ totals: inout [Int32], _ others: [Int32], _ account: Int) throws {
      let sum = totals[account].addingReportingOverflow(others[account])
      guard !sum.overflow else { throw Self.tooMany("tickets or survey answers for account \(account)") }
      totals[account] = sum.partialValue
    }
    for account in 0..<other.accountCount {
      try add(&ticketCount, other.ticketCount, account)
      try add(&lastWeek, other.lastWeek, account)
      try add(&lastMonth, other.lastMonth, account)
      try add(&scoredTickets, other.scoredTickets, account)
      try add(&negativeTickets, other.negativeTickets, account)
      sentimentSum[account] += other.sentimentSum[account]
      worstSentiment[account] = min(worstSentiment[account], other.worstSentiment[account])
      outageSum[account] += other.outageSum[account]
      try add(&outageCount, other.outageCount, account)
      offerSum[account] += other.offerSum[account]
      try add(&offerCount, other.offerCount, account)
      try add(&churnIntent, other.churnIntent, account)
      try add(&competitor, other.competitor, account)
      npsSum[account] += other.npsSum[account]
      try add(&npsCount, other.npsCount, account)
      if other.latestNPSTime[account] > latestNPSTime[account]
        || (other.latestNPSTime[account] == latestNPSTime[account]
          && other.latestNPS[account] < latestNPS[account])
      {
        latestNPSTime[account] = other.latestNPSTime[account]
        latestNPS[account] = other.latestNPS[account]
      }
      csatSum[account] += other.csatSum[account]
      try add(&csatCount, other.csatCount, account)
      if let record = other.attributes[account] { attributes[account] = record }
    }
  }

  /// The error for merged counts too large to hold.
  private static func tooMany(_ what: String) -> ModelError {
    .invalidConfiguration(
      setting: "the sum of \(what)", value: "over \(Int32.max)", expected: "a count that fits in 32 bits")
  }

  /// One row per account index with the named feature columns (NaN / blank when missing),
  /// optionally led by an `account_id` column and followed by a `churned` label column.
  /// - Throws: `ModelError.lengthMismatch` when `accountIDs` or `labels` do not have one
  ///   entry per account.
  public func featureTable(accountIDs: [String]? = nil, labels: [Bool?]? = nil) throws -> DataTable {
    let n = accountCount
    func ratio(_ sums: [Double], _ counts: [Int32]) -> [Double] {
      (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
    }
    let records = attributes
    func attribute(_ value: (AccountAttributes) -> Double?) -> [Double] {
      records.map { record in record.flatMap(value) ?? .nan }
    }
    func text(_ value: (AccountAttributes) -> String?) -> [String] {
      records.map { record in record.flatMap(value) ?? "" }
    }
    let latest = (0..<n).map { npsCount[$0] > 0 ? latestNPS[$0] : .nan }
    var columns: [DataTable.Column] = [
      .numbers(ticketCount.map(Double.init)),
      .numbers(lastWeek.map(Double.init)),
      .numbers(lastMonth.map(Double.init)),
      .numbers((0..<n).map { scoredTickets[$0] > 0 ? Double(negativeTickets[$0]) / Double(scoredTickets[$0]) : .nan }),
      .numbers((0..<n).map { scoredTickets[$0] > 0 ? sentimentSum[$0] / Double(scoredTickets[$0]) : .nan }),
      .numbers((0..<n).map { scoredTickets[$0] > 0 ? worstSentiment[$0] : .nan }),
      .numbers(ratio(outageSum, outageCount)),
      .numbers(ratio(offerSum, offerCount)),
      .numbers(churnIntent.map(Double.init)),
      .numbers(competitor.map(Double.init)),
      .numbers(latest),
      .numbers(ratio(npsSum, npsCount)),
      .numbers(latest.map { $0.isNaN ? .nan : ($0 <= 6 ? 1 : 0) }),
      .numbers(ratio(csatSum, csatCount)),
      .numbers(attribute { $0.contractStart.map { (asOf - $0) / Self.day } }),
      .numbers(attribute { $0.annualRecurringRevenue.map { Foundation.log1p(max($0, 0)) } }),
      .numbers(attribute { $0.seats }),
      .numbers(attribute { $0.renewalDate.map { (($0 - asOf) / Self.day).rounded(.up) } }),
      .text(text { $0.segment }),
      .text(text { $0.plan }),
      .numbers(attribute { $0.outageImpactHours }),
      .text(text { $0.offer }),
      .numbers(attribute { record in record.offer.map { Self.isNoOffer($0) ? 0 : 1 } }),
      .numbers(
        attribute { record in
          if let offer = record.offer, Self.isNoOffer(offer) { return 0 }
          return record.offerRedeemed.map { $0 ? 1 : 0 }
        }),
    ]
    var names = Self.featureNames
    if let accountIDs {
      guard accountIDs.count == n else {
        throw ModelError.lengthMismatch(what: "account ids", expected: n, found: accountIDs.count)
      }
      names.insert(Self.idColumn, at: 0)
      columns.insert(.text(accountIDs), at: 0)
    }
    if let labels {
      guard labels.count == n else {
        throw ModelError.lengthMismatch(what: "labels", expected: n, found: labels.count)
      }
      names.append(Self.labelColumn)
      columns.append(.numbers(labels.map { $0.map { $0 ? 1 : 0 } ?? .nan }))
    }
    // Segment, plan and offer are names, whatever they look like (plan codes 1, 2, 3 and a few
    // words are levels, not numbers with typos).
    var table = try DataTable(columnNames: names, columns: columns)
    for name in ["segment", "plan", "offer"] { table = try table.fixingKind(ofColumn: name, as: .categorical) }
    return table
  }

  private static func isNoOffer(_ offer: String) -> Bool {
    let lowered = offer.lowercased()
    return lowered == "none" || lowered.isEmpty
  }

  /// Grows every per-account array so that `account` is a valid index.
  private mutating func reserve(_ account: Int) {
    precondition(account >= 0, "account index must be non-negative")
    guard account >= accountCount else { return }
    let grow = account + 1 - accountCount
    ticketCount += repeatElement(0, count: grow)
    lastWeek += repeatElement(0, count: grow)
    lastMonth += repeatElement(0, count: grow)
    scoredTickets += repeatElement(0, count: grow)
    negativeTickets += repeatElement(0, count: grow)
    sentimentSum += repeatElement(0, count: grow)
    worstSentiment += repeatElement(.infinity, count: grow)
    outageSum += repeatElement(0, count: grow)
    outageCount += repeatElement(0, count: grow)
    offerSum += repeatElement(0, count: grow)
    offerCount += repeatElement(0, count: grow)
    churnIntent += repeatElement(0, count: grow)
    competitor += repeatElement(0, count: grow)
    npsSum += repeatElement(0, count: grow)
    npsCount += repeatElement(0, count: grow)
    latestNPS += repeatElement(.nan, count: grow)
    latestNPSTime += repeatElement(-.infinity, count: grow)
    csatSum += repeatElement(0, count: grow)
    csatCount += repeatElement(0, count: grow)
    attributes += repeatElement(nil, count: grow)
    accountCount = account + 1
  }
}

/// A sharded run serialises its accumulator (`aftershock run --partial`) and `merge` reads it back.
/// Every per-account array is written whole, so decoding gives back the same state bit for bit;
/// the empty markers (+infinity worst sentiment, NaN latest NPS, -infinity its time) are written
/// as `null`, so the JSON holds only finite numbers.
extension AccountFeatureAccumulator: Codable {
  private enum CodingKeys: String, CodingKey {
    case asOf, accountCount, ignoredAfterAsOf, ticketCount, lastWeek, lastMonth, scoredTickets, negativeTickets
    case sentimentSum, worstSentiment, outageSum, outageCount, offerSum, offerCount, churnIntent, competitor
    case npsSum, npsCount, latestNPS, latestNPSTime, csatSum, csatCount, attributes
  }

  /// Decodes a state written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` when an array does not hold one entry per account, a
  ///   count is negative or a sum is not finite (a state no stream of records gives).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(asOf: try container.decode(Double.self, forKey: .asOf))
    let count = try container.decode(Int.self, forKey: .accountCount)
    guard count >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .accountCount, in: container, debugDescription: "negative account count \(count)")
    }
    func array<T: Decodable>(_ key: CodingKeys, _ type: T.Type) throws -> [T] {
      let values = try container.decode([T].self, forKey: key)
      guard values.count == count else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(values.count) values for \(count) accounts")
      }
      return values
    }
    func optional(_ key: CodingKeys, absent: Double) throws -> [Double] {
      let values = try array(key, Double?.self)
      if let index = values.firstIndex(where: { $0.map { !$0.isFinite } ?? false }) {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(values[index]!) for account \(index) is not a finite number")
      }
      return values.map { $0 ?? absent }
    }
    func counts(_ key: CodingKeys) throws -> [Int32] {
      let values = try array(key, Int32.self)
      if let index = values.firstIndex(where: { $0 < 0 }) {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(values[index]) for account \(index) is negative")
      }
      return values
    }
    func sums(_ key: CodingKeys) throws -> [Double] {
      let values = try array(key, Double.self)
      if let index = values.firstIndex(where: { !$0.isFinite }) {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(values[index]) for account \(index) is not a finite number")
      }
      return values
    }
    accountCount = count
    ignoredAfterAsOf = try container.decode(Int.self, forKey: .ignoredAfterAsOf)
    guard (0...(1 << 48)).contains(ignoredAfterAsOf) else {
      throw DecodingError.dataCorruptedError(
        forKey: .ignoredAfterAsOf, in: container,
        debugDescription: "\(ignoredAfterAsOf) is not a count (expected 0 to 2^48)")
    }
    ticketCount = try counts(.ticketCount)
    lastWeek = try counts(.lastWeek)
    lastMonth = try counts(.lastMonth)
    scoredTickets = try counts(.scoredTickets)
    negativeTickets = try counts(.negativeTickets)
    sentimentSum = try sums(.sentimentSum)
    worstSentiment = try optional(.worstSentiment, absent: .infinity)
    outageSum = try sums(.outageSum)
    outageCount = try counts(.outageCount)
    offerSum = try sums(.offerSum)
    offerCount = try counts(.offerCount)
    churnIntent = try counts(.churnIntent)
    competitor = try counts(.competitor)
    npsSum = try sums(.npsSum)
    npsCount = try counts(.npsCount)
    latestNPS = try optional(.latestNPS, absent: .nan)
    latestNPSTime = try optional(.latestNPSTime, absent: -.infinity)
    csatSum = try sums(.csatSum)
    csatCount = try counts(.csatCount)
    attributes = try array(.attributes, AccountAttributes?.self)
  }

  /// Encodes the state as per-account arrays of finite numbers (`null` for "nothing seen").
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    func finite(_ values: [Double]) -> [Double?] { values.map { $0.isFinite ? $0 : nil } }
    try container.encode(asOf, forKey: .asOf)
    try container.encode(accountCount, forKey: .accountCount)
    try container.encode(ignoredAfterAsOf, forKey: .ignoredAfterAsOf)
    try container.encode(ticketCount, forKey: .ticketCount)
    try container.encode(lastWeek, forKey: .lastWeek)
    try container.encode(lastMonth, forKey: .lastMonth)
    try container.encode(scoredTickets, forKey: .scoredTickets)
    try container.encode(negativeTickets, forKey: .negativeTickets)
    try container.encode(sentimentSum, forKey: .sentimentSum)
    try container.encode(finite(worstSentiment), forKey: .worstSentiment)
    try container.encode(outageSum, forKey: .outageSum)
    try container.encode(outageCount, forKey: .outageCount)
    try container.encode(offerSum, forKey: .offerSum)
    try container.encode(offerCount, forKey: .offerCount)
    try container.encode(churnIntent, forKey: .churnIntent)
    try container.encode(competitor, forKey: .competitor)
    try container.encode(npsSum, forKey: .npsSum)
    try container.encode(npsCount, forKey: .npsCount)
    try container.encode(finite(latestNPS), forKey: .latestNPS)
    try container.encode(finite(latestNPSTime), forKey: .latestNPSTime)
    try container.encode(csatSum, forKey: .csatSum)
    try container.encode(csatCount, forKey: .csatCount)
    try container.encode(attributes, forKey: .attributes)
  }
}
