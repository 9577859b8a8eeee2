import AftershockForecast
import AftershockIngest
import AftershockModel
import AftershockStore
import Foundation

/// The churn scores of one run, row-aligned with the run's accounts.
struct AccountScoring {
  /// The feature table (account_id, features, churned).
  var table: DataTable
  /// The model that scored it.
  var model: ChurnModel
  /// Risk per account, in account order: for an open account renewing within the notice lead,
  /// conditioned on its not having left yet (`ChurnTiming.pendingChurnProbability`), its tier
  /// with it.
  var risks: [AftershockModel.AccountRisk]
  /// The churn model's own probability per account, in account order (the forecast's input).
  var modelProbabilities: [Double]
  /// Rows of accounts whose renewal decision is pending (the ones at risk).
  var openRows: [Int]
  /// What a model learns from each account (`Job.trainingLabel`), in account order.
  var labels: [Bool?]
}

extension Job {
  /// Builds account features, loads or fits the churn model and scores every account.
  mutating func scoreAccounts() throws -> AccountScoring {
    let ids = accounts.map(\.accountID)
    // The labels a model learns from (and `account_features.csv` carries): the settled accounts
    // whose renewal was due (`trainingLabel`).
    let labels = accounts.map { trainingLabel($0) }
    let table = try features.featureTable(accountIDs: ids, labels: labels)
    let model = try loadOrFitModel(table, labels: labels)
    var scorer = RiskScorer(tiers: configuration.tiers)
    // The run keeps only reasons that raise risk (`accounts_risk.csv`, the at-risk list, the
    // report's top accounts by ARR at risk, where a large low-tier account must say why it is
    // there: an outside audit found 8 of 15 rows without a reason, one with two tickets saying
    // it was leaving).
    scorer.reasonsRaiseRiskForEveryTier = true
    // An account's own statements of leaving, or of a competitor, come first among its reasons.
    scorer.alwaysShown = ["churn_intent_tickets", "competitor_tickets"]
    var risks: [AftershockModel.AccountRisk]
    do {
      risks = try scorer.score(table, with: model)
    } catch let error as ModelError {
      throw Self.modelDoesNotFit(error, file: churnModelFile, table: table)
    }
    var modelProbabilities = risks.map(\.churnProbability)
    // Open: the renewal decision is still pending (no churned label). Renewed accounts (false)
    // and churned ones (true) are settled history: they train the model and the offer comparison.
    let openRows = accounts.indices.filter { accounts[$0].churned == nil }
    let renewed = accounts.indices.filter { accounts[$0].churned == false }
    summary.renewedAccounts = renewed.count
    summary.renewedHighRisk = renewed.filter { risks[$0].tier == .high }.count
    // An open account renewing within the notice lead has outlived the churns that give that
    // much notice: its risk, tier and ARR at risk are read given that (the forecast does the same
    // from the model's probability).
    summary.noticeLead = noticeLead()
    summary.highRiskFrom = configuration.tiers.high
    summary.mediumRiskFrom = configuration.tiers.medium
    let settled = accounts.indices.compactMap { labels[$0] == nil ? nil : accounts[$0].renewalDate?.daysSinceEpoch }
    if let first = settled.min(), let last = settled.max() { summary.settledRenewalSpanDays = Int(last - first) }
    let timing = Self.timing(noticeLead: summary.noticeLead)
    for row in openRows {
      // Notice given (a churn date after today): it leaves, whatever the model reads; the
      // forecast counts it as leaving too.
      if let effective = accounts[row].noticeEffective {
        modelProbabilities[row] = 1
        risks[row].churnProbability = 1
        risks[row].tier = configuration.tiers.tier(for: 1)
        let notice = RiskDriver(column: "churn_date", contribution: 1, text: "notice given: leaves on \(effective)")
        risks[row].drivers = [notice] + risks[row].drivers.filter { $0.raisesRisk }.prefix(2)
        continue
      }
      let pending = timing.pendingChurnProbability(
        modelProbabilities[row], daysToRenewal: daysToRenewal(accounts[row]))
      guard pending != risks[row].churnProbability else { continue }
      risks[row].churnProbability = pending
      risks[row].tier = configuration.tiers.tier(for: pending)
    }
    return AccountScoring(
      table: table, model: model, risks: risks, modelProbabilities: modelProbabilities, openRows: openRows,
      labels: labels)
  }

