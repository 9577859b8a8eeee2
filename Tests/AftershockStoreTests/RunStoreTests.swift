import Foundation
import Testing

@testable import AftershockStore

@Suite struct RunStoreTests {
  private func run(_ asOf: String, accounts: Int = 2) -> RunRecord {
    RunRecord(
      asOf: asOf, startedAt: asOf + "T02:00:00Z", finishedAt: asOf + "T02:03:10Z", status: "succeeded",
      inputSummaryJSON: #"{"tickets":{"read":10,"accepted":9,"quarantined":1}}"#,
      modelVersionsJSON: #"{"churn":"logistic-1"}"#, accountCount: accounts, ticketCount: 10, surveyCount: 4,
      quarantineCount: 1)
  }

  private func score(_ id: String, _ probability: Double, manager: String = "Ana Silva", segment: String = "enterprise")
    -> AccountScore
  {
    AccountScore(
      accountID: id, name: "Account \(id)", segment: segment, region: "emea", accountManager: manager, arr: 120_000,
      renewalDate: "2026-09-30", daysToRenewal: 73, churnProbability: probability,
      tier: probability >= 0.6 ? "high" : probability >= 0.3 ? "medium" : "low",
      drivers: ["negative outage sentiment", "voucher seen as insulting", "renewal within 90 days", "ignored 4th"],
      sentimentOutage: -0.62, sentimentOffer: -0.8, ticketCount: 5, surveyCount: 1, churnIntentCount: 2, nps: 3,
      csat: nil, offer: "voucher_10")
  }

