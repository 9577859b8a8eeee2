import AftershockForecast
import AftershockIngest
import AftershockStore
import Foundation
import Testing

@testable import AftershockPipeline

/// Sharded runs (`run --partial` on each shard, then `merge`) against one run over all the data.
///
/// What may differ, and why: per-account sentiment sums (mean, outage and offer sentiment) and the
/// sentiment moments of the report are added in another order when shards are summed, so they can
/// differ in the last bits (about 1e-16 relative); the churn model fitted on those features, its
/// probabilities and the forecast then differ by about as little. Printed figures are compared to
/// their printed precision (at most one unit in the last printed digit), the rest to 1e-9 relative.
/// Counts, tiers, NPS, CSAT, quotes and everything textual are compared exactly.
@Suite(.serialized) struct NightlyRunMergeTests {
  static let asOf = "2024-11-16"

  /// A generated sample with bad records added to every input, so quarantine counts are checked too.
  static func workspace(accounts: Int = 400, seed: UInt64 = 7) throws -> String {
    let folder = try NightlyRunTests.workspace(accounts: accounts, seed: seed)
    let input = folder + "/input/"
    try append(
      [
        "ACC-999999,Bad Revenue Ltd,smb,EMEA,Jo Smith,lots,10,basic,2023-01-01,2025-01-01,1,none,no,,"
      ], to: input + "accounts.csv")
    // In the generator's column order: ticket_id, account_id, created_at, subject, body, channel, ...
    try append(
      [
        "T-BAD-1,ACC-424242,2024-11-01T10:00:00Z,Outage,\"unknown account, still angry\",email,high,open",
        "T-BAD-2,ACC-000001,not a date,Outage,the date is broken,email,high,open",
        "T-BAD-3,ACC-000001,2024-11-01T10:00:00Z,too,few",
      ], to: input + "tickets.csv")
    try append(["R-BAD-1,ACC-000002,2024-11-01T10:00:00Z,11,3,an NPS of eleven"], to: input + "surveys.csv")
    return folder
  }