  /// A churn model file that does not fit the run's account features, named with the file and
  /// what the run's table has: "column 'score' is missing from the table" said neither which
  /// model nor which table. A column the model read as another kind is named with the account
  /// whose value does not fit ("row 1" of a table the user never sees said nothing), and the
  /// cause is not assumed to be the file: a column of the accounts file may have changed.
  static func modelDoesNotFit(_ error: ModelError, file: String?, table: DataTable) -> any Error {
    guard let file else { return error }
    let retrain =
      "give a model trained on a run's account_features.csv "
      + "('aftershock churn train --data OUT/account_features.csv --label churned --id account_id --model-file FILE'), "
      + "or leave out --model-file"
    let reason: String
    switch error {
    case .missingColumn(let name):
      reason = "it reads a column '\(name)', which the run's account features do not have"
    case .featureMismatch:
      reason = "\(error)"
    case .columnKindChanged(let column, let expected, let row, let value):
      let account = accountID(inRow: row, of: table).map { "account \($0)" } ?? "row \(row)"
      return PipelineError.failed(
        "churn model file \(file) does not fit the run's account features: it reads column '\(column)' as \(expected), "
          + "as in the table it was trained on, but \(account) has '\(value)' there (the column's values changed "
          + "since, in the accounts file or the features, or the model was trained on other data); \(retrain)")
    default:
      return error
    }
    let columns = table.columnNames.filter {
      $0 != AccountFeatureAccumulator.labelColumn && $0 != AccountFeatureAccumulator.idColumn
    }
    return PipelineError.failed(
      "churn model file \(file) was trained on another table than the run's account features: \(reason) "
        + "(they are \(columns.joined(separator: ", "))); \(retrain)")
  }

  /// A run's start or finish time as the history and `manifest.json` write it: ISO 8601 in UTC
  /// with milliseconds. A run is told from the one it replaced (same as-of day) by its start
  /// time (`RunHistory.otherRunInFolder`): to the second, two runs of a day started within the
  /// same second, into two folders, read as one.
  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  /// The account id of a feature table's row (1-based, as errors count rows), if it has one.
  private static func accountID(inRow row: Int, of table: DataTable) -> String? {
    guard row >= 1, row <= table.rowCount,
      case .text(let ids)? = try? table.column(named: AccountFeatureAccumulator.idColumn)
    else { return nil }
    return ids[row - 1]
  }

  /// The churn model: an explicit `--model-file`; else one fitted on this run's own labelled
  /// accounts when there are enough (at least 50, with 10 of each outcome), its L2 strength chosen
  /// by cross-validated log-loss (`RegularizationSearch`: strong shrinkage on the few renewals due
  /// a week after an outage, weaker as they add up; the fixed scikit-learn default, C = 1, gave a
  /// high tier predicted at 0.69-0.77 where 0.37-0.45 churned, and a high-tier count swinging from
  /// 217 to 372 to 194 between weekly runs of the sample); else the shipped
  /// `Data/models/churn.json`, which was trained on the bundled synthetic sample and so is only
  /// a stand-in until the customer's own renewals are known.
  mutating func loadOrFitModel(_ table: DataTable, labels: [Bool?]) throws -> ChurnModel {
    if let path = configuration.churnModelPath {
      let model = try ChurnModel.load(from: path)
      churnModelFile = path
      summary.churnModel =
        "\(model.kind.rawValue) from \(path) (trained \(Self.isoDay(model.trainedAt)) on \(model.trainingRows) accounts)"
      return model
    }
    let labelled = labels.indices.filter { labels[$0] != nil }
    let positives = labelled.filter { labels[$0] == true }.count
    if Self.canFit(labelled: labelled.count, churned: positives) {
      let training = table.selectingRows(labelled)
      let search = try RegularizationSearch().run(
        LogisticRegression(), on: training, label: AccountFeatureAccumulator.labelColumn,
        idColumn: AccountFeatureAccumulator.idColumn)
      let model = try search.estimator.fit(
        training, label: AccountFeatureAccumulator.labelColumn, idColumn: AccountFeatureAccumulator.idColumn)
      summary.churnModel =
        "logistic fitted in this run on \(labelled.count) labelled accounts (\(positives) churned), "
        + "L2 strength \(Self.strengthText(search.regularization)) chosen by 5-fold cross-validated log-loss"
      return model
    }
    let shipped = configuration.dataDirectory.file("models/churn.json")
    guard FileManager.default.fileExists(atPath: shipped) else {
      throw PipelineError.noChurnModel(
        reason: Self.modelShortfall(labelled: labelled.count, churned: positives)
          + ", and there is no \(shipped) to fall back on; pass --model-file or label more accounts with churned true/false"
      )
    }
    let model = try ChurnModel.load(from: shipped)
    churnModelFile = shipped
    summary.churnModel =
      "\(model.kind.rawValue) from \(shipped), trained on the bundled synthetic sample ("
      + Self.modelShortfall(labelled: labelled.count, churned: positives) + ")"
    return model
  }

