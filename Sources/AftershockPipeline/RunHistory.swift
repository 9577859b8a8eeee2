import AftershockForecast
import AftershockIngest
import AftershockReport
import AftershockStore
import Foundation

/// Reads back what earlier runs stored: at-risk lists, reports, forecasts at other horizons.
public enum RunHistory {
  /// Opens an existing history for reading only: never creates, migrates or writes it, so a
  /// user who may read but not write it can, and a run saving meanwhile does not block.
  /// - Throws: `PipelineError.noRuns` when the file does not exist; `PipelineError.historyIsAFolder`
  ///   for a folder (SQLite called it a disk I/O error); `StoreError.notAHistory` when it holds no
  ///   Aftershock history (an empty file, another database).
  public static func open(_ path: String) throws -> RunStore {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw PipelineError.noRuns(database: path)
    }
    if isFolder.boolValue {
      let inside = (path.hasSuffix("/") ? path : path + "/") + "aftershock.sqlite"
      throw PipelineError.historyIsAFolder(
        database: path, suggestion: FileManager.default.fileExists(atPath: inside) ? inside : nil)
    }
    return try RunStore(readingFrom: path)
  }

  /// The at-risk list of a run (by `query.runID`, else `query.runAsOf`, else the latest), with
  /// changes since the previous run.
  /// - Throws: `PipelineError.unknownRun` naming the history's runs when no run is the one asked for.
  public static func atRisk(database: String, query: AtRiskQuery) throws -> AtRiskListing {
    let store = try open(database)
    return try listingRuns(of: store, database: database) { try store.atRisk(query) }
  }

  /// `body`'s result; a run it asks for that the history lacks (`StoreError.runNotFound`,
  /// `StoreError.noRunAsOf`) becomes `PipelineError.unknownRun`, which lists the runs there are.
  static func listingRuns<Result>(of store: RunStore, database: String, _ body: () throws -> Result) throws
    -> Result
  {
    let asked: String
    do {
      return try body()
    } catch StoreError.runNotFound(let id) {
      asked = "with id \(id)"
    } catch StoreError.noRunAsOf(let asOf) {
      asked = "as of \(asOf)"
    }
    let runs = try store.runs()
    let latest = runs.prefix(PipelineError.unknownRunListLimit).reversed().compactMap { run in
      run.id.map { (id: $0, asOf: run.asOf) }
    }
    throw PipelineError.unknownRun(asked: asked, database: database, runs: latest, total: runs.count)
  }

  /// The leadership report of a stored run, recomposed from its summary and scores.
  public static func report(database: String, runID: Int64?) throws -> (run: RunRecord, document: ReportDocument) {
    let store = try open(database)
    let run = try listingRuns(of: store, database: database) { try store.resolveRun(id: runID) }
    guard let id = run.id else { throw PipelineError.noRuns(database: database) }
    guard let json = try store.reportSummary(runID: id) else {
      throw PipelineError.failed(
        "run \(id) (\(run.asOf)) has no stored report summary; run 'aftershock run --as-of \(run.asOf)' again")
    }
    let summary = try decodeSummary(json)
    let scores = try store.scores(runID: id)
    return (run, LeadershipReport.document(summary: summary, scores: scores, runID: id))
  }

  /// Why writing the report of `run` (read from `database`) into `folder` would leave one folder
  /// mixing two runs: the folder's `manifest.json` (written by `run` or `merge`) is of another
  /// run, so its `accounts_risk.csv`, `at_risk.md` and scored files would sit beside another run's
  /// report. `nil` when the folder holds no manifest, one that cannot be read, or this run's own.
  ///
  /// A run is its as-of day and start time: the history keeps one run per as-of day, and a run
  /// of that day again (into another folder) replaces it with a new start time.
  public static func otherRunInFolder(_ folder: String, reportOf run: RunRecord, database: String) -> String? {
    let path = folder + "/manifest.json"
    guard let data = FileManager.default.contents(atPath: path),
      let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let asOf = manifest["as_of"] as? String
    else { return nil }
    let startedAt = manifest["started_at"] as? String
    if asOf == run.asOf && startedAt == run.startedAt { return nil }
    let id = (manifest["run_id"] as? NSNumber)?.int64Value
    let this = "run \(run.id.map(String.init) ?? "?") (as of \(run.asOf))"
    var other = id.map { "run \($0) as of \(asOf)" } ?? "a run as of \(asOf)"
    if asOf == run.asOf { other += ", started at \(startedAt ?? "an unknown time")" }
    let sameHistory =
      (manifest["database"] as? String).map { PathName.canonical($0) == PathName.canonical(database) } ?? false
    let parent = PathName.parent(of: folder)
    let suggestion = (parent == "." ? "" : parent == "/" ? "/" : parent + "/") + "report-" + run.asOf
    var message =
      "\(folder) holds the outputs of \(other) (its manifest.json); the report of \(this) written there would "
      + "sit beside that run's accounts_risk.csv and at_risk.md, one folder mixing two runs; give the report a "
      + "folder of its own, e.g. --out \(suggestion)"
    if sameHistory, let id, asOf != run.asOf {
      message += ", or write that run's own report with --run \(id)"
    }
    return message
  }

  /// A stored run summary (JSON with non-finite numbers as strings).
  static func decodeSummary(_ json: String) throws -> RunSummary {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try decoder.decode(RunSummary.self, from: Data(json.utf8))
  }

  /// The retention and ARR forecast of a stored run's open accounts at the given horizons, and
  /// the horizons at which the run stored its churn model's own estimation error (its own
  /// horizons, when its model gave that error; empty otherwise). Another horizon's intervals
  /// take the error of the next stored one.
  public static func forecast(database: String, runID: Int64?, horizons: [Int]) throws
    -> (run: RunRecord, forecast: RetentionForecast, modelErrorHorizons: [Int])
  {
    let store = try open(database)
    let run = try listingRuns(of: store, database: database) { try store.resolveRun(id: runID) }
    guard let id = run.id else { throw PipelineError.noRuns(database: database) }
    let (forecast, stored) = try forecast(
      store: store, runID: id, scores: try store.scores(runID: id), horizons: horizons)
    return (run, forecast, stored)
  }

  /// The forecast of `scores` (a stored run's, or some of them) with the run's stored model error.
  static func forecast(store: RunStore, runID id: Int64, scores: [AccountScore], horizons: [Int]) throws
    -> (forecast: RetentionForecast, modelErrorHorizons: [Int])
  {
    let accounts = scores.map { score in
      ForecastAccount(
        accountID: score.accountID, segment: score.segment ?? "unknown", arr: score.arr ?? 0,
        churnProbability: score.forecastProbability, daysToRenewal: score.daysToRenewal)
    }
    // The run kept what its churn model's estimation error adds to each of its rows: reuse it
    // where segment and horizon match, so this command and the run's forecast agree.
    var known: [String: (count: Double, arr: Double)] = [:]
    var withError = Set<Int>()
    var notice: NoticeLead? = nil
    if let json = try store.reportSummary(runID: id) {
      let summary = try? decodeSummary(json)
      notice = summary?.noticeLead
      for entry in summary?.forecastModelError ?? [] {
        known["\(entry.segment)\u{1}\(entry.horizonDays)"] = (entry.countVariance, entry.arrVariance)
        withError.insert(entry.horizonDays)
      }
    }
    // A horizon the run did not store borrows the error of the next one it did (the error grows
    // with the accounts renewing within the horizon, so that one is a little wider than its own):
    // intervals half as wide as the run's own at 364 days against 365 said the model had no error
    // at all (a second outside audit's finding). Past the last stored horizon, the last one's error
    // is scaled by the square of how much more churn (count, ARR) the horizon expects: borrowed as
    // it was, a run that stored only 60 days gave 365 days an interval 2.5 times narrower than a
    // run that stored 365 (a third audit's finding).
    let stored = withError.sorted()
    let timing = Job.timing(noticeLead: notice)
    let modelVariance: RetentionForecaster.ModelVariance? =
      known.isEmpty
      ? nil
      : { indices, horizon in
        let segment = indices.count == accounts.count ? "all" : accounts[indices[0]].segment
        if let own = known["\(segment)\u{1}\(horizon)"] { return own }
        guard let source = stored.first(where: { $0 >= horizon }) ?? stored.last,
          let borrowed = known["\(segment)\u{1}\(source)"]
        else { return (0, 0) }
        guard source < horizon else { return borrowed }
        func expected(_ days: Int) -> (count: Double, arr: Double) {
          indices.reduce((0.0, 0.0)) { sum, index in
            let churn = timing.churnProbability(
              accounts[index].churnProbability, daysToRenewal: accounts[index].daysToRenewal, horizonDays: days)
            return (sum.0 + churn, sum.1 + churn * accounts[index].arr)
          }
        }
        let (near, far) = (expected(source), expected(horizon))
        func scale(_ variance: Double, _ from: Double, _ to: Double) -> Double {
          from > 0 ? variance * max(1, to / from) * max(1, to / from) : variance
        }
        return (scale(borrowed.count, near.count, far.count), scale(borrowed.arr, near.arr, far.arr))
      }
    let forecaster = RetentionForecaster(horizons: horizons, timing: timing)
    return (try forecaster.forecast(accounts, modelVariance: modelVariance), stored)
  }

  /// What `forecast` and `forecast --against` say of the horizons whose model error the run did
  /// not store: a horizon before the last stored one borrows the next stored one's (a little
  /// wider than its own), one past it the last stored one's scaled by the churn it expects (an
  /// approximation). Nil when every horizon has its own.
  public static func borrowedModelErrorNote(horizons: [Int], stored: [Int]) -> String? {
    let borrowed = horizons.filter { !stored.contains($0) }
    guard let last = stored.max(), !borrowed.isEmpty else { return nil }
    let within = borrowed.filter { $0 < last }
    let past = borrowed.filter { $0 > last }
    var parts: [String] = []
    func days(_ list: [Int]) -> String { list.map(String.init).joined(separator: ", ") }
    if !within.isEmpty {
      parts.append(
        "at \(days(within)) days the churn model's own error is that of the next horizon the run stored "
          + "(of \(days(stored)) days), a little wider than the horizon's own")
    }
    if !past.isEmpty {
      parts.append(
        "at \(days(past)) days, past the last horizon the run stored (\(last) days), it is that horizon's scaled "
          + "by the churn expected by then (an approximation)")
    }
    return "note: " + parts.joined(separator: "; ") + "; 'aftershock run --horizon DAYS' stores a horizon's own"
  }

  /// Backtests the cohort forecast on an accounts file's history: fit on what was known at `cutDay`,
  /// compare with what happened by `dataEndDay` (defaults: the latest churn date in the file, and
  /// the cut a year before it).
  ///
  /// No account is left out silently: the first quarantined records come back in `quarantined`
  /// (the input's counts hold them all), accounts without a contract start are counted, and an
  /// account whose churn date is before its contract start (it cannot be placed on a tenure curve)
  /// gets a warning.
  /// - Throws: `PipelineError.failed` when more than `maximumBadShare` of the records are
  ///   quarantined, when no account has a contract start, when none had started by the cut, or
  ///   when no horizon can be compared after the cut (it is at or too near the end of the data).
  public static func backtest(
    accountsPath: String, cutDay: Day?, horizons: [Int], options: IngestOptions = IngestOptions(),
    maximumBadShare: Double = 1
  ) throws -> BacktestOutcome {
    var histories: [AccountHistory] = []
    var warnings: [String] = []
    var quarantined: [AftershockIngest.QuarantineEntry] = []
    var withoutContractStart = 0
    var churnedWithoutDate: [String] = []
    var latest = Int.min
    let input = try Ingest.streamAccounts(
      from: accountsPath, options: options, into: AccountDirectory(),
      onAccount: { account in
        guard let start = account.contractStart else {
          withoutContractStart += 1
          return
        }
        // A churn date beside a blank `churned` is a churn, as in a run (`AsOfWindow.asOfDay`); beside a
        // false one the reader quarantined the account (`conflicting_fields`).
        let churnDate = account.churned != false ? account.churnDate : nil
        // Marked churned with no date: when it left is unknown, so it cannot be placed on the
        // curve; counted as staying, it read as a customer kept (an outside audit's CRM export had
        // five such, and the backtest said the file recorded no churn at all).
        if account.churned == true && churnDate == nil {
          churnedWithoutDate.append(account.accountID)
          return
        }
        if let churnDate, churnDate < start {
          warnings.append(
            "\(account.accountID) left out of the backtest: its churn_date \(churnDate) is before its contract_start \(start)"
          )
          return
        }
        let churnDay = churnDate.map { Int($0.daysSinceEpoch) }
        latest = max(latest, churnDay ?? Int(start.daysSinceEpoch))
        histories.append(
          AccountHistory(
            accountID: account.accountID, segment: Job.segmentName(account.segment ?? "unknown"), arr: account.arr ?? 0,
            startDay: Int(start.daysSinceEpoch), churnDay: churnDay))
      },
      onQuarantine: { entry in
        // `input` counts them all by reason; each entry holds up to a KiB of the raw record.
        if quarantined.count < BacktestOutcome.examplesKept { quarantined.append(entry) }
      })
    try failIfTooManyBad(input, path: accountsPath, first: quarantined.first, maximumBadShare: maximumBadShare)
    if !churnedWithoutDate.isEmpty {
      let shown = churnedWithoutDate.prefix(5).joined(separator: ", ") + (churnedWithoutDate.count > 5 ? ", ..." : "")
      warnings.append(
        "\(churnedWithoutDate.count) account(s) marked churned have no churn_date (\(shown)): left out of the "
          + "backtest, which needs the day each account left (export the churn date, e.g. --map churn_date=COLUMN)")
    }
    guard !histories.isEmpty else {
      var counts = ["\(input.read) read", "\(input.quarantined) quarantined"]
      if withoutContractStart > 0 { counts.append("\(withoutContractStart) without a contract_start") }
      throw PipelineError.failed(
        "\(accountsPath): no account with a contract_start to backtest on (\(counts.joined(separator: ", ")))")
    }
    let end = latest
    var cut = cutDay.map { Int($0.daysSinceEpoch) } ?? (end - (horizons.max() ?? 365))
    // A default cut before any churn fits a flat curve, whose intervals have no width and whose
    // "coverage" says nothing (a second outside audit read 75% on the sample that way): the
    // default moves to 30 days past the first churn when the shortest horizon still fits after it.
    if cutDay == nil, let first = histories.compactMap(\.churnDay).min(), first > cut,
      first + 30 + (horizons.min() ?? 30) <= end
    {
      func date(_ day: Int) -> String { Day(daysSinceEpoch: Int32(clamping: day)).description }
      warnings.append(
        "the default cut is \(date(first + 30)), 30 days after the first churn on \(date(first)): \(date(cut)), "
          + "\(horizons.max() ?? 365) days before the data end, fell before any churn, where the curve is flat; "
          + "horizons that end past the data are skipped (--cut sets another day)")
      cut = first + 30
    }
    let earliest = histories.map(\.startDay).min() ?? cut
    guard earliest <= cut else {
      // Name the cut as the user knows it: the --cut they gave, or the default they did not see.
      func date(_ day: Int) -> String { Day(daysSinceEpoch: Int32(clamping: day)).description }
      let cutText =
        cutDay != nil
        ? "--cut \(date(cut))"
        : "the default cut \(date(cut)) (\(horizons.max() ?? 365) days before the data end on \(date(end)))"
      throw PipelineError.failed(
        "no account had started by \(cutText): the earliest contract_start is \(date(earliest)); "
          + "choose a --cut on or after it")
    }
    // A cohort curve fitted before any churn is flat: it forecasts every account retained, and the
    // backtest measures only how much churn came later (the sample's churn all follows its outage).
    if !histories.contains(where: { ($0.churnDay ?? Int.max) <= cut }) {
      func date(_ day: Int) -> String { Day(daysSinceEpoch: Int32(clamping: day)).description }
      let first = histories.compactMap(\.churnDay).min()
      warnings.append(
        "no account had churned by the cut \(date(cut)), so the curve fitted there is flat and forecasts every account "
          + "retained"
          + (first.map {
            "; the first churn is on \(date($0)): a --cut after it tests the forecast on churn it has seen"
          }
            ?? (churnedWithoutDate.isEmpty
              ? "; the file records no churn at all" : "; the file records no churn with a churn_date"))
      )
    }
    let result = try RetentionBacktest(asOfDay: cut, dataEndDay: end, horizons: horizons).run(histories)
    guard !result.rows.isEmpty else {
      let cutText = Day(daysSinceEpoch: Int32(clamping: cut)).description
      let endText = Day(daysSinceEpoch: Int32(clamping: end)).description
      let reason =
        result.skippedHorizons.count == horizons.count
        ? "the data end on \(endText), before the shortest horizon (\(horizons.min() ?? 0) days) after it is over"
        : "no account was still a customer on that day"
      throw PipelineError.failed("nothing to compare after the cut day \(cutText): \(reason); choose an earlier --cut")
    }
    return BacktestOutcome(
      result: result, warnings: warnings, input: input, quarantined: quarantined,
      withoutContractStart: withoutContractStart)
  }

  /// Fails when more than `maximumBadShare` of an accounts file read for `forecast --backtest` or
  /// `--against` was quarantined, with the count by reason and the first record's reason.
  static func failIfTooManyBad(
    _ input: InputSummary, path: String, first: AftershockIngest.QuarantineEntry?, maximumBadShare: Double
  ) throws {
    guard input.read > 0, input.quarantinedShare > maximumBadShare else { return }
    let reasons = input.quarantinedByReason.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
      .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    let detail =
      first.map { "; the first on line \($0.line)" + ($0.recordID.map { " (\($0))" } ?? "") + ": \($0.detail)" } ?? ""
    throw PipelineError.failed(
      "\(path): \(String(format: "%.1f", input.quarantinedShare * 100))% of records quarantined (\(reasons)), "
        + "more than --max-bad \(String(format: "%.1f", maximumBadShare * 100))%\(detail); "
        + "'aftershock validate \(path)' lists them")
  }
}
