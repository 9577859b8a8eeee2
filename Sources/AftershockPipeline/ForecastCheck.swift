import AftershockForecast
import AftershockIngest
import AftershockModel
import AftershockStore

/// A stored run's forecast and churn probabilities against what a later accounts file says became
/// of its open accounts (`aftershock forecast --run ID --against FILE`).
///
/// Only what the later file can know is compared: a horizon is checked when it ends on or before
/// ``knownUntil``, and an account's probability (P(it churns at its next renewal)) is scored when
/// that renewal fell by the end of the longest checked horizon and the file records its outcome.
public struct ForecastCheck: Sendable {
  /// One segment (or `all`) at one checked horizon: the run's forecast and what happened.
  public struct HorizonRow: Sendable, Equatable {
    /// The forecast row (over the run's accounts found in the later file).
    public var forecast: ForecastRow
    /// The horizon's last day: the as-of day plus the horizon.
    public var endDay: Day
    /// Accounts of the row not churned by `endDay` in the later file.
    public var actualRetained: Int
    /// Their ARR as the run stored it.
    public var actualARRRetained: Double
    /// Whether `actualRetained` is within the forecast's interval.
    public var countCovered: Bool { forecast.retainedLow <= actualRetained && actualRetained <= forecast.retainedHigh }
    /// Whether `actualARRRetained` is within the forecast's interval (to the cent).
    public var arrCovered: Bool {
      forecast.arrLow - 0.005 <= actualARRRetained && actualARRRetained <= forecast.arrHigh + 0.005
    }
  }

  /// How the accounts scored fared, by the risk tier the run gave them.
  public struct TierRow: Sendable, Equatable {
    /// The tier as the run stored it (`high`, `medium`, `low`).
    public var tier: String
    /// Accounts, their mean predicted probability and the share that churned
    /// (`ClassificationMetrics.calibrationTable` over the tier's accounts, one bin).
    public var calibration: CalibrationBin
    /// Churned accounts of the tier.
    public var churned: Int
    /// The 90% Wilson interval of the churned share.
    public var churnedInterval: ProportionInterval
  }

  /// How well the run's churn probabilities ranked and matched the outcomes they could be checked on.
  public struct ProbabilityQuality: Sendable, Equatable {
    /// The last renewal day an account could have to be scored.
    public var renewalsBy: Day
    /// Accounts scored.
    public var accounts: Int
    /// Of them, churned.
    public var churned: Int
    /// Mean predicted probability.
    public var meanPredicted: Double
    /// ROC AUC (NaN when every account churned or none did).
    public var rocAUC: Double
    /// Mean log-loss (natural log; probabilities clipped as scikit-learn does).
    public var logLoss: Double
    /// Brier score.
    public var brier: Double
    /// Calibration by tier, high to low.
    public var tiers: [TierRow]
  }

  /// Where an account of the run or the later file stands in the check.
  public enum AccountStatus: String, Sendable, Equatable, CaseIterable {
    /// In the run and in the later file: compared.
    case compared
    /// In the run, not in the later file at all: left out of every figure.
    case missing
    /// In the run, but its record in the later file was quarantined: left out of every figure.
    case quarantined
    /// In the run as open, but the later file has it churned on or before the run's as-of day (the
    /// run's input did not know it had left): left out of every figure, as the forecast could not
    /// have counted it lost in any horizon.
    case churnedByAsOf = "churned_by_as_of"
    /// In the later file, started after the run's as-of day: a new customer, not forecast.
    case new
    /// In the later file, churned or renewed on or before the run's as-of day: not open then, so not forecast.
    case settled
    /// In the later file, neither new nor settled, yet not in the run (e.g. quarantined in the run's own input).
    case unexplained
  }