  @Test func freshStoreIsAtTheLatestSchemaAndReopensIdempotently() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    do {
      let store = try RunStore(path: path)
      #expect(try store.database.userVersion() == RunStore.schemaVersion)
      try store.saveRun(run("2026-07-19"), scores: [score("A1", 0.7)])
    }
    let store = try RunStore(path: path)
    #expect(try store.database.userVersion() == RunStore.schemaVersion)
    #expect(try store.runs().count == 1)
  }

  @Test func runRoundTripsWithScoresAndQuarantine() throws {
    let store = try RunStore(path: ":memory:")
    let quarantined = QuarantineEntry(
      file: "tickets.csv", line: 17, recordID: "T-9", reason: "bad_date",
      detail: "created_at 'yesterday' is not a date",
      raw: "T-9,A1,yesterday,\"body\"")
    let saved = try store.saveRun(
      run("2026-07-19"), scores: [score("A1", 0.71), score("A2", 0.2)], quarantine: [quarantined])
    let id = try #require(saved.id)
    #expect(try store.run(id: id) == saved)
    #expect(try store.latestRun() == saved)
    var expected = score("A1", 0.71)
    expected.drivers.removeLast()  // only three drivers are stored
    #expect(
      try store.scores(runID: id) == [
        expected,
        {
          var s = score("A2", 0.2)
          s.drivers.removeLast()
          return s
        }(),
      ])
    #expect(try store.quarantine(runID: id) == [quarantined])
  }

  @Test func rerunningTheSameDateReplacesTheRun() throws {
    let store = try RunStore(path: ":memory:")
    let first = try store.saveRun(run("2026-07-19"), scores: [score("A1", 0.7), score("A2", 0.4)])
    let second = try store.saveRun(run("2026-07-19", accounts: 1), scores: [score("A3", 0.5)])
    #expect(first.id == second.id)
    #expect(try store.runs().count == 1)
    #expect(try store.runs().first?.accountCount == 1)
    #expect(try store.scores(runID: try #require(second.id)).map(\.accountID) == ["A3"])
    let count = try store.database.prepare("SELECT count(*) FROM account_scores")
    #expect(try count.step())
    #expect(count.int64(at: 0) == 1)
  }

  @Test func failedSaveLeavesThePreviousRunIntact() throws {
    let store = try RunStore(path: ":memory:")
    try store.saveRun(run("2026-07-19"), scores: [score("A1", 0.7)])
    #expect(throws: StoreError.duplicateAccount(accountID: "A2", asOf: "2026-07-19")) {
      try store.saveRun(run("2026-07-19"), scores: [score("A2", 0.5), score("A2", 0.6)])
    }
    let runID = try #require(try store.latestRun()?.id)
    #expect(try store.scores(runID: runID).map(\.accountID) == ["A1"])
    #expect(throws: StoreError.invalidProbability(accountID: "A1", value: 1.5)) {
      try store.saveRun(run("2026-07-20"), scores: [score("A1", 1.5)])
    }
    var badJSON = run("2026-07-20")
    badJSON.modelVersionsJSON = "[\"logistic\"]"
    #expect(throws: StoreError.invalidJSON(field: "model_versions", value: "[\"logistic\"]")) {
      try store.saveRun(badJSON, scores: [])
    }
    #expect(try store.runs().count == 1)
  }

  @Test(arguments: ["2026-7-19", "2026-02-30", "19/07/2026", "", "2026-13-01"])
  func malformedAsOfIsRejected(asOf: String) throws {
    let store = try RunStore(path: ":memory:")
    #expect(throws: StoreError.invalidAsOf(asOf)) { try store.saveRun(run(asOf), scores: []) }
  }

  @Test func atRiskFiltersOrdersAndComparesWithThePreviousDate() throws {
    let store = try RunStore(path: ":memory:")
    // Saved out of date order: the previous run is chosen by as_of, not by insertion.
    try store.saveRun(
      run("2026-07-26"),
      scores: [
        score("A1", 0.80), score("A2", 0.50), score("A3", 0.62), score("A4", 0.90, manager: "Bo Chen"),
        score("A5", 0.35), score("A6", 0.66),
      ])
    try store.saveRun(run("2026-07-12"), scores: [score("A1", 0.10), score("A2", 0.10), score("A3", 0.10)])
    try store.saveRun(
      run("2026-07-19"),
      scores: [score("A1", 0.70), score("A2", 0.60), score("A3", 0.60), score("A5", 0.20), score("A6", 0.64)])

    let listing = try store.atRisk(AtRiskQuery(accountManager: "ana SILVA", minimumProbability: 0.3))
    #expect(listing.run.asOf == "2026-07-26")
    #expect(listing.previousRun?.asOf == "2026-07-19")
    #expect(listing.entries.map(\.score.accountID) == ["A1", "A6", "A3", "A2", "A5"])
    let changes = Dictionary(uniqueKeysWithValues: listing.entries.map { ($0.score.accountID, $0.change) })
    #expect(changes["A1"].map(isUp) == true)  // 70 -> 80
    #expect(changes["A2"].map(isDown) == true)  // 60 -> 50
    #expect(changes["A3"] == .unchanged)  // 60 -> 62
    #expect(changes["A6"] == .unchanged)  // 64 -> 66
    // 20 was below the minimum: it entered this list, 15 points up (an audit read a bare "new"
    // as a new account).
    if case .entered(let points)? = changes["A5"] {
      #expect(abs(points - 15) < 1e-9)
    } else {
      Issue.record("A5: \(String(describing: changes["A5"]))")
    }
    #expect(listing.entries.first?.previousProbability == 0.70)

    let top = try store.atRisk(AtRiskQuery(limit: 2))
    #expect(top.entries.map(\.score.accountID) == ["A4", "A1"])
    #expect(top.entries.first?.change == .new)  // not scored on 2026-07-19

    let high = try store.atRisk(AtRiskQuery(tier: "HIGH", minimumProbability: 0.65))
    #expect(high.entries.map(\.score.accountID) == ["A4", "A1", "A6"])

    let oldest = try store.atRisk(AtRiskQuery(runID: try #require(try store.run(asOf: "2026-07-12")?.id)))
    #expect(oldest.previousRun == nil)
    #expect(oldest.entries.allSatisfy { $0.change == .new })
  }

  @Test func queriesDoNotCreateAMissingHistory() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/typo.sqlite"
    #expect(throws: StoreError.missingHistory(path: path)) { try RunStore(path: path, createsFile: false) }
    #expect(!FileManager.default.fileExists(atPath: path))
    _ = try RunStore(path: path)
    #expect(try RunStore(path: path, createsFile: false).runs().isEmpty)
  }

  @Test func missingRunsAreReportedClearly() throws {
    let store = try RunStore(path: ":memory:")
    #expect(throws: StoreError.noRuns(path: ":memory:")) { try store.atRisk() }
    try store.saveRun(run("2026-07-19"), scores: [])
    #expect(throws: StoreError.runNotFound(id: 99)) { try store.atRisk(AtRiskQuery(runID: 99)) }
  }

  @Test func changeLabelsReadAsTheyShouldInATable() {
    #expect(RiskChange.up(points: 7.25).label == "up 7.3 pts")
    #expect(RiskChange.down(points: 10).label == "down 10.0 pts")
    #expect(RiskChange.unchanged.label == "same", "a word, not '=', which a spreadsheet reads as a formula")
    #expect(RiskChange.new.label == "new")
    #expect(RiskChange.entered(points: -0.15).label == "entered, down 0.2 pts")
    #expect(RiskChange.entered(points: 15).label == "entered, up 15.0 pts")
  }

  @Test func walFileIsSharedByTwoConnections() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    let writer = try RunStore(path: path)
    let reader = try RunStore(path: path)
    try writer.saveRun(run("2026-07-19"), scores: [score("A1", 0.7)])
    #expect(try reader.latestRun()?.asOf == "2026-07-19")
    #expect(try reader.database.journalMode() == "wal")
  }
}