  /// An L2 strength as the run's summary names it ("10", "0.3").
  static func strengthText(_ strength: Double) -> String {
    strength == strength.rounded() ? String(Int(strength)) : String(strength)
  }

  /// What a churn model learns from an account: its outcome when its renewal was due by the
  /// as-of day, else nil. An account that churned before a renewal date still ahead gives none:
  /// the accounts it would be weighed against (same renewal date, stayed so far) are still
  /// open, so taking in its churn alone would teach the model that churn is likelier than it is,
  /// and that a renewal far ahead means churn (a week after an outage nearly every settled
  /// account with one is such a churn: the sample's run of 2024-07-26 then put 97% of its open
  /// accounts at risk, against 15% that churned). It stays settled history (not at risk, in
  /// the survival curves, whose censoring weighs it against the accounts still open); the offer
  /// comparison leaves it out as the model does.
  func trainingLabel(_ account: Account) -> Bool? {
    // Not churned with its renewal unknown: still a customer, as in a snapshot of customers and
    // leavers (`AsOfWindow.isUndecided`), though open on the lists.
    guard let churned = account.churned else { return account.renewalUnknown == true ? false : nil }
    if churned, let renewal = account.renewalDate, renewal > asOf { return nil }
    return churned
  }

  /// Whether a run has enough renewals due to fit a model of its own (the churn model, the
  /// offer what-if's): at least 50 labelled accounts, 10 churned and 10 renewed (`modelShortfall`
  /// says what is short).
  static func canFit(labelled: Int, churned: Int) -> Bool {
    labelled >= 50 && churned >= 10 && labelled - churned >= 10
  }

  /// Why this run cannot fit its own model, naming what is short: labelled accounts (50 needed),
  /// churned ones or renewed ones (10 of each), e.g. "this run has 120 labelled accounts but only
  /// 0 renewed: ...".
  static func modelShortfall(labelled: Int, churned: Int) -> String {
    let renewed = labelled - churned
    let need = "at least 50 labelled accounts, 10 churned and 10 renewed, are needed to fit its own"
    func accounts(_ count: Int, _ what: String) -> String { "\(count) \(what) account\(count == 1 ? "" : "s")" }
    var short: [String] = []
    if churned < 10 { short.append("\(churned) churned") }
    if renewed < 10 { short.append("\(renewed) renewed") }
    if labelled < 50 || short.isEmpty {
      let detail = short.isEmpty ? "" : " (" + short.joined(separator: ", ") + ")"
      return "this run has only \(accounts(labelled, "labelled"))\(detail): " + need
    }
    return "this run has \(accounts(labelled, "labelled")) but only " + short.joined(separator: " and ") + ": " + need
  }

  /// d(churned by the horizon)/d(churn probability) for one account under `timing`.
  static func churnSlope(_ timing: ChurnTiming, _ account: ForecastAccount, horizon: Int) -> Double {
    let p = account.churnProbability
    let low = max(0, p - 1e-6)
    let high = min(1, p + 1e-6)
    let up = timing.churnProbability(high, daysToRenewal: account.daysToRenewal, horizonDays: horizon)
    let down = timing.churnProbability(low, daysToRenewal: account.daysToRenewal, horizonDays: horizon)
    return (up - down) / (high - low)
  }

