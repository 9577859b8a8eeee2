import Foundation
import Testing

@testable import AftershockIngest

@Suite struct IngestTests {
  @Test func accountsAreTypedAndFillTheDirectory() throws {
    let directory = AccountDirectory()
    let (accounts, quarantine, summary) = try readAccounts(fixture("ingest-accounts.csv"), into: directory)
    #expect(quarantine.isEmpty)
    #expect(summary.read == 2 && summary.accepted == 2)
    #expect(directory.count == 2)
    #expect(directory.index(of: "A2") == 1)
    let a = accounts[0]
    #expect(a.accountID == "A1")
    #expect(a.arr == 120_000)
    #expect(a.seats == 500)
    #expect(a.contractStart?.description == "2022-01-01")
    #expect(a.outageImpactHours == 9.5)
    #expect(a.offer == .voucher10)
    #expect(a.offerRedeemed == false)
    #expect(a.churned == false)
    #expect(a.churnDate == nil)
    #expect(accounts[1].offer == .serviceCredit)
    #expect(accounts[1].churnDate?.description == "2024-09-15")
    #expect(accounts[1].accountManager == "Jo Smith")
  }

  @Test func brokenTicketFileQuarantinesEachBadRecordWithItsReasonAndLine() throws {
    let directory = AccountDirectory(ids: ["A1", "A2"])
    let (tickets, quarantine, summary) = try readTickets(fixture("ingest-broken-tickets.csv"), known: directory)
    #expect(tickets.map(\.ticketID) == ["T1", "T6"])
    #expect(tickets[1].body == "fine\non two lines")
    #expect(tickets[1].line == 8)
    let seen = quarantine.map { "\($0.line):\($0.reason.rawValue):\($0.recordID ?? "-")" }
    #expect(
      seen == [
        "3:missing_field:T2", "4:unknown_account:T3", "5:invalid_date:T4", "6:duplicate_id:T1", "7:ragged_row:T5",
        "10:unterminated_quote:-",
      ])
    #expect(summary.read == 8)
    #expect(summary.read == summary.accepted + summary.quarantined)
    #expect(summary.quarantinedByReason[.duplicateID] == 1)
    #expect(quarantine[0].detail == "required field 'body' is empty")
    #expect(quarantine[1].detail == "account 'A9' is not in the accounts input")
    #expect(quarantine[2].raw == "T4,A2,19/13/2024,bad date,x")
    #expect(
      quarantine[5].detail
        == "a quote opened on line 10 is not closed before the end of the file, so line 10 is set aside (the file ends after it)"
    )
  }

  @Test func ticketAccountIDsAreInternedFromTheDirectory() throws {
    let directory = AccountDirectory(ids: ["A1", "A2"])
    let (tickets, _, _) = try readTickets(fixture("ingest-broken-tickets.csv"), known: directory)
    #expect(tickets.allSatisfy { directory.contains($0.accountID) })
    #expect(tickets[0].accountID == directory.id(at: 0))
  }

  @Test func accountValuesOutOfRangeOrUnreadableAreQuarantined() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv",
      """
      account_id,arr,seats,outage_impact_hours,churned,renewal_date,offer
      A1,-5,1,1,no,2025-01-01,none
      A2,NaN,1,1,no,2025-01-01,none
      A3,10,1.5,1,no,2025-01-01,none
      A4,10,1,9000,no,2025-01-01,none
      A5,10,1,1,maybe,2025-01-01,none
      A6,10,1,1,no,2025-02-30,none
      A7,10,1,1,no,2025-01-01,free pizza
      A7,10,1,1,no,2025-01-01,none
      ,10,1,1,no,2025-01-01,none
      A8,1e13,1,1,no,2025-01-01,none
      A9,ten,1,1,no,2025-01-01,none

      """)
    let (accounts, quarantine, summary) = try readAccounts(path)
    // NaN is pandas' empty cell: no ARR, not a bad record.
    #expect(accounts.map(\.accountID) == ["A2", "A7"])
    #expect(accounts[0].arr == nil)
    #expect(accounts[1].offer == .other("free pizza"))
    #expect(
      quarantine.map(\.reason) == [
        .outOfRange, .invalidNumber, .outOfRange, .invalidBoolean, .invalidDate, .duplicateID,
        .missingField, .outOfRange, .invalidNumber,
      ])
    #expect(quarantine[0].detail == "arr -5 is outside 0.0–1000000000000.0 (it cannot be negative)")
    #expect(quarantine[1].detail == "seats '1.5' is not a whole number")
    #expect(summary.read == 11 && summary.accepted == 2 && summary.quarantined == 9)
  }

  @Test func surveyScoresAreRangeChecked() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv",
      """
      response_id,account_id,submitted_at,nps,csat,comment
      R1,A1,2024-07-22,10,5,great
      R2,A1,2024-07-22,11,,
      R3,A1,2024-07-22,,0,
      R4,A1,2024-07-22,7.5,,
      R5,A1,,7,,
      R1,A1,2024-07-23,3,,again
      R6,A1,2024-07-22,0,1,

      """)
    let (responses, quarantine, summary) = try readSurveys(path)
    #expect(responses.map(\.responseID) == ["R1", "R6"])
    #expect(responses[1].nps == 0 && responses[1].csat == 1 && responses[1].comment == nil)
    #expect(quarantine.map(\.reason) == [.outOfRange, .outOfRange, .invalidNumber, .missingField, .duplicateID])
    #expect(quarantine[0].detail == "nps 11 is outside 0–10")
    #expect(summary.read == summary.accepted + summary.quarantined)
  }

  @Test func surveysForUnknownAccountsAreQuarantined() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv", "response_id,account_id,submitted_at,nps\nR1,A1,2024-07-22,9\nR2,ZZ,2024-07-22,9\n")
    let (responses, quarantine, _) = try readSurveys(path, known: AccountDirectory(ids: ["A1"]))
    #expect(responses.map(\.responseID) == ["R1"])
    #expect(quarantine.map(\.reason) == [.unknownAccount])
  }

  /// A ticket of an account whose own record was quarantined says so (and where), rather than
  /// calling an account the user can see in the file unknown.
  @Test func ticketsOfAQuarantinedAccountNameItsLine() throws {
    let s = Scratch()
    let accounts = s.write("accounts.csv", "account_id,arr\nA1,100\nA2,-5\nA2,oops\n")
    let directory = AccountDirectory()
    let (kept, rejected, _) = try readAccounts(accounts, into: directory)
    #expect(kept.map(\.accountID) == ["A1"] && rejected.map(\.reason) == [.outOfRange, .invalidNumber])
    let tickets = s.write(
      "tickets.csv", "ticket_id,account_id,created_at,body\nT1,A2,2024-07-22,hi\nT2,A9,2024-07-22,hi\n")
    let (_, quarantine, _) = try readTickets(tickets, known: directory)
    #expect(quarantine.map(\.reason) == [.unknownAccount, .unknownAccount])
    #expect(quarantine[0].detail == "account 'A2' was quarantined in the accounts input (line 3)")
    #expect(quarantine[1].detail == "account 'A9' is not in the accounts input")
  }

  @Test(arguments: blockSizes)
  func jsonLinesTicketsStreamThroughTheSameSchema(block: Int) throws {
    let s = Scratch()
    let path = s.write(
      "tickets.jsonl",
      """
      {"id": 17, "organization_id": "A1", "created_at": "2024-07-19T06:00:00Z", "description": "Down \\u2014 again \\ud83d\\ude21", "via": "email", "priority": null}
      {"id": 18, "organization_id": "A1", "created_at": "2024-07-19", "description": {"html": "<p>x</p>"}}
      {"id": 19, "organization_id": "A1", "created_at": "2024-07-19", "description": ""}
      not json
      {"id": 20, "organization_id": "A1", "created_at": "2024-07-20", "description": "ok", "ticket_id": "T-20"}
      {"id": 21, "organization_id": "A1", "created_at": "2024-07-21", "description": "API export", "via": {"channel": "web", "source": {"from": {}}}, "tags": ["outage", "vip"], "custom_fields": [{"id": 5, "value": null}]}

      """)
    let options = IngestOptions(limits: tinyBlocks(block))
    let (tickets, quarantine, summary) = try readTickets(path, options: options)
    // Nested members no field reads (Zendesk's tags, custom_fields) leave the record alone, an
    // optional field given one (via, the channel) is left empty and counted, and a required
    // field given one (description, the body) quarantines the record.
    #expect(tickets.map(\.ticketID) == ["17", "T-20", "21"])
    #expect(tickets[0].body == "Down — again 😡")
    #expect(tickets[0].channel == "email")
    #expect(tickets[0].priority == nil)
    #expect(quarantine.map(\.reason) == [.nestedValue, .missingField, .malformedJSON])
    #expect(quarantine.map(\.line) == [2, 3, 4])
    #expect(summary.format == .jsonl)
    #expect(summary.read == 6)
    #expect(quarantine[0].detail == "member 'description' (field body) holds an object; the field needs a plain value")
    #expect(quarantine[0].recordID == "18")
    #expect(
      tickets[2].channel == nil && summary.nestedValuesLeftEmpty == ["channel": 1], "via is an object: no channel")
  }

  /// Excel's "Unicode text" is UTF-16 with a byte-order mark: the reader says so and how to
  /// convert, rather than reporting columns of letters and NUL bytes.
  @Test func utf16InputIsRefusedWithHowToConvert() throws {
    let s = Scratch()
    let text = "ticket_id\taccount_id\tcreated_at\tbody\nT1\tA1\t2024-11-01\tcafé\n"
    let path = s.write("export.tsv", bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    #expect(throws: IngestError.notUTF8(file: path, encoding: "UTF-16LE", tabSeparated: true)) {
      _ = try readTickets(path)
    }
    // Excel's "Unicode text" saved as .csv holds tabs: converted, it is named .tsv so it is read with tabs.
    let named = s.write("export.csv", bytes: [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    do {
      _ = try readTickets(named)
      Issue.record("a UTF-16 file should be refused")
    } catch {
      #expect(String(describing: error).contains("iconv -f UTF-16BE -t UTF-8 \(named) > converted.tsv"), "\(error)")
    }
    let comma = s.write(
      "comma.csv", bytes: [0xFF, 0xFE] + "a,b\n1,2\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    #expect(throws: IngestError.notUTF8(file: comma, encoding: "UTF-16LE", tabSeparated: false)) {
      _ = try readTickets(comma)
    }
    #expect(
      IngestError.notUTF8(file: "my export.csv", encoding: "UTF-16LE", tabSeparated: false).description
        .contains("iconv -f UTF-16LE -t UTF-8 'my export.csv' > converted.csv"))
    // A UTF-8 byte-order mark is fine.
    let utf8 = s.write(
      "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,ok\n".utf8))
    #expect(try readTickets(utf8).tickets.count == 1)
  }

  @Test func noHeaderInputUsesTheOrderAftershockWritesOrNumberedOverrides() throws {
    let s = Scratch()
    // `generate` and Data/sample write the subject before the body.
    let plain = s.write("t.csv", "T1,A1,2024-07-19,Outage,The outage was terrible,email\n")
    let (a, _, _) = try readTickets(plain, options: IngestOptions(hasHeader: false))
    #expect(a.map(\.subject) == ["Outage"])
    #expect(a.map(\.body) == ["The outage was terrible"])
    #expect(a.map(\.channel) == ["email"])
    // A row that stops before the body is told where the body is expected and how to move it.
    let short = s.write("short.csv", "T1,A1,2024-07-19,hello\n")
    let (none, quarantined, _) = try readTickets(short, options: IngestOptions(hasHeader: false))
    #expect(none.isEmpty)
    #expect(
      quarantined.map(\.detail) == [
        "required field 'body' is absent: a file without a header row has it in column 5 "
          + "(--map body=N reads it from column N)"
      ])
    // `--map body=4` reads the body from column 4, which then is no subject.
    let (moved, _, _) = try readTickets(short, options: IngestOptions(hasHeader: false, overrides: ["body": "4"]))
    #expect(moved.map(\.body) == ["hello"])
    #expect(moved.map(\.subject) == [nil])
    let shuffled = s.write("u.csv", "hello,2024-07-19,A1,T1\n")
    let overrides = ["ticket_id": "4", "account_id": "3", "created_at": "2", "body": "1"]
    let (b, _, _) = try readTickets(shuffled, options: IngestOptions(hasHeader: false, overrides: overrides))
    #expect(b.map(\.ticketID) == ["T1"])
    #expect(b.map(\.body) == ["hello"])
  }

  /// `--no-header` reads the columns in the order the tool writes them: the bundled sample's header.
  @Test(arguments: RecordKind.allCases)
  func theHeaderlessColumnOrderIsTheBundledSamplesHeader(kind: RecordKind) throws {
    let text = try String(contentsOfFile: repositoryRoot() + "/Data/sample/\(kind.rawValue).csv", encoding: .utf8)
    let header = text.prefix { $0 != "\n" && $0 != "\r" }
    #expect(kind.columnOrder.joined(separator: ",") == String(header))
  }

  @Test func formatIsSniffedFromContentWithoutAnExtension() throws {
    let s = Scratch()
    let json = s.write("export", #"{"ticket_id":"1","account_id":"a","created_at":"2024-01-01","body":"x"}"#)
    let tsv = s.write("export2", "ticket_id\taccount_id\tcreated_at\tbody\n1\ta\t2024-01-01\tx, y\n")
    let (j, _, js) = try readTickets(json)
    let (t, _, ts) = try readTickets(tsv)
    #expect(js.format == .jsonl && j.count == 1)
    #expect(ts.format == .tsv && t.map(\.body) == ["x, y"])
  }

  @Test func sniffingStopsWhenTheBufferIsSmallerThanTheSniffWindow() throws {
    let s = Scratch()
    let path = s.write("export", "ticket_id,account_id,created_at,body\nT1,A1,2024-07-19,hi\n")
    let options = IngestOptions(limits: tinyBlocks(3, maxField: 50, maxRecord: 60))
    let (tickets, _, summary) = try readTickets(path, options: options)
    #expect(tickets.map(\.ticketID) == ["T1"])
    #expect(summary.format == .csv)
  }

  @Test func semicolonSeparatedExportsAreDetected() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv", "ticket_id;account_id;created_at;body\nT1;A1;2024-07-19;\"hello; world, again\"\n")
    let (tickets, quarantine, _) = try readTickets(path)
    #expect(quarantine.isEmpty)
    #expect(tickets.map(\.body) == ["hello; world, again"])
    // An explicit delimiter wins: read with commas, the header is one column and the input is unreadable.
    #expect(throws: IngestError.self) {
      _ = try readTickets(path, options: IngestOptions(delimiter: UInt8(ascii: ",")))
    }
  }

  @Test func emptyInputIsAThrownError() throws {
    let s = Scratch()
    let path = s.write("tickets.csv", "\n\n")
    #expect(throws: IngestError.emptyInput(file: path)) { _ = try readTickets(path) }
  }

  @Test func dashReadsStandardInputWithTheFormatSniffed() throws {
    let s = Scratch()
    let path = s.write("t.csv", "ticket_id,account_id,created_at,body\nT1,A1,2024-07-19,hi\nT2,A1,2024-07-20,yo\n")
    let saved = dup(0)
    let file = open(path, O_RDONLY)
    dup2(file, 0)
    close(file)
    defer {
      dup2(saved, 0)
      close(saved)
    }
    let (tickets, _, summary) = try readTickets("-")
    #expect(tickets.map(\.ticketID) == ["T1", "T2"])
    #expect(summary.file == "-" && summary.format == .csv)
  }

  // MARK: - A stray quote loses only its own line

  @Test func strayQuoteInAnAccountNameLosesOnlyItsOwnLine() throws {
    let (accounts, quarantine, summary) = try readAccounts(fixture("unclosed-quote-accounts.csv"))
    #expect(accounts.map(\.accountID) == ["A1", "A3", "A4", "A5", "A6", "A7", "A8"])
    #expect(accounts.first { $0.accountID == "A7" }?.name == "Two\nLines")
    #expect(quarantine.map { "\($0.line):\($0.reason.rawValue)" } == ["3:unterminated_quote"])
    #expect(summary.read == 8 && summary.accepted == 7 && summary.quarantined == 1)
  }

  @Test func strayQuoteInTheBundledSampleKeepsEveryOtherAccount() throws {
    // The bundled sample with one name given an opening quote it never closes (line 1802).
    var lines = try String(contentsOfFile: repositoryRoot() + "/Data/sample/accounts.csv", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let broken = lines[1801].replacingOccurrences(of: "ACC-001801,", with: "ACC-001801,\"")
    #expect(broken != lines[1801])
    lines[1801] = broken
    let s = Scratch()
    let (accounts, quarantine, summary) = try readAccounts(s.write("accounts.csv", lines.joined(separator: "\n")))
    #expect(summary.read == 2000 && summary.accepted == 1999 && summary.quarantined == 1)
    #expect(accounts.count == 1999 && !accounts.contains { $0.accountID == "ACC-001801" })
    #expect(accounts.contains { $0.accountID == "ACC-001802" } && accounts.contains { $0.accountID == "ACC-001828" })
    #expect(quarantine.map(\.line) == [1802])
    #expect(quarantine.first?.reason == .unterminatedQuote)
    #expect(quarantine.first?.detail.hasPrefix("a quote opened on line 1802 is not closed on that line") == true)
  }

  @Test func quarantinedMultiLineRecordNamesTheLinesItSpans() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv", "ticket_id,account_id,created_at,body\nT1,A9,2024-07-19,\"two\nlines\"\nT2,A1,2024-07-19,ok\n")
    let (tickets, quarantine, summary) = try readTickets(path, known: AccountDirectory(ids: ["A1"]))
    #expect(tickets.map(\.ticketID) == ["T2"])
    #expect(quarantine.map(\.line) == [2])
    #expect(quarantine.first?.detail == "account 'A9' is not in the accounts input (the record spans lines 2–3)")
    #expect(summary.read == 2)
  }

  // MARK: - Dates: one supported range

  @Test func datesOutsideTheSupportedRangeAreQuarantinedAsOutOfRange() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv",
      """
      ticket_id,account_id,created_at,body
      T1,A1,9999-12-31,max date
      T2,A1,2199-12-31,last supported day
      T3,A1,1722470400000,epoch milliseconds
      T4,A1,0001-01-01,year one
      T5,A1,1970-01-01T23:00:00-02:00,its UTC day is 1970-01-02
      T6,A1,9999999999,Unix seconds past 2199
      T7,A1,2024-02-30,not a day
      T8,A1,1970-01-02,first plausible day

      """)
    let (tickets, quarantine, summary) = try readTickets(path)
    #expect(tickets.map(\.ticketID) == ["T2", "T3", "T5", "T8"])
    #expect(tickets.map(\.createdAt.day.description) == ["2199-12-31", "2024-08-01", "1970-01-02", "1970-01-02"])
    #expect(
      quarantine.map { "\($0.line):\($0.recordID ?? "-"):\($0.reason.rawValue)" } == [
        "2:T1:out_of_range", "5:T4:out_of_range", "7:T6:out_of_range", "8:T7:invalid_date",
      ])
    #expect(
      quarantine[0].detail == "created_at 9999-12-31 is a date outside the supported range 1900-01-01...2199-12-31")
    #expect(
      quarantine[1].detail.hasPrefix(
        "created_at 0001-01-01 is on or before 1970-01-01, a placeholder for an unknown date"))
    #expect(
      quarantine[2].detail
        == "created_at '9999999999' (2286-11-20) is a date outside the supported range 1900-01-01...2199-12-31")
    #expect(
      quarantine[3].detail
        == "created_at '2024-02-30' is not a date (expected YYYY-MM-DD, optionally with a time such as THH:MM[:SS] or 10:22 AM and Z or ±HH:MM; DD.MM.YYYY; MM/DD/YYYY or DD/MM/YYYY; a month name as in 13 Nov 2024 or Nov 13, 2024; or Unix time as 10 digits of seconds or 13 of milliseconds)"
    )
    #expect(summary.read == 8 && summary.read == summary.accepted + summary.quarantined)
  }

  /// 1900-01-01 (Excel's "unknown"), 1899-12-30 and Unix time 0 are placeholders, not dates: a
  /// contract_start of 1900 made a customer of 125 years at full risk. Quarantined as out_of_range,
  /// in every date field, saying why and what to do.
  @Test func placeholderDatesOnOrBefore1970AreOutOfRange() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv",
      """
      account_id,contract_start,renewal_date,churn_date
      A1,1900-01-01,2025-01-28,
      A2,2023-01-28,1899-12-30,
      A3,1970-01-01,2025-01-28,
      A4,1969-03-15,2025-01-28,
      A5,1970-01-02,2025-01-28,
      A6,2023-01-28,2025-01-28,1904-01-01

      """)
    let (accounts, quarantine, summary) = try readAccounts(path)
    #expect(accounts.map(\.accountID) == ["A5"])
    #expect(quarantine.map(\.reason) == Array(repeating: .outOfRange, count: 5))
    #expect(
      quarantine[0].detail
        == "contract_start 1900-01-01 is on or before 1970-01-01, a placeholder for an unknown date (Excel writes "
        + "1900-01-01 or 1899-12-30, Unix time 0 is 1970-01-01), not a real one: leave it blank when the date is unknown"
    )
    #expect(quarantine[1].detail.hasPrefix("renewal_date 1899-12-30 is on or before 1970-01-01, a placeholder"))
    #expect(quarantine[4].detail.hasPrefix("churn_date 1904-01-01 is on or before 1970-01-01"))
    #expect(summary.read == 6 && summary.read == summary.accepted + summary.quarantined)

    let tickets = s.write(
      "tickets.csv", "ticket_id,account_id,created_at,body\nT1,A1,1970-01-01T00:00:00Z,hello\nT2,A1,2024-08-01,hi\n")
    let (read, ticketQuarantine, _) = try readTickets(tickets)
    #expect(read.map(\.ticketID) == ["T2"])
    #expect(
      ticketQuarantine.map(\.detail) == [
        "created_at '1970-01-01T00:00:00Z' (1970-01-01) is on or before 1970-01-01, a placeholder for an unknown date (Excel "
          + "writes 1900-01-01 or 1899-12-30, Unix time 0 is 1970-01-01), not a real one: export the real date"
      ])
  }

  @Test func accountDatesOutsideTheSupportedRangeAreOutOfRange() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv", "account_id,renewal_date,churn_date\nA1,9999-12-31,\nA2,2025-01-01,1850-06-01\nA3,2025-01-01,\n")
    let (accounts, quarantine, _) = try readAccounts(path)
    #expect(accounts.map(\.accountID) == ["A3"])
    #expect(quarantine.map(\.reason) == [.outOfRange, .outOfRange])
    #expect(
      quarantine.map(\.detail) == [
        "renewal_date 9999-12-31 is a date outside the supported range 1900-01-01...2199-12-31",
        "churn_date 1850-06-01 is on or before 1970-01-01, a placeholder for an unknown date (Excel writes 1900-01-01 or "
          + "1899-12-30, Unix time 0 is 1970-01-01), not a real one: leave it blank when the date is unknown",
      ])
  }
}

