import AftershockForecast
import AftershockIngest
import AftershockModel
import AftershockReport
import AftershockStore
import Foundation

extension Job {
  /// Writes every output into the staging folder, then moves them into the output folder (manifest
  /// last); the publication can be rolled back until the staging folder is removed.
  mutating func writeOutputs(_ scoring: AccountScoring, runID: Int64) throws -> Publication {
    try quarantine.commit()
    let scores = scoring.openRows.map { accountScore($0, scoring) }
    try writeAccountsRisk(scoring)
    try writeTable(scoring.table, to: staging + "/account_features.csv")
    try writeText(
      AtRiskList.markdown(
        scores: scores, asOf: asOf.description, tiers: ["high", "medium"],
        thresholds: (configuration.tiers.high, configuration.tiers.medium)),
      to: staging + "/at_risk.md")
    // Written every run, its header alone when no account is open: a previous run's rows must
    // never stay in place beside a report of this one.
    let sink = try ByteSink(atomicPath: staging + "/forecast.csv")
    try CSVWriter().writeRow(ForecastTable.header, to: sink)
    for row in ForecastTable.rows(summary.forecast) { try CSVWriter().writeRow(row, to: sink) }
    try sink.commit()
    let document = LeadershipReport.document(summary: summary, scores: scores, runID: runID)
    try document.write(to: staging)
    try writeManifest(runID: runID, scoring: scoring)
    return try publish()
  }

  /// `accounts_risk.csv`: every account with its risk, tier and reasons (open and churned), and
  /// last the model's probability (`churn_probability` before an open account renewing within the
  /// notice lead is read as not having left yet).
  func writeAccountsRisk(_ scoring: AccountScoring) throws {
    let sink = try ByteSink(atomicPath: staging + "/accounts_risk.csv")
    let writer = CSVWriter()
    try writer.writeRow(
      [
        "account_id", "name", "segment", "region", "account_manager", "arr", "next_renewal", "days_to_renewal",
        "status",
        "churn_probability", "tier", "arr_at_risk", "driver_1", "driver_2", "driver_3", "sentiment_outage",
        "sentiment_offer", "tickets", "churn_intent_tickets", "nps_latest", "offer", "model_probability",
      ], to: sink)
    for (row, account) in accounts.enumerated() {
      let risk = scoring.risks[row]
      let isOpen = account.churned == nil
      let drivers: [String] = risk.drivers.filter { $0.raisesRisk }.map { driver in
        Self.settledReason(driver, account: account, asOf: asOf) ?? driver.text
      }
      let arr: String = account.arr.map { String(format: "%.2f", $0) } ?? ""
      let arrAtRisk: String =
        isOpen ? (account.arr.map { String(format: "%.2f", $0 * risk.churnProbability) } ?? "") : ""
      var cells: [String] = [
        account.accountID, account.name ?? "", account.segment ?? "", account.region ?? "",
        account.accountManager ?? "",
        arr, nextRenewal(account)?.description ?? "", daysToRenewal(account).map { String($0) } ?? "",
        isOpen ? "open" : (account.churned == true ? "churned" : "renewed"),
        // A settled account is at no risk: its score stays (what the model would say), its tier
        // is left blank, so that filtering the file by tier counts what the report counts.
        String(format: "%.4f", risk.churnProbability), isOpen ? risk.tier.rawValue : "", arrAtRisk,
      ]
      for slot in 0..<3 { cells.append(slot < drivers.count ? drivers[slot] : "") }
      let outage: String =
        scoring.table.number(row: row, column: "outage_sentiment").map { ScoredText.format($0) } ?? ""
      let offer: String = scoring.table.number(row: row, column: "offer_sentiment").map { ScoredText.format($0) } ?? ""
      let intent: String = scoring.table.number(row: row, column: "churn_intent_tickets").map { String(Int($0)) } ?? "0"
      let nps: String = scoring.table.number(row: row, column: "nps_latest").map { String(Int($0)) } ?? ""
      cells += [outage, offer, String(ticketsPerAccount[row]), intent, nps, account.offer?.description ?? ""]
      // The model's own probability: churn_probability without the notice-lead reading.
      cells.append(String(format: "%.4f", scoring.modelProbabilities[row]))
      try writer.writeRow(cells, to: sink)
    }
    try sink.commit()
  }

  /// A settled account's reason about its renewal date: the renewal the model read was decided
  /// by the as-of day, so "renewal 98 days overdue" (an open account's pending decision) misread
  /// it beside the rolled-forward next renewal (two outside audits, session 36); nil for any
  /// other reason or an open account.
  static func settledReason(_ driver: RiskDriver, account: Account, asOf: Day) -> String? {
    guard let churned = account.churned, driver.column == "days_to_renewal", let renewal = account.renewalDate
    else { return nil }
    let days = Int(asOf.daysSinceEpoch) - Int(renewal.daysSinceEpoch)
    let when =
      days == 0 ? "on the as-of day" : days > 0 ? "\(days) day\(days == 1 ? "" : "s") before the as-of day" : nil
    guard let when else { return churned ? "churned before a renewal still ahead" : nil }
    return churned ? "churned at the renewal due " + when : "renewed " + when
  }

  /// Writes a data table as CSV (blank for missing numbers), e.g. `account_features.csv`.
  func writeTable(_ table: DataTable, to path: String) throws {
    let sink = try ByteSink(atomicPath: path)
    let writer = CSVWriter()
    try writer.writeRow(table.columnNames, to: sink)
    for row in 0..<table.rowCount {
      let cells = table.columns.map { column -> String in
        switch column {
        case .text(let values): return values[row]
        case .numbers(let values): return Self.format(values[row])
        }
      }
      try writer.writeRow(cells, to: sink)
    }
    try sink.commit()
  }

