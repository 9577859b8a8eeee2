import AftershockForecast
import AftershockStore
import Foundation
import Testing

@testable import AftershockPipeline

/// The report's Kaplan–Meier survival since contract start, on the committed sample, with each
/// account at risk only from the first day the accounts file could record its churn.
@Suite struct RunSurvivalTests {
  /// The sample holds the 2,000 accounts that were customers at its outage (2024-07-19) and no
  /// churn before it: its first churn date is 2024-07-20, and every account had started before
  /// (tenures on the outage day 3 days to 9 years). Its generator decides each account once, at
  /// its one renewal within the year after the outage, churning 19.6% of those due (Data/sample/
  /// README.md), more in smb, whose accounts are most of those in their first year (tenure 1 +
  /// Poisson(1.2) years); so the share still customers a year into a contract should be near
  /// 0.8 or somewhat below, and 0.8^2 = 0.64 or below at two years. lifelines'
  /// `KaplanMeierFitter().fit(durations, churned, entry=tenure on 2024-07-19)` gives 0.7528 and
  /// 0.5652. Counted at risk from contract start (before delayed entry) the run read 0.974 and
  /// 0.926: the accounts years into their contracts counted as surviving years in which no churn
  /// of theirs could be recorded.
  @Test func sampleSurvivalCountsAccountsAtRiskFromTheFirstChurnDate() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-km-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(ForecastGroundTruthTests.sampleRun(into: folder))
    let store = try RunHistory.open(folder + "/aftershock.sqlite")
    let run = try #require(try store.latestRun())
    let summary = try RunHistory.decodeSummary(try #require(try store.reportSummary(runID: run.id!)))
    #expect(summary.survivalObservedFrom == "2024-07-20")
    let all = try #require(summary.survivalBySegment["all"])
    #expect(all.count == 2_000)
    #expect(all.times.first == 3, "the curve starts at the smallest entry: tenure 3 days on 2024-07-19")
    let year = all.survival(at: 365)
    let twoYears = all.survival(at: 730)
    #expect(year > 0.70 && year < 0.82, "survival at 365 days \(year)")
    #expect(twoYears > 0.50 && twoYears < 0.66, "survival at 730 days \(twoYears)")
    // The same figures as lifelines on the committed sample (re-measure if it is regenerated).
    #expect(abs(year - 0.7528197856617681) < 1e-9, "\(year)")
    #expect(abs(twoYears - 0.5652142860631549) < 1e-9, "\(twoYears)")
    let smb = try #require(summary.survivalBySegment["smb"]).survival(at: 365)
    let midMarket = try #require(summary.survivalBySegment["mid_market"]).survival(at: 365)
    #expect(smb < midMarket, "smb churns more: \(smb) vs \(midMarket)")
    let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    #expect(report.contains("The survival chart counts an account at risk at a tenure only from 2024-07-20"))
  }
}
