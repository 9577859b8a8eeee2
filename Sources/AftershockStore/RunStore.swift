import AftershockIngest
import CSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The run history: saves each nightly run (runs, account scores, quarantine) and answers the CLI's queries.
///
/// The nightly run opens it with ``init(path:createsFile:busyTimeoutMilliseconds:)``, which
/// creates the file if needed and brings its schema up to date; the commands that only read
/// it (`at-risk`, `report`, `forecast`) open it with ``init(readingFrom:busyTimeoutMilliseconds:)``,
/// which never writes. Saving a run whose `asOf` is already stored replaces that run (same id,
/// rows deleted and reinserted) in one transaction, so a re-run never duplicates a date.
public final class RunStore {
  /// The connection (exposed for ad-hoc queries and tests).
  public let database: Database
  /// The file's schema version (the latest once opened for writing; a file opened for reading
  /// keeps its own, and the columns it lacks read as missing).
  let fileVersion: Int

  /// Opens (migrating it if needed) the history at `path` for writing; `":memory:"` for a private one.
  ///
  /// - Parameters:
  ///   - path: the history file, or `":memory:"`.
  ///   - createsFile: `true` for the nightly run (a new history starts empty); `false`
  ///     to fail with ``StoreError/missingHistory(path:)`` instead of creating a file.
  ///   - busyTimeoutMilliseconds: how long to wait for another connection's lock before failing.
  /// - Throws: ``StoreError/unwritableHistory(path:reason:)`` for a path the history cannot be
  ///   written to, ``StoreError/damaged(path:underlying:)`` for a file SQLite cannot read as a
  ///   database, ``StoreError/schemaTooNew(path:found:supported:)``,
  ///   ``StoreError/migrationFailed(path:version:underlying:)``, ``StoreError/cannotOpen(path:reason:)``.
  public init(path: String, createsFile: Bool = true, busyTimeoutMilliseconds: Int32 = 5_000) throws(StoreError) {
    if !createsFile && path != ":memory:" && access(path, F_OK) != 0 { throw .missingHistory(path: path) }
    // Checked before the opening for writing, which would already switch the file's journal mode.
    try Self.checkWritable(path)
    do {
      database = try Database(
        path: path, configuration: .init(busyTimeoutMilliseconds: busyTimeoutMilliseconds, createsFile: createsFile))
    } catch {
      throw .cannotOpen(path: path, reason: error.message)
    }
    do {
      _ = try database.migrate(Schema.migrations)
    } catch .database(let error) where error.isDamagedOrForeignFile {
      throw .damaged(path: path, underlying: error)
    }
    fileVersion = Schema.latestVersion
  }

  /// Checks, without creating or changing anything, that the nightly run may write its history
  /// to `path`: no file (in a folder that can be written, or that can be made inside one), an
  /// empty file, a database without tables or an Aftershock history this version knows. The run
  /// calls it before its work, so a wrong `--db` fails at once rather than after the scoring (the
  /// opening for writing checks it again).
  ///
  /// - Throws: ``StoreError/unwritableHistory(path:reason:)`` for a folder, a file or a folder
  ///   beside it that cannot be written (read-only file system, permissions), or a missing file
  ///   whose nearest existing ancestor cannot be written or is not a folder;
  ///   ``StoreError/foreignDatabase(path:)`` for a database with tables of something else,
  ///   ``StoreError/schemaTooNew(path:found:supported:)``, ``StoreError/damaged(path:underlying:)``
  ///   when SQLite cannot read the file as a database.
  public static func checkWritable(_ path: String) throws(StoreError) {
    guard path != ":memory:", !path.isEmpty else { return }
    if let reason = writabilityProblem(path) { throw .unwritableHistory(path: path, reason: reason) }
    var status = stat()
    guard stat(path, &status) == 0, status.st_size > 0 else { return }
    let database: Database
    let version: Int
    do {
      (database, version) = try openForReading(path, .init(isReadOnly: true, createsFile: false))
    } catch {
      if error.isDamagedOrForeignFile { throw .damaged(path: path, underlying: error) }
      return
    }
    if version > Schema.latestVersion {
      throw .schemaTooNew(path: path, found: version, supported: Schema.latestVersion)
    }
    guard version == 0 else { return }
    let tables: Int64
    do {
      let count = try database.prepare("SELECT count(*) FROM sqlite_master")
      tables = try count.step() ? count.int64(at: 0) : 0
    } catch {
      throw error.isDamagedOrForeignFile ? .damaged(path: path, underlying: error) : .database(error)
    }
    if tables > 0 { throw .foreignDatabase(path: path) }
  }

