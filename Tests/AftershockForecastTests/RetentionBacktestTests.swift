import Foundation
import Testing

@testable import AftershockForecast

@Suite struct RetentionBacktestTests {
  /// Histories from a known process: starts spread over two years, each account's monthly churn
  /// hazard drawn from a Beta-like mix (heterogeneous, as the sBG assumes).
  private func histories(count: Int, seed: UInt64) -> [AccountHistory] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { index in
      let start = Int(generator.next() % 730)
      let hazard = index % 3 == 0 ? 0.06 : 0.015
      let lifetime = Int(-log(1 - generator.nextUnit()) / hazard * 30)
      let churn = start + lifetime
      return AccountHistory(
        accountID: "A\(index)", segment: index % 3 == 0 ? "smb" : "enterprise", arr: 1_000 + Double(index % 7) * 500,
        startDay: start, churnDay: churn <= 1_200 ? churn : nil)
    }
  }

  @Test func predictionsTrackRealisedRetention() throws {
    let seed: UInt64 = 17
    let result = try RetentionBacktest(asOfDay: 730, dataEndDay: 1_200).run(histories(count: 2_000, seed: seed))
    #expect(result.skippedHorizons.isEmpty)
    #expect(result.segmentsWithOwnCurve == ["enterprise", "smb"])
    for row in result.rows {
      #expect(abs(row.error) / Double(row.accounts) < 0.05, "seed \(seed): \(row)")
    }
    #expect(result.coverage >= 0.75, "seed \(seed): coverage \(result.coverage)")
    #expect(result.header.count == result.stringRows.first?.count)
  }

  /// Over many independent histories the 90% intervals (outcome + curve uncertainty) cover about
  /// 90% of realised counts; the curve term is taken as fully correlated, so coverage may exceed 90%.
  @Test func intervalsCoverRealisedCountsAcrossSeeds() throws {
    var covered = 0
    var total = 0
    for seed in UInt64(100)..<130 {
      let result = try RetentionBacktest(asOfDay: 730, dataEndDay: 1_200).run(histories(count: 600, seed: seed))
      for row in result.rows where row.segment == "all" {
        total += 1
        if row.isCovered { covered += 1 }
      }
    }
    let coverage = Double(covered) / Double(total)
    #expect(coverage >= 0.85 && coverage <= 0.995, "seeds 100..<130: coverage \(coverage) over \(total) rows")
  }

  @Test func horizonsPastTheDataAreSkipped() throws {
    let result = try RetentionBacktest(asOfDay: 730, dataEndDay: 900).run(histories(count: 300, seed: 2))
    #expect(result.skippedHorizons == [180, 365])
    #expect(Set(result.rows.map(\.horizonDays)) == [30, 90])
  }

  @Test func observationCensorsAtTheAsOfDay() {
    let history = AccountHistory(accountID: "A", segment: "smb", arr: 1, startDay: 100, churnDay: 400)
    #expect(history.observation(asOfDay: 300)! == (200, false))
    #expect(history.observation(asOfDay: 500)! == (300, true))
    #expect(history.observation(asOfDay: 50) == nil)
  }

  @Test func churnBeforeStartIsRejected() {
    let bad = [AccountHistory(accountID: "Z", segment: "smb", arr: 1, startDay: 10, churnDay: 5)]
    #expect(throws: ForecastError.self) { try RetentionBacktest(asOfDay: 20, dataEndDay: 40).run(bad) }
  }
}
