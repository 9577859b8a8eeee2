import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

/// A record dated after a run's as-of day is not the run's: it is quarantined with its reason,
/// counted, never scored, and (when the as-of day is derived) never moves the run.
@Suite struct AsOfWindowTests {
  /// A small export: four accounts (A4 churns on a 2099 date: a cancellation not yet in effect,
  /// or a typo), tickets and survey answers with one of each dated 2099-01-01.
  static func export() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-as-of-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder + "/input", withIntermediateDirectories: true)
    let accounts = """
      account_id,name,segment,arr,renewal_date,offer,churned,churn_date
      A1,Acme,enterprise,120000,2025-01-01,voucher_10,,
      A2,Globex,smb,8000,2024-12-15,none,,
      A3,Initech,mid_market,40000,2025-03-01,service_credit,,
      A4,Umbrella,smb,9000,2024-09-15,none,true,2099-01-01

      """
    let tickets = """
      ticket_id,account_id,created_at,body
      T1,A1,2024-10-01T09:00:00Z,The outage cost us a day. A voucher is not enough.
      T2,A2,2024-10-02T10:00:00Z,Thanks for the quick updates during the incident.
      T3,A1,2099-01-01T00:00:00Z,"Terrible, awful outage; we are cancelling."
      T4,A4,2024-10-03T11:00:00Z,Still waiting for an answer.
      T5,A3,2024-10-04T12:00:00Z,Support was helpful.

      """
    let surveys = """
      response_id,account_id,submitted_at,nps,comment
      S1,A1,2024-10-05T08:00:00Z,3,The voucher was a joke.
      S2,A2,2099-01-01T00:00:00Z,0,We are leaving.

      """
    try accounts.write(toFile: folder + "/input/accounts.csv", atomically: true, encoding: .utf8)
    try tickets.write(toFile: folder + "/input/tickets.csv", atomically: true, encoding: .utf8)
    try surveys.write(toFile: folder + "/input/surveys.csv", atomically: true, encoding: .utf8)
    return folder
  }

  static func configuration(_ folder: String, asOf: Day?, maximumBadShare: Double = 1) throws -> RunConfiguration {
    let inputs = try RunConfiguration.inputs(in: folder + "/input")
    return RunConfiguration(
      accountsPath: inputs.accounts, ticketsPath: inputs.tickets, surveysPath: inputs.surveys,
      outputDirectory: folder + "/out", asOf: asOf,
      dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data"), maximumBadShare: maximumBadShare,
      workerCount: 1)
  }

  /// The rows of a CSV file the run wrote, header first.
  static func rows(_ path: String) throws -> [[String]] {
    let reader = try CSVReader(path: path, hasHeader: false)
    var rows: [[String]] = []
    while let event = try reader.nextRecord() {
      guard case .record = event else { continue }
      rows.append((0..<reader.fieldCount).map { reader.string(at: $0) })
    }
    return rows
  }

  @Test func recordsDatedAfterTheAsOfDayAreQuarantinedWithTheirReasonAndNotScored() throws {
    let folder = try Self.export()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // A5 churned on 2024-11-10, after the as-of day.
    let accounts = folder + "/input/accounts.csv"
    try (String(contentsOfFile: accounts, encoding: .utf8) + "A5,Hooli,smb,7000,2024-11-01,none,true,2024-11-10\n")
      .write(toFile: accounts, atomically: true, encoding: .utf8)
    let result = try NightlyRun.run(Self.configuration(folder, asOf: Day(year: 2024, month: 11, day: 2)))
    #expect(result.asOf == "2024-11-02")

    let counts = Dictionary(uniqueKeysWithValues: result.inputs.map { ($0.kind, $0) })
    for input in result.inputs { #expect(input.read == input.accepted + input.quarantined, "\(input.kind)") }
    #expect(counts["accounts"]?.read == 5)
    #expect(counts["accounts"]?.quarantined == 0, "a churn date after today is no reason to drop an account")
    #expect(counts["tickets"]?.read == 5)
    #expect(counts["tickets"]?.quarantinedByReason == ["after_as_of": 1])
    #expect(counts["surveys"]?.read == 2)
    #expect(counts["surveys"]?.quarantinedByReason == ["after_as_of": 1])

    let quarantine = try Self.rows(folder + "/out/quarantine.csv")
    #expect(quarantine.first == QuarantineLog.header)
    let byID = Dictionary(uniqueKeysWithValues: quarantine.dropFirst().map { ($0[2], $0) })
    #expect(byID["T3"]?[1] == "4", "the line of the record")
    #expect(byID["T3"]?[3] == "after_as_of")
    #expect(byID["T3"]?[4] == "created_at 2099-01-01T00:00:00Z is dated after the run's as-of day 2024-11-02")
    #expect(byID["T3"]?[5].contains("we are cancelling") == true, "the record's text is kept")
    #expect(byID["S2"]?[3] == "after_as_of")
    #expect(byID["A4"] == nil)

    let scoredTickets = try Self.rows(folder + "/out/scored_tickets.csv").dropFirst().map { $0[0] }
    #expect(scoredTickets == ["T1", "T2", "T4", "T5"])
    let scoredSurveys = try Self.rows(folder + "/out/scored_surveys.csv").dropFirst().map { $0[0] }
    #expect(scoredSurveys == ["S1"])
    let risk = try Self.rows(folder + "/out/accounts_risk.csv")
    // A5 churned on 2024-11-10: on 2024-11-02 it was still open, and is scored as such. So is A4,
    // whose churn date is after today: a cancellation given notice of is the surest to leave (an
    // outside audit found such accounts quarantined, off every list, their tickets of no account).
    let status = try #require(risk.first?.firstIndex(of: "status"))
    #expect(risk.first { $0.first == "A5" }?[status] == "open")
    #expect(risk.first { $0.first == "A4" }?[status] == "open")
    // A4 marked churned with that date has given notice: sure to leave, and its first reason says
    // so (an outside audit's account manager saw it at 14%, "low", with no word of the notice).
    // A5's churn after a back-dated as-of day is a later run's news: the model's reading.
    let probability = try #require(risk.first?.firstIndex(of: "churn_probability"))
    let tier = try #require(risk.first?.firstIndex(of: "tier"))
    let reason = try #require(risk.first?.firstIndex(of: "driver_1"))
    let a4 = try #require(risk.first { $0.first == "A4" })
    #expect(a4[probability] == "1.0000" && a4[tier] == "high", "\(a4)")
    #expect(a4[reason] == "notice given: leaves on 2099-01-01", "\(a4)")
    let a5 = try #require(risk.first { $0.first == "A5" })
    #expect(a5[probability] != "1.0000" && !a5[reason].hasPrefix("notice"), "\(a5)")
    #expect(
      result.warnings.contains {
        $0.contains("1 account has a churn date after today (the first: A4 on 2099-01-01): read as open")
      }, "\(result.warnings)")
  }

  /// A CRM marks a customer whose renewal may be ahead "Active" (churned false): with no renewal
  /// date, nothing says it renewed, so it is open, scored and on the lists (an outside audit's
  /// account with a blank date, writing "we will not renew", read as renewed and was on none).
  @Test func anAccountNotChurnedWithoutARenewalDateIsOpen() throws {
    let folder = try Self.export()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let accounts = folder + "/input/accounts.csv"
    try (String(contentsOfFile: accounts, encoding: .utf8) + "A6,Soylent,smb,90000,,none,false,\n")
      .write(toFile: accounts, atomically: true, encoding: .utf8)
    let tickets = folder + "/input/tickets.csv"
    try
      (String(contentsOfFile: tickets, encoding: .utf8)
      + "T6,A6,2024-10-03T09:00:00Z,After this outage we will not renew.\n")
      .write(toFile: tickets, atomically: true, encoding: .utf8)
    let result = try NightlyRun.run(Self.configuration(folder, asOf: Day(year: 2024, month: 11, day: 2)))
    let risk = try Self.rows(folder + "/out/accounts_risk.csv")
    let header = try #require(risk.first)
    let status = try #require(header.firstIndex(of: "status"))
    let days = try #require(header.firstIndex(of: "days_to_renewal"))
    let row = try #require(risk.first { $0.first == "A6" })
    #expect(row[status] == "open")
    #expect(row[days] == "")
    #expect(result.renewedAccounts == 0)
    #expect(
      result.warnings.contains { $0.contains("1 account marked not churned has no renewal date: read as open") },
      "\(result.warnings)")
  }

  /// Records of a later run are not bad input: a run at a past as-of day over a whole export,
  /// most of it dated later, does not fail on `--max-bad`.
  @Test func recordsAfterTheAsOfDayDoNotCountTowardMaxBad() throws {
    let folder = try Self.export()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // T8's account is in no input: a bad record.
    let ticketsFile = folder + "/input/tickets.csv"
    try (String(contentsOfFile: ticketsFile, encoding: .utf8) + "T8,A9,2024-10-01T07:00:00Z,Who are we?\n")
      .write(toFile: ticketsFile, atomically: true, encoding: .utf8)
    let early = try #require(Day(year: 2024, month: 10, day: 2))
    let result = try NightlyRun.run(Self.configuration(folder, asOf: early, maximumBadShare: 0.4))
    let tickets = try #require(result.inputs.first { $0.kind == "tickets" })
    #expect(tickets.quarantinedByReason == ["after_as_of": 3, "unknown_account": 1], "T3, T4 and T5; T8 is A9's")
    #expect(tickets.accepted == 2)
    let surveys = try #require(result.inputs.first { $0.kind == "surveys" })
    #expect(surveys.quarantinedByReason == ["after_as_of": 2])

    // Bad records still count: T8 is 1 of the 3 tickets that are the run's (a share of 1/3).
    #expect(throws: PipelineError.self) {
      try NightlyRun.run(Self.configuration(folder, asOf: early, maximumBadShare: 0.3))
    }
  }

  @Test func theDerivedAsOfDayIgnoresDatesInTheFutureOfTheClock() throws {
    let folder = try Self.export()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let configuration = try Self.configuration(folder, asOf: nil)
    let today = try #require(Day(year: 2024, month: 11, day: 20))
    #expect(try NightlyRun.latestActivityDay(configuration, today: today) == Day(year: 2024, month: 10, day: 5))

    // Tomorrow (UTC) is allowed for exports made east of UTC; the day after is not.
    let tickets =
      try String(contentsOfFile: configuration.ticketsPath, encoding: .utf8)
      + "T6,A2,2024-11-21T23:00:00Z,Hello from tomorrow.\nT7,A3,2024-11-22T00:00:00Z,Hello from later.\n"
    try tickets.write(toFile: configuration.ticketsPath, atomically: true, encoding: .utf8)
    #expect(try NightlyRun.latestActivityDay(configuration, today: today) == Day(year: 2024, month: 11, day: 21))
  }

  @Test func aFutureRecordChangesNothingButTheQuarantine() throws {
    let folder = try Self.export()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var configuration = try Self.configuration(folder, asOf: nil)
    configuration.asOf = try NightlyRun.latestActivityDay(configuration)
    #expect(configuration.asOf == Day(year: 2024, month: 10, day: 5))
    _ = try NightlyRun.run(configuration)
    let withFuture = try Self.rows(folder + "/out/accounts_risk.csv")

    // The same export without its 2099 records scores every account the same.
    for file in [configuration.ticketsPath, configuration.surveysPath!] {
      let kept = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").filter {
        !$0.contains("2099-")
      }
      try (kept.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }
    configuration.asOf = try NightlyRun.latestActivityDay(configuration)
    #expect(configuration.asOf == Day(year: 2024, month: 10, day: 5))
    _ = try NightlyRun.run(configuration)
    #expect(try Self.rows(folder + "/out/accounts_risk.csv") == withFuture)
  }
}