/// A JSON boolean where text is read is no text: quarantined as `not_text`, never scored as the
/// word ("true" reads as positive). Numbers stay text, null stays absent.
extension IngestTests {
  @Test func aBooleanInATextFieldIsQuarantinedAsNotText() throws {
    let s = Scratch()
    let tickets = s.write(
      "tickets.jsonl",
      """
      {"ticket_id": "T1", "account_id": "A1", "created_at": "2024-07-19", "body": true}
      {"ticket_id": "T2", "account_id": "A1", "created_at": "2024-07-19", "body": "fine", "subject": false}
      {"ticket_id": "T3", "account_id": "A1", "created_at": "2024-07-19", "body": 12345}
      {"ticket_id": "T4", "account_id": "A1", "created_at": "2024-07-19", "body": null}
      {"ticket_id": "T5", "account_id": "A1", "created_at": "2024-07-19", "body": "ok", "status": true}

      """)
    let (accepted, quarantine, summary) = try readTickets(tickets)
    #expect(accepted.map(\.ticketID) == ["T3", "T5"], "a number stays text; a boolean in another field is its value")
    #expect(accepted.first?.body == "12345")
    #expect(quarantine.map(\.reason) == [.notText, .notText, .missingField])
    #expect(quarantine.map(\.line) == [1, 2, 4])
    #expect(quarantine.map(\.recordID) == ["T1", "T2", "T4"])
    #expect(
      quarantine[0].detail
        == "member 'body' (field body) holds the JSON boolean true, not text; give the text as a JSON string")
    #expect(quarantine[1].detail.hasPrefix("member 'subject' (field subject) holds the JSON boolean false"))
    #expect(summary.quarantinedByReason[.notText] == 2)

