import AftershockIngest
import AftershockStore
import AftershockSynthetic
import Foundation
import Testing

@testable import AftershockPipeline

/// End-to-end runs of the nightly job on a small generated sample.
@Suite(.serialized) struct NightlyRunTests {
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      url.deleteLastPathComponent()
    }
    return url.path
  }()

  /// A fresh folder with a generated sample of `accounts` accounts in `input/`.
  static func workspace(accounts: Int = 400, seed: UInt64 = 7) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-run-\(UUID())").path
    _ = try SampleGenerator(configuration: SampleConfiguration(accountCount: accounts, seed: seed))
      .generate(into: folder + "/input")
    return folder
  }

  static func configuration(_ folder: String, asOf: String, extra: (inout RunConfiguration) -> Void = { _ in })
    throws -> RunConfiguration
  {
    let inputs = try RunConfiguration.inputs(in: folder + "/input")
    let parts = asOf.split(separator: "-").compactMap { Int($0) }
    var configuration = RunConfiguration(
      accountsPath: inputs.accounts, ticketsPath: inputs.tickets, surveysPath: inputs.surveys,
      outputDirectory: folder + "/out", asOf: Day(year: parts[0], month: parts[1], day: parts[2]),
      dataDirectory: DataDirectory(path: repositoryRoot + "/Data"),
      churnModelPath: nil, workerCount: 2)
    // Fit on the sample's own labels so the test does not depend on a shipped model file.
    configuration.churnModelPath = nil
    extra(&configuration)
    return configuration
  }

  @Test func runWritesEveryOutputAndCountsEveryRecord() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16") { $0.churnModelPath = nil })
    let out = folder + "/out"
    for file in [
      "scored_tickets.csv", "scored_surveys.csv", "accounts_risk.csv", "at_risk.md", "report.md", "forecast.csv",
      "quarantine.csv", "manifest.json", "charts/aspect_sentiment.svg", "charts/retention_forecast.svg",
      "summary_risk_by_segment.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
    }
    for input in result.inputs {
      #expect(input.read == input.accepted + input.quarantined, "\(input.kind)")
      #expect(input.sha256?.count == 64)
    }
    let tickets = try String(contentsOfFile: out + "/scored_tickets.csv", encoding: .utf8)
    let ticketInput = try #require(result.inputs.first { $0.kind == "tickets" })
    #expect(tickets.split(separator: "\n").count == ticketInput.accepted + 1, "one scored row per accepted ticket")
    #expect(result.openAccounts > 0)
    #expect(!FileManager.default.fileExists(atPath: out + "/.staging-\(ProcessInfo.processInfo.processIdentifier)"))
    let manifest = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
    let object = try #require(manifest as? [String: Any])
    #expect(object["as_of"] as? String == "2024-11-16")
    // Every account is open, renewed or churned by the as-of day; the renewed are customers still,
    // on no list, and the run, its manifest and its report say how many.
    let accounts = try #require(object["accounts"] as? [String: Int])
    let renewed = try #require(accounts["renewed"])
    #expect(renewed > 0 && renewed == result.renewedAccounts, "\(accounts)")
    #expect(accounts["open"] == result.openAccounts)
    #expect(accounts["total"] == result.openAccounts + renewed + (accounts["churned"] ?? -1), "\(accounts)")
    let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
    #expect(
      report.contains(
        "- \(renewed) customers renewed by the as-of day are settled history, on neither the at-risk list nor the "
          + "forecast, their next renewal not scored"), "\(report.prefix(1_500))")
    // The headline's two ARR figures are reconciled: the year's ARR lost also counts next renewals' notice.
    #expect(report.contains("of ARR lost is more than the ARR at risk above"), "\(report.prefix(1_500))")
  }

  @Test func sameAsOfReplacesTheRunAndALaterOneShowsDeltas() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let first = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-01"))
    let again = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-01"))
    #expect(!first.replacedEarlierRun)
    #expect(again.replacedEarlierRun)
    let store = try RunHistory.open(folder + "/out/aftershock.sqlite")
    #expect(try store.runs().count == 1)
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    #expect(try store.runs().count == 2)
    let listing = try RunHistory.atRisk(database: folder + "/out/aftershock.sqlite", query: AtRiskQuery(limit: 500))
    #expect(listing.previousRun?.asOf == "2024-11-01")
    #expect(listing.entries.contains { $0.change != .new }, "accounts present in both runs are compared")
  }

  @Test func tooManyBadRecordsFailsWithoutTouchingPreviousOutputs() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    let manifestBefore = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))
    // Break half of the tickets: unknown accounts.
    let path = folder + "/input/tickets.csv"
    let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    let broken = lines.enumerated().map { index, line in
      index > 0 && index % 2 == 0 ? line.replacingOccurrences(of: "ACC-", with: "XXX-") : line
    }
    try broken.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: PipelineError.self) {
      try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-17") { $0.maximumBadShare = 0.05 })
    }
    let manifestAfter = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))
    #expect(manifestBefore == manifestAfter, "the previous run's outputs stay as they were")
    let failed = try String(contentsOfFile: folder + "/out/" + PipelineError.failedRunQuarantineFile, encoding: .utf8)
    #expect(failed.contains("unknown_account"), "the failed run says why, beside the outputs")
    #expect(try RunHistory.open(folder + "/out/aftershock.sqlite").runs().count == 1)
  }

  /// The history records a run only once its outputs are in place: a run that cannot publish them
  /// (as one killed while it writes them) leaves the history, and the earlier run of its as-of, as they were.
  @Test func runThatCannotPublishItsOutputsLeavesTheHistoryAsItWas() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    let database = folder + "/out/aftershock.sqlite"
    let before = try RunHistory.open(database).runs()
    let manifestBefore = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))
    // A folder where report.md goes: the set cannot be published.
    try FileManager.default.removeItem(atPath: folder + "/out/report.md")
    try FileManager.default.createDirectory(atPath: folder + "/out/report.md", withIntermediateDirectories: false)
    for asOf in ["2024-11-17", "2024-11-16"] {
      #expect(throws: PipelineError.self) { try NightlyRun.run(Self.configuration(folder, asOf: asOf)) }
      let after = try RunHistory.open(database).runs()
      #expect(after.map(\.asOf) == before.map(\.asOf), "as of \(asOf): no run recorded without its outputs")
      #expect(after.map(\.finishedAt) == before.map(\.finishedAt), "as of \(asOf): the earlier run is not replaced")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json")) == manifestBefore)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/out")
    #expect(!left.contains { $0.hasPrefix(".staging-") }, "\(left)")
  }

  /// A run removes the staging folders of processes that died (SIGKILL, out of memory) and keeps
  /// those of live ones.
  @Test func runRemovesStagingFoldersOfProcessesThatNoLongerExist() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Above Linux's largest pid (2^22), so no such process; pid 1 always exists.
    let dead = folder + "/out/.staging-4194305"
    let live = folder + "/out/.staging-1"
    for staging in [dead, live] {
      try FileManager.default.createDirectory(atPath: staging + "/charts", withIntermediateDirectories: true)
      try Data("x".utf8).write(to: URL(fileURLWithPath: staging + "/report.md"))
    }
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    #expect(!FileManager.default.fileExists(atPath: dead), "a dead process's staging folder is removed")
    #expect(FileManager.default.fileExists(atPath: live + "/report.md"), "a live process's staging folder is kept")
  }

  @Test func reportOfAStoredRunMatchesTheRunsOwn() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    let (_, document) = try RunHistory.report(database: folder + "/out/aftershock.sqlite", runID: nil)
    let written = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(document.markdown() == written)
  }

  /// A run fits its churn model on its own renewals when it has enough of them, and falls back
  /// to the shipped model (trained on the synthetic sample, and said so) only when it has not.
  @Test func runFitsOnItsOwnLabelsAndFallsBackToTheShippedModelSayingSo() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let own = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    #expect(own.churnModel.hasPrefix("logistic fitted in this run on "), "\(own.churnModel)")
    // The manifest names the versions: the lexicons' fingerprint, and no model file when the run fitted its own.
    let ownModels = try #require(try RunAccountRulesTests.manifest(folder)["models"] as? [String: Any])
    #expect(
      (ownModels["sentiment_version"] as? String)?.hasPrefix("rules, lexicon fingerprint ") == true, "\(ownModels)")
    #expect(ownModels["churn_file"] == nil)

    // Keep the outcome of the first 20 labelled accounts only: too few to fit a model.
    let inputs = try RunConfiguration.inputs(in: folder + "/input")
    let lines = try String(contentsOfFile: inputs.accounts, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].hasSuffix(",churned,churn_date"), "the generator writes the outcome last")
    var kept = 0
    let rewritten = lines.enumerated().map { index, line -> String in
      // The last two fields (names may hold quoted commas, outcomes never do).
      guard index > 0, let last = line.lastIndex(of: ","), let previous = line[..<last].lastIndex(of: ","),
        line.index(after: previous) < last
      else { return String(line) }
      kept += 1
      return kept > 20 ? String(line[..<previous]) + ",," : String(line)
    }
    try rewritten.joined(separator: "\n").write(toFile: inputs.accounts, atomically: true, encoding: .utf8)
    let fallback = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-17"))
    #expect(fallback.churnModel.contains("models/churn.json"), "\(fallback.churnModel)")
    #expect(fallback.churnModel.contains("synthetic sample") && fallback.churnModel.contains("only 20 labelled"))
    // The file scored with is identified by its SHA-256 in the manifest.
    let models = try #require(try RunAccountRulesTests.manifest(folder)["models"] as? [String: Any])
    let file = try #require(models["churn_file"] as? [String: Any], "\(models)")
    let path = try #require(file["path"] as? String)
    #expect(
      path.hasSuffix("models/churn.json") && file["sha256"] as? String == SHA256.hexDigest(ofFile: path), "\(file)")
    #expect(file["training_rows"] as? Int == 949, "\(file)")
  }

  /// A model that `churn train` fits on a run's account_features.csv, where some accounts have no
  /// plan, scores the next run with `--model-file` (a blank plan is a level of its own; the
  /// loader once refused the file it had written: "feature 'plan (missing)' does not fit").
  @Test func modelTrainedOnFeaturesWithBlankPlansScoresTheNextRun() throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let inputs = try RunConfiguration.inputs(in: folder + "/input")
    let lines = try String(contentsOfFile: inputs.accounts, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].contains(",plan,contract_start,"), "the plan comes right before the contract start")
    // The plan is the word right before the contract start's date: blank it on every 10th account.
    let plan = try Regex(
      #",(essentials|professional|advanced|elite),(\d{4}-\d{2}-\d{2}),"#, as: (Substring, Substring, Substring).self)
    var blanked = 0
    let rewritten = lines.enumerated().map { index, line -> String in
      guard index > 0, index % 10 == 0, line.contains(plan) else { return String(line) }
      blanked += 1
      return String(line).replacing(plan, maxReplacements: 1) { ",,\($0.output.2)," }
    }
    #expect(blanked >= 30)
    try rewritten.joined(separator: "\n").write(toFile: inputs.accounts, atomically: true, encoding: .utf8)
    _ = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-16"))
    let features = try ChurnPipeline.loadTable(
      path: folder + "/out/account_features.csv", label: "churned", idColumn: "account_id", drop: [])
    for algorithm in [ChurnPipeline.Algorithm.logistic, .gbdt] {
      let path = folder + "/\(algorithm.rawValue).json"
      let trained = try ChurnPipeline.train(features, algorithm: algorithm, folds: 5, seed: 1, modelPath: path)
      #expect(trained.model.encoder.columns.first { $0.name == "plan" }?.missingCount ?? 0 > 0)
      let scored = try NightlyRun.run(Self.configuration(folder, asOf: "2024-11-17") { $0.churnModelPath = path })
      #expect(scored.churnModel.hasPrefix("\(algorithm.rawValue) from \(path)"), "\(scored.churnModel)")
      let evaluation = try ChurnPipeline.evaluate(features, model: try ChurnPipeline.loadModel(path: path))
      #expect(evaluation.report.rocAUC > 0.7, "\(algorithm): \(evaluation.report.rocAUC)")
    }
  }
}
