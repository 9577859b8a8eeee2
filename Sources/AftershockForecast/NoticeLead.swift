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
    self.counts = counts
  }

  /// The number of churns the distribution was drawn from.
  public var churns: Int { counts.reduce(0, +) }

  /// The share of churns gone at least `days` before their renewal date (1 for 0 days or fewer).
  public func shareAtLeast(_ days: Int) -> Double {
    guard days > 0 else { return 1 }
    guard days < counts.count else { return 0 }
    let total = churns
    guard total > 0 else { return days <= 0 ? 1 : 0 }
    return Double(counts[days...].reduce(0, +)) / Double(total)
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