  /// Why the history at `path` could not be written or created, or `nil` when it can.
  ///
  /// SQLite writes a journal (or a write-ahead log) beside the file, so an existing file needs
  /// its folder writable too. A missing file is created with the folders above it (the default
  /// `--db` is inside `--out`, which may not exist yet), so the nearest existing ancestor decides.
  static func writabilityProblem(_ path: String) -> String? {
    // "hist/" would be created as the file "hist", which the readers, given "hist/", cannot find.
    if path.count > 1 && path.hasSuffix("/") { return "it ends with '/', which names a folder, not a file" }
    var status = stat()
    if stat(path, &status) == 0 {
      if status.st_mode & S_IFMT == S_IFDIR { return "it is a folder, not a file" }
      if access(path, W_OK) != 0 { return "the file cannot be written (\(String(cString: strerror(errno))))" }
      let folder = PathName.parent(of: path)
      if access(folder, W_OK | X_OK) != 0 {
        return "its folder \(folder) cannot be written (\(String(cString: strerror(errno)))), "
          + "and SQLite writes its journal beside the file"
      }
      return nil
    }
    var ancestor = PathName.parent(of: path)
    while stat(ancestor, &status) != 0 {
      let next = PathName.parent(of: ancestor)
      if next == ancestor { return nil }
      ancestor = next
    }
    if status.st_mode & S_IFMT != S_IFDIR { return "\(ancestor) is a file, not a folder" }
    if access(ancestor, W_OK | X_OK) != 0 {
      return "it would be created in \(ancestor), which cannot be written (\(String(cString: strerror(errno))))"
    }
    return nil
  }