extension RunStoreTests {
  @Test func secondWriterWaitsForTheBusyTimeoutThenReportsTheLock() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    let first = try RunStore(path: path)
    let second = try RunStore(path: path, busyTimeoutMilliseconds: 50)
    try first.database.execute("BEGIN IMMEDIATE")
    let run = RunRecord(asOf: "2026-07-19", startedAt: "2026-07-19T02:00:00Z")
    do {
      try second.saveRun(run, scores: [])
      Issue.record("a second writer got in while the first held the lock")
    } catch {
      guard case .database(let underlying) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(underlying.resultCode == 5)  // SQLITE_BUSY
      #expect(underlying.description.hasPrefix("sqlite error 5: database is locked"))
    }
    try first.database.execute("COMMIT")
    try second.saveRun(run, scores: [])
    #expect(try first.runs().count == 1)
  }
}

extension RunStoreTests {
  @Test func segmentTotalsAndTrendAddUpTheScores() throws {
    let store = try RunStore(path: ":memory:")
    var noSegment = score("A9", 0.5)
    noSegment.segment = nil
    noSegment.arr = nil
    noSegment.sentimentOutage = nil
    try store.saveRun(run("2026-07-12"), scores: [score("A1", 0.2)])
    let saved = try store.saveRun(
      run("2026-07-19"), scores: [score("A1", 0.8), score("A2", 0.4), score("A3", 0.6, segment: "smb"), noSegment])
    let summaries = try store.segmentSummaries(runID: try #require(saved.id))
    #expect(summaries.map(\.segment) == ["enterprise", "smb", nil])
    let enterprise = summaries[0]
    #expect(enterprise.accountCount == 2)
    #expect(enterprise.highTierCount == 1)
    #expect(abs(enterprise.meanChurnProbability - 0.6) < 1e-12)
    #expect(enterprise.arr == 240_000)
    #expect(abs(enterprise.arrAtRisk - 120_000 * 1.2) < 1e-6)
    #expect(enterprise.meanSentimentOutage == -0.62)
    #expect(summaries[2].arr == 0)
    #expect(summaries[2].meanSentimentOutage == nil)
    let trend = try store.trend()
    #expect(trend.map(\.asOf) == ["2026-07-12", "2026-07-19"])
    #expect(trend.map(\.accountCount) == [1, 4])
    #expect(abs(trend[1].meanChurnProbability - 0.575) < 1e-12)
  }
}

private func isUp(_ change: RiskChange) -> Bool {
  if case .up = change { return true }
  return false
}

private func isDown(_ change: RiskChange) -> Bool {
  if case .down = change { return true }
  return false
}

/// Opening for reading (`at-risk`, `report`, `forecast`): never creates, migrates or writes.
extension RunStoreTests {
  private func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test func aReaderNeverTurnsAnEmptyOrForeignFileIntoAHistory() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let empty = folder + "/empty.sqlite"
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    let other = folder + "/other.sqlite"
    try Database(path: other, configuration: .init(usesWriteAheadLog: false)).execute("CREATE TABLE foo (x)")
    for path in [empty, other] {
      let before = try contents(path)
      #expect(throws: StoreError.notAHistory(path: path)) { try RunStore(readingFrom: path) }
      #expect(try contents(path) == before)
    }
    #expect(throws: StoreError.notAHistory(path: "/dev/null")) { try RunStore(readingFrom: "/dev/null") }
    #expect(throws: StoreError.missingHistory(path: folder + "/typo.sqlite")) {
      try RunStore(readingFrom: folder + "/typo.sqlite")
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/typo.sqlite"))
    #expect(
      StoreError.notAHistory(path: "empty.sqlite").description
        == "no Aftershock history in empty.sqlite (run 'aftershock run' first)")
  }

  @Test func theModelProbabilityRoundTripsAndAVersion2HistoryReadsWithoutIt() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Written now: the shown (conditioned) probability and the model's both come back.
    let store = try RunStore(path: ":memory:")
    var conditioned = score("A1", 0.03)
    conditioned.modelProbability = 0.15
    let id = try #require(try store.saveRun(run("2026-07-19"), scores: [conditioned, score("A2", 0.4)]).id)
    let read = try store.scores(runID: id)
    #expect(read.map(\.modelProbability) == [nil, 0.15])
    #expect(read.map(\.forecastProbability) == [0.4, 0.15])
    #expect(try store.atRisk(AtRiskQuery()).entries.map(\.score.modelProbability) == [nil, 0.15])
    var outOfRange = score("A3", 0.2)
    outOfRange.modelProbability = 1.5
    #expect(throws: StoreError.invalidProbability(accountID: "A3", value: 1.5)) {
      try store.saveRun(run("2026-07-20"), scores: [outOfRange])
    }

    // A run saved before the column stored the model's own figure: the next run's change is read
    // against its model's figure too, not against the lower one shown for an account renewing soon.
    let mixed = try RunStore(path: ":memory:")
    try mixed.saveRun(run("2026-07-12"), scores: [score("A1", 0.15), score("A2", 0.40)])
    var soon = score("A1", 0.03)
    soon.modelProbability = 0.15
    var later = score("A2", 0.10)
    later.modelProbability = 0.10
    try mixed.saveRun(run("2026-07-19"), scores: [soon, later])
    let changes = Dictionary(
      uniqueKeysWithValues: try mixed.atRisk(AtRiskQuery()).entries.map { ($0.score.accountID, $0.change) })
    #expect(changes["A1"] == .unchanged, "\(changes)")
    guard case .down(let points)? = changes["A2"] else {
      Issue.record("A2 fell from 0.40 to 0.10: \(changes)")
      return
    }
    #expect(abs(points - 30) < 1e-9)

    // A history of schema version 2 (before the column) is read as it is, by the at-risk list too.
    let old = folder + "/v2.sqlite"
    do {
      let database = try Database(path: old)
      _ = try database.migrate(Array(Schema.migrations.prefix(2)))
      try database.execute(
        """
        INSERT INTO runs (as_of, started_at, status) VALUES ('2026-07-19', 'x', 'succeeded');
        INSERT INTO account_scores (run_id, account_id, churn_probability, tier) VALUES (1, 'A1', 0.25, 'medium');
        """)
    }
    let reader = try RunStore(readingFrom: old)
    let scores = try reader.scores(runID: 1)
    #expect(scores.map(\.churnProbability) == [0.25])
    #expect(scores.map(\.modelProbability) == [nil])
    #expect(scores.map(\.forecastProbability) == [0.25])
    #expect(try reader.atRisk(AtRiskQuery()).entries.count == 1)
    #expect(try reader.database.userVersion() == 2, "the reader did not migrate")
    // The nightly run's opening brings it to the latest schema, keeping the old row.
    let writer = try RunStore(path: old)
    #expect(try writer.database.userVersion() == RunStore.schemaVersion)
    #expect(try writer.scores(runID: 1).map(\.modelProbability) == [nil])
  }

  @Test func aReaderReadsAnOlderSchemaAsItIsAndRefusesANewerOne() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let old = folder + "/v1.sqlite"
    do {
      let database = try Database(path: old)
      _ = try database.migrate(Array(Schema.migrations.prefix(1)))
    }
    let writer = try Database(path: old)
    let insert = try writer.prepare(
      "INSERT INTO runs (as_of, started_at, status) VALUES ('2026-07-19', 'x', 'succeeded')")
    try insert.execute()
    let reader = try RunStore(readingFrom: old)
    let run = try reader.resolveRun(id: nil)
    #expect(run.asOf == "2026-07-19")
    #expect(try reader.reportSummary(runID: try #require(run.id)) == nil)
    #expect(try reader.database.userVersion() == 1, "the reader did not migrate")
    #expect(try reader.database.tableExists("run_reports") == false)

    let newer = folder + "/v9.sqlite"
    try Database(path: newer).execute("CREATE TABLE runs (x); PRAGMA user_version = 9")
    #expect(throws: StoreError.schemaTooNew(path: newer, found: 9, supported: RunStore.schemaVersion)) {
      try RunStore(readingFrom: newer)
    }
  }

  @Test func aReaderIsNotBlockedByAWriterHoldingTheLock() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    let writer = try RunStore(path: path)
    try writer.saveRun(run("2026-07-19"), scores: [score("A1", 0.7)])
    try writer.database.execute("BEGIN IMMEDIATE")
    defer { try? writer.database.execute("ROLLBACK") }
    let reader = try RunStore(readingFrom: path, busyTimeoutMilliseconds: 50)
    #expect(try reader.atRisk().entries.map(\.score.accountID) == ["A1"])
  }

  @Test func aReaderOfAWriteAheadLogHistoryLeavesTheFileAsItWas() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    do { try RunStore(path: path).saveRun(run("2026-07-19"), scores: [score("A1", 0.7)]) }
    let before = try contents(path)
    do {
      let reader = try RunStore(readingFrom: path)
      #expect(try reader.atRisk().entries.count == 1)
      #expect(throws: StoreError.self) { try reader.saveRun(run("2026-07-20"), scores: []) }
    }
    #expect(try contents(path) == before)
  }
}

