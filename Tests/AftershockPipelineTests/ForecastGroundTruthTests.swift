import AftershockForecast
import AftershockIngest
import AftershockModel
import AftershockPipeline
import AftershockSynthetic
import Foundation
import Testing

/// The retention forecast against the generator's known churn mechanism: fed the true churn
/// probabilities of the open accounts (given that they are open), its 365-day 90% interval must cover the realised retention.
@Suite struct ForecastGroundTruthTests {
  struct Outcome {
    var forecast: ForecastRow
    var realisedRetained: Int
  }

  /// Forecasts the open accounts of a generated sample from the truth file's probabilities.
  static func forecastAgainstTruth(folder: String, asOf: Day) throws -> Outcome {
    var truth: [String: (probability: Double, churned: Bool)] = [:]
    let truthText = try String(contentsOfFile: folder + "/truth/accounts_truth.csv", encoding: .utf8)
    for line in truthText.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      truth[String(cells[0])] = (Double(cells[1]) ?? .nan, cells[3] == "true")
    }
    var accounts: [ForecastAccount] = []
    var retained = 0
    _ = try Ingest.streamAccounts(
      from: folder + "/accounts.csv", into: AccountDirectory(),
      onAccount: { account in
        guard account.churned == nil, let known = truth[account.accountID] else { return }
        let days = account.renewalDate.map { Int($0.daysSinceEpoch) - Int(asOf.daysSinceEpoch) }
        accounts.append(
          ForecastAccount(
            accountID: account.accountID, segment: account.segment ?? "unknown", arr: account.arr ?? 0,
            churnProbability: openProbability(known.probability, daysToRenewal: days), daysToRenewal: days))
        if !known.churned { retained += 1 }
      }, onQuarantine: { _ in })
    let forecast = try RetentionForecaster(horizons: [365]).forecast(accounts)
    return Outcome(forecast: try #require(forecast.row(segment: "all", horizonDays: 365)), realisedRetained: retained)
  }

  /// The truth file's churn probability of an account still open on the as-of day: a churn gives
  /// 0 to 30 days of notice, uniformly (Data/sample/README.md, "Labels"), and an account that had
  /// given it by then is labelled churned, so one renewing `d` days later (d <= 30) is open only if
  /// its churn, when drawn, came with less than `d` days of notice.
  static func openProbability(_ p: Double, daysToRenewal days: Int?) -> Double {
    guard let days, days >= 1, days <= 30 else { return p }
    let noticeGiven = Double(31 - days) / 31
    return p * (1 - noticeGiven) / (1 - p * noticeGiven)
  }

