import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

/// What a run says about how it read its inputs: the column behind each field, the fields it found
/// no column for, and warnings where that empties a figure (no survey score or text, no ARR,
/// records lost to a Windows-1252 file); a name given where an account id belongs; the quarantine
/// a failed run left.
@Suite struct RunInputWarningsTests {
  static let accounts = """
    account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
    A1,Acme Logistics,smb,1000,2023-01-01,2025-01-01,none,,
    A2,Globex,smb,2000,2023-01-01,2025-01-01,none,,

    """

  /// A folder with `input/accounts.csv`, `input/tickets.csv` (as bytes) and, when given, `input/surveys.csv`.
  static func export(accounts: String = accounts, tickets: [UInt8]? = nil, surveys: String? = nil) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-inputs-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder + "/input", withIntermediateDirectories: true)
    try accounts.write(toFile: folder + "/input/accounts.csv", atomically: true, encoding: .utf8)
    let ticketBytes =
      tickets
      ?? Array("ticket_id,account_id,created_at,body\nT1,A1,2024-10-01T09:00:00Z,The outage was bad.\n".utf8)
    try Data(ticketBytes).write(to: URL(fileURLWithPath: folder + "/input/tickets.csv"))
    if let surveys { try surveys.write(toFile: folder + "/input/surveys.csv", atomically: true, encoding: .utf8) }
    return folder
  }

  static func run(_ folder: String, maximumBadShare: Double = 1) throws -> RunResult {
    try NightlyRun.run(
      AsOfWindowTests.configuration(folder, asOf: Day(iso8601: "2024-11-11")!, maximumBadShare: maximumBadShare))
  }

  static func manifestInputs(_ folder: String) throws -> [[String: Any]] {
    try #require(RunAccountRulesTests.manifest(folder)["inputs"] as? [[String: Any]])
  }

  // MARK: M6: columns and fields not found

  @Test func manifestRecordsTheColumnOfEachFieldAndTheFieldsNotFound() throws {
    let folder = try Self.export(
      surveys: "ResponseId,ExternalReference,RecordedDate,Q1,Q1_NPS_GROUP\nR1,A1,2024-10-02,3,1\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try Self.run(folder)
    let inputs = try Self.manifestInputs(folder)
    let surveys = try #require(inputs.first { $0["kind"] as? String == "surveys" })
    let columns = try #require(surveys["columns"] as? [String: String])
    #expect(columns["nps"] == "Q1")
    #expect(columns["account_id"] == "ExternalReference")
    #expect(surveys["fields_not_found"] as? [String] == ["csat", "comment"])
    let accounts = try #require(inputs.first { $0["kind"] as? String == "accounts" })
    #expect((accounts["fields_not_found"] as? [String])?.contains("region") == true)
  }

  /// ARR written in several currencies is read as numbers and summed as one: the run says so,
  /// naming them, and the manifest counts them (an outside audit's file added yen to dollars
  /// unwarned); one currency, written with its symbol or code or not, is no warning.
  @Test func arrInSeveralCurrenciesIsAWarning() throws {
    let accounts = """
      account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
      A1,Acme Logistics,smb,"USD 12,500.00",2023-01-01,2025-01-01,none,,
      A2,Globex,smb,"$2,000",2023-01-01,2025-01-01,none,,
      A3,Initech,smb,"1,250,000 JPY",2023-01-01,2025-01-01,none,,

      """
    let folder = try Self.export(accounts: accounts)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    #expect(
      result.warnings.contains {
        $0.contains(
          "ARR is written in more than one currency (USD 2, JPY 1): amounts are read as numbers, not converted")
      }, "\(result.warnings)")
    let inputs = try Self.manifestInputs(folder)
    let manifestAccounts = try #require(inputs.first { $0["kind"] as? String == "accounts" })
    #expect(manifestAccounts["arr_currencies"] as? [String: Int] == ["USD": 2, "JPY": 1])

    let single = try Self.export(
      accounts: Self.accounts.replacingOccurrences(of: ",1000,", with: ",\"$1,000\","))
    defer { try? FileManager.default.removeItem(atPath: single) }
    #expect(!(try Self.run(single)).warnings.contains { $0.contains("currency") })
  }

  /// A ragged account row (an unquoted comma in the name) keeps its id in the quarantine, with
  /// the fix, and its tickets say the account was quarantined rather than unknown (an outside
  /// audit's tickets read "not in the accounts input").
  @Test func aRaggedAccountRowIsNamedAndItsTicketsSaySo() throws {
    let accounts = Self.accounts + "A3,Acme, Inc.,smb,1000,2023-01-01,2024-09-15,none,true,2024-09-01\n"
    let tickets =
      "ticket_id,account_id,created_at,body\nT1,A1,2024-10-01T09:00:00Z,Fine.\nT2,A3,2024-10-02T09:00:00Z,Bad.\n"
    let folder = try Self.export(accounts: accounts, tickets: Array(tickets.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try Self.run(folder)
    let rows = try AsOfWindowTests.rows(folder + "/out/quarantine.csv")
    let ragged = try #require(rows.first { $0.count > 3 && $0[3] == "ragged_row" })
    #expect(ragged[2] == "A3")
    #expect(ragged[4].contains("must be quoted"), "\(ragged)")
    let ticket = try #require(rows.first { $0.count > 2 && $0[2] == "T2" })
    #expect(ticket[4].contains("was quarantined in the accounts input (line 4)"), "\(ticket)")
  }

  /// Tickets in another language are marked in the scored file and named in a note (the manifest,
  /// the console, report.md): the rules read English, so their scores say little. One in three
  /// here; a single false alarm among a hundred English texts would not be a note.
  @Test func textsInAnotherLanguageAreMarkedAndNoted() throws {
    let folder = try Self.export(
      tickets: Array(
        """
        ticket_id,account_id,created_at,body
        T1,A1,2024-10-01,"Nous allons résilier notre contrat, la panne était inacceptable."
        T2,A2,2024-10-01,The outage was bad and the voucher is a joke.
        T3,A1,2024-10-02,El servicio estuvo caído tres días y el cupón de 10 dólares es un insulto.

        """.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    let note = try #require(result.warnings.first { $0.contains("another language") }, "\(result.warnings)")
    #expect(note.hasPrefix("\(folder)/input/tickets.csv: 2 texts read as written in another language than English"))
    #expect(try Self.manifestInputs(folder)[1]["texts_in_another_language"] as? Int == 2)
    let rows = try AsOfWindowTests.rows(folder + "/out/scored_tickets.csv")
    let column = try #require(rows[0].firstIndex(of: "other_language"))
    #expect(rows.dropFirst().map { $0[column] } == ["true", "false", "true"])
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(report.contains("2 texts read as written in another language"))
  }

  @Test func aSurveysInputWithNoScoreAndNoTextIsAWarning() throws {
    let folder = try Self.export(surveys: "response_id,account_id,submitted_at,Q2,Q3\nR1,A1,2024-10-02,4,slow\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    let warning = try #require(result.warnings.first { $0.contains("no column was found for nps, csat or comment") })
    #expect(warning.hasPrefix(folder + "/input/surveys.csv"))
    #expect((try RunAccountRulesTests.manifest(folder)["warnings"] as? [String])?.contains(warning) == true)
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(report.contains("no column was found for nps, csat or comment"))
  }

  /// Comments but no score: the run's NPS and CSAT figures are empty, which the report would
  /// otherwise leave out without a word.
  @Test func aSurveysInputWithTextButNoScoreIsAWarning() throws {
    let folder = try Self.export(
      surveys: "response_id,account_id,submitted_at,Why did you give that score?,What could we do better?\n"
        + "R1,A1,2024-10-02,slow,faster\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    let warning = try #require(result.warnings.first { $0.contains("no column was found for nps or csat") })
    #expect(warning.hasPrefix(folder + "/input/surveys.csv"))
    #expect(warning.contains("--map surveys.nps=COLUMN"))
    #expect(!result.warnings.contains { $0.contains("nps, csat or comment") }, "the comment column was found")
    #expect((try RunAccountRulesTests.manifest(folder)["warnings"] as? [String])?.contains(warning) == true)
  }

  /// The standard NPS question names the column: read as nps, so no warning and an NPS figure.
  @Test func aSurveysInputWithTheNPSQuestionAsItsColumnIsNotAWarning() throws {
    let folder = try Self.export(
      surveys: "Response ID,Account,Submitted,How likely are you to recommend us? (0-10),Comment\n"
        + "R1,A1,2024-10-02,3,slow\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(report.contains("NPS -100"), "one detractor")
  }

  @Test func anAccountsInputWithNoARRIsAWarningAndAnnualRevenueIsNotTaken() throws {
    let folder = try Self.export(
      accounts: "Company ID,Company name,Annual Revenue\nA1,Acme Logistics,9800000\nA2,Globex,120000\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    #expect(result.arrAtRisk == 0, "Annual Revenue is the customer's own revenue")
    #expect(result.warnings.contains { $0.contains("no arr column was found, so ARR at risk") }, "\(result.warnings)")
  }

  /// A CRM's "Status" column (Churned/Renewed/Active) is no column the run reads as churned: no
  /// account renewed, every one is open and the offer comparison is empty. Said, with the fix.
  @Test func anAccountsInputWithNoChurnedColumnIsAWarningNamingTheFix() throws {
    let accounts = """
      account_id,name,segment,arr,contract_start,renewal_date,offer,Status
      A1,Acme Logistics,smb,1000,2023-01-01,2024-06-01,none,Renewed
      A2,Globex,smb,2000,2023-01-01,2024-06-01,voucher_10,Churned
      A3,Initech,smb,3000,2023-01-01,2025-06-01,none,Active

      """
    let folder = try Self.export(accounts: accounts)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    #expect(result.openAccounts == 3, "no account reads as settled")
    let warning = try #require(result.warnings.first { $0.contains("no churned column") }, "\(result.warnings)")
    #expect(
      warning.hasPrefix(
        folder + "/input/accounts.csv: no churned column was found, so no account reads as renewed"))
    #expect(warning.contains("every other account is scored as open"))
    #expect(warning.contains("the offer comparison has no renewal to count"))
    #expect(warning.contains("--map accounts.churned=COLUMN"))
    #expect((try RunAccountRulesTests.manifest(folder)["warnings"] as? [String])?.contains(warning) == true)
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(report.contains("no churned column was found"))

    // The fix it names: the status is read, A1 renewed and A2 churned, and the warning is gone.
    var configuration = try AsOfWindowTests.configuration(folder, asOf: Day(iso8601: "2024-11-11")!)
    configuration.ingestOptions.setMappings(try IngestOptions.parseMappings(["accounts.churned=Status"]))
    let mapped = try NightlyRun.run(configuration)
    #expect(!mapped.warnings.contains { $0.contains("no churned column") }, "\(mapped.warnings)")
    #expect(mapped.openAccounts == 1)
  }

  @Test func inputsWithEveryFieldGiveNoNewWarning() throws {
    let folder = try Self.export(surveys: "response_id,account_id,submitted_at,nps\nR1,A1,2024-10-02,9\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(try Self.run(folder).warnings.isEmpty)
  }

  // MARK: M7: account names where ids belong

  @Test func ticketsGivingAnAccountsNameSayWhichAccountInTheQuarantine() throws {
    let folder = try Self.export(
      tickets: Array(
        "ticket_id,Company Name,created_at,body\nT1,Acme Logistics,2024-10-01,down\nT2,A1,2024-10-01,down\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try Self.run(folder)
    let quarantine = try String(contentsOfFile: folder + "/out/quarantine.csv", encoding: .utf8)
    #expect(quarantine.contains("matches the name of account A1"), "\(quarantine)")
    #expect(quarantine.contains("--map tickets.account_id="))
  }

  // MARK: M8: Windows-1252 inputs

  /// Tickets of which `bad` of 10 hold a Windows-1252 curly apostrophe (byte 0x92).
  static func windows1252Tickets(bad: Int) -> [UInt8] {
    var bytes = Array("ticket_id,account_id,created_at,body\n".utf8)
    for i in 0..<10 {
      bytes += Array("T\(i),A1,2024-10-01,We can".utf8) + (i < bad ? [0x92] : [0x27]) + Array("t log in.\n".utf8)
    }
    return bytes
  }

  @Test func recordsLostToInvalidUTF8AreAWarningWithTheIconvLine() throws {
    let folder = try Self.export(tickets: Self.windows1252Tickets(bad: 1))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder, maximumBadShare: 0.2)
    let warning = try #require(result.warnings.first { $0.contains("invalid_utf8") }, "\(result.warnings)")
    #expect(warning.contains("1 record was quarantined as invalid_utf8"))
    #expect(warning.contains("iconv -f WINDOWS-1252 -t UTF-8 \(folder)/input/tickets.csv > converted.csv"))
    #expect((try RunAccountRulesTests.manifest(folder)["warnings"] as? [String])?.contains(warning) == true)
  }

  @Test func aRunFailedByInvalidUTF8SaysHowToConvertTheFile() throws {
    let folder = try Self.export(tickets: Self.windows1252Tickets(bad: 5))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let error = try #require(throws: PipelineError.self) { try Self.run(folder, maximumBadShare: 0.2) }
    #expect(String(describing: error).contains("most are invalid UTF-8"), "\(error)")
    #expect(String(describing: error).contains("iconv -f WINDOWS-1252 -t UTF-8 \(folder)/input/tickets.csv"))
  }

  @Test func aRunFailedByOtherReasonsGivesNoIconvLine() throws {
    let folder = try Self.export(
      tickets: Array("ticket_id,account_id,created_at,body\nT1,A9,2024-10-01,down\nT2,A1,2024-10-01,down\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let error = try #require(throws: PipelineError.self) { try Self.run(folder, maximumBadShare: 0.2) }
    #expect(!String(describing: error).contains("iconv"))
  }

  /// A US export's 12-hour dates (`11/12/2024 10:00 AM`) are ambiguous without --date-order: a
  /// run they stop names that reason and quotes the first, whose detail gives the option.
  @Test func aRunFailedMostlyByAmbiguousDatesNamesTheReasonAndItsFix() throws {
    let tickets = """
      ticket_id,account_id,created_at,body
      T1,A1,10/30/2024 2:03 PM,The outage was bad.
      T2,A1,11/02/2024 10:00 AM,Still down.
      T3,A2,10/11/2024 11:00 AM,Any news?
      T4,A9,10/29/2024 9:15 AM,Who are you?
      T5,A2,11/03/2024 8:00 AM,Hello?

      """
    let folder = try Self.export(tickets: Array(tickets.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let error = try #require(throws: PipelineError.self) { try Self.run(folder, maximumBadShare: 0.2) }
    #expect(
      String(describing: error).hasSuffix(
        "; most (3 of 4) are invalid_date, e.g. line 3 (T2): created_at '11/02/2024 10:00 AM' is ambiguous: "
          + "2024-11-02 if month/day/year, 2024-02-11 if day/month/year; say which with --date-order mdy or "
          + "--date-order dmy; its other numeric dates read only month first (2 dates, e.g. '10/30/2024 2:03 PM'): "
          + "read it again with --date-order mdy"), "\(error)")
  }

  /// A run that keeps going with a few ambiguous dates says so, and which --date-order the
  /// file's other numeric dates point to: one order, both (a mixed export), or none.
  @Test(arguments: [
    (
      ["19/10/2024", "03/10/2024", "25/10/2024", "04/11/2024"],
      "2 numeric dates were quarantined as ambiguous (day and month could be either way round, e.g. 03/04/2024); "
        + "its other numeric dates read only day first (2 dates, e.g. '19/10/2024'): read it again with --date-order dmy"
    ),
    (
      ["10/19/2024", "10/03/2024", "2024-10-25", "10/25/2024"],
      "1 numeric date was quarantined as ambiguous (day and month could be either way round, e.g. 03/04/2024); "
        + "its other numeric dates read only month first (2 dates, e.g. '10/19/2024'): read it again with --date-order mdy"
    ),
    (
      ["19.10.2024", "10/25/2024", "03/10/2024", "2024-10-02"],
      "its numeric dates are written both ways (1 date only day first, e.g. '19.10.2024', 1 date only month first, "
        + "e.g. '10/25/2024'), so no --date-order reads them all: check how the file was exported"
    ),
    (
      ["2024-10-19", "03/10/2024", "Oct 25, 2024", "2024-10-02"],
      "none of its dates tells the order: say which with --date-order mdy (month first, as US exports write) or "
        + "--date-order dmy (day first)"
    ),
  ])
  func ambiguousDatesNameTheOrderTheOtherDatesRead(dates: [String], expected: String) throws {
    var tickets = "ticket_id,account_id,created_at,body\n"
    for (index, date) in dates.enumerated() { tickets += "T\(index),A1,\"\(date)\",The outage was bad.\n" }
    let folder = try Self.export(tickets: Array(tickets.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    let warning = try #require(result.warnings.first { $0.contains("ambiguous") }, "\(result.warnings)")
    #expect(warning.hasPrefix(folder + "/input/tickets.csv: "), "\(warning)")
    #expect(warning.contains(expected), "\(warning)")
    #expect((try RunAccountRulesTests.manifest(folder)["warnings"] as? [String])?.contains(warning) == true)
  }

  /// ISO dates, and numeric dates with no ambiguous one beside them, give no date warning.
  @Test func unambiguousDatesGiveNoDateWarning() throws {
    let tickets = "ticket_id,account_id,created_at,body\nT1,A1,19/10/2024,down\nT2,A1,2024-10-03,down\n"
    let folder = try Self.export(tickets: Array(tickets.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.run(folder)
    #expect(!result.warnings.contains { $0.contains("ambiguous") }, "\(result.warnings)")
  }

  /// Without a majority the commonest reason is named as such (ties go to the first by name).
  @Test func aRunFailedByMixedReasonsNamesTheCommonest() throws {
    let tickets = "ticket_id,account_id,created_at,body\nT1,A9,2024-10-01,down\nT2,A1,2024-13-45,down\n"
    let folder = try Self.export(tickets: Array(tickets.utf8))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let error = try #require(throws: PipelineError.self) { try Self.run(folder, maximumBadShare: 0.2) }
    #expect(
      String(describing: error).contains("; the commonest reason (1 of 2) is invalid_date, e.g. line 3 (T2): "),
      "\(error)")
  }

  // MARK: README M4: the quarantine of a failed run

  @Test func aSuccessfulRunRetiresTheQuarantineAFailedRunLeft() throws {
    let folder = try Self.export(tickets: Self.windows1252Tickets(bad: 5))
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let failed = folder + "/out/" + PipelineError.failedRunQuarantineFile
    #expect(throws: PipelineError.self) { try Self.run(folder, maximumBadShare: 0.2) }
    #expect(FileManager.default.fileExists(atPath: failed), "the failed run says why, beside the outputs")
    let result = try Self.run(folder, maximumBadShare: 0.6)
    #expect(!FileManager.default.fileExists(atPath: failed), "a successful run leaves no stale failed-run quarantine")
    #expect(!result.files.contains(PipelineError.failedRunQuarantineFile))
    #expect(FileManager.default.fileExists(atPath: folder + "/out/quarantine.csv"))
  }
}