/// Errors name the file and say what is wrong in words, without the store's SQL.
extension RunStoreTests {
  @Test func aDamagedHistoryIsNamedWithoutTheSQL() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    do {
      try RunStore(path: path).saveRun(
        run("2026-07-19", accounts: 300), scores: (0..<300).map { score("A\($0)", Double($0 % 100) / 100) })
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let size = try handle.seekToEnd()
    for offset in stride(from: size / 4, to: size * 3 / 4, by: 2048) {
      try handle.seek(toOffset: offset)
      handle.write(Data(repeating: 0xA5, count: 512))
    }
    try handle.close()
    for open in [{ try RunStore(readingFrom: path) }, { try RunStore(path: path) }] {
      do {
        _ = try open().atRisk(AtRiskQuery(limit: 1_000))
        Issue.record("a damaged history was read")
      } catch {
        guard case .damaged(let damagedPath, _) = error as? StoreError else {
          Issue.record("unexpected \(error)")
          continue
        }
        #expect(damagedPath == path)
        let text = "\(error)"
        #expect(text.hasPrefix("\(path) is damaged or not an Aftershock history (sqlite error "), "\(text)")
        #expect(!text.contains("SELECT") && !text.contains("\n"), "\(text)")
      }
    }
  }

  @Test func aMigrationThatCannotApplyNamesTheFileWithoutTheSQL() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    do { _ = try RunStore(path: path) }
    try Database(path: path).execute("PRAGMA user_version = 1")
    do {
      _ = try RunStore(path: path)
      Issue.record("the migration ran twice")
    } catch {
      #expect(
        error.description
          == "cannot upgrade the history \(path) to schema version 2 (sqlite error 1: table run_reports "
          + "already exists); it is damaged or not an Aftershock history")
    }
  }
}

