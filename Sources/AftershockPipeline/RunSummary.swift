import AftershockForecast
import AftershockIngest
import Foundation

/// Everything the leadership report needs from one run besides the per-account scores, as a
/// serialisable value: mergeable aggregates (so shards combine), quotes, forecast and offer figures.
public struct RunSummary: Codable, Sendable {
  /// One representative sentence a customer wrote, already redacted.
  public struct Quote: Codable, Sendable, Equatable {
    /// The aspect it speaks to.
    public var aspect: String
    /// The aspect's sentiment in the text, in [-1, 1].
    public var score: Double
    /// The redacted text, cut to a readable length.
    public var text: String
    /// The writer's segment.
    public var segment: String
    /// The record it came from.
    public var recordID: String
  }

  /// The open accounts' expected retention had every one of them received `offer`.
  public struct WhatIf: Codable, Sendable, Equatable {
    /// The scenario's offer.
    public var offer: String
    /// Open accounts re-scored.
    public var accounts: Int
    /// Expected retained accounts with the offers they actually received.
    public var expectedRetainedActual: Double
    /// Expected retained accounts under the scenario, with its 90% interval.
    public var expectedRetainedScenario: Double
    /// Lower end of the scenario's 90% interval.
    public var low: Int
    /// Upper end of the scenario's 90% interval.
    public var high: Int
    /// Expected retained ARR, actual offers.
    public var arrActual: Double
    /// Expected retained ARR under the scenario.
    public var arrScenario: Double
    /// Why the figure may not be conclusive.
    public var warnings: [String]
  }

  /// One input's counts.
  public struct InputCounts: Codable, Sendable, Equatable {
    /// The kind: accounts, tickets or surveys.
    public var kind: String
    /// The file read.
    public var file: String
    /// Records read, accepted and quarantined (read = accepted + quarantined).
    public var read: Int
    /// Records accepted.
    public var accepted: Int
    /// Records quarantined.
    public var quarantined: Int
    /// Quarantined records by reason.
    public var quarantinedByReason: [String: Int]
    /// The input's size in bytes.
    public var bytes: Int64
    /// SHA-256 of the input (nil for standard input).
    public var sha256: String?
    /// Optional fields left empty because a JSON line gave them an object or array: field →
    /// records (nil when none, and in older runs).
    public var nestedValuesLeftEmpty: [String: Int]? = nil
    /// Accounts whose segment was renamed because it spelled the portfolio total's label
    /// (`Job.totalLabel`, "all"): the segment as written → accounts (nil when none, and in older runs).
    public var segmentsRenamed: [String: Int]? = nil
    /// Which column (or JSON key) fed each field: field → column as written (nil in older runs).
    public var columns: [String: String]? = nil
    /// The fields no column fed, left empty in every record, in schema order (nil in older runs).
    public var fieldsNotFound: [String]? = nil
    /// Rows skipped as no records (`extra_header`, `empty`, `footer`), non-zero counts only (nil
    /// when none, and in older runs).
    public var rowsSkipped: [String: Int]? = nil
    /// Numbers read as thousands and numbers refused for the other decimal mark, when an input
    /// had both (`InputSummary.decimalMarkConflict`; nil otherwise, and in older runs).
    public var decimalMarkConflict: [String: Int]? = nil
    /// Numeric dates quarantined as ambiguous, with the input's dates only one order reads
    /// (`InputSummary.dateOrderEvidence`; nil when none was ambiguous, and in older runs).
    public var dateOrderEvidence: InputSummary.DateOrderEvidence? = nil
    /// The kind the input's columns fit better than its own (`tickets` for a tickets export given
    /// as the accounts; nil when none, and in older runs).
    public var looksLike: String? = nil
    /// Texts that read as written in another language than English
    /// (`TextAnalysis.readsAsAnotherLanguage`; nil when none, and in older runs).
    public var textsInAnotherLanguage: Int? = nil
    /// Accounts whose churn date is after today (a cancellation given notice of, not yet in
    /// effect), read as open on the as-of day, and the first of them as `ID on DATE` (nil when
    /// none, and in older runs).
    public var churnDatesAheadOfToday: Int? = nil
    public var firstChurnDateAheadOfToday: String? = nil
    /// Accounts marked not churned with no renewal date, read as open with their renewal
    /// unknown (a CRM's "Active"; nil when none, and in older runs).
    public var notChurnedWithoutRenewalDate: Int? = nil
    /// The currencies ARR is written in when there are several (`InputSummary.arrCurrencies`;
    /// nil otherwise, and in older runs).
    public var arrCurrencies: [String: Int]? = nil
  }