    let surveys = s.write(
      "surveys.jsonl",
      """
      {"response_id": "R1", "account_id": "A1", "submitted_at": "2024-07-20", "nps": 3, "comment": true}
      {"response_id": "R2", "account_id": "A1", "submitted_at": "2024-07-20", "nps": 9, "comment": "great"}

      """)
    let (responses, surveyQuarantine, _) = try readSurveys(surveys)
    #expect(responses.map(\.responseID) == ["R2"])
    #expect(surveyQuarantine.map(\.reason) == [.notText])
    #expect(QuarantineReason.notText.rawValue == "not_text")
  }

  /// A required member given `null` is present: the quarantine says it is null, not absent (and
  /// an absent or empty one is still called so, on the records after it too).
  @Test func aRequiredFieldGivenNullIsCalledNullNotAbsent() throws {
    let s = Scratch()
    let tickets = s.write(
      "tickets.jsonl",
      """
      {"ticket_id": "T1", "account_id": "A1", "created_at": "2024-07-19", "body": null}
      {"ticket_id": "T2", "account_id": "A1", "created_at": "2024-07-19"}
      {"ticket_id": "T3", "account_id": "A1", "created_at": "2024-07-19", "body": ""}
      {"ticket_id": "T4", "account_id": "A1", "created_at": null, "body": "down"}
      {"ticket_id": "T5", "account_id": "A1", "created_at": "2024-07-19", "body": null, "description": "down"}

      """)
    let (accepted, quarantine, _) = try readTickets(tickets)
    #expect(accepted.map(\.ticketID) == ["T5"], "another key giving the field a value is read")
    #expect(quarantine.map(\.reason) == [.missingField, .missingField, .missingField, .missingField])
    #expect(
      quarantine.map(\.detail) == [
        "required field 'body' is null", "required field 'body' is absent", "required field 'body' is empty",
        "required field 'created_at' is null",
      ])
  }
}