  /// One account of the run or of the later file.
  public struct AccountRow: Sendable, Equatable {
    /// Its id.
    public var accountID: String
    /// Where it stands.
    public var status: AccountStatus
    /// The run's stored score (nil when not in the run).
    public var score: AccountScore?
    /// Churn day in the later file on or before ``ForecastCheck/knownUntil`` (nil: not churned by then,
    /// or churned with no date: see `churnedUndated`).
    public var churnDay: Day?
    /// Marked churned in the later file with no churn date: counted as churned at every horizon.
    public var churnedUndated: Bool
    /// Whether the later file records an outcome for it by ``ForecastCheck/knownUntil``: churned
    /// by then, or `churned` false with a renewal date by then or rolled past the renewal the run
    /// stored (renewed at it) by then (a churn dated later was not known then: the account counts
    /// as retained but its probability is not scored).
    public var hasOutcome: Bool
    /// Whether its probability is in ``ForecastCheck/quality``.
    public var isScored: Bool
    /// Marked `churned` false with a renewal date later than the renewal the run stored: the CRM
    /// rolled it forward when the account renewed.
    public var renewalRolledForward: Bool = false
    /// Marked `churned` false in the later file.
    public var markedNotChurned: Bool = false
    /// Marked churned in the later file with a churn date after ``ForecastCheck/knownUntil``.
    public var churnedAfterKnownUntil: Bool = false

    /// Whether it churned on or before `day` by the later file.
    func churned(by day: Day) -> Bool { churnedUndated || (churnDay.map { $0 <= day } ?? false) }
  }

  /// How ``knownUntil`` was chosen.
  public enum KnownUntilSource: Sendable, Equatable {
    /// `--known-until`.
    case option
    /// The later file's latest churn date (of the account named).
    case latestChurnDate(accountID: String)
  }

  /// A day the later file holds, with the account that has it.
  public struct DatedAccount: Sendable, Equatable {
    /// The day.
    public var day: Day
    /// The account's id.
    public var accountID: String
  }

  /// The run checked.
  public var run: RunRecord
  /// Its as-of day.
  public var asOf: Day
  /// The later accounts file.
  public var laterFile: String
  /// Its read, accepted and quarantined counts.
  public var input: InputSummary
  /// The last day the later file's outcomes are taken to be complete.
  public var knownUntil: Day
  /// How that day was chosen.
  public var knownUntilSource: KnownUntilSource
  /// The latest churn date in the later file, never past today (nil when it has none).
  public var latestChurnDate: DatedAccount?
  /// The latest renewal date of an account the later file marks `churned` false, never past today
  /// (nil when it has none).
  public var latestRenewalOfNotChurned: DatedAccount?
  /// Accounts marked `churned` false whose renewal date is after ``knownUntil`` (and not past
  /// today): taken as renewals still ahead, not as done.
  public var notChurnedRenewingAfterKnownUntil: Int = 0
  /// The horizons checked, ascending.
  public var checkedHorizons: [Int]
  /// The horizons that end after ``knownUntil``: not checked.
  public var uncheckedHorizons: [Int]
  /// Rows: `all` first, then segments; horizons ascending within each.
  public var rows: [HorizonRow]
  /// The probabilities' quality (nil when no account's renewal fell within a checked horizon).
  public var quality: ProbabilityQuality?
  /// Every account of the run, then every account of the later file not in the run, by id.
  public var accounts: [AccountRow]
  /// Whether the run's stored churn-model error is in the intervals (see `RunHistory.forecast`).
  public var includesModelError: Bool
  /// The horizons whose model error the run stored; a checked horizon not among them borrows the
  /// next stored one's (see `RunHistory.forecast`).
  public var modelErrorHorizons: [Int] = []
  /// The later file has no column for `churned`: only its `churn_date` tells outcomes.
  public var churnedColumnMissing: Bool { input.fieldsNotFound.contains("churned") }

  /// The accounts with a status.
  public func accounts(_ status: AccountStatus) -> [AccountRow] { accounts.filter { $0.status == status } }
  /// Accounts of the run whose renewal fell within the checked horizons but whose outcome the later
  /// file does not record by ``knownUntil`` (`churned` blank, or a churn dated after it): retained
  /// in the counts, not scored.
  public var renewalsWithoutOutcome: [AccountRow] {
    guard let quality else { return [] }
    return accounts.filter { row in
      row.status == .compared && !row.hasOutcome && renewalDay(row).map { $0 <= quality.renewalsBy } ?? false
    }
  }

