/// How long before its renewal date an account that churns is gone: the days from `churn_date`
/// to `renewal_date` of churns already settled, as an empirical distribution.
///
/// A customer who will not renew often says so, or stops, weeks before the contract ends: on the
/// bundled sample, churn dates fall 0 to 30 days before the renewal, and 23 of the 47 accounts gone
/// 30 days after a run were due to renew after those 30 days (`forecast --against`). A forecast that
/// put every churn on its renewal date counted them as retained at the horizon.
public struct NoticeLead: Codable, Sendable, Equatable {
  /// Churns seen at each lead, from 0 days (on the renewal date) to the longest lead seen.
  public let counts: [Int]
  /// The longest lead the churns could have shown: the days from the first churn date in the
  /// data to the as-of day (nil when not known). When the longest lead seen comes near it, longer
  /// leads may exist that have not had the time to show (`mayBeCutShort`).
  public var observableDays: Int? = nil

  /// The longest lead kept: a churn more than a term before its renewal date is no notice of that
  /// renewal.
  public static let longestLead = 365

  /// The distribution of `leadDays` (each a renewal date minus a churn date; a churn after its
  /// renewal date counts as 0 days, a lead past `longestLead` as `longestLead`); nil when there
  /// are none.
  public init?(leadDays: [Int]) {
    guard !leadDays.isEmpty else { return nil }
    let leads = leadDays.map { min(Self.longestLead, max(0, $0)) }
    var counts = [Int](repeating: 0, count: (leads.max() ?? 0) + 1)
    for lead in leads { counts[lead] += 1 }
    self.init(counts: counts)
  }

  private init(counts: [Int]) {
    self.counts = counts
    // Churns at each lead or longer, so that `shareAtLeast` is one look-up: the forecast asks it
    // a few times per open account and horizon, and a lead may run to a year.
    var atLeast = [Int](repeating: 0, count: counts.count + 1)
    for days in counts.indices.reversed() { atLeast[days] = atLeast[days + 1] + counts[days] }
    self.atLeast = atLeast
  }

  /// Churns gone at each lead or longer (index 0 holds every churn, the last none).
  private let atLeast: [Int]

  private enum CodingKeys: String, CodingKey { case counts, observableDays }

  /// Reads `counts` and `observableDays` (the look-up table is rebuilt from the counts).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let counts = try container.decode([Int].self, forKey: .counts)
    guard counts.allSatisfy({ $0 >= 0 }) else {
      throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "a negative count")
    }
    self.init(counts: counts)
    observableDays = try container.decodeIfPresent(Int.self, forKey: .observableDays)
  }

  /// The number of churns the distribution was drawn from.
  public var churns: Int { atLeast[0] }

  /// The share of churns gone at least `days` before their renewal date (1 for 0 days or fewer).
  public func shareAtLeast(_ days: Int) -> Double {
    guard days > 0 else { return 1 }
    guard days < counts.count, churns > 0 else { return 0 }
    return Double(atLeast[days]) / Double(churns)
  }

  /// Whether the longest lead seen comes within a week of the longest the data could show: a
  /// week after an outage, churns 0 to 6 days before their renewal say nothing of a 30-day notice.
  public var mayBeCutShort: Bool {
    guard let observableDays else { return false }
    return counts.count - 1 + 7 >= observableDays
  }

  /// The median lead in days.
  public var medianDays: Int {
    let half = (churns + 1) / 2
    var seen = 0
    for (days, count) in counts.enumerated() {
      seen += count
      if seen >= half { return days }
    }
    return counts.count - 1
  }
}
