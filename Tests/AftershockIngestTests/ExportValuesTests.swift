import Foundation
import Testing

@testable import AftershockIngest

/// Values as real exports write them (spreadsheets in several locales, Salesforce, Qualtrics, Jira,
/// pandas): read right, or quarantined with what was expected, never misread.
@Suite struct ExportValuesTests {
  func accounts(_ csv: String, options: IngestOptions = IngestOptions()) throws
    -> (accounts: [String: Account], quarantine: [QuarantineEntry], summary: InputSummary)
  {
    let s = Scratch()
    let (list, quarantine, summary) = try readAccounts(s.write("accounts.csv", csv), options: options)
    return (Dictionary(uniqueKeysWithValues: list.map { ($0.accountID, $0) }), quarantine, summary)
  }

  // MARK: - H3: decimal comma and grouping

  @Test func commaFileGroupsThousandsOnlyInGroupsOfThreeAndQuarantinesADecimalComma() throws {
    let (a, q, _) = try accounts(
      """
      account_id,arr,outage_impact_hours
      A1,"24500,00","40,1"
      A2,"12,000","4,5"
      A3,"1,234,567.89",12.5
      A4,"12,00",0
      A5,"1,2,3",1
      A6,"1,234",1
      A7,"1.234,56",1
      A8,"12,0000",1
      """)
    // One decimal mark per file (ConventionTests): a decimal comma is never read in a `,` file, so
    // 24500,00 is neither 2,450,000 nor, beside 12,000 in the same column, 24500.
    #expect(a.keys.sorted() == ["A3", "A6"])
    #expect(a["A3"]?.arr == 1_234_567.89 && a["A3"]?.outageImpactHours == 12.5)
    #expect(a["A6"]?.arr == 1234)
    #expect(q.map(\.recordID) == ["A1", "A2", "A4", "A5", "A7", "A8"])
    #expect(q.allSatisfy { $0.reason == .invalidNumber })
    #expect(q.allSatisfy { $0.detail.contains("',' only between groups of three digits") }, "\(q.map(\.detail))")
  }

