import AftershockIngest
import AftershockPipeline
import AftershockReport
import Foundation

extension ForecastCommand {
  /// How many account ids a line names before "... and N more".
  static let namesShown = 10

  /// `forecast --against FILE`: a stored run's forecast and churn probabilities against a later accounts file.
  static func runCheck(_ arguments: ParsedArguments, horizons: [Int], console: Console) throws -> Int32 {
    let laterPath = arguments.string("--against") ?? ""
    let check = try RunHistory.check(
      database: arguments.string("--db") ?? "out/aftershock.sqlite",
      runID: try arguments.integer("--run", in: 1...Int.max).map(Int64.init), laterPath: laterPath,
      knownUntil: try arguments.day("--known-until"), horizons: horizons,
      options: try InputOptions.make(from: arguments),
      maximumBadShare: try arguments.number("--max-bad", in: 0...1) ?? 0.2)
    for line in summaryLines(check) { try console.line(line) }
    for warning in warnings(check) { console.diagnostic("aftershock forecast: warning: \(warning)") }

    // Money to the dollar with separators on the terminal; the CSV keeps the cents.
    let columns = ForecastCheckTable.header.map { title in
      title.contains("arr")
        ? TextTable.Column(title, display: title == "arr_covered" ? .asIs : .grouped(decimals: 0))
        : TextTable.Column(title, isNumeric: !["segment", "horizon_end", "covered"].contains(title))
    }
    try console.line()
    try console.write(TextTable(columns: columns, rows: ForecastCheckTable.rows(check)).renderTerminal(width: 200))
    let countsCovered = check.rows.filter(\.countCovered).count
    let arrCovered = check.rows.filter(\.arrCovered).count
    try console.line(
      "covered: retained accounts in \(countsCovered) of \(check.rows.count) rows, retained ARR in \(arrCovered) of "
        + "\(check.rows.count) (a 90% interval misses about 1 in 10; the rows of one run share its shocks and overlap, "
        + "so they are one test, not \(check.rows.count))")
    try console.line()
    for line in qualityLines(check) { try console.line(line) }
    if let quality = check.quality {
      let tierColumns = ForecastCheckTable.tierHeader.map { TextTable.Column($0, isNumeric: $0 != "tier") }
      try console.write(
        TextTable(columns: tierColumns, rows: ForecastCheckTable.tierRows(quality)).renderTerminal(width: 200))
    }
    if let out = arguments.string("--out") {
      try writeCSV(
        out + "/forecast_check.csv", header: ForecastCheckTable.header, rows: ForecastCheckTable.rows(check))
      try writeCSV(
        out + "/forecast_check_accounts.csv", header: ForecastCheckTable.accountHeader,
        rows: ForecastCheckTable.accountRows(check))
      try console.line("wrote \(out)/forecast_check.csv and \(out)/forecast_check_accounts.csv")
    }
    return 0
  }

  /// Writes one CSV atomically, through the formula guard.
  private static func writeCSV(_ path: String, header: [String], rows: [[String]]) throws {
    let sink = try ByteSink(atomicPath: path)
    try CSVWriter().writeRow(header, to: sink)
    for row in rows { try CSVWriter().writeRow(row, to: sink) }
    try sink.commit()
  }