/// An input read in the wrong format is refused whole, both ways round, naming the format to give.
extension IngestTests {
  @Test func delimitedTextReadAsJSONLinesIsRefusedNamingTheRightFormat() throws {
    let s = Scratch()
    let csv = s.write("t.csv", "ticket_id,account_id,created_at,body\nT1,A1,2024-07-19,fine\n")
    #expect(throws: IngestError.formatMismatch(file: csv, readAs: .jsonl, looksLike: .csv)) {
      try readTickets(csv, options: IngestOptions(format: .jsonl))
    }
    #expect(
      IngestError.formatMismatch(file: "t.csv", readAs: .jsonl, looksLike: .csv).description
        == "t.csv looks like CSV but was read as JSON Lines; give --format csv")
    #expect(
      IngestError.formatMismatch(file: "t.jsonl", readAs: .csv, looksLike: .jsonl).description
        == "t.jsonl looks like JSON Lines but was read as CSV; give --format jsonl")
    let tsv = s.write("t.jsonl", "ticket_id\taccount_id\tcreated_at\tbody\nT1\tA1\t2024-07-19\tfine\n")
    #expect(throws: IngestError.formatMismatch(file: tsv, readAs: .jsonl, looksLike: .tsv)) { try readTickets(tsv) }
    // JSON Lines after blank lines or a byte-order mark, or whose first object is broken, is
    // still read line by line (the broken line quarantined).
    let padded = s.write(
      "padded.jsonl",
      bytes: [0xEF, 0xBB, 0xBF]
        + Array(
          "\n  \n{\"ticket_id\": \"T1\", \"account_id\": \"A1\", \"created_at\": \"2024-07-19\", \"body\": \"ok\"}\n"
            .utf8))
    #expect(try readTickets(padded).tickets.count == 1)
    let broken = s.write(
      "broken.jsonl",
      "{\"ticket_id\": \"T0\", \"body\n{\"ticket_id\": \"T1\", \"account_id\": \"A1\", \"created_at\": \"2024-07-19\", \"body\": \"ok\"}\n"
    )
    let read = try readTickets(broken)
    #expect(read.tickets.count == 1 && read.quarantine.map(\.reason) == [.malformedJSON])
  }
}
