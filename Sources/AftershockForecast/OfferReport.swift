/// Retention and ARR by offer received, differences against a baseline offer, and warnings.
public struct OfferReport: Sendable, Equatable {
  /// Retention and ARR of one offer group.
  public struct Group: Sendable, Equatable, Codable {
    /// The offer.
    public var offer: String
    /// Accounts that received it.
    public var accounts: Int
    /// Of which still active.
    public var retained: Int
    /// Retention share with its Wilson interval.
    public var retention: ProportionInterval
    /// ARR of the group.
    public var arr: Double
    /// ARR of its retained accounts.
    public var arrRetained: Double
    /// ARR-weighted retention (arrRetained / arr) with a linearised ratio-estimator interval.
    public var arrRetention: ProportionInterval
    /// Whether the group passes the size and event minimums.
    public var isLargeEnough: Bool
  }

  /// Retention difference of one offer against the baseline.
  public struct Comparison: Sendable, Equatable, Codable {
    /// The offer compared.
    public var offer: String
    /// The baseline offer.
    public var baseline: String
    /// Retention(offer) - retention(baseline) with Newcombe's hybrid score interval.
    public var difference: ProportionInterval
    /// True when both groups are large enough, offers are not confounded with segment, and the interval
    /// excludes 0, as the segment-adjusted one does on the same side (when some segment holds both offers).
    public var isConclusive: Bool
    /// The difference within strata (segments, and outage-impact bands when impact is known,
    /// `adjustedFor`): Mantel-Haenszel risk difference over the strata holding both offers, with a
    /// Wald interval on the Greenland-Robins (1985) variance; nil when no stratum holds both.
    public var segmentAdjustedDifference: ProportionInterval?
    /// Accounts in the segments used for the adjusted difference.
    public var segmentAdjustedAccounts: Int
    /// What the adjusted difference is stratified by, in words ("segment and outage impact (...)");
    /// nil when by segment alone (and in runs saved before session 36).
    public var adjustedFor: String? = nil
  }

  /// Association between offer and segment (Pearson chi-square and Cramer's V).
  public struct Confounding: Sendable, Equatable, Codable {
    /// Cramer's V in [0, 1].
    public var cramersV: Double
    /// Pearson chi-square statistic of the offer x segment table.
    public var chiSquare: Double
    /// Its degrees of freedom.
    public var degreesOfFreedom: Int
    /// Its p-value.
    public var pValue: Double
    /// Whether V reaches the configured threshold.
    public var isConfounded: Bool
  }

  /// Groups sorted by offer name.
  public let groups: [Group]
  /// Each other offer against the baseline.
  public let comparisons: [Comparison]
  /// Offer-segment association.
  public let confounding: Confounding
  /// Everything that limits conclusions.
  public let warnings: [OfferWarning]
  /// Confidence level of the intervals.
  public let confidence: Double

  /// Column names for a table or CSV of the groups.
  public var header: [String] {
    let level = Int((confidence * 100).rounded())
    return [
      "offer", "accounts", "retained", "retention", "retention_low\(level)", "retention_high\(level)",
      "difference_vs_baseline", "difference_low\(level)", "difference_high\(level)", "arr", "arr_retained",
      "arr_retention", "arr_retention_low\(level)", "arr_retention_high\(level)", "segment_adjusted_difference",
      "segment_adjusted_low\(level)", "segment_adjusted_high\(level)", "conclusive",
    ]
  }

  /// Group rows as strings (shares with 4 decimals, money with 2).
  public var stringRows: [[String]] {
    groups.map { group in
      let comparison = comparisons.first { $0.offer == group.offer }
      func share(_ value: Double?) -> String {
        value.map { $0.isNaN ? "" : RetentionForecast.format($0, decimals: 4) } ?? ""
      }
      return [
        group.offer, String(group.accounts), String(group.retained), share(group.retention.estimate),
        share(group.retention.lower), share(group.retention.upper), share(comparison?.difference.estimate),
        share(comparison?.difference.lower), share(comparison?.difference.upper),
        RetentionForecast.format(group.arr, decimals: 2), RetentionForecast.format(group.arrRetained, decimals: 2),
        share(group.arrRetention.estimate), share(group.arrRetention.lower), share(group.arrRetention.upper),
        share(comparison?.segmentAdjustedDifference?.estimate), share(comparison?.segmentAdjustedDifference?.lower),
        share(comparison?.segmentAdjustedDifference?.upper),
        comparison.map { $0.isConclusive ? "yes" : "no" } ?? "baseline",
      ]
    }
  }
}
