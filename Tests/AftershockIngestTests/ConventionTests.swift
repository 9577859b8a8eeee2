import Foundation
import Testing

@testable import AftershockIngest

/// The file's conventions decide how a value is read, never the value itself: the decimal mark is
/// one per file (`--decimal-mark` to change it), a two-digit year needs `--date-order`, and a survey
/// score range or an Excel-mangled date is no label.
@Suite struct ConventionTests {
  func accounts(_ text: String, name: String = "accounts.csv", options: IngestOptions = IngestOptions()) throws
    -> (accounts: [String: Account], quarantine: [String: QuarantineEntry])
  {
    let s = Scratch()
    let (list, quarantine, _) = try readAccounts(s.write(name, text), options: options)
    return (
      Dictionary(uniqueKeysWithValues: list.map { ($0.accountID, $0) }),
      Dictionary(uniqueKeysWithValues: quarantine.map { ($0.recordID ?? "", $0) })
    )
  }

  func options(decimalMark: DecimalMark? = nil, dateOrder: DateOrder? = nil) -> IngestOptions {
    var o = IngestOptions()
    o.decimalMark = decimalMark
    o.dateOrder = dateOrder
    return o
  }

  // MARK: - H2: one decimal mark per file

  @Test func aSemicolonFileWithDotDecimalsIsQuarantinedNeverMultipliedByAThousand() throws {
    // pandas to_csv(sep=';') writes '.' decimals: 24.500 must not become 24500 beside 3.25.
    let csv = "account_id;arr;outage_impact_hours\nA1;3.25;2.5\nA2;24.500;1.500\nA3;1200.75;0.125\nA4;24500;2\n"
    let (a, q) = try accounts(csv)
    #expect(a.keys.sorted() == ["A2", "A4"])
    #expect(a["A2"]?.arr == 24500 && a["A2"]?.outageImpactHours == 1500, "the file's convention: '.' groups")
    #expect(q["A1"]?.reason == .invalidNumber && q["A3"]?.reason == .invalidNumber)
    #expect(
      q["A1"]?.detail
        == "arr '3.25' does not fit how numbers are written here: this ;-separated file is read with ',' for decimals "
        + "and '.' only between groups of three digits (1.234,56); if its numbers use '.' for decimals, give --decimal-mark ."
    )