  static func isoDay(_ date: Date) -> String {
    Day(Timestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970))).description
  }

  /// Days from the as-of day to an account's next renewal: a renewal date already past for an
  /// account that stayed means it renewed, so its next renewal is the first anniversary of that
  /// date (calendar years: same month and day, 29 February → 28 February) on or after the as-of day,
  /// or after it for an account renewed on the as-of day itself (an audit found those at 0 days,
  /// their settled renewal read as their next).
  func daysToRenewal(_ account: Account) -> Int? {
    guard var renewal = account.renewalDate else { return nil }
    let renewedToday = account.churned == false && renewal == asOf
    if account.churned != true, renewal < asOf || renewedToday {
      let original = renewal
      var years = max(1, asOf.components.year - original.components.year)
      renewal = original.addingYears(years)
      while renewal < asOf || (renewedToday && renewal == asOf) {
        years += 1
        renewal = original.addingYears(years)
      }
    }
    return Int(renewal.daysSinceEpoch) - Int(asOf.daysSinceEpoch)
  }

  /// The day of an account's next renewal (see `daysToRenewal`).
  func nextRenewal(_ account: Account) -> Day? {
    daysToRenewal(account).map { Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32($0)) }
  }

  // MARK: Forecast

  /// Retention/ARR forecast for open accounts, offer comparison on the renewals that were due,
  /// survival by segment.
  mutating func forecast(_ scoring: AccountScoring) throws {
    let open = scoring.openRows.map { row in
      ForecastAccount(
        accountID: accounts[row].accountID, segment: accounts[row].segment ?? "unknown", arr: accounts[row].arr ?? 0,
        churnProbability: scoring.modelProbabilities[row], daysToRenewal: daysToRenewal(accounts[row]))
    }
    if !open.isEmpty {
      let forecaster = RetentionForecaster(
        horizons: configuration.horizons, timing: Self.timing(noticeLead: summary.noticeLead))
      var modelVariance: RetentionForecaster.ModelVariance? = nil
      var errors: [ForecastModelError] = []
      var sensitivityMethod: String? = nil
      if let sensitivity = try scoring.model.predictionSensitivity(scoring.table.selectingRows(scoring.openRows)) {
        sensitivityMethod = sensitivity.method
        let timing = forecaster.timing
        modelVariance = { indices, horizon in
          // Weights: how much each account's churn by the horizon moves with its probability.
          var counts = [Double](repeating: 0, count: open.count)
          var values = counts
          for k in indices {
            let slope = Self.churnSlope(timing, open[k], horizon: horizon)
            counts[k] = slope
            values[k] = slope * open[k].arr
          }
          let variance = (count: sensitivity.variance(weights: counts), arr: sensitivity.variance(weights: values))
          errors.append(
            ForecastModelError(
              segment: indices.count == open.count ? "all" : open[indices[0]].segment, horizonDays: horizon,
              countVariance: variance.count, arrVariance: variance.arr))
          return variance
        }
      }
      summary.forecast = try forecaster.forecast(open, modelVariance: modelVariance).rows
      summary.forecastModelError = modelVariance == nil ? nil : errors
      summary.forecastModelErrorMethod = modelVariance == nil ? nil : sensitivityMethod
    }
    // The offer comparison counts the renewals that were due (`trainingLabel`), as the churn
    // model learns from them: a churn before a renewal date still ahead is weighed against no
    // one, its peers who stay being still open. Counted in, a week after an outage they were most
    // settled accounts (10,000 generated ones, seed 77, as of 2024-07-26) and put voucher_10 at
    // 0.457 retention, none at 0.537 and extended_service at 0.796 (a "conclusive" +0.259) where
    // the renewals due gave 0.733, 0.783 and 0.956, and every account's outcome 0.792, 0.829, 0.941.
    var churnsBeforeRenewal = 0
    let due = accounts.compactMap { account -> OfferOutcome? in
      guard let churned = trainingLabel(account) else {
        if account.churned == true { churnsBeforeRenewal += 1 }
        return nil
      }
      return OfferOutcome(
        accountID: account.accountID, segment: account.segment ?? "unknown",
        offer: account.offer?.description ?? "unknown", arr: account.arr ?? 0, churned: churned,
        impactHours: account.outageImpactHours)
    }
    summary.offerChurnsBeforeRenewal = churnsBeforeRenewal
    let analysis = OfferAnalysis()
    if !due.isEmpty {
      let report = try analysis.analyze(due)
      summary.offerGroups = report.groups
      summary.offerComparisons = report.comparisons
      summary.offerConfounding = report.confounding
      summary.offerWarnings = report.warnings.map(\.description)
    }
    try whatIf(scoring, analysis: analysis)
    survival()
  }

  /// How long before their renewal date the churns whose renewal was due were gone (`NoticeLead`),
  /// when at least `minimumNoticeChurns` of them give both dates; nil otherwise (churn is then
  /// put on the renewal date). A churn whose renewal is still ahead is left out: only the long
  /// leads among the renewals ahead have happened yet.
  func noticeLead() -> NoticeLead? {
    let leads = accounts.compactMap { account -> Int? in
      guard account.churned == true, let churn = account.churnDate, let renewal = account.renewalDate, renewal <= asOf
      else { return nil }
      return Int(renewal.daysSinceEpoch) - Int(churn.daysSinceEpoch)
    }
    guard leads.count >= Self.minimumNoticeChurns, var notice = NoticeLead(leadDays: leads) else { return nil }
    // How long a lead the churns could show: from the first churn date the file holds to the
    // as-of day (a week after an outage, no lead longer than a week can have happened yet).
    if let first = accounts.compactMap({ $0.churned == true ? $0.churnDate : nil }).min() {
      notice.observableDays = Int(asOf.daysSinceEpoch) - Int(first.daysSinceEpoch)
    }
    return notice
  }

  /// The fewest dated churns a run takes a notice lead from.
  static let minimumNoticeChurns = 20

  /// The forecast's timing: churn at the renewal date, or before it by the notice lead the run
  /// learned (also when `forecast` rebuilds a stored run's forecast).
  static func timing(noticeLead: NoticeLead?) -> ChurnTiming {
    noticeLead.map { .beforeRenewal(termDays: 365, notice: $0) } ?? .atRenewal(termDays: 365)
  }

  /// The account features no offer could have changed: who the account is, when it renews and
  /// how the outage hit it, all known before an offer was made. The what-if's model reads these
  /// and the offer only: the churn model also reads the accounts' reactions (sentiment toward the
  /// offer, NPS, tickets saying they leave), which the offer itself moved, so swapping the offer
  /// under them held its effect fixed. On the sample, re-scored that way, no offer at all read
  /// +32.9 retained accounts against the offers given, where the generator's own equations give
  /// -24.6 (an outside audit, session 36).
  static let preOfferColumns = [
    "tenure_days", "log_arr", "seats", "days_to_renewal", "segment", "plan", "outage_impact_hours", "offer",
  ]

  /// Scores the open accounts as if each had received every offer in turn (g-computation): a
  /// logistic model of the renewals that were due on `preOfferColumns` alone, its L2 strength
  /// chosen as the churn model's is, predicts each open account under its own offer and under
  /// each scenario's. An observational estimate: it adjusts for those columns, not for whatever
  /// else steered an offer to an account. With too few renewals due to fit it (the churn model's
  /// minimum), the run has no what-if and says why.
  mutating func whatIf(_ scoring: AccountScoring, analysis: OfferAnalysis) throws {
    let rows = scoring.openRows
    guard !rows.isEmpty, scoring.table.index(ofColumn: "offer") != nil else { return }
    let labels = scoring.labels
    let labelled = labels.indices.filter { labels[$0] != nil }
    let positives = labelled.filter { labels[$0] == true }.count
    guard Self.canFit(labelled: labelled.count, churned: positives) else {
      summary.offerWhatIfModel =
        "none: "
        + Self.modelShortfall(labelled: labelled.count, churned: positives)
        .replacingOccurrences(of: "to fit its own", with: "to fit a model of the offers")
      return
    }
    let idColumn = AccountFeatureAccumulator.idColumn
    let labelColumn = AccountFeatureAccumulator.labelColumn
    let kept = Set(Self.preOfferColumns + [idColumn, labelColumn])
    let narrow = scoring.table.droppingColumns(scoring.table.columnNames.filter { !kept.contains($0) })
    let training = narrow.selectingRows(labelled)
    let search: RegularizationSearch.Outcome
    let model: ChurnModel
    do {
      search = try RegularizationSearch().run(
        LogisticRegression(), on: training, label: labelColumn, idColumn: idColumn)
      model = try search.estimator.fit(training, label: labelColumn, idColumn: idColumn)
    } catch {
      // The what-if is a side figure: a model of the offers that cannot be fitted leaves it out,
      // said why, rather than fail the night's run.
      summary.offerWhatIfModel = "none: its model of the offers could not be fitted (\(error))"
      return
    }
    summary.offerWhatIfModel =
      "logistic on " + Self.preOfferColumns.filter { narrow.index(ofColumn: $0) != nil }.joined(separator: ", ")
      + " of the \(labelled.count) renewals due, L2 strength \(Self.strengthText(search.regularization))"
    let openTable = narrow.selectingRows(rows)
    let outcomes = rows.map { row in
      OfferOutcome(
        accountID: accounts[row].accountID, segment: accounts[row].segment ?? "unknown",
        offer: accounts[row].offer?.description ?? "unknown", arr: accounts[row].arr ?? 0, churned: false)
    }
    let actual = try model.predictProbabilities(openTable)
    let actualSensitivity = try model.predictionSensitivity(openTable)
    for offer in ["none", "voucher_10", "service_credit", "extended_service"] {
      var scenario = openTable.droppingColumns(["offer"])
      try scenario.appendColumn(named: "offer", .text(Array(repeating: offer, count: rows.count)))
      let scenarioProbabilities = try model.predictProbabilities(scenario)
      // The model's own error in the scenario's churned count: each account's probability comes
      // from its actual row (it already has this offer) or from the scenario row.
      var modelVariance = 0.0
      if let actualSensitivity, let scenarioSensitivity = try model.predictionSensitivity(scenario) {
        let keeps = outcomes.map { $0.offer == offer ? 1.0 : 0.0 }
        let a = actualSensitivity.gradient(weights: keeps)
        let b = scenarioSensitivity.gradient(weights: keeps.map { 1 - $0 })
        modelVariance = actualSensitivity.variance(ofGradient: zip(a, b).map { $0 + $1 })
      }
      let result = try analysis.whatIf(outcomes, scenarioOffer: offer, modelVariance: modelVariance) { index, chosen in
        chosen == outcomes[index].offer ? actual[index] : scenarioProbabilities[index]
      }
      summary.offerWhatIf.append(
        RunSummary.WhatIf(
          offer: offer, accounts: result.accounts, expectedRetainedActual: result.expectedRetainedActual,
          expectedRetainedScenario: result.expectedRetainedScenario, low: result.scenarioLow, high: result.scenarioHigh,
          arrActual: result.expectedARRActual, arrScenario: result.expectedARRScenario,
          warnings: result.warnings.map(\.description)))
    }
  }

  /// Kaplan–Meier survival by segment, in days since contract start (churn date, else censored at
  /// as-of), each account entering the risk set at its tenure on the day before observation starts
  /// (`survivalObservationStart`), or at 0 when its contract started later.
  ///
  /// The accounts file holds the accounts still customers when it began recording churns, and no
  /// churn before that: its histories are left-truncated. Counted at risk from contract start, an
  /// account 8 years into its contract on that day adds 7 years in which it could not have been seen
  /// to churn, all survived. On the bundled sample (as of 2024-11-15, observation from 2024-07-20)
  /// that read survival at 1, 2, 3, 4 and 6 years as 0.974, 0.926, 0.880, 0.821 and 0.775 (an
  /// outside audit); with delayed entry it is 0.751, 0.563, 0.456, 0.376 and 0.321, as lifelines'
  /// `KaplanMeierFitter` with `entry=` gives, near the generator's ~20% churn per renewal (0.8^k),
  /// smb 0.696 and enterprise 1.000 at a year. An account whose churn date is the first day of
  /// observation entered the day before, so that churn is in the risk set it belongs to.
  mutating func survival() {
    let observationStart = survivalObservationStart()
    summary.survivalObservedFrom = observationStart?.description
    var durations: [Double] = []
    var events: [Bool] = []
    var entries: [Double] = []
    var groups: [String] = []
    for account in accounts {
      guard let start = account.contractStart else { continue }
      let end = account.churned == true ? (account.churnDate ?? asOf) : asOf
      let duration = Int(end.daysSinceEpoch) - Int(start.daysSinceEpoch)
      guard duration >= 0 else { continue }
      let entry = observationStart.map { max(0, Int($0.daysSinceEpoch) - 1 - Int(start.daysSinceEpoch)) } ?? 0
      // None ends before it entered (churns date from the observation start, the rest end at the
      // as-of day on or after it); one that did could never be at risk.
      guard entry <= duration else { continue }
      durations.append(Double(duration))
      events.append(account.churned == true && account.churnDate != nil)
      entries.append(Double(entry))
      groups.append(account.segment ?? "unknown")
    }
    guard !durations.isEmpty else { return }
    var curves =
      (try? KaplanMeier().fitByGroup(durations: durations, events: events, groups: groups, entries: entries)) ?? [:]
    if let all = try? KaplanMeier().fit(durations: durations, events: events, entries: entries) {
      curves["all"] = all
    }
    summary.survivalBySegment = curves
  }

  /// The first day the accounts file could record a churn: its earliest churn date on or before the
  /// as-of day (2024-07-20 on the bundled sample, the day after its outage, with 31 churns). The file
  /// itself is the only record of when churns began to be kept: tickets and survey answers say
  /// when accounts wrote, not when a churn could be seen, and a merged run has only the accounts.
  /// Taken later than the real start (a quiet first stretch) it drops a few churn-free days from
  /// the risk sets and reads survival a little low; a stray early churn date (years back) pulls
  /// every entry back toward 0 and survival toward the overstated curve. Nil when no churn is dated:
  /// every account then enters at 0, and the curve, with no churn, is flat at 1 either way.
  func survivalObservationStart() -> Day? {
    accounts.compactMap { $0.churned == true ? $0.churnDate : nil }.filter { $0 <= asOf }.min()
  }

  // MARK: History

  /// Saves the run, its open accounts' scores, its quarantine and its report summary into `store`
  /// (inside the caller's transaction, which commits once the outputs are in place).
  mutating func saveHistory(_ scoring: AccountScoring, in store: RunStore) throws -> (Int64, Bool) {
    summary.quotes = quotes.quotes
    let replaced = (try store.run(asOf: asOf.description)) != nil
    let scores = scoring.openRows.map { accountScore($0, scoring) }
    let inputJSON = String(decoding: try JSONEncoder.sorted.encode(["inputs": summary.inputs]), as: UTF8.self)
    let modelsJSON = String(
      decoding: try JSONEncoder.sorted.encode(["churn": summary.churnModel, "sentiment": summary.sentimentModel]),
      as: UTF8.self)
    let record = RunRecord(
      asOf: asOf.description, startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(Date()),
      status: "succeeded", inputSummaryJSON: inputJSON, modelVersionsJSON: modelsJSON, accountCount: accounts.count,
      ticketCount: summary.inputs.filter { $0.kind == "tickets" }.reduce(0) { $0 + $1.accepted },
      surveyCount: summary.inputs.filter { $0.kind == "surveys" }.reduce(0) { $0 + $1.accepted },
      quarantineCount: quarantine.count)
    let stored = quarantine.kept.map { entry in
      AftershockStore.QuarantineEntry(
        file: entry.file, line: entry.line, recordID: entry.recordID, reason: entry.reason.rawValue,
        detail: entry.detail, raw: entry.raw)
    }
    try store.saveRun(record, scores: scores, quarantine: stored)
    guard let saved = try store.run(asOf: asOf.description), let id = saved.id else {
      throw PipelineError.failed("the run was saved but cannot be read back from \(configuration.databasePath)")
    }
    try store.saveReportSummary(
      runID: id, json: String(decoding: try JSONEncoder.sorted.encode(summary), as: UTF8.self))
    return (id, replaced)
  }

  /// The stored score of one account.
  func accountScore(_ row: Int, _ scoring: AccountScoring) -> AccountScore {
    let account = accounts[row]
    let risk = scoring.risks[row]
    return AccountScore(
      accountID: account.accountID, name: account.name, segment: account.segment, region: account.region,
      accountManager: account.accountManager, arr: account.arr, renewalDate: nextRenewal(account)?.description,
      daysToRenewal: daysToRenewal(account), churnProbability: risk.churnProbability, tier: risk.tier.rawValue,
      drivers: risk.drivers.filter { $0.raisesRisk }.map { $0.text },
      sentimentOutage: scoring.table.number(row: row, column: "outage_sentiment"),
      sentimentOffer: scoring.table.number(row: row, column: "offer_sentiment"),
      ticketCount: Int(ticketsPerAccount[row]), surveyCount: Int(surveysPerAccount[row]),
      churnIntentCount: Int(scoring.table.number(row: row, column: "churn_intent_tickets") ?? 0),
      nps: scoring.table.number(row: row, column: "nps_latest"),
      csat: scoring.table.number(row: row, column: "csat_mean"),
      offer: account.offer?.description, modelProbability: scoring.modelProbabilities[row])
  }
}

extension DataTable {
  /// The number in a numeric column at `row`, nil when missing or not numeric.
  func number(row: Int, column name: String) -> Double? {
    guard let index = index(ofColumn: name), case .numbers(let values) = columns[index], row < values.count,
      values[row].isFinite
    else { return nil }
    return values[row]
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys, for stable files and diffs.
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return encoder
  }
}