  /// The nightly run on the committed sample as of 2024-11-16, writing into `folder`.
  static func sampleRun(into folder: String) -> RunConfiguration {
    let sample = NightlyRunTests.repositoryRoot + "/Data/sample"
    return RunConfiguration(
      accountsPath: sample + "/accounts.csv", ticketsPath: sample + "/tickets.csv",
      surveysPath: sample + "/surveys.csv",
      outputDirectory: folder, asOf: Day(year: 2024, month: 11, day: 16),
      dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data"), churnModelPath: nil, workerCount: 2)
  }

  @Test func committedSampleRetentionIsInsideTheInterval() throws {
    let outcome = try Self.forecastAgainstTruth(
      folder: NightlyRunTests.repositoryRoot + "/Data/sample", asOf: try #require(Day(year: 2024, month: 11, day: 16)))
    #expect(outcome.forecast.retainedLow <= outcome.realisedRetained, "\(outcome)")
    #expect(outcome.realisedRetained <= outcome.forecast.retainedHigh, "\(outcome)")
  }

  @Test(arguments: [11 as UInt64, 12, 13])
  func generatedSampleRetentionIsInsideTheInterval(seed: UInt64) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-forecast-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try SampleGenerator(configuration: SampleConfiguration(accountCount: 3_000, seed: seed)).generate(into: folder)
    let outcome = try Self.forecastAgainstTruth(folder: folder, asOf: try #require(Day(year: 2024, month: 11, day: 16)))
    // Every open account renews within the year, so the interval is about its churn draws alone.
    #expect(outcome.forecast.retainedLow <= outcome.realisedRetained, "seed \(seed): \(outcome)")
    #expect(outcome.realisedRetained <= outcome.forecast.retainedHigh, "seed \(seed): \(outcome)")
  }

  /// With the churn model fitted in the run (not the true probabilities), the interval must
  /// carry the model's own estimation error: on the committed sample that error is most of the
  /// uncertainty at a year (Scripts/forecast_parameter_sd.py), and without it the interval
  /// missed the realised retention.
  @Test func runsOwnIntervalWithTheFittedModelCoversRealisedRetention() throws {
    let sample = NightlyRunTests.repositoryRoot + "/Data/sample"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-fitted-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try NightlyRun.run(Self.sampleRun(into: folder))
    #expect(result.churnModel.hasPrefix("logistic fitted in this run"))
    let truth = try Self.forecastAgainstTruth(folder: sample, asOf: try #require(Day(year: 2024, month: 11, day: 16)))
    let (_, forecast, withModelError) = try RunHistory.forecast(
      database: folder + "/aftershock.sqlite", runID: nil, horizons: [30, 60, 90, 180, 365])
    #expect(withModelError == [30, 90, 180, 365], "60 days is not one of the run's horizons")
    // A horizon the run did not store takes the error of the next one it did: 364 days reads as
    // wide as 365 (an audit found it half as wide, as if the model had no error), and 60 days at
    // least as wide as 30.
    let (_, around, _) = try RunHistory.forecast(
      database: folder + "/aftershock.sqlite", runID: nil, horizons: [30, 60, 364, 365])
    let r364 = try #require(around.row(segment: "all", horizonDays: 364))
    let r365 = try #require(around.row(segment: "all", horizonDays: 365))
    let r30 = try #require(around.row(segment: "all", horizonDays: 30))
    let r60 = try #require(around.row(segment: "all", horizonDays: 60))
    #expect(r364.retainedHigh - r364.retainedLow >= r365.retainedHigh - r365.retainedLow - 2, "\(r364) \(r365)")
    #expect(r60.retainedHigh - r60.retainedLow >= r30.retainedHigh - r30.retainedLow, "\(r60) \(r30)")
    // Past the last stored horizon, that one's error grows with the churn expected: 500 days is
    // at least as wide as 365 (borrowed as it was, a run that stored only 60 days gave 365 days an
    // interval 2.5 times narrower than its own), and the note says which horizon lent it.
    let (_, past, _) = try RunHistory.forecast(
      database: folder + "/aftershock.sqlite", runID: nil, horizons: [365, 500])
    let r500 = try #require(past.row(segment: "all", horizonDays: 500))
    #expect(r500.retainedHigh - r500.retainedLow >= r365.retainedHigh - r365.retainedLow, "\(r500) \(r365)")
    #expect(r500.arrHigh - r500.arrLow >= r365.arrHigh - r365.arrLow, "\(r500) \(r365)")
    #expect(
      RunHistory.borrowedModelErrorNote(horizons: [60, 365, 500], stored: [30, 90, 180, 365])
        == "note: at 60 days the churn model's own error is that of the next horizon the run stored (of 30, 90, 180, "
        + "365 days), a little wider than the horizon's own; at 500 days, past the last horizon the run stored (365 "
        + "days), it is that horizon's scaled by the churn expected by then (an approximation); 'aftershock run "
        + "--horizon DAYS' stores a horizon's own")
    #expect(RunHistory.borrowedModelErrorNote(horizons: [30, 365], stored: [30, 90, 180, 365]) == nil)
    let year = try #require(forecast.row(segment: "all", horizonDays: 365))
    #expect(year.retainedLow <= truth.realisedRetained && truth.realisedRetained <= year.retainedHigh, "\(year)")
    // The model's error widens the interval well beyond the outcomes' own spread: 115 accounts
    // against 31 (an SD of 34 from the model's error, 10 from the outcomes; 78 while days to
    // renewal was held to its training range, 123 while every feature was extrapolated).
    #expect(
      year.retainedHigh - year.retainedLow > 2 * (truth.forecast.retainedHigh - truth.forecast.retainedLow), "\(year)")
    // The run learned how long before their renewal date its churns were gone (0 to 30 days on
    // the sample) and kept it: the history's forecast is the run's own, and the report says so.
    let month = try #require(forecast.row(segment: "all", horizonDays: 30))
    let written = try String(contentsOfFile: folder + "/forecast.csv", encoding: .utf8)
    #expect(written.contains("all,30,\(month.accounts),\(String(format: "%.1f", month.expectedRetained)),"), "\(month)")
    let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    #expect(report.contains("by a notice lead like that of the 175 churns whose renewal was due: 0 to 30 days"))
  }

  /// A week after the outage the run's own model learns from the few renewals already due: an
  /// account that churned before a renewal still ahead is left out of its training (its peers
  /// are still open), and a feature is read within the range the model learned it over. The
  /// sample's run of 2024-07-26 once put 97% of the open accounts at risk, where 15% churned,
  /// and forecast 49 of 1,903 retained at a year, where 1,613 were.
  @Test func aWeekAfterTheOutageTheRiskIsNearTheTruth() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-early-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var configuration = Self.sampleRun(into: folder)
    configuration.asOf = Day(year: 2024, month: 7, day: 26)
    let result = try NightlyRun.run(configuration)
    #expect(result.churnModel.hasPrefix("logistic fitted in this run on 70 labelled accounts"), "\(result.churnModel)")
    let open = try Self.openAccountsAgainstTruth(folder: folder)
    #expect(open.count == 1_903 && open.retained == 1_613)
    #expect(
      abs(open.meanRisk - open.churnedShare) < 0.06, "mean risk \(open.meanRisk) against \(open.churnedShare) churned")
    let (_, forecast, _) = try RunHistory.forecast(database: folder + "/aftershock.sqlite", runID: nil, horizons: [365])
    let year = try #require(forecast.row(segment: "all", horizonDays: 365))
    #expect(year.retainedLow <= open.retained && open.retained <= year.retainedHigh, "\(year)")
  }

  /// Two and three months after the outage the run's model has learned only from the renewals
  /// right after it, which churned more than those a year out. Held to the days to renewal it
  /// learned (0 or below), it read every open account as renewing that day, and its 365-day
  /// interval missed the sample's truth on both days (1,182 [1,108, 1,257] against 1,262 retained;
  /// 1,007 [948, 1,066] against 1,079); read in years and carried on, with the fit's error, it
  /// covers them (`AccountFeatureAccumulator.unitScales`).
  @Test(arguments: [(9, 1_262), (10, 1_079)])
  func monthsAfterTheOutageTheYearIntervalCoversTheTruth(month: Int, retained: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-months-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var configuration = Self.sampleRun(into: folder)
    configuration.asOf = Day(year: 2024, month: month, day: 15)
    _ = try NightlyRun.run(configuration)
    let open = try Self.openAccountsAgainstTruth(folder: folder)
    #expect(open.retained == retained)
    let (_, forecast, _) = try RunHistory.forecast(database: folder + "/aftershock.sqlite", runID: nil, horizons: [365])
    let year = try #require(forecast.row(segment: "all", horizonDays: 365))
    #expect(year.retainedLow <= open.retained && open.retained <= year.retainedHigh, "\(year)")
    #expect(abs(year.expectedRetained - Double(retained)) < 0.1 * Double(open.count), "\(year)")
  }

  /// The open accounts of a run of the committed sample in `folder` (`accounts_risk.csv`) against
  /// the truth file: how many, their mean churn probability, and how many were truly retained.
  static func openAccountsAgainstTruth(folder: String) throws -> (
    count: Int, meanRisk: Double, retained: Int, churnedShare: Double
  ) {
    let risk = try TableLoader.load(path: folder + "/accounts_risk.csv").table
    let truth = try TableLoader.load(path: NightlyRunTests.repositoryRoot + "/Data/sample/truth/accounts_truth.csv")
      .table
    guard case .text(let ids)? = try? risk.column(named: "account_id"),
      case .text(let status)? = try? risk.column(named: "status"),
      case .text(let probability)? = try? risk.column(named: "churn_probability"),
      case .text(let truthIDs)? = try? truth.column(named: "account_id"),
      case .text(let outcome)? = try? truth.column(named: "churned_outcome")
    else {
      Issue.record("accounts_risk.csv or the truth file lacks a column")
      return (0, .nan, 0, .nan)
    }
    let churned = Dictionary(uniqueKeysWithValues: zip(truthIDs, outcome.map { $0 == "true" }))
    let open = ids.indices.filter { status[$0] == "open" }
    let meanRisk = open.reduce(0.0) { $0 + (Double(probability[$1]) ?? .nan) } / Double(open.count)
    let retained = open.filter { churned[ids[$0]] == false }.count
    return (open.count, meanRisk, retained, 1 - Double(retained) / Double(open.count))
  }

  /// A boosted-tree model from a file (trained on the run's labelled accounts) gives its own
  /// error too: the jackknife over the five members it averages. The run keeps it at its
  /// horizons, the report names the method, and the year's interval is well wider than the
  /// outcomes' own spread: by more than a quarter. (A jackknife over five members is itself a
  /// rough estimate: session 20's aspect phrases moved seven accounts' aspect scores and the
  /// width from 54 to 43 accounts, against 31 for the outcomes alone.) (Whether it covers is not
  /// pinned here: on generated samples the trees under-predict retention for accounts renewing
  /// later than any settled one; the README gives the coverage against the logistic model's.)
  @Test func runWithBoostedTreesCarriesTheirJackknifeError() throws {
    let sample = NightlyRunTests.repositoryRoot + "/Data/sample"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-gbdt-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(Self.sampleRun(into: folder + "/logistic"))
    let features = try ChurnPipeline.loadTable(
      path: folder + "/logistic/account_features.csv", format: nil, label: "churned", idColumn: "account_id", drop: [])
    let trees = try BoostedTreesEstimator().fit(features.table, label: features.labelColumn, idColumn: "account_id")
    try trees.save(to: folder + "/gbdt.json")

    var configuration = Self.sampleRun(into: folder + "/trees")
    configuration.churnModelPath = folder + "/gbdt.json"
    let result = try NightlyRun.run(configuration)
    #expect(result.churnModel.hasPrefix("gbdt from"), "\(result.churnModel)")
    let (_, forecast, withModelError) = try RunHistory.forecast(
      database: folder + "/trees/aftershock.sqlite", runID: nil, horizons: [30, 365])
    #expect(withModelError == [30, 90, 180, 365], "the horizons the run stored its error at")
    let report = try String(contentsOfFile: folder + "/trees/report.md", encoding: .utf8)
    #expect(report.contains("a jackknife over 5 members"))
    let year = try #require(forecast.row(segment: "all", horizonDays: 365))
    let truth = try Self.forecastAgainstTruth(folder: sample, asOf: try #require(Day(year: 2024, month: 11, day: 16)))
    #expect(
      year.retainedHigh - year.retainedLow > 5 * (truth.forecast.retainedHigh - truth.forecast.retainedLow) / 4,
      "\(year)")
  }
}