  /// The day the run scored at (`YYYY-MM-DD`).
  public var asOf: String
  /// Inputs in reading order.
  public var inputs: [InputCounts] = []
  /// Sentiment of every scored text (tickets and survey comments).
  public var textSentiment = RunningMoments()
  /// Texts at or below the negative threshold.
  public var negativeTexts = 0
  /// Sentiment by day and segment (aspect and channel left empty): the "over time" view.
  public var byDay = KeyedAggregates<SliceKey, SliceAggregate>()
  /// Aspect sentiment by segment and offer (day and channel left empty).
  public var byAspect = KeyedAggregates<SliceKey, SliceAggregate>()
  /// NPS by segment.
  public var npsBySegment = KeyedAggregates<SliceKey, SliceAggregate>()
  /// The most frequent churn-intent phrases.
  public var intentPhrases = SpaceSaving<String>(capacity: 64)
  /// Representative quotes per aspect (most negative first).
  public var quotes: [Quote] = []
  /// The churn model used and how it was obtained.
  public var churnModel = ""
  /// The sentiment model used.
  public var sentimentModel = ""
  /// The retention and ARR forecast.
  public var forecast: [ForecastRow] = []
  /// The variance the churn model's estimation error adds to each forecast row's churned count
  /// and ARR (nil when the model gives none, and in runs saved before it was kept), so
  /// `aftershock forecast` can rebuild the run's own intervals.
  public var forecastModelError: [ForecastModelError]? = nil
  /// How that error was estimated: "delta method" (logistic regression's coefficients) or
  /// "jackknife over N members" (boosted trees averaged over folds); nil in older runs.
  public var forecastModelErrorMethod: String? = nil
  /// How long before their renewal date the run's settled churns were gone, which the forecast
  /// reads churn with (`ChurnTiming.beforeRenewal`); nil when too few churns gave both dates (churn
  /// then falls on the renewal date), and in runs saved before it was kept.
  public var noticeLead: NoticeLead? = nil
  /// The churn probabilities from which an account is high and medium risk (`RiskTiers`; nil in
  /// runs saved before session 38).
  public var highRiskFrom: Double? = nil
  public var mediumRiskFrom: Double? = nil
  /// Days from the first to the last renewal date of the settled renewals the churn model learns
  /// from (nil when none had a date, and in runs saved before session 38).
  public var settledRenewalSpanDays: Int? = nil
  /// Accounts whose renewal was settled as renewed by the as-of day (churned false, renewal date
  /// past): customers still, but settled history, so on neither the at-risk list nor the
  /// forecast until the accounts file gives their next renewal date (nil in runs saved before
  /// session 37). A user audit found a renewed customer writing "we will not renew" on no list,
  /// and the run not saying how many customers it left out.
  public var renewedAccounts: Int? = nil
  /// Of `renewedAccounts`, those the model reads as high risk (`accounts_risk.csv`, status renewed):
  /// its reading of the renewal they passed, whose date their features hold, not of the next.
  public var renewedHighRisk: Int? = nil
  /// Retention by offer of the accounts whose renewal was due by the as-of day (renewed, or
  /// churned with no renewal date after it: `Job.trainingLabel`), with intervals and warnings;
  /// runs saved before `offerChurnsBeforeRenewal` was kept counted every settled account.
  public var offerGroups: [OfferReport.Group] = []
  /// Churned accounts the offer comparison leaves out because their renewal date is after the
  /// as-of day (their peers who stay are still open); nil in runs saved before it was kept, whose
  /// comparison counted them.
  public var offerChurnsBeforeRenewal: Int? = nil
  /// Differences between offers.
  public var offerComparisons: [OfferReport.Comparison] = []
  /// Warnings on the offer comparison (small groups, confounding).
  public var offerWarnings: [String] = []
  /// Association between offer and segment.
  public var offerConfounding: OfferReport.Confounding?
  /// What-if: the open accounts re-scored as if each had received one offer.
  public var offerWhatIf: [WhatIf] = []
  /// How the what-if was made: the columns of the offer model it fitted on the renewals due
  /// (`Job.preOfferColumns` found in the table), or, when it had too few, why it has none; nil in
  /// runs saved before session 36, which re-scored through the churn model itself, holding each
  /// account's reactions to its own offer.
  public var offerWhatIfModel: String? = nil
  /// Kaplan–Meier survival by segment, in days since contract start, each account at risk from its
  /// tenure on `survivalObservedFrom` (`Job.survival()`).
  public var survivalBySegment: [String: KaplanMeierCurve] = [:]
  /// The first day the accounts file could record a churn (its earliest churn date), from which
  /// the survival curves count accounts at risk; nil when no churn is dated, and in runs saved
  /// before delayed entry, whose curves counted every account at risk from contract start.
  public var survivalObservedFrom: String? = nil
  /// What the run changed in its inputs, or left out of a figure, that a reader should know, one
  /// sentence each (a segment renamed, accounts not started by the as-of day); nil in older runs.
  public var warnings: [String]? = nil
  /// Timings of each stage, in seconds.
  public var stageSeconds: [String: Double] = [:]

  /// An empty summary for a run at `asOf`.
  public init(asOf: String) {
    self.asOf = asOf
  }
}

/// The churn model's estimation error in one forecast row: variances of churned accounts and ARR.
public struct ForecastModelError: Codable, Sendable, Equatable {
  public var segment: String
  public var horizonDays: Int
  public var countVariance: Double
  public var arrVariance: Double

  public init(segment: String, horizonDays: Int, countVariance: Double, arrVariance: Double) {
    self.segment = segment
    self.horizonDays = horizonDays
    self.countVariance = countVariance
    self.arrVariance = arrVariance
  }
}