  /// The run's next renewal day of an account (nil when the run did not know it).
  func renewalDay(_ row: AccountRow) -> Day? {
    row.score?.daysToRenewal.map { Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32(clamping: $0)) }
  }

  /// What the later file says of one account.
  public struct LaterOutcome: Sendable, Equatable {
    /// `churned` as written (nil: blank).
    public var churned: Bool?
    /// `churn_date`.
    public var churnDate: Day?
    /// `contract_start`.
    public var contractStart: Day?
    /// `renewal_date`.
    public var renewalDate: Day?

    /// Makes an outcome.
    public init(churned: Bool?, churnDate: Day? = nil, contractStart: Day? = nil, renewalDate: Day? = nil) {
      self.churned = churned
      self.churnDate = churnDate
      self.contractStart = contractStart
      self.renewalDate = renewalDate
    }
  }

  /// The later file's latest churn date and latest renewal date of an account marked not churned,
  /// each never past `today`, with the account that has it (nil when it holds none).
  ///
  /// The churn date is the day the file knows outcomes until by default: it knew of churns at
  /// least that far. A renewal date of an account marked not churned is not taken as known: a CRM
  /// export marks an account whose renewal is still ahead `Active` (false), and a renewed one's
  /// renewal date rolls forward, so those dates run past the export.
  public static func latestDates(in outcomes: [String: LaterOutcome], today: Day) -> (
    churn: DatedAccount?, renewalOfNotChurned: DatedAccount?
  ) {
    var churn: DatedAccount?
    var renewal: DatedAccount?
    func keepLater(_ latest: inout DatedAccount?, _ day: Day, _ id: String) {
      let day = min(day, today)
      if latest.map({ day > $0.day || (day == $0.day && id < $0.accountID) }) ?? true {
        latest = DatedAccount(day: day, accountID: id)
      }
    }
    for (id, outcome) in outcomes {
      if outcome.churned != false, let day = outcome.churnDate { keepLater(&churn, day, id) }
      if outcome.churned == false, let day = outcome.renewalDate { keepLater(&renewal, day, id) }
    }
    return (churn, renewal)
  }

  /// Whether an account the run had open is compared: the later file does not have it churned on
  /// or before the run's as-of day (a churn the run's input did not know of).
  static func isComparable(_ outcome: LaterOutcome, asOf: Day) -> Bool {
    !(outcome.churned != false && (outcome.churnDate.map { $0 <= asOf } ?? false))
  }

  /// Compares a run's scores and forecast with the later file's outcomes.
  ///
  /// - Parameters:
  ///   - scores: the run's stored scores (its open accounts).
  ///   - forecast: the forecast over those of `scores` found in `outcomes`, at `checkedHorizons`.
  ///   - outcomes: the later file's accepted accounts by id.
  ///   - quarantinedIDs: ids of the later file's quarantined records.
  /// - Throws: `ModelError` from the metrics (not expected: probabilities come from the store's checks).
  static func compare(
    run: RunRecord, asOf: Day, scores: [AccountScore], forecast: RetentionForecast, checkedHorizons: [Int],
    outcomes: [String: LaterOutcome], quarantinedIDs: Set<String>, knownUntil: Day
  ) throws -> (rows: [HorizonRow], quality: ProbabilityQuality?, accounts: [AccountRow]) {
    var accountRows: [AccountRow] = []
    var inRun = Set<String>()
    for score in scores.sorted(by: { $0.accountID < $1.accountID }) {
      inRun.insert(score.accountID)
      guard let outcome = outcomes[score.accountID] else {
        accountRows.append(
          AccountRow(
            accountID: score.accountID, status: quarantinedIDs.contains(score.accountID) ? .quarantined : .missing,
            score: score, churnDay: nil, churnedUndated: false, hasOutcome: false, isScored: false))
        continue
      }
      guard isComparable(outcome, asOf: asOf) else {
        accountRows.append(
          AccountRow(
            accountID: score.accountID, status: .churnedByAsOf, score: score, churnDay: outcome.churnDate,
            churnedUndated: false, hasOutcome: false, isScored: false))
        continue
      }
      let churnedByKnown = outcome.churned != false && (outcome.churnDate.map { $0 <= knownUntil } ?? false)
      let undated = outcome.churned == true && outcome.churnDate == nil
      // A renewed account's renewal date moves on a term in a later export: a date past the
      // renewal the run stored says it renewed then (once that day is known).
      let runRenewal = score.daysToRenewal.map { Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32(clamping: $0)) }
      let rolledForward =
        outcome.churned == false
        && (runRenewal.flatMap { run in outcome.renewalDate.map { $0 > run } } ?? false)
      let renewedByKnown =
        outcome.churned == false
        && ((outcome.renewalDate.map { $0 <= knownUntil } ?? true)
          || (rolledForward && (runRenewal.map { $0 <= knownUntil } ?? false)))
      accountRows.append(
        AccountRow(
          accountID: score.accountID, status: .compared, score: score,
          churnDay: churnedByKnown ? outcome.churnDate : nil, churnedUndated: undated,
          hasOutcome: churnedByKnown || undated || renewedByKnown, isScored: false,
          renewalRolledForward: rolledForward, markedNotChurned: outcome.churned == false,
          churnedAfterKnownUntil: outcome.churned != false && (outcome.churnDate.map { $0 > knownUntil } ?? false)))
    }
    for id in outcomes.keys.sorted() where !inRun.contains(id) {
      let outcome = outcomes[id]!
      let status: AccountStatus
      if let start = outcome.contractStart, start > asOf {
        status = .new
      } else if (outcome.churned != false && (outcome.churnDate.map { $0 <= asOf } ?? false))
        || (outcome.churned != nil && (outcome.renewalDate.map { $0 <= asOf } ?? false))
      {
        status = .settled
      } else {
        status = .unexplained
      }
      accountRows.append(
        AccountRow(
          accountID: id, status: status, score: nil, churnDay: nil, churnedUndated: false, hasOutcome: false,
          isScored: false, markedNotChurned: outcome.churned == false))
    }

    // Horizons: each forecast row against the compared accounts of its segment.
    var rows: [HorizonRow] = []
    let compared = accountRows.filter { $0.status == .compared }
    for row in forecast.rows where checkedHorizons.contains(row.horizonDays) {
      let end = Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32(clamping: row.horizonDays))
      let members = compared.filter { row.segment == "all" || ($0.score?.segment ?? "unknown") == row.segment }
      let retained = members.filter { !$0.churned(by: end) }
      rows.append(
        HorizonRow(
          forecast: row, endDay: end, actualRetained: retained.count,
          actualARRRetained: retained.reduce(0) { $0 + ($1.score?.arr ?? 0) }))
    }

    // Probabilities: accounts whose next renewal fell by the end of the longest checked horizon.
    guard let longest = checkedHorizons.max() else { return (rows, nil, accountRows) }
    let renewalsBy = Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32(clamping: longest))
    var probabilities: [Double] = []
    var labels: [Bool] = []
    var tiers: [String: (probabilities: [Double], labels: [Bool])] = [:]
    for index in accountRows.indices where accountRows[index].status == .compared && accountRows[index].hasOutcome {
      guard let score = accountRows[index].score, let days = score.daysToRenewal,
        Int(asOf.daysSinceEpoch) + days <= Int(renewalsBy.daysSinceEpoch)
      else { continue }
      let churned = accountRows[index].churned(by: knownUntil)
      accountRows[index].isScored = true
      probabilities.append(score.churnProbability)
      labels.append(churned)
      tiers[score.tier, default: ([], [])].probabilities.append(score.churnProbability)
      tiers[score.tier, default: ([], [])].labels.append(churned)
    }
    guard !probabilities.isEmpty else { return (rows, nil, accountRows) }
    let order = ["high", "medium", "low"]
    let tierRows = try tiers.keys.sorted {
      (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
    }.map { tier in
      let members = tiers[tier]!
      let churned = members.labels.filter { $0 }.count
      return TierRow(
        tier: tier,
        calibration: try ClassificationMetrics.calibrationTable(members.probabilities, members.labels, binCount: 1)[0],
        churned: churned,
        churnedInterval: ProportionInterval.wilson(
          successes: churned, trials: members.labels.count, confidence: 0.90))
    }
    let quality = ProbabilityQuality(
      renewalsBy: renewalsBy, accounts: probabilities.count, churned: labels.filter { $0 }.count,
      meanPredicted: probabilities.reduce(0, +) / Double(probabilities.count),
      rocAUC: try ClassificationMetrics.rocAUC(probabilities, labels),
      logLoss: try ClassificationMetrics.logLoss(probabilities, labels),
      brier: try ClassificationMetrics.brierScore(probabilities, labels), tiers: tierRows)
    return (rows, quality, accountRows)
  }
}