    // Told the file writes '.' decimals, every value is read that way.
    let (b, bq) = try accounts(csv, options: options(decimalMark: .point))
    #expect(bq.isEmpty, "\(bq.values.map(\.detail))")
    #expect(b["A1"]?.arr == 3.25 && b["A2"]?.arr == 24.5 && b["A2"]?.outageImpactHours == 1.5)
    #expect(b["A3"]?.arr == 1200.75 && b["A3"]?.outageImpactHours == 0.125 && b["A4"]?.arr == 24500)
  }

  @Test func aCommaOrTabFileWithDecimalCommasIsQuarantinedAndReadWithTheOption() throws {
    for (name, sep) in [("accounts.csv", ","), ("accounts.tsv", "\t")] {
      let csv =
        [
          ["account_id", "arr", "outage_impact_hours"], ["A1", "\"12,000\"", "\"1,5\""], ["A2", "\"1,500.50\"", "0.5"],
          ["A3", "\"24500,00\"", "\"40,1\""], ["A4", "\"1.234,56\"", "1"],
        ].map { $0.map { sep == "\t" ? $0.replacingOccurrences(of: "\"", with: "") : $0 }.joined(separator: sep) }
        .joined(separator: "\n") + "\n"
      let (a, q) = try accounts(csv, name: name)
      #expect(a.keys.sorted() == ["A2"], "\(name)")
      #expect(a["A2"]?.arr == 1500.5)
      let file = sep == "\t" ? "tab" : ","
      #expect(
        q["A1"]?.detail
          == "outage_impact_hours '1,5' does not fit how numbers are written here: this \(file)-separated file is read "
          + "with '.' for decimals and ',' only between groups of three digits (1,234.56); if its numbers use ',' for "
          + "decimals, give --decimal-mark ,", "\(name)")
      #expect(q["A3"]?.detail.contains("'24500,00' does not fit") == true && q["A4"]?.reason == .invalidNumber)

      let (b, bq) = try accounts(csv, name: name, options: options(decimalMark: .comma))
      #expect(b["A1"]?.arr == 12 && b["A1"]?.outageImpactHours == 1.5, "12,000 is twelve with a decimal comma")
      #expect(b["A3"]?.arr == 24500 && b["A3"]?.outageImpactHours == 40.1 && b["A4"]?.arr == 1234.56)
      #expect(bq.keys.sorted() == ["A2"])
      #expect(bq["A2"]?.detail.contains("is read with --decimal-mark ,") == true, "\(bq["A2"]?.detail ?? "")")
      #expect(bq["A2"]?.detail.contains("give --decimal-mark .") == true)
    }
  }

  @Test func plainNumbersInACommaFileAreReadAsBefore() throws {
    let (a, q) = try accounts(
      """
      account_id,arr,outage_impact_hours
      A1,-12,3.25
      A2,1e3,.5
      A3,"$12,000.00",5.
      A4,"1,234,567",1.5E+3
      A5,"USD 12,000",0
      A6,"1,2,3",0
      """)
    #expect(a["A2"]?.arr == 1000 && a["A2"]?.outageImpactHours == 0.5)
    #expect(a["A3"]?.arr == 12000 && a["A3"]?.outageImpactHours == 5)
    #expect(a["A4"]?.arr == 1_234_567 && a["A4"]?.outageImpactHours == 1500)
    #expect(a["A5"]?.arr == 12000)
    #expect(a["A1"] == nil && q["A1"]?.reason == .outOfRange, "ARR cannot be negative")
    #expect(q["A6"]?.detail.hasPrefix("arr '1,2,3' is not a number: this ,-separated file is read with '.'") == true)
    #expect(q["A6"]?.detail.contains("--decimal-mark") == false, "no convention reads 1,2,3")
  }

  @Test func jsonLinesUseTheDecimalPointWhateverTheOption() throws {
    let jsonl = """
      {"account_id":"A1","arr":"1,500","outage_impact_hours":2.5}
      {"account_id":"A2","arr":"1,5","outage_impact_hours":1}

      """
    let (a, q) = try accounts(jsonl, name: "accounts.jsonl", options: options(decimalMark: .comma))
    #expect(a["A1"]?.arr == 1500 && a["A1"]?.outageImpactHours == 2.5)
    #expect(q["A2"]?.reason == .invalidNumber)
    #expect(
      q["A2"]?.detail.contains("this JSON Lines file is read with '.' for decimals") == true, "\(q["A2"]?.detail ?? "")"
    )
  }

  // MARK: - H3: two-digit years

  @Test func aNumericDateWithATwoDigitYearNeedsTheDateOrder() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv",
      """
      ticket_id,account_id,created_at,body
      T1,A1,24-11-01,yy-mm-dd
      T2,A1,24/11/13,yy/mm/dd
      T3,A1,31/12/99,1999
      T4,A1,13.11.24,dotted
      T5,A1,11/13/24,us
      T6,A1,04/Nov/24 6:01 AM,jira
      T7,A1,04/Nov/98,jira 1998
      T8,A1,13-11-2024,dash day first
      T9,A1,05-06-2024,dash open

      """)
    let (tickets, q, _) = try readTickets(path)
    let read = Dictionary(uniqueKeysWithValues: tickets.map { ($0.ticketID, $0.createdAt.description) })
    #expect(read == ["T6": "2024-11-04T06:01:00Z", "T7": "1998-11-04T00:00:00Z", "T8": "2024-11-13T00:00:00Z"])
    let refused = Dictionary(uniqueKeysWithValues: q.map { ($0.recordID ?? "", $0) })
    #expect(refused.keys.sorted() == ["T1", "T2", "T3", "T4", "T5", "T9"])
    #expect(q.allSatisfy { $0.reason == .invalidDate })
    for id in ["T1", "T2", "T3", "T4", "T5"] {
      #expect(refused[id]?.detail.contains("has a two-digit year") == true, "\(id)")
      #expect(refused[id]?.detail.contains("--date-order mdy or --date-order dmy") == true, "\(id)")
    }
    #expect(refused["T9"]?.detail.contains("is ambiguous") == true, "a dash date follows the slash rules")

    let (dmy, dq, _) = try readTickets(path, options: options(dateOrder: .dmy))
    let byDay = Dictionary(uniqueKeysWithValues: dmy.map { ($0.ticketID, $0.createdAt.day.description) })
    #expect(byDay["T1"] == "2001-11-24", "read in the order given")
    #expect(byDay["T3"] == "1999-12-31", "99 is 1999 (POSIX pivot), not 2099")
    #expect(byDay["T4"] == "2024-11-13" && byDay["T9"] == "2024-06-05")
    #expect(byDay["T2"] == "2013-11-24")
    #expect(dq.map { $0.recordID ?? "" } == ["T5"], "11/13/24 is no day/month/year date")

    let (mdy, _, _) = try readTickets(path, options: options(dateOrder: .mdy))
    let mdyDay = Dictionary(uniqueKeysWithValues: mdy.map { ($0.ticketID, $0.createdAt.day.description) })
    #expect(mdyDay["T5"] == "2024-11-13" && mdyDay["T9"] == "2024-05-06")
  }

  @Test func twoDigitYearsPivotAtSixtyNine() throws {
    let csv = "account_id,contract_start\nA1,15/03/98\nA2,15/03/68\nA3,15/03/69\nA4,15/Mar/00\n"
    let (a, q) = try accounts(csv, options: options(dateOrder: .dmy))
    #expect(a["A1"]?.contractStart?.description == "1998-03-15")
    #expect(a["A2"]?.contractStart?.description == "2068-03-15")
    // 69 is 1969, a day before any a record may hold (a placeholder): quarantined, saying the day it read.
    #expect(q["A3"]?.detail.hasPrefix("contract_start '15/03/69' (1969-03-15) is on or before 1970-01-01") == true)
    #expect(a["A4"]?.contractStart?.description == "2000-03-15")
  }

  // MARK: - L2: RFC 2822 weekday

  @Test func aWrongWeekdayIsSaidToBeWrong() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv",
      "ticket_id,account_id,created_at,body\nT1,A1,\"Fri, 01 Nov 2024 10:00:00 +0000\",ok\nT2,A1,\"Mon, 01 Nov 2024 10:00:00 +0000\",x\n"
    )
    let (tickets, q, _) = try readTickets(path)
    #expect(tickets.map(\.ticketID) == ["T1"])
    #expect(
      q.first?.detail
        == "created_at 'Mon, 01 Nov 2024 10:00:00 +0000' says Monday but 2024-11-01 is a Friday: the weekday does not match the date"
    )
  }

  // MARK: - H4: survey labels

  @Test func scoreRangesAndExcelDatesAreNoLabels() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv",
      """
      response_id,account_id,submitted_at,nps,csat
      R1,A1,2024-11-01,10 - Extremely likely,5 - Very satisfied
      R2,A1,2024-11-01,4-5,
      R3,A1,2024-11-01,9-10,
      R4,A1,2024-11-01,0-6,
      R5,A1,2024-11-01,,3 - 4
      R6,A1,2024-11-01,5-Nov,
      R7,A1,2024-11-01,,4-Apr
      R8,A1,2024-11-01,7 - May recommend,4 - Satisfied
      R9,A1,2024-11-01,8: good,
      R10,A1,2024-11-01,3-September,
      R11,A1,2024-11-01,"1,0",

      """)
    let (responses, q, _) = try readSurveys(path)
    #expect(responses.map { "\($0.responseID):\($0.nps ?? -1):\($0.csat ?? -1)" } == ["R1:10:5", "R8:7:4", "R9:8:-1"])
    #expect(q.map { $0.recordID ?? "" } == ["R2", "R3", "R4", "R5", "R6", "R7", "R10", "R11"])
    #expect(q.allSatisfy { $0.reason == .invalidNumber })
    #expect(q.dropLast().allSatisfy { $0.detail.contains("'Use numeric values'") }, "\(q.map(\.detail))")
    #expect(q.last?.detail.contains("give --decimal-mark ,") == true, "a decimal comma is a number, not a label")
  }
}
