import Foundation
import Testing

/// What `validate` says about real exports' shapes: a date order to give, a report footer skipped.
@Suite struct ExportShapesCommandTests {
  /// A numeric date open to both readings is quarantined naming `--date-order`, and the option reads it.
  @Test func dateOrderDecidesANumericDateOpenToBothReadings() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,contract_start\nA1,3/13/2022\nA2,3/4/2022\n"
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let plain = try workspace.run(["validate", "accounts.csv"])
    #expect(plain.output.contains("2 read, 1 accepted, 1 quarantined"), "\(plain.output)")
    #expect(plain.output.contains("say which with --date-order mdy or --date-order dmy"), "\(plain.output)")
    let ordered = try workspace.run(["validate", "accounts.csv", "--date-order", "mdy"])
    #expect(ordered.status == 0, "\(ordered.errors)")
    #expect(ordered.output.contains("2 read, 2 accepted, 0 quarantined"), "\(ordered.output)")
    let wrong = try workspace.run(["validate", "accounts.csv", "--date-order", "ymd"])
    #expect(wrong.status == 2, "\(wrong.errors)")
  }

  /// A Salesforce report's footer and Excel's empty rows are skipped and reported, not quarantined.
  @Test func aReportFooterAndEmptyRowsAreReportedAsSkipped() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try
      "\"Account ID\",\"ARR\"\n\"A1\",\"$24,500.00\"\n,\n\n\"Accounts Report\"\n\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n"
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("1 read, 1 accepted, 0 quarantined"), "\(run.output)")
    #expect(run.output.contains("skipped 2 footer line(s) after the data"), "\(run.output)")
    #expect(run.output.contains("skipped 2 empty row(s)"), "\(run.output)")
  }
}
