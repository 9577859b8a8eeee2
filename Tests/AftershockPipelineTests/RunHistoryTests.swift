import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

@Suite struct RunHistoryTests {
  /// The backtest reads an accounts history of any size: the records it quarantines are counted
  /// by reason, and only the few the CLI shows are kept, not every entry with its raw text (a
  /// history of millions of rows, a fifth of them bad, held gigabytes of quarantine entries).
  @Test func backtestKeepsTheFirstQuarantinedRecordsAndCountsTheRest() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var csv = "account_id,segment,arr,contract_start,churned,churn_date\n"
    for index in 0..<200 {
      let start = String(format: "2022-%02d-%02d", 1 + index % 12, 1 + index % 28)
      let arr = index % 4 == 1 ? "not a number" : "\(1000 + index)"
      let churn = index % 3 == 0 ? "true,2024-\(String(format: "%02d", 1 + index % 12))-15" : "false,"
      csv += "ACC-\(index),smb,\(arr),\(start),\(churn)\n"
    }
    let path = folder + "/accounts.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let outcome = try RunHistory.backtest(accountsPath: path, cutDay: nil, horizons: [30, 90], maximumBadShare: 1)
    #expect(outcome.input.quarantined == 50)
    #expect(outcome.quarantined.count == 5, "the examples the CLI shows")
    #expect(outcome.quarantined.map(\.line) == [3, 7, 11, 15, 19])
  }

  /// An account marked churned without a churn_date cannot be placed on the curve: it is left out
  /// and named, not counted as a customer kept (an outside audit's CRM export had five such, and
  /// the backtest said the file recorded no churn at all).
  @Test func aChurnWithoutItsDateIsLeftOutAndNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var csv = "account_id,segment,arr,contract_start,churned,churn_date\n"
    for index in 0..<40 {
      let churn = index < 6 ? "true," : "false,"
      csv += "ACC-\(index),smb,1000,2022-\(String(format: "%02d", 1 + index % 12))-01,\(churn)\n"
    }
    let path = folder + "/accounts.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let outcome = try RunHistory.backtest(
      accountsPath: path, cutDay: Day(year: 2022, month: 10, day: 1), horizons: [30], maximumBadShare: 1)
    #expect(
      outcome.warnings.contains(
        "6 account(s) marked churned have no churn_date (ACC-0, ACC-1, ACC-2, ACC-3, ACC-4, ...): left out of the "
          + "backtest, which needs the day each account left (export the churn date, e.g. --map churn_date=COLUMN)"),
      "\(outcome.warnings)")
    #expect(outcome.warnings.contains { $0.hasSuffix("; the file records no churn with a churn_date") })
    #expect(outcome.result.rows.allSatisfy { $0.accounts <= 34 }, "the six are in no row")
  }
}