/// The nightly run writes its history only to a new file, an empty one or a history.
extension RunStoreTests {
  @Test func aWriterLeavesAnotherProgramsDatabaseAsItWas() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let other = folder + "/crm.sqlite"
    try Database(path: other, configuration: .init(usesWriteAheadLog: false))
      .execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
    let before = try Data(contentsOf: URL(fileURLWithPath: other))
    #expect(throws: StoreError.foreignDatabase(path: other)) { try RunStore(path: other) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before, "not even the journal mode changed")
    #expect(
      StoreError.foreignDatabase(path: "crm.sqlite").description
        == "crm.sqlite is a database of something else (it has tables, but no Aftershock history); "
        + "give --db a new file or an Aftershock history")
    // An empty file, or a database without tables, becomes a history; a history opens again.
    let empty = folder + "/empty.sqlite"
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    let bare = folder + "/bare.sqlite"
    try Database(path: bare, configuration: .init(usesWriteAheadLog: false)).execute("PRAGMA user_version = 0")
    for path in [empty, bare, empty] {
      let store = try RunStore(path: path)
      #expect(try store.database.userVersion() == Schema.latestVersion)
    }
  }
}

/// Manager and segment filters match in any script and either Unicode composition.
extension RunStoreTests {
  @Test func managerAndSegmentMatchCaseInsensitivelyBeyondASCII() throws {
    let store = try RunStore(path: ":memory:")
    try store.saveRun(
      run("2026-07-19", accounts: 5),
      scores: [
        score("A1", 0.9, manager: "Lucía Herrera", segment: "Öffentlich"),
        score("A2", 0.8, manager: "LUCÍA HERRERA", segment: "öffentlich"),
        score("A3", 0.7, manager: "Mateo Fernández"),
        score("A4", 0.6, manager: "Maria Gonzalez"),
        score("A5", 0.5, manager: "Jürgen Strauß", segment: "Mid-market"),
      ])
    func ids(manager: String? = nil, segment: String? = nil) throws -> [String] {
      try store.atRisk(AtRiskQuery(accountManager: manager, segment: segment)).entries.map(\.score.accountID)
    }
    #expect(try ids(manager: "lucía herrera") == ["A1", "A2"])
    #expect(try ids(manager: "LUCÍA HERRERA") == ["A1", "A2"])
    #expect(try ids(manager: "Luci\u{301}a Herrera") == ["A1", "A2"], "decomposed spelling")
    #expect(try ids(manager: "MATEO FERNA\u{301}NDEZ") == ["A3"])
    #expect(try ids(manager: "MARIA GONZALEZ") == ["A4"])
    #expect(try ids(manager: "JÜRGEN STRAUSS") == ["A5"])
    #expect(try ids(manager: "Lucia Herrera") == [], "accents still count")
    #expect(try ids(segment: "ÖFFENTLICH") == ["A1", "A2"])
    #expect(try ids(manager: "lucía herrera", segment: "O\u{308}ffentlich") == ["A1", "A2"])
    #expect(try ids(manager: "Mateo Fernández", segment: "ÖFFENTLICH") == [])
    // SQL in a filter is a value to compare, never SQL.
    for injection in ["x' OR '1'='1", "%", "_", "Lucía Herrera' --", "\") OR 1=1 --"] {
      #expect(try ids(manager: injection) == [])
      #expect(try ids(segment: injection) == [])
    }
  }