  /// The head of the output: which run, which file, how far it knows, which accounts and horizons.
  static func summaryLines(_ check: ForecastCheck) -> [String] {
    var lines: [String] = []
    let runName = "run \(check.run.id.map(String.init) ?? "?") (as of \(check.run.asOf))"
    lines.append("check of \(runName) against \(check.laterFile)")
    switch check.knownUntilSource {
    case .option:
      let latest = check.latestChurnDate.map { "; the file's latest churn_date is \($0.day)" } ?? ""
      lines.append("outcomes known until \(check.knownUntil): --known-until\(latest)")
    case .latestChurnDate(let accountID):
      lines.append(
        "outcomes known until \(check.knownUntil): the file's latest churn_date (\(accountID)); --known-until sets "
          + "another day")
      if check.notChurnedRenewingAfterKnownUntil > 0, let renewal = check.latestRenewalOfNotChurned {
        lines.append(
          "  \(grouped(check.notChurnedRenewingAfterKnownUntil)) account(s) marked churned false have a renewal_date "
            + "after it (to \(renewal.day), \(renewal.accountID)): taken as renewals still ahead, not as renewed (a CRM "
            + "export marks an undecided account Active); if the file truly knows those renewals, pass "
            + "--known-until \(renewal.day)")
      }
    }
    let input = check.input
    lines.append(
      "  \(input.file): \(grouped(input.read)) read, \(grouped(input.accepted)) accepted, "
        + "\(grouped(input.quarantined)) quarantined")

    let compared = check.accounts(.compared)
    let leftOut = check.accounts(.missing) + check.accounts(.quarantined) + check.accounts(.churnedByAsOf)
    let inRun = compared.count + leftOut.count
    var accountsLine = "accounts: \(grouped(inRun)) open in the run, \(grouped(compared.count)) of them in the file"
    if !leftOut.isEmpty { accountsLine += "; \(grouped(leftOut.count)) left out of every figure (listed on stderr)" }
    lines.append(accountsLine)
    let settled = check.accounts(.settled)
    let new = check.accounts(.new)
    let unexplained = check.accounts(.unexplained)
    let others = settled.count + new.count + unexplained.count
    if others > 0 {
      var parts: [String] = []
      if !settled.isEmpty {
        parts.append("\(grouped(settled.count)) settled by \(check.run.asOf) (churned or renewed: not open then)")
      }
      if !new.isEmpty { parts.append("\(grouped(new.count)) new since (contract_start after it): \(names(new))") }
      // A file that rolls renewal dates forward gives an account renewed before the run a
      // renewal_date after it: such an account is not known to have been open then.
      let rolled = check.accounts.filter(\.renewalRolledForward).count
      let renewedOrOpen = rolled > 0 ? unexplained.filter(\.markedNotChurned) : []
      let open = unexplained.filter { row in !renewedOrOpen.contains { $0.accountID == row.accountID } }
      if !renewedOrOpen.isEmpty {
        parts.append(
          "\(grouped(renewedOrOpen.count)) marked churned false with a renewal_date after it: renewed before it with "
            + "the renewal_date rolled forward since (as the file does for \(grouped(rolled)) of the run's accounts), "
            + "or open then but not in the run: \(names(renewedOrOpen))")
      }
      if !open.isEmpty {
        parts.append("\(grouped(open.count)) open then but not in the run (quarantined in its input?): \(names(open))")
      }
      lines.append("  the file's \(grouped(others)) other account(s), not forecast: " + parts.joined(separator: "; "))
    }
    let end = { (horizon: Int) in Day(daysSinceEpoch: check.asOf.daysSinceEpoch + Int32(clamping: horizon)) }
    var horizonsLine =
      "horizons checked: "
      + check.checkedHorizons.map { "\($0) days (to \(end($0)))" }
      .joined(separator: ", ")
    if !check.uncheckedHorizons.isEmpty {
      horizonsLine +=
        "; not yet: " + check.uncheckedHorizons.map { "\($0) (ends \(end($0)))" }.joined(separator: ", ")
        + ", after \(check.knownUntil)"
    }
    lines.append(horizonsLine)
    lines.append(
      "intervals: 90%"
        + (check.includesModelError
          ? ", with the churn model's own error as the run stored it"
          : ", from which accounts leave given their probabilities only (the run stored no model error)")
        + (leftOut.isEmpty
          ? ""
          : "; forecast again over the \(grouped(compared.count)) accounts compared, so it differs from the run's"))
    // As `forecast --horizon` says: a horizon the run did not store borrows another's model error.
    if check.includesModelError,
      let note = RunHistory.borrowedModelErrorNote(horizons: check.checkedHorizons, stored: check.modelErrorHorizons)
    {
      lines.append(note)
    }
    return lines
  }

