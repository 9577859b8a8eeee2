extension RunStore {
  /// Stores the JSON summary the leadership report is composed from (replacing any earlier one of the run).
  public func saveReportSummary(runID: Int64, json: String) throws(StoreError) {
    do {
      let statement = try database.prepare(
        "INSERT INTO run_reports (run_id, summary) VALUES (?, ?) "
          + "ON CONFLICT (run_id) DO UPDATE SET summary = excluded.summary")
      try statement.bind(runID, at: 1)
      try statement.bind(json, at: 2)
      try statement.execute()
    } catch {
      throw failure(error)
    }
  }

  /// The JSON summary of a run's report, or `nil` when the run has none (or the history is of
  /// schema version 1, which kept no summaries, opened by a reader that does not migrate it).
  public func reportSummary(runID: Int64) throws(StoreError) -> String? {
    do {
      guard try database.tableExists("run_reports") else { return nil }
      let statement = try database.prepare("SELECT summary FROM run_reports WHERE run_id = ?")
      try statement.bind(runID, at: 1)
      guard try statement.step() else { return nil }
      return statement.string(at: 0)
    } catch {
      throw failure(error)
    }
  }
}