  /// Appends rows to a CSV file.
  static func append(_ rows: [String], to path: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if !text.hasSuffix("\n") { text += "\n" }
    text += rows.joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Splits a CSV file's records (quoted newlines and malformed rows kept as they are) into `count`
  /// files: contiguous runs of records, or records dealt round-robin.
  static func split(_ path: String, into count: Int, interleaved: Bool, as stem: String) throws -> [String] {
    let text = try Data(contentsOf: URL(fileURLWithPath: path))
    let header = try #require(text.firstIndex(of: 0x0A)).advanced(by: 1)
    let reader = try CSVReader(path: path)
    var records: [[UInt8]] = []
    while try reader.nextRecord() != nil {
      records.append(reader.withRawRecord { Array($0) })
    }
    var shards = [[UInt8]](repeating: Array(text[..<header]), count: count)
    let chunk = (records.count + count - 1) / count
    for (index, record) in records.enumerated() {
      let shard = interleaved ? index % count : index / chunk
      shards[shard] += record + [0x0A]
    }
    let folder = (path as NSString).deletingLastPathComponent
    return try shards.enumerated().map { index, bytes in
      let file = folder + "/\(stem)-\(index + 1).csv"
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      return file
    }
  }

  /// Runs each shard with `--partial` into `folder/name-K` and returns the folders.
  static func runShards(
    _ folder: String, tickets: [String], surveys: [String?], name: String, asOf: String = asOf,
    accounts: String? = nil, competitors: [String] = []
  ) throws -> [String] {
    try zip(tickets, surveys).enumerated().map { index, shard in
      let out = folder + "/\(name)-\(index + 1)"
      let configuration = try NightlyRunTests.configuration(folder, asOf: asOf) { configuration in
        if let accounts { configuration.accountsPath = accounts }
        configuration.competitorFiles = competitors
        configuration.ticketsPath = shard.0
        configuration.surveysPath = shard.1
        configuration.outputDirectory = out
      }
      let result = try NightlyRun.runPartial(configuration)
      #expect(result.files.last == PartialRun.fileName, "partial.json is published last")
      return out
    }
  }

  static func merge(_ partials: [String], into out: String) throws -> RunResult {
    try NightlyRun.merge(
      MergeConfiguration(
        partialPaths: partials, outputDirectory: out,
        dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data")))
  }

  @Test func shardedRunsEqualTheSingleRunWhateverTheSplitAndTheOrder() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/input/"
    let single = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: Self.asOf))

    // Two shards, contiguous halves of the tickets; the surveys all in the second.
    let halves = try Self.split(input + "tickets.csv", into: 2, interleaved: false, as: "tickets-half")
    let two = try Self.runShards(folder, tickets: halves, surveys: [nil, input + "surveys.csv"], name: "two")
    let mergedTwo = try Self.merge(two.reversed(), into: folder + "/merged-two")
    try Self.expectSameRun(single, folder + "/out", mergedTwo, folder + "/merged-two")
    // Contiguous shards in file order: the scored records come out as the single run wrote them.
    for file in ["scored_tickets.csv", "scored_surveys.csv"] {
      #expect(try Self.bytes(folder + "/out/" + file) == Self.bytes(folder + "/merged-two/" + file), "\(file)")
    }

    // Three shards, tickets and surveys dealt round-robin, merged in two orders.
    let thirds = try Self.split(input + "tickets.csv", into: 3, interleaved: true, as: "tickets-third")
    let surveyThirds = try Self.split(input + "surveys.csv", into: 3, interleaved: true, as: "surveys-third")
    let three = try Self.runShards(folder, tickets: thirds, surveys: surveyThirds, name: "three")
    let mergedThree = try Self.merge([three[2], three[0], three[1]], into: folder + "/merged-three")
    try Self.expectSameRun(single, folder + "/out", mergedThree, folder + "/merged-three")
    _ = try Self.merge([three[1], three[2], three[0]], into: folder + "/merged-three-again")
    for file in [
      "accounts_risk.csv", "account_features.csv", "forecast.csv", "report.md", "at_risk.md", "scored_tickets.csv",
      "scored_surveys.csv", "quarantine.csv", "summary_sentiment_by_day.csv",
    ] {
      #expect(
        try Self.bytes(folder + "/merged-three/" + file) == Self.bytes(folder + "/merged-three-again/" + file),
        "\(file) does not depend on the order of the partials")
    }
  }

  @Test func mergeRefusesPartialsOfAnotherRunAndWritesNothing() throws {
    let folder = try Self.workspace(accounts: 150, seed: 11)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/input/"
    let halves = try Self.split(input + "tickets.csv", into: 2, interleaved: false, as: "tickets-half")
    let shards = try Self.runShards(folder, tickets: halves, surveys: [nil, input + "surveys.csv"], name: "shard")
    let out = folder + "/merged"
    func expectRefusal(_ partials: [String], saying words: String, sourceLocation: SourceLocation = #_sourceLocation) {
      do {
        _ = try Self.merge(partials, into: out)
        Issue.record("merged \(partials) but should have refused (\(words))", sourceLocation: sourceLocation)
      } catch let error as PipelineError {
        guard case .incompatiblePartial = error else {
          Issue.record("\(error)", sourceLocation: sourceLocation)
          return
        }
        #expect("\(error)".contains(words), "\(error)", sourceLocation: sourceLocation)
      } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
      }
      #expect(
        !FileManager.default.fileExists(atPath: out), "a refused merge writes nothing", sourceLocation: sourceLocation)
    }

    // Another as-of day.
    let later = try Self.runShards(folder, tickets: [halves[1]], surveys: [nil], name: "later", asOf: "2024-11-17")
    expectRefusal([shards[0], later[0]], saying: "give every shard the same --as-of")
    // Another accounts table: one account's revenue changed.
    let accounts = try String(contentsOfFile: input + "accounts.csv", encoding: .utf8)
    let lines = accounts.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var changed = lines
    changed[1] = changed[1].replacingOccurrences(of: "ACC-", with: "ACX-")
    try changed.joined(separator: "\n").write(
      toFile: folder + "/accounts-changed.csv", atomically: true, encoding: .utf8)
    let other = try Self.runShards(
      folder, tickets: [halves[1]], surveys: [nil], name: "other", accounts: folder + "/accounts-changed.csv")
    expectRefusal([shards[0], other[0]], saying: "another accounts table")
    // Another competitor list: the files each shard read are named (a second outside audit saw
    // only two lexicon fingerprints).
    try "Quillon Security\n".write(toFile: folder + "/ours.txt", atomically: true, encoding: .utf8)
    let listed = try Self.runShards(
      folder, tickets: [halves[1]], surveys: [nil], name: "listed", competitors: [folder + "/ours.txt"])
    expectRefusal(
      [shards[0], listed[0]],
      saying:
        "it read competitors from \(folder)/ours.txt, products from no file, \(shards[0]) read competitors from no file"
    )
    // The same shard twice, or the same tickets read by two shards.
    expectRefusal([shards[0], shards[1], shards[0]], saying: "given twice")
    let again = try Self.runShards(folder, tickets: [halves[0]], surveys: [nil], name: "again")
    expectRefusal([shards[0], again[0]], saying: "exactly one shard")
    // A shard folder missing a file, a folder with no partial, a file that is not one.
    let copy = folder + "/copy"
    try FileManager.default.copyItem(atPath: shards[1], toPath: copy)
    try FileManager.default.removeItem(atPath: copy + "/scored_tickets.csv")
    expectRefusal([shards[0], copy], saying: "scored_tickets.csv beside partial.json is missing")
    expectRefusal([shards[0], input], saying: "no partial.json in it")
    try #"{"format": "something else"}"#.write(toFile: folder + "/not.json", atomically: true, encoding: .utf8)
    expectRefusal([folder + "/not.json"], saying: "not an aftershock partial")

    // The shards themselves merge (in either order), and a partial run needs its as-of day.
    let merged = try Self.merge([shards[1] + "/partial.json", shards[0]], into: out)
    #expect(merged.inputs.count == 4)
    #expect(throws: PipelineError.self) {
      try NightlyRun.runPartial(NightlyRunTests.configuration(folder, asOf: Self.asOf) { $0.asOf = nil })
    }
  }

  /// Compares a merged run with the single run: results, history, summary, files.
  static func expectSameRun(_ single: RunResult, _ singleOut: String, _ merged: RunResult, _ mergedOut: String) throws {
    #expect(merged.openAccounts == single.openAccounts)
    #expect(merged.highRiskAccounts == single.highRiskAccounts)
    #expect(abs(merged.arrAtRisk - single.arrAtRisk) <= 1e-9 * single.arrAtRisk)
    #expect(merged.churnModel == single.churnModel)
    // Every record counted once: accounts once, tickets and surveys summed over the shards.
    for kind in ["accounts", "tickets", "surveys"] {
      func totals(_ result: RunResult) -> [Int] {
        let inputs = result.inputs.filter { $0.kind == kind }
        return [\RunSummary.InputCounts.read, \.accepted, \.quarantined].map { key in
          inputs.reduce(0) { $0 + $1[keyPath: key] }
        }
      }
      #expect(totals(merged) == totals(single), "\(kind)")
    }
    #expect(single.inputs.reduce(0) { $0 + $1.quarantined } >= 4, "the bad records were quarantined")

    let singleStore = try RunHistory.open(singleOut + "/aftershock.sqlite")
    let mergedStore = try RunHistory.open(mergedOut + "/aftershock.sqlite")
    let singleRun = try #require(try singleStore.latestRun())
    let mergedRun = try #require(try mergedStore.latestRun())
    #expect(mergedRun.asOf == singleRun.asOf)
    #expect(mergedRun.accountCount == singleRun.accountCount)
    #expect(mergedRun.ticketCount == singleRun.ticketCount)
    #expect(mergedRun.surveyCount == singleRun.surveyCount)
    #expect(mergedRun.quarantineCount == singleRun.quarantineCount)
    // The accounts' entries, which every shard logged, are stored once.
    #expect(
      try mergedStore.quarantine(runID: mergedRun.id!).map { $0.recordID ?? "" }.sorted()
        == singleStore.quarantine(runID: singleRun.id!).map { $0.recordID ?? "" }.sorted())

    let singleScores = try singleStore.scores(runID: singleRun.id!)
    let mergedScores = try mergedStore.scores(runID: mergedRun.id!)
    #expect(mergedScores.count == singleScores.count)
    for (a, b) in zip(singleScores, mergedScores) {
      #expect(a.accountID == b.accountID)
      #expect(abs(a.churnProbability - b.churnProbability) <= 1e-9, "\(a.accountID)")
      #expect(a.tier == b.tier && a.drivers == b.drivers, "\(a.accountID)")
      #expect(
        a.ticketCount == b.ticketCount && a.surveyCount == b.surveyCount && a.churnIntentCount == b.churnIntentCount)
      #expect(a.nps == b.nps && a.csat == b.csat)
      #expect(
        close(a.sentimentOutage, b.sentimentOutage) && close(a.sentimentOffer, b.sentimentOffer), "\(a.accountID)")
    }

    let s = try RunHistory.decodeSummary(try #require(try singleStore.reportSummary(runID: singleRun.id!)))
    let m = try RunHistory.decodeSummary(try #require(try mergedStore.reportSummary(runID: mergedRun.id!)))
    #expect(m.textSentiment.count == s.textSentiment.count)
    #expect(
      close(m.textSentiment.mean, s.textSentiment.mean) && close(m.textSentiment.variance, s.textSentiment.variance))
    #expect(m.textSentiment.minimum == s.textSentiment.minimum && m.textSentiment.maximum == s.textSentiment.maximum)
    #expect(m.negativeTexts == s.negativeTexts)
    #expect(m.npsBySegment == s.npsBySegment, "NPS tallies are counts")
    for (mergedTable, singleTable) in [(m.byDay, s.byDay), (m.byAspect, s.byAspect)] {
      #expect(mergedTable.sortedKeys == singleTable.sortedKeys)
      for key in singleTable.sortedKeys {
        let a = try #require(singleTable[key]?.sentiment)
        let b = try #require(mergedTable[key]?.sentiment)
        #expect(a.count == b.count && close(a.mean, b.mean), "\(key)")
      }
    }
    #expect(m.intentPhrases == s.intentPhrases)
    #expect(m.quotes == s.quotes)
    #expect(m.forecast.count == s.forecast.count && !s.forecast.isEmpty)
    for (a, b) in zip(s.forecast, m.forecast) {
      #expect(a.segment == b.segment && a.horizonDays == b.horizonDays && a.accounts == b.accounts)
      #expect(
        close(a.expectedRetained, b.expectedRetained) && close(a.expectedARRRetained, b.expectedARRRetained), "\(a)")
    }
    #expect(m.offerGroups == s.offerGroups)
    #expect(m.survivalBySegment == s.survivalBySegment)

    for file in ["accounts_risk.csv", "forecast.csv", "summary_risk_by_segment.csv", "summary_sentiment_by_day.csv"] {
      try expectSameTable(singleOut + "/" + file, mergedOut + "/" + file)
    }
    // Quarantined records: the same ones (their file and line are the shard's own).
    func quarantined(_ out: String) throws -> [String] {
      try String(contentsOfFile: out + "/quarantine.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        .map { line in
          line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).last.map(String.init) ?? ""
        }
        .sorted()
    }
    #expect(try quarantined(mergedOut) == quarantined(singleOut))
    let manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: mergedOut + "/manifest.json")))
        as? [String: Any])
    #expect((manifest["merged_from"] as? [String])?.count == merged.inputs.count { $0.kind == "tickets" })
    #expect(manifest["quarantined_total"] as? Int == singleRun.quarantineCount)
  }

  /// Equal CSV files, except that numbers may differ by one unit in their last printed digit.
  static func expectSameTable(_ expectedPath: String, _ actualPath: String) throws {
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8).split(separator: "\n")
    let actual = try String(contentsOfFile: actualPath, encoding: .utf8).split(separator: "\n")
    #expect(expected.count == actual.count, "\(actualPath)")
    for (line, (a, b)) in zip(expected, actual).enumerated() where a != b {
      let left = a.split(separator: ",", omittingEmptySubsequences: false)
      let right = b.split(separator: ",", omittingEmptySubsequences: false)
      let same =
        left.count == right.count
        && zip(left, right).allSatisfy { x, y in
          guard x != y else { return true }
          guard let u = Double(x), let v = Double(y) else { return false }
          let decimals = x.split(separator: ".").dropFirst().first?.count ?? 0
          return abs(u - v) <= pow(10, -Double(decimals)) * 1.000001
        }
      #expect(same, "\(actualPath) line \(line + 1):\n\(a)\n\(b)")
    }
  }

  static func close(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= 1e-9 * max(1, abs(a))
  }

  static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}