  /// A table number as text: integers without a fraction, blank when missing.
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }

  func writeText(_ text: String, to path: String) throws {
    let sink = try ByteSink(atomicPath: path)
    try sink.write(text)
    try sink.commit()
  }

  /// The manifest's `models`: what scored the texts and the accounts, and which versions: the
  /// lexicons' fingerprint (a trained sentiment model records the one it was trained with), and
  /// the churn model file's path, SHA-256, training date and rows when one was used.
  func models(_ scoring: AccountScoring) -> [String: Any] {
    var models: [String: Any] = [
      "churn": summary.churnModel, "churn_kind": scoring.model.kind.rawValue, "sentiment": summary.sentimentModel,
      "sentiment_version": textModel,
    ]
    if let file = churnModelFile {
      var entry: [String: Any] = [
        "path": file, "trained_at": ISO8601DateFormatter().string(from: scoring.model.trainedAt),
        "training_rows": scoring.model.trainingRows,
      ]
      if let sha = SHA256.hexDigest(ofFile: file) { entry["sha256"] = sha }
      models["churn_file"] = entry
    }
    return models
  }

  /// `manifest.json`: inputs with sizes and checksums, counts, models, timings, outputs.
  func writeManifest(runID: Int64, scoring: AccountScoring) throws {
    let files = try StagingFolder.listFiles(in: staging).filter { $0 != "manifest.json" }
    var inputs: [[String: Any]] = []
    for input in summary.inputs {
      var entry: [String: Any] = [
        "kind": input.kind, "file": input.file, "bytes": input.bytes, "read": input.read, "accepted": input.accepted,
        "quarantined": input.quarantined, "quarantined_by_reason": input.quarantinedByReason,
        "read_equals_accepted_plus_quarantined": input.read == input.accepted + input.quarantined,
      ]
      if let sha = input.sha256 { entry["sha256"] = sha }
      if let empty = input.nestedValuesLeftEmpty { entry["nested_values_left_empty"] = empty }
      if let renamed = input.segmentsRenamed { entry["segments_renamed"] = renamed }
      if let columns = input.columns { entry["columns"] = columns }
      if let notFound = input.fieldsNotFound { entry["fields_not_found"] = notFound }
      if let conflict = input.decimalMarkConflict { entry["decimal_mark_conflict"] = conflict }
      if let currencies = input.arrCurrencies { entry["arr_currencies"] = currencies }
      if let skipped = input.rowsSkipped { entry["rows_skipped"] = skipped }
      if let other = input.textsInAnotherLanguage { entry["texts_in_another_language"] = other }
      inputs.append(entry)
    }
    var manifest: [String: Any] = [
      "aftershock_version": Pipeline.version,
      "run_id": runID,
      "as_of": asOf.description,
      "started_at": Self.timestamp(startedAt),
      "finished_at": Self.timestamp(Date()),
      "inputs": inputs,
      "quarantined_total": quarantine.count,
      "accounts": [
        "total": accounts.count, "open": scoring.openRows.count, "renewed": summary.renewedAccounts ?? 0,
        "churned": accounts.filter { $0.churned == true }.count,
      ],
      "models": models(scoring),
      "timings_seconds": Dictionary(uniqueKeysWithValues: stageSeconds.map { ($0.0, ($0.1 * 1000).rounded() / 1000) }),
      "database": configuration.databasePath,
      "outputs": files,
      "warnings": summary.warnings ?? [],
    ]
    if !mergedFrom.isEmpty { manifest["merged_from"] = mergedFrom }
    let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
    let sink = try ByteSink(atomicPath: staging + "/manifest.json")
    try sink.write(data)
    try sink.write(byte: 0x0A)
    try sink.commit()
  }

  /// Moves every staged file into the output folder; `last` (`manifest.json`, or a shard's
  /// `partial.json`) goes last, so its presence and timestamp mark a complete set. No output may
  /// replace the history (or its `-wal`, `-shm` and `-journal` files).
  ///
  /// A run's set (`last` is `manifest.json`) replaces the previous run's whole: the outputs the
  /// previous `manifest.json` lists that this run did not write (a chart with nothing to draw) are
  /// moved aside with the files replaced, so none is left beside the new set, and a rollback puts
  /// them back. So is a `quarantine_of_failed_run.csv` an earlier failed run left.
  func publish(last: String = "manifest.json") throws -> Publication {
    let history = configuration.databasePath
    // A run's set also retires the quarantine an earlier failed run left (it would otherwise sit
    // beside the new `quarantine.csv` for good) and what `report` wrote there (a notebook of the
    // last run beside this run's summaries); a rollback puts it back with the rest.
    let previous =
      last == "manifest.json"
      ? Self.previousOutputs(in: configuration.outputDirectory) + [PipelineError.failedRunQuarantineFile]
        + LeadershipReport.previousFiles(in: configuration.outputDirectory) : []
    return try stagingFolder.publish(
      last: last, protecting: [history, history + "-wal", history + "-shm", history + "-journal"],
      retiring: previous)
  }

  /// The outputs the output folder's `manifest.json` lists ("outputs", and the manifest itself),
  /// relative to the folder; empty when there is none or it cannot be read.
  static func previousOutputs(in output: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: output + "/manifest.json"),
      let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let outputs = manifest["outputs"] as? [String]
    else { return [] }
    return outputs
  }
}

/// The version and other facts of the pipeline.
public enum Pipeline {
  /// The product's version, written into manifests.
  public static let version = "0.1.0"
}