  /// What may mislead: accounts left out, undated churns, renewals with no recorded outcome.
  static func warnings(_ check: ForecastCheck) -> [String] {
    var warnings: [String] = []
    let missing = check.accounts(.missing)
    if !missing.isEmpty {
      warnings.append(
        "\(grouped(missing.count)) open account(s) of the run are not in \(check.laterFile), left out of every figure: "
          + names(missing))
    }
    let quarantined = check.accounts(.quarantined)
    if !quarantined.isEmpty {
      warnings.append(
        "\(grouped(quarantined.count)) open account(s) of the run have their record in \(check.laterFile) quarantined, "
          + "left out of every figure ('aftershock validate \(check.laterFile)' says why): " + names(quarantined))
    }
    let churnedByAsOf = check.accounts(.churnedByAsOf)
    if !churnedByAsOf.isEmpty {
      warnings.append(
        "\(grouped(churnedByAsOf.count)) open account(s) of the run churned on or before the run's as-of day "
          + "\(check.run.asOf) by \(check.laterFile), though open in its input (it did not know they had left): left "
          + "out of every figure: " + names(churnedByAsOf))
    }
    if check.churnedColumnMissing {
      warnings.append(
        "\(check.laterFile) has no churned column (tried churned, churn, is_churned, churn_flag, has_churned, lost): "
          + "only churn_date tells outcomes, so an account without one counts as retained and no renewal is known as "
          + "done (none is scored as renewed); if a column holds it (a CRM's Status with Active/Churned), name it "
          + "with --map churned=COLUMN")
    }
    let undated = check.accounts.filter { $0.status == .compared && $0.churnedUndated }
    if !undated.isEmpty {
      warnings.append(
        "\(grouped(undated.count)) account(s) marked churned with no churn_date, counted as churned at every horizon: "
          + names(undated))
    }
    let pending = check.renewalsWithoutOutcome
    if !pending.isEmpty {
      let churnedLater = pending.filter(\.churnedAfterKnownUntil).count
      let why = [
        pending.count - churnedLater > 0 ? "\(grouped(pending.count - churnedLater)) with churned blank" : nil,
        churnedLater > 0 ? "\(grouped(churnedLater)) churned after it" : nil,
      ].compactMap { $0 }.joined(separator: ", ")
      warnings.append(
        "\(grouped(pending.count)) account(s) renewing by \(check.quality.map { $0.renewalsBy.description } ?? "?") "
          + "have no outcome in the file by \(check.knownUntil) (\(why)): counted as retained, their probabilities "
          + "not scored: " + names(pending))
    }
    return warnings
  }

  /// The churn probabilities' scores, in words.
  static func qualityLines(_ check: ForecastCheck) -> [String] {
    guard let quality = check.quality, let longest = check.checkedHorizons.last else {
      return [
        "churn probabilities: no open account's next renewal fell within the checked horizons with an outcome in the "
          + "file, so none can be scored yet"
      ]
    }
    let auc: String
    if quality.rocAUC.isNaN {
      auc = quality.churned == 0 ? "ROC AUC undefined (none churned)" : "ROC AUC undefined (all churned)"
    } else {
      auc = String(format: "ROC AUC %.3f", quality.rocAUC)
    }
    let head: String =
      "churn probabilities of the \(grouped(quality.accounts)) account(s) whose next renewal fell by "
      + "\(quality.renewalsBy) (the \(longest)-day horizon's end), with their outcome in the file:"
    let scores: String =
      "  \(auc), log-loss \(String(format: "%.3f", quality.logLoss)), Brier \(String(format: "%.3f", quality.brier)); "
      + "mean predicted \(String(format: "%.3f", quality.meanPredicted)) against "
      + "\(String(format: "%.3f", Double(quality.churned) / Double(quality.accounts))) churned "
      + "(\(grouped(quality.churned)) of \(grouped(quality.accounts)))"
    var lines = [head, scores]
    // Without a churned column only churns are outcomes: the scores leave out every renewal.
    if check.churnedColumnMissing {
      lines.append(
        "  (\(check.laterFile) has no churned column: only accounts with a churn_date have an outcome, so these "
          + "figures leave out every account that renewed)")
    }
    lines.append("calibration by the run's risk tier (low90/high90: 90% interval of the churned share):")
    return lines
  }

  /// Up to ``namesShown`` ids, then how many more.
  static func names(_ rows: [ForecastCheck.AccountRow]) -> String {
    let shown = rows.prefix(namesShown).map(\.accountID).joined(separator: ", ")
    return rows.count > namesShown
      ? shown + " ... and \(grouped(rows.count - namesShown)) more (all in forecast_check_accounts.csv with --out)"
      : shown
  }
}
