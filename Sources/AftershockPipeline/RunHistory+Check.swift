import AftershockForecast
import AftershockIngest
import AftershockStore
import Foundation

extension RunHistory {
  /// A stored run's forecast and churn probabilities against a later accounts file
  /// (`forecast --run ID --against FILE`): see ``ForecastCheck``.
  ///
  /// The later file is read as a run reads its accounts input (same columns, aliases, `options`
  /// and quarantine). Its outcomes count until `knownUntil`, or when nil until its latest churn
  /// date (renewal dates of accounts marked not churned may be renewals still ahead: see
  /// ``ForecastCheck/latestDates(in:today:)``). The forecast is recomputed over the run's accounts
  /// the file holds and does not have churned by the run's as-of day (the run's own when that is
  /// all of them), with the run's stored model error.
  /// - Throws: `PipelineError.failed` when the file's columns are another kind's (a tickets
  ///   export), when it has neither a `churned` nor a `churn_date` column, when more than
  ///   `maximumBadShare` of its records are quarantined, when it has no churn date to tell how far
  ///   it knows (and no `knownUntil`), when `knownUntil` is before the run's as-of day, when no
  ///   horizon ends by then, when the run has no open account or the file none of them.
  public static func check(
    database: String, runID: Int64?, laterPath: String, knownUntil: Day?, horizons: [Int],
    options: IngestOptions = IngestOptions(), maximumBadShare: Double = 0.2, today: Day? = nil
  ) throws -> ForecastCheck {
    let store = try open(database)
    let run = try listingRuns(of: store, database: database) { try store.resolveRun(id: runID) }
    guard let id = run.id else { throw PipelineError.noRuns(database: database) }
    guard let asOf = Day(iso8601: run.asOf) else {
      throw PipelineError.failed("run \(id) has an as-of day '\(run.asOf)' that is not a date")
    }
    let scores = try store.scores(runID: id)
    guard !scores.isEmpty else {
      throw PipelineError.failed(
        "run \(id) (as of \(run.asOf)) has no open account: it forecast nothing, so there is nothing to check")
    }

    var outcomes: [String: ForecastCheck.LaterOutcome] = [:]
    var quarantinedIDs = Set<String>()
    var firstQuarantined: AftershockIngest.QuarantineEntry?
    let input = try Ingest.streamAccounts(
      from: laterPath, options: options, into: AccountDirectory(),
      onAccount: { account in
        outcomes[account.accountID] = ForecastCheck.LaterOutcome(
          churned: account.churned, churnDate: account.churnDate, contractStart: account.contractStart,
          renewalDate: account.renewalDate)
      },
      onQuarantine: { entry in
        if firstQuarantined == nil { firstQuarantined = entry }
        if let recordID = entry.recordID { quarantinedIDs.insert(recordID) }
      })
    // A tickets or surveys export given as the later accounts file: say so before its repeated
    // account ids are taken for duplicate accounts.
    if let other = input.looksLike {
      throw PipelineError.failed(
        "\(laterPath) looks like a\(other == .accounts ? "n" : "") \(other.rawValue) file (its columns fit "
          + "\(other.rawValue)), not an accounts file: --against takes a later export of the accounts file the run "
          + "read, with churned and churn_date filled for the accounts that left")
    }
    let fieldsNotFound = input.fieldsNotFound
    if fieldsNotFound.contains("churned") && fieldsNotFound.contains("churn_date") {
      let columns = input.columns.map { "\($0.field) <- \"\($0.column)\"" }.joined(separator: ", ")
      throw PipelineError.failed(
        "\(laterPath) has no column for churned (tried churned, churn, is_churned, churn_flag, has_churned, lost) "
          + "nor for churn_date, so it records no outcome and there is nothing to check the run against (columns "
          + "read: \(columns)); if a column holds them (a CRM's Status with Active/Churned), name it with "
          + "--map churned=COLUMN or --map churn_date=COLUMN")
    }
    try failIfTooManyBad(input, path: laterPath, first: firstQuarantined, maximumBadShare: maximumBadShare)
    // An account the later file quarantined but also holds (a duplicate row) is in the check.
    quarantinedIDs.subtract(outcomes.keys)

    let today = today ?? Job.today()
    let latest = ForecastCheck.latestDates(in: outcomes, today: today)
    let known: Day
    let source: ForecastCheck.KnownUntilSource
    if let knownUntil {
      known = knownUntil
      source = .option
    } else if let churn = latest.churn {
      known = churn.day
      source = .latestChurnDate(accountID: churn.accountID)
    } else {
      let renewal =
        latest.renewalOfNotChurned.map {
          "; its latest renewal_date of an account marked churned false is \($0.day) (\($0.accountID)), which may "
            + "be a renewal still ahead (an open account marked Active)"
        } ?? ""
      throw PipelineError.failed(
        "\(laterPath) records no churn_date, so it does not tell how far it knows outcomes\(renewal); give the last "
          + "day it is complete for with --known-until DATE")
    }
    guard known >= asOf else {
      throw PipelineError.failed(
        "--known-until \(known) is before run \(id)'s as-of day \(run.asOf): nothing after the run is known by then")
    }
    let checked = horizons.sorted().filter { Int(asOf.daysSinceEpoch) + $0 <= Int(known.daysSinceEpoch) }
    let unchecked = horizons.sorted().filter { !checked.contains($0) }
    guard !checked.isEmpty else {
      let shortest = horizons.min() ?? 30
      let shortestEnd = Day(daysSinceEpoch: asOf.daysSinceEpoch + Int32(clamping: shortest))
      let how = source == .option ? "--known-until" : "the latest churn_date in \(laterPath)"
      // Name the runs of the history that this file can check, so the user need not guess.
      let checkable = try store.runs().filter { other in
        guard let day = Day(iso8601: other.asOf) else { return false }
        return Int(day.daysSinceEpoch) + shortest <= Int(known.daysSinceEpoch)
      }.sorted { $0.asOf > $1.asOf }.prefix(3).map { "--run \($0.id.map(String.init) ?? "?") (as of \($0.asOf))" }
      throw PipelineError.failed(
        "nothing to check yet: run \(id) is as of \(run.asOf) and its shortest horizon (\(shortest) days) ends "
          + "\(shortestEnd), after \(known) (\(how)), the last day the file knows outcomes for; "
          + (checkable.isEmpty
            ? "no run in \(database) is old enough; check again with a later accounts file"
            : "runs this file can check: \(checkable.joined(separator: ", "))"))
    }

    let present = scores.filter { score in
      outcomes[score.accountID].map { ForecastCheck.isComparable($0, asOf: asOf) } ?? false
    }
    guard !present.isEmpty else {
      let inFile = scores.filter { outcomes[$0.accountID] != nil }.count
      if inFile > 0 {
        throw PipelineError.failed(
          "\(laterPath) has every one of the \(inFile) open accounts of run \(id) it holds churned on or before the "
            + "run's as-of day \(run.asOf), though open in its input: nothing the run forecast can be compared")
      }
      throw PipelineError.failed(
        "none of the \(scores.count) open accounts of run \(id) is in \(laterPath) (\(outcomes.count) accounts read "
          + "there): is it the accounts file of the same book? accounts keep their account_id from run to run")
    }
    let (forecast, withError) = try forecast(store: store, runID: id, scores: present, horizons: checked)
    let (rows, quality, accounts) = try ForecastCheck.compare(
      run: run, asOf: asOf, scores: scores, forecast: forecast, checkedHorizons: checked, outcomes: outcomes,
      quarantinedIDs: quarantinedIDs, knownUntil: known)
    let renewingLater = outcomes.values.filter { outcome in
      outcome.churned == false && (outcome.renewalDate.map { $0 > known && $0 <= today } ?? false)
    }.count
    return ForecastCheck(
      run: run, asOf: asOf, laterFile: laterPath, input: input, knownUntil: known, knownUntilSource: source,
      latestChurnDate: latest.churn, latestRenewalOfNotChurned: latest.renewalOfNotChurned,
      notChurnedRenewingAfterKnownUntil: renewingLater, checkedHorizons: checked, uncheckedHorizons: unchecked,
      rows: rows, quality: quality, accounts: accounts, includesModelError: !withError.isEmpty,
      modelErrorHorizons: withError)
  }
}