  /// Opens the history at `path` for reading only: nothing is created, migrated or written, and
  /// a writer holding the history's lock (a run saving) does not stop the reading.
  ///
  /// A history of an older schema is read as it is (one of version 1 has no stored report
  /// summaries, one before version 3 no model probabilities). A write-ahead-log history the user
  /// may read but not write beside (a read-only
  /// file or folder, where SQLite cannot make the `-shm` file it reads the log through) is read
  /// as immutable, which is right when no `-wal` file holds changes not yet in the main file; when
  /// one does, opening fails. Related SQLite documentation: <https://www.sqlite.org/wal.html#readonly>
  /// - Throws: ``StoreError/missingHistory(path:)`` when there is no file,
  ///   ``StoreError/notAHistory(path:)`` for an empty file or a database without Aftershock's
  ///   schema, ``StoreError/schemaTooNew(path:found:supported:)`` for a newer Aftershock's history,
  ///   ``StoreError/damaged(path:underlying:)`` for a file SQLite cannot read as a database,
  ///   ``StoreError/cannotOpen(path:reason:)`` when it cannot be opened at all.
  public init(readingFrom path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws(StoreError) {
    if path != ":memory:" && access(path, F_OK) != 0 { throw .missingHistory(path: path) }
    let configuration = Database.Configuration(
      busyTimeoutMilliseconds: busyTimeoutMilliseconds, isReadOnly: true, createsFile: false)
    let opened: (database: Database, version: Int)
    do {
      opened = try Self.openForReading(path, configuration)
    } catch {
      opened = try Self.reopenImmutable(path, configuration, after: error)
    }
    guard opened.version > 0 else { throw .notAHistory(path: path) }
    guard opened.version <= Schema.latestVersion else {
      throw .schemaTooNew(path: path, found: opened.version, supported: Schema.latestVersion)
    }
    database = opened.database
    fileVersion = opened.version
  }

  /// Opens `path` with `configuration` and reads its schema version (the first read, which is
  /// where SQLite finds a damaged file or a write-ahead log it cannot read).
  private static func openForReading(_ path: String, _ configuration: Database.Configuration) throws(DatabaseError)
    -> (database: Database, version: Int)
  {
    let database = try Database(path: path, configuration: configuration)
    return (database, try database.userVersion())
  }

  /// Opens `path` as immutable when the read-only opening failed only because SQLite could not
  /// write the write-ahead log's `-shm` index beside it and no `-wal` file holds changes;
  /// otherwise throws the store's error for `error`.
  private static func reopenImmutable(
    _ path: String, _ configuration: Database.Configuration, after error: DatabaseError
  ) throws(StoreError) -> (database: Database, version: Int) {
    func failure(_ error: DatabaseError) -> StoreError {
      error.isDamagedOrForeignFile
        ? .damaged(path: path, underlying: error) : .cannotOpen(path: path, reason: error.message)
    }
    guard error.resultCode == SQLITE_READONLY || error.resultCode == SQLITE_CANTOPEN else { throw failure(error) }
    guard isWriteAheadLogEmpty(path) else {
      throw .cannotOpen(
        path: path,
        reason: "its write-ahead log \(path)-wal holds changes that can only be read with write access to the folder "
          + "(\(error.message))")
    }
    var immutable = configuration
    immutable.isImmutable = true
    do {
      return try openForReading(path, immutable)
    } catch {
      throw failure(error)
    }
  }

  /// Whether no `-wal` file beside `path` holds changes (it is missing or empty).
  private static func isWriteAheadLogEmpty(_ path: String) -> Bool {
    var status = stat()
    return stat(path + "-wal", &status) != 0 || status.st_size == 0
  }

  /// The schema version this build writes.
  public static var schemaVersion: Int { Schema.latestVersion }

  // MARK: Writing

  /// Saves a run with its scores and quarantined records in one transaction; returns the run with its id.
  ///
  /// A stored run with the same `asOf` is replaced: it keeps its id, its scores and quarantine
  /// rows are deleted and the new ones inserted. Inserts reuse one prepared statement each.
  /// - Throws: ``StoreError/invalidAsOf(_:)`` for a malformed date,
  ///   ``StoreError/invalidProbability(accountID:value:)`` for a probability outside [0, 1] or NaN,
  ///   ``StoreError/invalidJSON(field:value:)`` when the input summary or model versions is not a JSON object,
  ///   ``StoreError/duplicateAccount(accountID:asOf:)`` when an account appears twice,
  ///   ``StoreError/database(_:)`` for anything SQLite refuses (nothing is saved then).
  @discardableResult
  public func saveRun(_ run: RunRecord, scores: [AccountScore], quarantine: [QuarantineEntry] = []) throws(StoreError)
    -> RunRecord
  {
    guard Self.isCalendarDate(run.asOf) else { throw .invalidAsOf(run.asOf) }
    for score in scores {
      if !(score.churnProbability >= 0 && score.churnProbability <= 1) {
        throw .invalidProbability(accountID: score.accountID, value: score.churnProbability)
      }
      if let model = score.modelProbability, !(model >= 0 && model <= 1) {
        throw .invalidProbability(accountID: score.accountID, value: model)
      }
    }
    for (field, value) in [("input_summary", run.inputSummaryJSON), ("model_versions", run.modelVersionsJSON)] {
      guard try isJSONObject(value) else { throw .invalidJSON(field: field, value: value) }
    }
    var saved = run
    do {
      saved.id = try database.inTransaction { () throws -> Int64 in
        let runID = try upsertRun(run)
        try insertScores(scores, runID: runID, asOf: run.asOf)
        try insertQuarantine(quarantine, runID: runID)
        return runID
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw failure(error)
    } catch {
      throw .database(DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(error)"))
    }
    return saved
  }

  private func isJSONObject(_ text: String) throws(StoreError) -> Bool {
    try wrapping { () throws -> Bool in
      let check = try database.prepare("SELECT json_valid(?1) AND json_type(?1) = 'object'")
      try check.bind(text, at: 1)
      return try check.step() && check.int64(at: 0) == 1
    }
  }

  private func upsertRun(_ run: RunRecord) throws(DatabaseError) -> Int64 {
    let find = try database.prepare("SELECT run_id FROM runs WHERE as_of = ?")
    try find.bind(run.asOf, at: 1)
    let existing: Int64? = try find.step() ? find.int64(at: 0) : nil
    find.reset()
    let write: Statement
    if let existing {
      let deleteScores = try database.prepare("DELETE FROM account_scores WHERE run_id = ?")
      try deleteScores.bind(existing, at: 1)
      try deleteScores.execute()
      let deleteQuarantine = try database.prepare("DELETE FROM quarantine WHERE run_id = ?")
      try deleteQuarantine.bind(existing, at: 1)
      try deleteQuarantine.execute()
      write = try database.prepare(
        """
        UPDATE runs SET started_at = ?2, finished_at = ?3, status = ?4, input_summary = ?5, model_versions = ?6,
          account_count = ?7, ticket_count = ?8, survey_count = ?9, quarantine_count = ?10
        WHERE run_id = ?11
        """)
      try write.bind(existing, at: 11)
    } else {
      write = try database.prepare(
        """
        INSERT INTO runs (as_of, started_at, finished_at, status, input_summary, model_versions,
          account_count, ticket_count, survey_count, quarantine_count)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """)
      try write.bind(run.asOf, at: 1)
    }
    try write.bind(run.startedAt, at: 2)
    try write.bind(run.finishedAt, at: 3)
    try write.bind(run.status, at: 4)
    try write.bind(run.inputSummaryJSON, at: 5)
    try write.bind(run.modelVersionsJSON, at: 6)
    try write.bind(run.accountCount, at: 7)
    try write.bind(run.ticketCount, at: 8)
    try write.bind(run.surveyCount, at: 9)
    try write.bind(run.quarantineCount, at: 10)
    try write.execute()
    return existing ?? database.lastInsertedRowID
  }

  private func insertScores(_ scores: [AccountScore], runID: Int64, asOf: String) throws {
    let insert = try database.prepare(
      "INSERT INTO account_scores (run_id, \(scoreSelection())) VALUES (?1, \((2...24).map { "?\($0)" }.joined(separator: ", ")))"
    )
    try insert.bind(runID, at: 1)
    for score in scores {
      try insert.bind(score.accountID, at: 2)
      try insert.bind(score.name, at: 3)
      try insert.bind(score.segment, at: 4)
      try insert.bind(score.region, at: 5)
      try insert.bind(score.accountManager, at: 6)
      try insert.bind(score.arr, at: 7)
      try insert.bind(score.renewalDate, at: 8)
      try insert.bind(score.daysToRenewal, at: 9)
      try insert.bind(score.churnProbability, at: 10)
      try insert.bind(score.tier, at: 11)
      try insert.bind(score.arrAtRisk, at: 12)
      try insert.bind(score.drivers.count > 0 ? score.drivers[0] : nil, at: 13)
      try insert.bind(score.drivers.count > 1 ? score.drivers[1] : nil, at: 14)
      try insert.bind(score.drivers.count > 2 ? score.drivers[2] : nil, at: 15)
      try insert.bind(score.sentimentOutage, at: 16)
      try insert.bind(score.sentimentOffer, at: 17)
      try insert.bind(score.ticketCount, at: 18)
      try insert.bind(score.surveyCount, at: 19)
      try insert.bind(score.churnIntentCount, at: 20)
      try insert.bind(score.nps, at: 21)
      try insert.bind(score.csat, at: 22)
      try insert.bind(score.offer, at: 23)
      try insert.bind(score.modelProbability, at: 24)
      var failure: DatabaseError? = nil
      do { try insert.execute() } catch { failure = error }
      if let failure {
        if failure.extendedResultCode == csqlite_constraint_primarykey() {
          throw StoreError.duplicateAccount(accountID: score.accountID, asOf: asOf)
        }
        throw failure
      }
    }
  }

  private func insertQuarantine(_ entries: [QuarantineEntry], runID: Int64) throws(DatabaseError) {
    let insert = try database.prepare(
      "INSERT INTO quarantine (run_id, file, line, record_id, reason, detail, raw) VALUES (?, ?, ?, ?, ?, ?, ?)")
    try insert.bind(runID, at: 1)
    for entry in entries {
      try insert.bind(entry.file, at: 2)
      try insert.bind(entry.line, at: 3)
      try insert.bind(entry.recordID, at: 4)
      try insert.bind(entry.reason, at: 5)
      try insert.bind(entry.detail, at: 6)
      try insert.bind(entry.raw, at: 7)
      try insert.execute()
    }
  }

  // MARK: Runs

  /// The run with the greatest as-of date, or `nil` when the history is empty.
  public func latestRun() throws(StoreError) -> RunRecord? {
    try fetchRuns("SELECT \(Self.runColumns) FROM runs ORDER BY as_of DESC LIMIT 1", [.null]).first
  }

  /// The run with this id, or `nil`.
  public func run(id: Int64) throws(StoreError) -> RunRecord? {
    try fetchRuns("SELECT \(Self.runColumns) FROM runs WHERE run_id = ?", [.integer(id)]).first
  }

  /// The run for this as-of date, or `nil`.
  public func run(asOf: String) throws(StoreError) -> RunRecord? {
    try fetchRuns("SELECT \(Self.runColumns) FROM runs WHERE as_of = ?", [.text(asOf)]).first
  }

  /// The run with the greatest as-of date before `asOf`, or `nil`.
  public func previousRun(before asOf: String) throws(StoreError) -> RunRecord? {
    try fetchRuns("SELECT \(Self.runColumns) FROM runs WHERE as_of < ? ORDER BY as_of DESC LIMIT 1", [.text(asOf)])
      .first
  }

  /// Every run, the most recent as-of date first.
  public func runs() throws(StoreError) -> [RunRecord] {
    try fetchRuns("SELECT \(Self.runColumns) FROM runs ORDER BY as_of DESC", [])
  }

  /// The run with `id`, else the run of the as-of date `asOf`, else the latest; throws when there is none.
  public func resolveRun(id: Int64?, asOf: String? = nil) throws(StoreError) -> RunRecord {
    if let id {
      guard let run = try run(id: id) else { throw .runNotFound(id: id) }
      return run
    }
    if let asOf {
      guard let run = try run(asOf: asOf) else { throw .noRunAsOf(asOf) }
      return run
    }
    guard let run = try latestRun() else { throw .noRuns(path: database.path) }
    return run
  }

  // MARK: Scores and quarantine

  /// Every account score of a run, the riskiest first.
  public func scores(runID: Int64) throws(StoreError) -> [AccountScore] {
    try wrapping { () throws -> [AccountScore] in
      let statement = try database.prepare(
        """
        SELECT \(scoreSelection()) FROM account_scores WHERE run_id = ?
        ORDER BY churn_probability DESC, arr DESC, account_id
        """)
      try statement.bind(runID, at: 1)
      return try statement.map { Self.readScore($0, from: 0) }
    }
  }

  /// The quarantined records of a run, in the order they were saved.
  public func quarantine(runID: Int64) throws(StoreError) -> [QuarantineEntry] {
    try wrapping { () throws -> [QuarantineEntry] in
      let statement = try database.prepare(
        "SELECT file, line, record_id, reason, detail, raw FROM quarantine WHERE run_id = ? ORDER BY quarantine_id")
      try statement.bind(runID, at: 1)
      return try statement.map { row in
        QuarantineEntry(
          file: row.string(at: 0), line: row.optionalInt64(at: 1).map { Int($0) }, recordID: row.optionalString(at: 2),
          reason: row.string(at: 3), detail: row.optionalString(at: 4), raw: row.optionalString(at: 5))
      }
    }
  }

  /// The at-risk listing: filtered, riskiest first, each account with its change since the previous run.
  ///
  /// The previous run is the one with the greatest as-of date before the listed run's. An
  /// account is ``RiskChange/new`` when the previous run did not score it, and
  /// ``RiskChange/entered(points:)`` when it did but it was not on that run's list under the
  /// same filters (manager, segment, tier, minimum probability; the limit is not applied to the
  /// previous run); otherwise it moved up, down, or stayed within the threshold.
  /// - Throws: ``StoreError/runNotFound(id:)``, ``StoreError/noRunAsOf(_:)`` or
  ///   ``StoreError/noRuns(path:)`` when there is no such run.
  public func atRisk(_ query: AtRiskQuery = AtRiskQuery()) throws(StoreError) -> AtRiskListing {
    let run = try resolveRun(id: query.runID, asOf: query.runAsOf)
    let previous = try previousRun(before: run.asOf)
    var unmatched: [UnmatchedFilter] = []
    var similarManagers: [ManagerAccounts] = []
    var matching: Int? = nil
    let entries = try wrapping { () throws -> [AtRiskEntry] in
      let scoreList = scoreSelection(prefix: "s.")
      // Only the filters given appear in the SQL, so SQLite can use the manager and risk indexes.
      // A manager's accounts are few: without statistics SQLite would scan the risk index instead.
      // SQLite's NOCASE folds ASCII only, and a manager cell may name several managers, so a
      // manager or segment filter becomes the run's own cells that match it
      // (``ManagerName/cell(_:names:)``, ``AtRiskQuery/segmentMatches(_:_:)``), each a bound value.
      var conditions = ["s.run_id = :run"]
      var bindings: [(parameter: String, value: String)] = []
      var usesManagerIndex = false
      func bind(_ column: String, _ cells: [String]) -> String {
        let parameters = cells.indices.map { ":\(column)_\($0)" }
        bindings += zip(parameters, cells).map { (parameter: $0, value: $1) }
        return "s.\(column) COLLATE NOCASE IN (\(parameters.joined(separator: ", ")))"
      }
      if let filter = query.accountManager {
        let cells = try managerCells(runID: run.id)
        let matched = cells.filter { ManagerName.cell($0.cell, names: filter) }
        if matched.isEmpty {
          unmatched.append(
            UnmatchedFilter(
              column: "account_manager", value: filter, known: Self.managerNames(cells).map(\.name).sorted(),
              otherRun: ManagerName.key(filter).isEmpty ? nil : try managerInOtherRun(filter, besides: run)))
        } else if ManagerName.key(filter).isEmpty {
          // No manager: a missing cell, or one naming nobody (blank, separators only).
          let blank = matched.compactMap(\.cell)
          conditions.append(
            blank.isEmpty
              ? "s.account_manager IS NULL" : "(s.account_manager IS NULL OR \(bind("account_manager", blank)))")
        } else {
          conditions.append(bind("account_manager", matched.compactMap(\.cell)))
          usesManagerIndex = true
          let wanted = ManagerName.key(filter)
          let accentless = ManagerName.accentlessKey(filter)
          similarManagers = Self.managerNames(cells).filter {
            ManagerName.key($0.name) != wanted && ManagerName.accentlessKey($0.name) == accentless
          }
        }
      }
      if let filter = query.segment {
        let known = try spellings(in: "segment", runID: run.id)
        let matched = known.filter { AtRiskQuery.segmentMatches($0, filter) }
        if matched.isEmpty {
          unmatched.append(UnmatchedFilter(column: "segment", value: filter, known: known.sorted()))
        } else {
          conditions.append(bind("segment", matched))
        }
      }
      if !unmatched.isEmpty { return [] }
      if query.tier != nil { conditions.append("s.tier = :tier COLLATE NOCASE") }
      if query.minimumProbability != nil { conditions.append("s.churn_probability >= :minimum") }
      let statement = try database.prepare(
        """
        SELECT \(scoreList), p.churn_probability, p.account_manager, p.segment, p.tier,
          \(fileVersion >= 3 ? "p.model_probability" : "NULL"), p.account_id
        FROM account_scores AS s \(usesManagerIndex ? "INDEXED BY account_scores_by_manager" : "")
        LEFT JOIN account_scores AS p ON p.run_id = :previous AND p.account_id = s.account_id
        WHERE \(conditions.joined(separator: " AND "))
        ORDER BY s.churn_probability DESC, s.arr DESC, s.account_id
        LIMIT :limit
        """)
      func bindFilters(_ statement: Statement) throws {
        try statement.bind(run.id, named: ":run")
        for binding in bindings { try statement.bind(binding.value, named: binding.parameter) }
        if let tier = query.tier { try statement.bind(tier, named: ":tier") }
        if let minimum = query.minimumProbability { try statement.bind(minimum, named: ":minimum") }
      }
      try statement.bind(previous?.id, named: ":previous")
      try bindFilters(statement)
      try statement.bind(Int64(query.limit ?? -1), named: ":limit")
      let previousColumn = Self.scoreColumnCount
      let listed = try statement.map { row in
        let score = Self.readScore(row, from: 0)
        let previousProbability = row.optionalDouble(at: previousColumn)
        var change = RiskChange.new
        if let previousProbability {
          let wasListed =
            (query.accountManager.map { ManagerName.cell(row.optionalString(at: previousColumn + 1), names: $0) }
              ?? true)
            && AtRiskQuery.segmentMatches(row.optionalString(at: previousColumn + 2), query.segment)
            && AtRiskQuery.matches(row.optionalString(at: previousColumn + 3), query.tier)
            && previousProbability >= (query.minimumProbability ?? -Double.infinity)
          // A previous run saved before schema 3 stored the model's own probability for every
          // account (`AccountScore.modelProbability`): this one's is compared with it, on the same
          // footing, so the notice-lead reading of an account renewing soon is no "down" move.
          let previousStoredTheModels =
            row.optionalDouble(at: previousColumn + 4) == nil && row.optionalString(at: previousColumn + 5) != nil
          let basis =
            previousStoredTheModels ? score.modelProbability ?? score.churnProbability : score.churnProbability
          let points = (basis - previousProbability) * 100
          if !wasListed {
            change = .entered(points: points)
          } else if points > query.changeThresholdPoints {
            change = .up(points: points)
          } else if -points > query.changeThresholdPoints {
            change = .down(points: -points)
          } else {
            change = .unchanged
          }
        }
        return AtRiskEntry(score: score, previousProbability: previousProbability, change: change)
      }
      // A listing cut at the limit counts what it left out, so it can say so.
      if let limit = query.limit, listed.count >= limit {
        let count = try database.prepare(
          "SELECT COUNT(*) FROM account_scores AS s WHERE \(conditions.joined(separator: " AND "))")
        try bindFilters(count)
        matching = try count.map { Int($0.int64(at: 0)) }.first
      }
      return listed
    }
    return AtRiskListing(
      run: run, previousRun: previous, entries: entries, unmatched: unmatched, matchingCount: matching ?? entries.count,
      similarManagers: similarManagers)
  }

  /// The distinct values of `column` (`account_manager` or `segment`) in a run: one per spelling
  /// that differs beyond ASCII case (a filter keeps those ``AtRiskQuery/matches(_:_:)`` accepts).
  private func spellings(in column: String, runID: Int64?) throws -> [String] {
    let statement = try database.prepare(
      "SELECT DISTINCT \(column) COLLATE NOCASE FROM account_scores WHERE run_id = ? AND \(column) IS NOT NULL")
    try statement.bind(runID, at: 1)
    return try statement.map { $0.string(at: 0) }
  }

  /// Each distinct manager cell of a run as stored (`nil`: none), with its accounts.
  private func managerCells(runID: Int64?) throws -> [(cell: String?, accounts: Int)] {
    let statement = try database.prepare(
      "SELECT account_manager, count(*) FROM account_scores WHERE run_id = ? GROUP BY account_manager")
    try statement.bind(runID, at: 1)
    return try statement.map { ($0.optionalString(at: 0), Int($0.int64(at: 1))) }
  }

  /// The managers that `cells` name, each once (by ``ManagerName/key(_:)``) under its most
  /// common spelling, with the accounts whose cell names them.
  static func managerNames(_ cells: [(cell: String?, accounts: Int)]) -> [ManagerAccounts] {
    var byKey: [String: (accounts: Int, spellings: [String: Int])] = [:]
    for (cell, accounts) in cells {
      for name in ManagerName.names(in: cell) {
        let key = ManagerName.key(name)
        byKey[key, default: (0, [:])].accounts += accounts
        byKey[key, default: (0, [:])].spellings[name, default: 0] += accounts
      }
    }
    return byKey.values.map { entry in
      let name = entry.spellings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key ?? ""
      return ManagerAccounts(name: name, accountCount: entry.accounts)
    }.sorted { ($0.name, $0.accountCount) < ($1.name, $1.accountCount) }
  }

  /// The latest run besides `run` (by as-of date) with open accounts whose manager cell names
  /// `manager`, and how many; `nil` when no other run has any.
  private func managerInOtherRun(_ manager: String, besides run: RunRecord) throws -> ManagerAccounts? {
    let statement = try database.prepare(
      """
      SELECT s.run_id, s.account_manager, count(*) FROM account_scores AS s JOIN runs AS r ON r.run_id = s.run_id
      WHERE s.run_id != ? AND s.account_manager IS NOT NULL
      GROUP BY s.run_id, s.account_manager
      ORDER BY r.as_of DESC
      """)
    try statement.bind(run.id, at: 1)
    var found: (runID: Int64, accounts: Int)? = nil
    for (runID, cell, accounts) in try statement.map({ ($0.int64(at: 0), $0.string(at: 1), Int($0.int64(at: 2))) }) {
      if let found, found.runID != runID { break }
      guard ManagerName.cell(cell, names: manager) else { continue }
      found = (runID, (found?.accounts ?? 0) + accounts)
    }
    guard let found, let other = try self.run(id: found.runID) else { return nil }
    return ManagerAccounts(name: manager, accountCount: found.accounts, run: other)
  }

  // MARK: Aggregates

  /// Per-segment totals of a run, the largest ARR at risk first.
  public func segmentSummaries(runID: Int64) throws(StoreError) -> [SegmentSummary] {
    try wrapping { () throws -> [SegmentSummary] in
      let statement = try database.prepare(
        """
        SELECT segment, count(*), sum(tier = 'high' COLLATE NOCASE), avg(churn_probability),
          coalesce(sum(arr), 0), coalesce(sum(arr_at_risk), 0), avg(sentiment_outage), avg(sentiment_offer)
        FROM account_scores WHERE run_id = ?
        GROUP BY segment
        ORDER BY 6 DESC, segment
        """)
      try statement.bind(runID, at: 1)
      return try statement.map { row in
        SegmentSummary(
          segment: row.optionalString(at: 0), accountCount: Int(row.int64(at: 1)), highTierCount: Int(row.int64(at: 2)),
          meanChurnProbability: row.double(at: 3), arr: row.double(at: 4), arrAtRisk: row.double(at: 5),
          meanSentimentOutage: row.optionalDouble(at: 6), meanSentimentOffer: row.optionalDouble(at: 7))
      }
    }
  }

  /// Each run's totals, oldest as-of date first (for risk-over-time charts).
  public func trend() throws(StoreError) -> [RunTrendPoint] {
    try wrapping { () throws -> [RunTrendPoint] in
      let statement = try database.prepare(
        """
        SELECT r.run_id, r.as_of, count(s.account_id), coalesce(avg(s.churn_probability), 0),
          coalesce(sum(s.tier = 'high' COLLATE NOCASE), 0), coalesce(sum(s.arr_at_risk), 0)
        FROM runs AS r LEFT JOIN account_scores AS s ON s.run_id = r.run_id
        GROUP BY r.run_id
        ORDER BY r.as_of
        """)
      return try statement.map { row in
        RunTrendPoint(
          runID: row.int64(at: 0), asOf: row.string(at: 1), accountCount: Int(row.int64(at: 2)),
          meanChurnProbability: row.double(at: 3), highTierCount: Int(row.int64(at: 4)), arrAtRisk: row.double(at: 5))
      }
    }
  }

  // MARK: Helpers

  static let scoreColumns = [
    "account_id", "name", "segment", "region", "account_manager", "arr", "renewal_date", "days_to_renewal",
    "churn_probability", "tier", "arr_at_risk", "driver_1", "driver_2", "driver_3", "sentiment_outage",
    "sentiment_offer", "ticket_count", "survey_count", "churn_intent_count", "nps", "csat", "offer",
    "model_probability",
  ]
  static let scoreColumnCount = scoreColumns.count

  /// The score columns, comma-separated, each after `prefix` (a table alias such as "s."); a
  /// column this file's schema does not have yet is selected as NULL.
  func scoreSelection(prefix: String = "") -> String {
    Self.scoreColumns.map { column in
      column == "model_probability" && fileVersion < 3 ? "NULL" : prefix + column
    }.joined(separator: ", ")
  }

  static let runColumns = """
    run_id, as_of, started_at, finished_at, status, input_summary, model_versions, \
    account_count, ticket_count, survey_count, quarantine_count
    """

  static func readScore(_ row: Statement, from offset: Int) -> AccountScore {
    var drivers: [String] = []
    for column in 11...13 { if let driver = row.optionalString(at: offset + column) { drivers.append(driver) } }
    return AccountScore(
      accountID: row.string(at: offset), name: row.optionalString(at: offset + 1),
      segment: row.optionalString(at: offset + 2), region: row.optionalString(at: offset + 3),
      accountManager: row.optionalString(at: offset + 4), arr: row.optionalDouble(at: offset + 5),
      renewalDate: row.optionalString(at: offset + 6), daysToRenewal: row.optionalInt64(at: offset + 7).map { Int($0) },
      churnProbability: row.double(at: offset + 8), tier: row.string(at: offset + 9), drivers: drivers,
      sentimentOutage: row.optionalDouble(at: offset + 14), sentimentOffer: row.optionalDouble(at: offset + 15),
      ticketCount: Int(row.int64(at: offset + 16)), surveyCount: Int(row.int64(at: offset + 17)),
      churnIntentCount: Int(row.int64(at: offset + 18)), nps: row.optionalDouble(at: offset + 19),
      csat: row.optionalDouble(at: offset + 20), offer: row.optionalString(at: offset + 21),
      modelProbability: row.optionalDouble(at: offset + 22))
  }

  private func fetchRuns(_ sql: String, _ arguments: [DatabaseValue]) throws(StoreError) -> [RunRecord] {
    try wrapping { () throws -> [RunRecord] in
      let statement = try database.prepare(sql)
      for (offset, value) in arguments.enumerated() where offset < statement.parameterCount {
        try statement.bind(value, at: offset + 1)
      }
      return try statement.map { row in
        RunRecord(
          id: row.int64(at: 0), asOf: row.string(at: 1), startedAt: row.string(at: 2),
          finishedAt: row.optionalString(at: 3), status: row.string(at: 4), inputSummaryJSON: row.string(at: 5),
          modelVersionsJSON: row.string(at: 6), accountCount: Int(row.int64(at: 7)),
          ticketCount: Int(row.int64(at: 8)), surveyCount: Int(row.int64(at: 9)),
          quarantineCount: Int(row.int64(at: 10)))
      }
    }
  }

  private func wrapping<Result>(_ body: () throws -> Result) throws(StoreError) -> Result {
    do {
      return try body()
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw failure(error)
    } catch {
      throw .database(DatabaseError(extendedResultCode: SQLITE_ERROR, message: "\(error)"))
    }
  }

  /// The store's error for an SQLite error: a damaged page or a table or column that is not
  /// there names the file as damaged or not a history; anything else is passed on.
  func failure(_ error: DatabaseError) -> StoreError {
    error.isDamagedOrForeignFile ? .damaged(path: database.path, underlying: error) : .database(error)
  }

  /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
  static func isCalendarDate(_ text: String) -> Bool { Day(iso8601: text) != nil }
}

@available(*, unavailable)
extension RunStore: Sendable {}