  @Test func semicolonFileReadsCommaAsTheDecimalMarkAndDotAsGrouping() throws {
    let (a, q, _) = try accounts(
      """
      account_id;arr;outage_impact_hours;seats
      A1;24500,00;40,1;25
      A2;24.500;27;1.500
      A3;1.234,56;4,5;12
      A4;12.000,00;0;12
      A5;1.2.3;1;1
      A6;24.5;1;1
      """)
    #expect(a["A1"]?.arr == 24500 && a["A1"]?.outageImpactHours == 40.1)
    #expect(a["A2"]?.arr == 24500 && a["A2"]?.outageImpactHours == 27 && a["A2"]?.seats == 1500, "24.500 is not 24.5")
    #expect(a["A3"]?.arr == 1234.56 && a["A3"]?.outageImpactHours == 4.5)
    #expect(a["A4"]?.arr == 12000)
    #expect(q.map(\.recordID) == ["A5", "A6"], "a dot that cannot group is not read as a decimal point either")
    #expect(
      q.first?.detail.contains("this ;-separated file is read with ',' for decimals") == true,
      "\(q.first?.detail ?? "")")
    #expect(q.last?.detail.contains("give --decimal-mark .") == true)
  }

  // MARK: - M1: no-value markers, currencies, accounting negatives, pandas booleans

  @Test func noValueMarkersLeaveOptionalFieldsEmptyButARequiredOneIsMissing() throws {
    let markers = ["N/A", "n/a", "NA", "#N/A", "NULL", "null", "None", "-", "--", "NaN", "NaT", "(blank)"]
    var csv = "account_id,arr,contract_start,churned,seats\n"
    for (i, marker) in markers.enumerated() { csv += "A\(i),\(marker),\(marker),\(marker),\(marker)\n" }
    let (a, q, summary) = try accounts(csv)
    #expect(q.isEmpty, "\(q.map(\.detail))")
    #expect(summary.accepted == markers.count)
    #expect(a.values.allSatisfy { $0.arr == nil && $0.contractStart == nil && $0.churned == nil && $0.seats == nil })

    let s = Scratch()
    // Only typed fields read the markers: an id or a text is taken as written (`NA` may be a code).
    let tickets = s.write(
      "tickets.csv", "ticket_id,account_id,created_at,body\nT1,A1,NaT,hello\nT2,N/A,2024-01-01,hi\n")
    let (_, tq, _) = try readTickets(tickets)
    #expect(tq.map(\.reason) == [.missingField])
    #expect(tq.first?.detail == "required field 'created_at' holds 'NaT', a marker for no value")
  }

  @Test func currenciesOnEitherSideAndPandasBooleansAreRead() throws {
    let (a, q, _) = try accounts(
      """
      account_id,arr,churned
      A1,"€12,000",1.0
      A2,12000 USD,0.0
      A3,"USD 12,000.00",WAHR
      A4,"  $ 12,000 ",FALSCH
      A5,£5,true
      A6,12000€,false
      A7,"(1,200.00)",false
      A8,12k,false
      """)
    for id in ["A1", "A2", "A3", "A4", "A6"] { #expect(a[id]?.arr == 12000, "\(id)") }
    #expect(a["A5"]?.arr == 5)
    #expect(
      a["A1"]?.churned == true && a["A2"]?.churned == false && a["A3"]?.churned == true && a["A4"]?.churned == false)
    let byID = Dictionary(uniqueKeysWithValues: q.map { ($0.recordID ?? "", $0) })
    #expect(byID["A7"]?.reason == .outOfRange, "ARR cannot be negative")
    #expect(byID["A7"]?.detail.contains("cannot be negative") == true)
    #expect(byID["A8"]?.reason == .invalidNumber)
    #expect(byID["A8"]?.detail.contains("abbreviation") == true)
  }

  // MARK: - H7: Qualtrics choice text

  @Test func qualtricsChoiceTextScoresAreReadAndAnUnknownLabelAsksForNumericValues() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv",
      """
      response_id,account_id,submitted_at,nps,csat,comment
      R1,A1,2024-11-06,10 - Extremely likely,Very satisfied,great
      R2,A1,2024-11-06,0 - Not at all likely,Extremely dissatisfied,bad
      R3,A1,2024-11-06,7,Somewhat satisfied,ok
      R4,A1,2024-11-06,8,Neither satisfied nor dissatisfied,meh
      R5,A1,2024-11-06,9,dissatisfied,hmm
      R6,A1,2024-11-06,5,4 - Satisfied,fine
      R7,A1,2024-11-06,Extremely likely,5,lost
      R8,A1,2024-11-06,3,Kind of happy,lost
      R9,A1,2024-11-06,3,1 - Very satisfied,reversed
      """)
    let (responses, q, _) = try readSurveys(path)
    let scores = responses.map { "\($0.responseID):\($0.nps ?? -1):\($0.csat ?? -1)" }
    #expect(scores == ["R1:10:5", "R2:0:1", "R3:7:4", "R4:8:3", "R5:9:2", "R6:5:4"])
    #expect(q.map(\.recordID) == ["R7", "R8", "R9"])
    #expect(
      q.allSatisfy { $0.reason == .invalidNumber && $0.detail.contains("'Use numeric values'") }, "\(q.map(\.detail))")
  }

  // MARK: - H4: dates

  func time(_ text: String, order: DateOrder? = nil) -> String {
    var copy = text
    let result = copy.withUTF8 { FieldParser.date(UnsafeRawBufferPointer($0), order: order) }
    switch result {
    case .value(let t): return t.description
    case .outsideSupportedRange(let t): return "outside \(t)"
    case .ambiguousDayMonth(let m, let d): return "ambiguous \(m)|\(d)"
    case .notInDateOrder(let o): return "not \(o.rawValue)"
    case .twoDigitYear: return "two-digit year"
    case .wrongWeekday: return "wrong weekday"
    case .notADate: return "no"
    }
  }

  @Test func theDateShapesExportsWriteAreReadExactly() {
    let cases: [(String, String)] = [
      ("13.11.2024", "2024-11-13T00:00:00Z"),
      ("05.06.2024 10:22", "2024-06-05T10:22:00Z"),
      ("2024/11/13 10:22:33", "2024-11-13T10:22:33Z"),
      ("2024-1-3", "2024-01-03T00:00:00Z"),
      ("2024-1-3 10:22", "2024-01-03T10:22:00Z"),
      ("2024-11-13 10:22 AM", "2024-11-13T10:22:00Z"),
      ("2024-11-13 12:05 AM", "2024-11-13T00:05:00Z"),
      ("2024-11-13 12:05 PM", "2024-11-13T12:05:00Z"),
      ("2024-11-13 1:05:09 pm", "2024-11-13T13:05:09Z"),
      ("11/13/2024 10:22 AM", "2024-11-13T10:22:00Z"),
      ("3/13/2022", "2022-03-13T00:00:00Z"),
      ("13/11/2024", "2024-11-13T00:00:00Z"),
      ("13/11/2024 22:05", "2024-11-13T22:05:00Z"),
      ("5/5/2024", "2024-05-05T00:00:00Z"),
      ("13 Nov 2024", "2024-11-13T00:00:00Z"),
      ("Nov 13, 2024", "2024-11-13T00:00:00Z"),
      ("Nov 13, 2024 10:22 PM", "2024-11-13T22:22:00Z"),
      ("November 13, 2024", "2024-11-13T00:00:00Z"),
      ("13-Nov-2024", "2024-11-13T00:00:00Z"),
      ("04/Nov/24 6:01 AM", "2024-11-04T06:01:00Z"),
      ("13/Nov/24 10:22 PM", "2024-11-13T22:22:00Z"),
      ("Wed, 13 Nov 2024 10:22:33 +0000", "2024-11-13T10:22:33Z"),
      ("Wed, 13 Nov 2024 10:22:33 -0800", "2024-11-13T18:22:33Z"),
      ("13 Nov 2024 10:22:33 GMT", "2024-11-13T10:22:33Z"),
      ("1731493353.123", "2024-11-13T10:22:33Z"),
      ("1731493353123.5", "2024-11-13T10:22:33Z"),
      // ISO stays as it was.
      ("2024-11-13T10:22:33+01:00", "2024-11-13T09:22:33Z"),
      ("1731493353", "2024-11-13T10:22:33Z"),
    ]
    for (text, expected) in cases { #expect(time(text) == expected, "\(text)") }
  }

  @Test func unreadableOrWrongDatesAreStillRefused() {
    for bad in [
      "2024-11-13 10:22:33 PST", "2024-11-13 America/Denver", "20241113", "45609.43", "13/13/2024", "31.02.2024",
      "2024-11-13 13:05 PM", "2024-11-13 0:05 AM", "Nov 2024", "13 Foo 2024", "13.11.202",
      "1/2/3", "2024-1-3X", "0999999999.5", "11/13/2024 10:22 AMX",
    ] {
      #expect(time(bad) == "no", "\(bad)")
    }
  }

  @Test func aNumericDateOpenToBothReadingsNeedsTheDateOrder() throws {
    #expect(time("05/06/2024 10:22") == "ambiguous 2024-05-06|2024-06-05")
    #expect(time("05/06/2024", order: .mdy) == "2024-05-06T00:00:00Z")
    #expect(time("05/06/2024", order: .dmy) == "2024-06-05T00:00:00Z")
    #expect(time("13/11/2024", order: .mdy) == "not mdy", "a value that contradicts the order given is refused")
    #expect(time("11/13/2024", order: .dmy) == "not dmy")
    #expect(time("13.11.2024", order: .mdy) == "2024-11-13T00:00:00Z", "dotted dates are day first always")

    let csv = "account_id,contract_start\nA1,3/13/2022\nA2,3/4/2022\n"
    let (a, q, _) = try accounts(csv)
    #expect(a["A1"]?.contractStart?.description == "2022-03-13")
    #expect(q.map(\.recordID) == ["A2"] && q.first?.reason == .invalidDate)
    #expect(
      q.first?.detail
        == "contract_start '3/4/2022' is ambiguous: 2022-03-04 if month/day/year, 2022-04-03 if day/month/year; say which with --date-order mdy or --date-order dmy"
    )
    var options = IngestOptions()
    options.dateOrder = .dmy
    let (b, bq, _) = try accounts(csv, options: options)
    #expect(b["A2"]?.contractStart?.description == "2022-04-03")
    #expect(bq.map(\.recordID) == ["A1"] && bq.first?.detail.contains("--date-order mdy") == true)
  }

  // MARK: - M9: Excel artefacts

  @Test func emptyRowsAreSkippedAndCountedNotQuarantined() throws {
    let (a, q, summary) = try accounts("account_id,name,arr,,\r\nA1,Acme,100,,\r\n,,,,\r\n\r\nA2,Bor,200,,\r\n,,,,\r\n")
    #expect(q.isEmpty)
    #expect(a.keys.sorted() == ["A1", "A2"])
    #expect(summary.read == 2 && summary.emptyRowsSkipped == 3)
  }

  @Test func excelSepLineSetsTheDelimiter() throws {
    let (a, q, summary) = try accounts("sep=;\r\naccount_id;name;arr\r\nA1;Acme, Inc.;100\r\nA2;Bor;24,5\r\n")
    #expect(q.isEmpty, "\(q.map(\.detail))")
    #expect(a["A1"]?.name == "Acme, Inc." && a["A2"]?.arr == 24.5)
    #expect(a["A1"]?.line == 3, "the hint line is the file's line 1")
    #expect(summary.read == 2)
  }

  /// A row with one empty field more than the header stays a ragged row, whatever the rows around
  /// it: `The outage was bad, we are leaving,` (an unquoted comma, an empty last field) cannot be
  /// told from a row written with a trailing delimiter, and cutting it would lose half its text.
  /// The message names both readings.
  @Test func aTrailingEmptyFieldIsNeverDropped() throws {
    let (_, q, _) = try accounts("account_id,name,arr\nA1,Acme,100,\nA2,Bor,200,\n")
    #expect(q.map(\.reason) == [.raggedRow, .raggedRow])
    #expect(q.first?.detail.contains("the last is empty after a trailing delimiter") == true, "\(q.map(\.detail))")
  }

  // MARK: - H6: a report's footer

  @Test func aSalesforceReportFooterIsSkippedAndReportedNotQuarantined() throws {
    let csv = """
      "Account ID","ARR"
      "A1","$24,500.00"
      "A2","$6,000.00"


      "Accounts ARR Report"
      "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."
      "Confidential Information - Do Not Distribute"
      "Generated By:  Maria Gonzalez  11/14/2024 9:02 AM"
      "Acme Security Inc."

      """
    let (a, q, summary) = try accounts(csv)
    #expect(q.isEmpty, "\(q.map(\.detail))")
    #expect(a["A1"]?.arr == 24500)
    #expect(summary.read == 2 && summary.quarantined == 0)
    #expect(summary.footerRowsSkipped == 5)
  }

  @Test func oneFieldLinesFollowedByARecordAreStillRaggedRows() throws {
    let (a, q, summary) = try accounts("account_id,arr\nA1,1\n\nstray\nother\nA2,2\nlast\n")
    #expect(a.keys.sorted() == ["A1", "A2"])
    #expect(q.map { "\($0.line):\($0.reason.rawValue)" } == ["4:ragged_row", "5:ragged_row", "7:ragged_row"])
    #expect(summary.footerRowsSkipped == 0)
  }
}