  @Test func theChangeSinceThePreviousRunUsesTheSameMatch() throws {
    let store = try RunStore(path: ":memory:")
    try store.saveRun(run("2026-07-12"), scores: [score("A1", 0.5, manager: "LUCÍA HERRERA")])
    try store.saveRun(run("2026-07-19"), scores: [score("A1", 0.9, manager: "Lucía Herrera")])
    let listing = try store.atRisk(AtRiskQuery(accountManager: "luci\u{301}a herrera"))
    #expect(listing.entries.map(\.score.accountID) == ["A1"])
    #expect(isUp(try #require(listing.entries.first).change), "not new: listed last week under the same filter")
  }
}

/// A history the run could not write is refused before the run's work, in words naming the path.
extension RunStoreTests {
  @Test func aFolderOrAPathUnderAFileIsRefusedBeforeAnyWork() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: StoreError.unwritableHistory(path: folder, reason: "it is a folder, not a file")) {
      try RunStore.checkWritable(folder)
    }
    let file = folder + "/notes.txt"
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    let under = file + "/deeper/history.sqlite"
    #expect(throws: StoreError.unwritableHistory(path: under, reason: "\(file) is a file, not a folder")) {
      try RunStore.checkWritable(under)
    }
    #expect(
      StoreError.unwritableHistory(path: "adir", reason: "it is a folder, not a file").description
        == "cannot write the history adir: it is a folder, not a file; give --db a file in a folder you can write")
    // The opening for writing refuses them too, with the same words.
    #expect(throws: StoreError.unwritableHistory(path: folder, reason: "it is a folder, not a file")) {
      try RunStore(path: folder)
    }
  }

  /// The default `--db` lies inside an `--out` that may not exist yet: the nearest existing
  /// folder above it decides, and nothing is created by the check.
  @Test func aMissingHistoryInFoldersStillToBeMadeIsAccepted() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/out/nested/aftershock.sqlite"
    try RunStore.checkWritable(path)
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "the check creates nothing")
    try RunStore.checkWritable(folder + "/history.sqlite")
  }

  /// Permissions: root may write anywhere, so this runs for other users only.
  @Test(.enabled(if: geteuid() != 0, "root bypasses file permissions"))
  func aFileOrFolderWithoutWritePermissionIsRefused() throws {
    let folder = temporaryFolder()
    defer {
      chmod(folder + "/locked", 0o755)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let readOnlyFile = folder + "/read-only.sqlite"
    _ = FileManager.default.createFile(atPath: readOnlyFile, contents: Data())
    chmod(readOnlyFile, 0o444)
    #expect(
      throws: StoreError.unwritableHistory(path: readOnlyFile, reason: "the file cannot be written (Permission denied)")
    ) {
      try RunStore.checkWritable(readOnlyFile)
    }
    let locked = folder + "/locked"
    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
    chmod(locked, 0o555)
    let inLocked = locked + "/out/h.sqlite"
    #expect(
      throws: StoreError.unwritableHistory(
        path: inLocked, reason: "it would be created in \(locked), which cannot be written (Permission denied)")
    ) { try RunStore.checkWritable(inLocked) }
  }

  /// A read-only file system (the auditor's case): needs root to mount one, so it runs as root
  /// only, and only where mounting is allowed.
  @Test(.enabled(if: geteuid() == 0, "mounting a read-only file system needs root"))
  func aHistoryOnAReadOnlyFileSystemIsRefused() throws {
    let folder = temporaryFolder()
    let mountPoint = folder + "/ro"
    try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
    guard mount("tmpfs", mountPoint, "tmpfs", UInt(MS_RDONLY), "size=64k") == 0 else {
      try? FileManager.default.removeItem(atPath: folder)
      return  // not allowed here (a container without CAP_SYS_ADMIN)
    }
    defer {
      umount(mountPoint)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let path = mountPoint + "/h.sqlite"
    #expect(
      throws: StoreError.unwritableHistory(
        path: path, reason: "it would be created in \(mountPoint), which cannot be written (Read-only file system)")
    ) { try RunStore.checkWritable(path) }
  }
}
