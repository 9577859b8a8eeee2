import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

/// How a run takes its accounts: as they stood on the as-of day, renewals rolled forward by
/// calendar years, no segment taken for the total, contracts not started yet, and a model note
/// that says which outcome is short.
@Suite struct RunAccountRulesTests {
  /// A folder with `accounts` and one ticket (for `ticketAccount`) in `input/`.
  static func export(_ accounts: String, ticketAccount: String = "A1") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-rules-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder + "/input", withIntermediateDirectories: true)
    try accounts.write(toFile: folder + "/input/accounts.csv", atomically: true, encoding: .utf8)
    try "ticket_id,account_id,created_at,body\nT1,\(ticketAccount),2024-10-01T09:00:00Z,The outage was bad.\n"
      .write(toFile: folder + "/input/tickets.csv", atomically: true, encoding: .utf8)
    return folder
  }

  static func day(_ text: String) -> Day { Day(iso8601: text)! }

  /// accounts_risk.csv by account id: the header's column name → value.
  static func risk(_ folder: String) throws -> [String: [String: String]] {
    let rows = try AsOfWindowTests.rows(folder + "/out/accounts_risk.csv")
    return Dictionary(
      uniqueKeysWithValues: rows.dropFirst().map { row in
        (row[0], Dictionary(uniqueKeysWithValues: zip(rows[0], row).map { ($0, $1) }))
      })
  }

  // MARK: As of a past day

  @Test func anAccountWhoseRenewalIsDecidedAfterTheAsOfDayIsOpenWhateverItsOutcome() {
    let window = AsOfWindow(asOf: Self.day("2024-08-01"))
    var renewedLater = Account(accountID: "R1")
    renewedLater.churned = false
    renewedLater.renewalDate = Self.day("2024-09-15")
    var renewedBefore = renewedLater
    renewedBefore.renewalDate = Self.day("2024-07-15")
    var churnedLaterNoDate = renewedLater
    churnedLaterNoDate.churned = true
    var churnedBeforeRenewal = churnedLaterNoDate
    churnedBeforeRenewal.churnDate = Self.day("2024-07-20")

    #expect(window.asOfDay(renewedLater).churned == nil, "its renewal was still ahead on 2024-08-01")
    #expect(window.asOfDay(churnedLaterNoDate).churned == nil)
    #expect(window.asOfDay(renewedBefore).churned == false, "renewed on 2024-07-15: settled")
    #expect(window.asOfDay(churnedBeforeRenewal).churned == true, "gave notice on 2024-07-20: settled")
    #expect(window.asOfDay(churnedBeforeRenewal).churnDate == Self.day("2024-07-20"))
  }

  @Test func aRunAtAPastDayScoresLaterRenewalsAsOpenAndLearnsNothingFromThem() throws {
    let folder = try Self.export(
      """
      account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
      A1,Acme,smb,1000,2023-09-15,2024-09-15,none,false,
      A2,Globex,smb,1000,2023-07-15,2024-07-15,none,false,
      A3,Initech,smb,1000,2023-10-01,2024-10-01,none,true,2024-09-20
      A4,Hooli,smb,1000,2023-06-01,2024-06-01,none,true,2024-05-20

      """)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-08-01")))
    let risk = try Self.risk(folder)
    #expect(risk["A1"]?["status"] == "open", "renewed on 2024-09-15, after the as-of day")
    #expect(risk["A1"]?["days_to_renewal"] == "45")
    #expect(risk["A2"]?["status"] == "renewed")
    #expect(risk["A3"]?["status"] == "open")
    #expect(risk["A4"]?["status"] == "churned")
    // A settled account has no tier: filtering the file by tier counts what the report counts.
    #expect(risk["A2"]?["tier"] == "" && risk["A4"]?["tier"] == "")
    #expect(risk["A1"]?["tier"] != "")
    #expect(result.openAccounts == 2)
    #expect(result.churnModel.contains("only 2 labelled accounts (1 churned, 1 renewed)"), "\(result.churnModel)")
    let forecast = try AsOfWindowTests.rows(folder + "/out/forecast.csv")
    #expect(forecast.first { $0[0] == "all" && $0[1] == "365" }?[2] == "2")
  }

  // MARK: The shipped model

  /// Four like accounts and no labels, so the shipped model scores them: the one whose three
  /// tickets of the last days say it is leaving is the riskiest. An outside audit found it the
  /// safest (2%): the model had seen at most one ticket in the last 30 days, three lay 92
  /// standard deviations past its training data, and a negative weight drawn that far
  /// outweighed everything else.
  @Test func theShippedModelRanksAnAccountSayingItIsLeavingInRecentTicketsFirst() throws {
    let folder = try Self.export(
      """
      account_id,name,segment,arr,seats,plan,contract_start,renewal_date,outage_impact_hours,offer,offer_redeemed
      P-1,Quiet Co,smb,5000,10,professional,2022-01-01,2025-01-01,5,voucher_10,false
      P-2,Angry Co,smb,5000,10,professional,2022-01-01,2025-01-01,5,voucher_10,false
      P-3,Very Angry Co,smb,5000,10,professional,2022-01-01,2025-01-01,5,voucher_10,false
      P-4,No tickets Co,smb,5000,10,professional,2022-01-01,2025-01-01,5,voucher_10,false

      """)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let leaving =
      "The outage was a disaster and the $10 voucher is insulting. We will not renew, we are moving to SentinelOne."
    try """
    ticket_id,account_id,created_at,body
    T1,P-1,2024-11-10,Can you send the invoice for October?
    T2,P-2,2024-11-10,"\(leaving)"
    T3,P-3,2024-11-10,"\(leaving)"
    T4,P-3,2024-11-11,"Consider this our notice: we are cancelling our contract."
    T5,P-3,2024-11-12,"Still waiting. Terrible support. We are done with you."

    """.write(toFile: folder + "/input/tickets.csv", atomically: true, encoding: .utf8)
    let result = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-12")))
    #expect(result.churnModel.contains("models/churn.json"), "\(result.churnModel)")
    let risk = try Self.risk(folder).mapValues { Double($0["churn_probability"] ?? "") ?? .nan }
    let (quiet, angry, veryAngry, none) = (risk["P-1"]!, risk["P-2"]!, risk["P-3"]!, risk["P-4"]!)
    #expect(veryAngry > angry && angry > quiet && angry > none, "\(risk)")
    #expect(veryAngry > 0.5, "\(risk)")
  }

  // MARK: Churn dates and the churned flag

  /// The audit's accounts: a churn date beside `churned=false` made an open account "renewed"
  /// (settled, a training label) with its renewal 201 days ahead, and one beside a blank
  /// `churned` was ignored, leaving a churned account open and in ARR at risk.
  @Test func aChurnDateContradictingOrFillingInTheChurnedFlagIsNotReadTwoWays() throws {
    let folder = try Self.export(
      """
      account_id,name,segment,account_manager,arr,contract_start,renewal_date,churned,churn_date
      C-1,Not churned but date,smb,Ann,4000,2022-01-01,2025-06-01,false,2024-09-01
      C-2,Same without date,smb,Ann,4000,2022-01-01,2025-06-01,false,
      C-3,blank churned with date,smb,Ann,4000,2022-01-01,2025-06-01,,2024-09-01
      C-4,blank churned with a later date,smb,Ann,4000,2022-01-01,2025-06-01,,2024-12-01

      """, ticketAccount: "C-2")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-12")))
    let accounts = try #require(result.inputs.first { $0.kind == "accounts" })
    #expect(accounts.read == 4 && accounts.accepted == 3 && accounts.quarantined == 1)
    #expect(accounts.read == accounts.accepted + accounts.quarantined)
    #expect(accounts.quarantinedByReason == ["conflicting_fields": 1])
    let quarantine = try AsOfWindowTests.rows(folder + "/out/quarantine.csv")
    let entry = try #require(quarantine.first { $0.count > 2 && $0[2] == "C-1" })
    #expect(entry[3] == "conflicting_fields")
    #expect(entry[4].contains("churned 'false'") && entry[4].contains("churn_date 2024-09-01"), "\(entry[4])")

    let risk = try Self.risk(folder)
    #expect(risk["C-1"] == nil, "quarantined, neither open nor renewed")
    #expect(risk["C-2"]?["status"] == "open")
    #expect(risk["C-3"]?["status"] == "churned", "churned on 2024-09-01, before the as-of day")
    #expect(risk["C-3"]?["arr_at_risk"] == "", "lost revenue is not at risk")
    #expect(risk["C-4"]?["status"] == "open", "its churn date is after the as-of day: still open then")
    #expect(result.openAccounts == 2)
    let atRisk = [risk["C-2"], risk["C-4"]].compactMap { $0?["arr_at_risk"] }.compactMap(Double.init)
    #expect(abs(result.arrAtRisk - atRisk.reduce(0, +)) < 0.01, "only the open accounts count")
  }

  @Test func aBlankChurnedWithAChurnDateOnOrBeforeTheAsOfDayReadsAsChurned() {
    let window = AsOfWindow(asOf: Self.day("2024-11-12"))
    var account = Account(accountID: "C-3")
    account.renewalDate = Self.day("2025-06-01")
    account.churnDate = Self.day("2024-11-12")
    #expect(window.asOfDay(account).churned == true, "on the as-of day itself")
    #expect(window.asOfDay(account).churnDate == Self.day("2024-11-12"))
    account.churnDate = Self.day("2024-11-13")
    #expect(window.asOfDay(account).churned == nil, "a day later: still open on the as-of day")
    #expect(window.asOfDay(account).churnDate == nil)
  }

  // MARK: Renewals rolled forward

  @Test func aPastRenewalRollsForwardByCalendarYears() throws {
    let folder = try Self.export(
      """
      account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
      A1,Alpha,smb,1000,2022-03-01,2023-03-01,none,,
      A2,Beta,smb,1000,2022-01-01,2023-01-01,none,,
      A3,Gamma,smb,1000,2019-02-28,2020-02-29,none,,
      A4,Delta,smb,1000,2023-11-11,2024-11-11,none,,
      A5,Epsilon,smb,1000,2023-11-11,2024-11-11,none,false,

      """)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-11")))
    let risk = try Self.risk(folder)
    #expect(risk["A1"]?["next_renewal"] == "2025-03-01", "not 2025-02-28: 2024 has a 29 February")
    #expect(risk["A1"]?["days_to_renewal"] == "110")
    #expect(risk["A2"]?["next_renewal"] == "2025-01-01")
    #expect(risk["A3"]?["next_renewal"] == "2025-02-28")
    #expect(risk["A4"]?["next_renewal"] == "2024-11-11" && risk["A4"]?["days_to_renewal"] == "0")
    // Renewed on the as-of day: that renewal is settled, the next is a year on (an audit found it
    // at 0 days, beside the pending A4).
    #expect(risk["A5"]?["status"] == "renewed")
    #expect(risk["A5"]?["next_renewal"] == "2025-11-11" && risk["A5"]?["days_to_renewal"] == "365")
  }

  // MARK: Contracts not started

  @Test func aContractStartingAfterTheAsOfDayHasATenureOfZeroAndIsSaidSo() throws {
    let folder = try Self.export(
      """
      account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
      A1,Alpha,smb,1000,2022-01-01,2025-01-01,none,,
      A2,Beta,smb,1000,2024-12-01,2025-12-01,none,,

      """)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-11")))
    let features = try AsOfWindowTests.rows(folder + "/out/account_features.csv")
    let tenure = try #require(features[0].firstIndex(of: "tenure_days"))
    let byID = Dictionary(uniqueKeysWithValues: features.dropFirst().map { ($0[0], $0[tenure]) })
    #expect(byID["A2"] == "0", "not -20: it has not started")
    #expect(Double(byID["A1"] ?? "") ?? 0 > 1_040)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.hasPrefix("1 account's contract starts after the as-of day 2024-11-11") == true)
    let manifest = try Self.manifest(folder)
    #expect((manifest["warnings"] as? [String]) == result.warnings)
  }

  static func manifest(_ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  // MARK: A segment named like the total

  /// The repro's data: a generated sample of 120 accounts (seed 5) with the segment smb renamed
  /// `all`, and one account's spelled ` ALL ` (read as `ALL`: fields are trimmed).
  @Test func aSegmentNamedAllIsRenamedSoNoTableMixesItWithTheTotal() throws {
    let folder = try NightlyRunTests.workspace(accounts: 120, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = try RunConfiguration.inputs(in: folder + "/input").accounts
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    var smb = 0
    for index in lines.indices.dropFirst() where lines[index].contains(",smb,") {
      smb += 1
      lines[index] = lines[index].replacingOccurrences(of: ",smb,", with: smb == 1 ? ",\" ALL \"," : ",all,")
    }
    #expect(smb > 10)
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

    let result = try NightlyRun.run(NightlyRunTests.configuration(folder, asOf: "2024-11-16"))
    let out = folder + "/out/"
    let bySegment = try AsOfWindowTests.rows(out + "summary_risk_by_segment.csv")
    let segments = bySegment.dropFirst().map { $0[0] }
    #expect(segments.filter { $0 == "all" }.count == 1, "\(segments)")
    #expect(segments.contains("all (segment)"))
    let total = try #require(bySegment.last)
    #expect(total[0] == "all")
    #expect(
      bySegment.dropFirst().dropLast().reduce(0) { $0 + Int($1[1])! } == Int(total[1])!,
      "the segments add up to the total")
    let forecast = try AsOfWindowTests.rows(out + "forecast.csv")
    #expect(forecast.filter { $0[0] == "all" && $0[1] == "365" }.count == 1)
    #expect(forecast.contains { $0[0] == "all (segment)" && $0[1] == "365" })
    let risk = try AsOfWindowTests.rows(out + "accounts_risk.csv")
    #expect(risk.filter { $0[2] == "all (segment)" }.count == smb)
    #expect(!risk.contains { $0[2].lowercased().trimmingCharacters(in: .whitespaces) == "all" })

    // " ALL " is read as `all`, one spelling (`RecordBuilder.categoryKey`).
    #expect(result.inputs[0].segmentsRenamed == ["all": smb])
    #expect(result.warnings.count == 1 && result.warnings.allSatisfy { $0.contains("read as segment 'all (segment)'") })
    let manifest = try Self.manifest(folder)
    #expect((manifest["warnings"] as? [String]) == result.warnings)
    let accountsInput = try #require((manifest["inputs"] as? [[String: Any]])?.first)
    #expect((accountsInput["segments_renamed"] as? [String: Int]) == ["all": smb])
    // The backtest reads the accounts file itself: the same rename, one total row per horizon.
    let backtest = try RunHistory.backtest(accountsPath: path, cutDay: nil, horizons: [30, 90]).result
    #expect(
      backtest.rows.filter { $0.segment == "all" && $0.horizonDays == 30 }.count == 1, "\(backtest.rows.map(\.segment))"
    )
    #expect(backtest.rows.contains { $0.segment == "all (segment)" })
  }

  /// The rename never lands on a name in use: a segment already called `all (segment)` gets
  /// one more suffix, and no name maps to the total.
  @Test(arguments: [
    ("all", "all (segment)"), (" ALL ", "all (segment)"), ("all (segment)", "all (segment) (segment)"),
    ("All (Segment) (segment)", "all (segment) (segment) (segment)"), ("smb", "smb"), ("all of them", "all of them"),
    ("(segment)", "(segment)"), ("overall", "overall"),
  ])
  func segmentNamesNeverCollideWithTheTotalOrARenamedOne(segment: String, named: String) {
    #expect(Job.segmentName(segment) == named)
    #expect(Job.segmentName(segment) != Job.totalLabel)
  }

  // MARK: A run's set replaces the previous one whole

  /// Night 1 has open accounts; by night 2 every one has churned. Night 2's forecast.csv is its
  /// own (header, no rows) and night 1's retention chart is gone, not left beside a report of 0
  /// open accounts.
  @Test func aRunWithNoOpenAccountsLeavesNoStaleForecast() throws {
    let night1 = """
      account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
      A1,Acme,smb,1000,2023-12-01,2024-12-01,none,,
      A2,Globex,smb,2000,2024-01-15,2025-01-15,none,,

      """
    let folder = try Self.export(night1)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let first = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-01")))
    #expect(first.openAccounts == 2)
    let out = folder + "/out/"
    #expect(try AsOfWindowTests.rows(out + "forecast.csv").count > 1)
    #expect(FileManager.default.fileExists(atPath: out + "charts/retention_forecast.svg"))

    try night1.replacingOccurrences(of: "none,,", with: "none,true,2024-11-02")
      .write(toFile: folder + "/input/accounts.csv", atomically: true, encoding: .utf8)
    let second = try NightlyRun.run(AsOfWindowTests.configuration(folder, asOf: Self.day("2024-11-02")))
    #expect(second.openAccounts == 0)
    let forecast = try AsOfWindowTests.rows(out + "forecast.csv")
    #expect(forecast.count == 1 && forecast[0].first == "segment", "the header alone: \(forecast)")
    #expect(!FileManager.default.fileExists(atPath: out + "charts/retention_forecast.svg"))
    let outputs = try #require(try Self.manifest(folder)["outputs"] as? [String])
    #expect(outputs.contains("forecast.csv") && !outputs.contains("charts/retention_forecast.svg"))
    let present = try StagingFolder.listFiles(in: folder + "/out").filter {
      $0.hasSuffix(".csv") || $0.hasSuffix(".svg") || $0.hasSuffix(".md")
    }
    #expect(Set(present).subtracting(outputs).isEmpty, "every output in the folder is the manifest's: \(present)")
  }

  // MARK: The fallback model's note

  @Test func theFallbackNoteSaysWhichOutcomeIsShort() {
    let allChurned = Job.modelShortfall(labelled: 120, churned: 120)
    #expect(allChurned.hasPrefix("this run has 120 labelled accounts but only 0 renewed:"), "\(allChurned)")
    #expect(!allChurned.contains("only 120"))
    #expect(
      Job.modelShortfall(labelled: 120, churned: 0).hasPrefix("this run has 120 labelled accounts but only 0 churned:"))
    #expect(Job.modelShortfall(labelled: 60, churned: 5).contains("but only 5 churned:"))
    #expect(
      Job.modelShortfall(labelled: 20, churned: 12).hasPrefix("this run has only 20 labelled accounts (8 renewed):"))
    #expect(
      Job.modelShortfall(labelled: 1, churned: 0).hasPrefix(
        "this run has only 1 labelled account (0 churned, 1 renewed):"))
  }
}
