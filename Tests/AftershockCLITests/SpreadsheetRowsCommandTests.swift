import Foundation
import Testing

/// Spreadsheet leftovers (trailing delimiters, footers, skipped rows), "no value" markers in ids
/// and texts, and scoped `--map`s, as `validate` and `run` show them.
@Suite struct SpreadsheetRowsCommandTests {
  static let accounts = "account_id,name,arr\nA1,Acme,100\nA2,Beta,200\n"

  private func write(_ workspace: CLIWorkspace, _ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(
      atPath: (workspace.path(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: workspace.path(name), atomically: true, encoding: .utf8)
  }

  private func read(_ workspace: CLIWorkspace, _ name: String) throws -> String {
    try String(contentsOfFile: workspace.path(name), encoding: .utf8)
  }

  /// An unquoted comma in a text and an empty last field make one field too many: that row is
  /// ragged, not cut to fit the header (its text would lose a half and fill another field).
  @Test func aRowWithAnUnquotedCommaIsRaggedNotCutToFit() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(
      workspace, "tickets.csv",
      "ticket_id,account_id,created_at,body,status\nT1,A1,2024-11-01,The outage was bad, we are leaving,\n"
        + "T2,A1,2024-11-02,fine,open\n")
    let run = try workspace.run(["validate", "tickets.csv"])
    #expect(run.output.contains("2 read, 1 accepted, 1 quarantined"), "\(run.output)")
    #expect(run.output.contains("line 2: row has 6 fields but the header has 5"), "\(run.output)")

    // After well-formed rows, one row ending with a delimiter is ragged too.
    try write(
      workspace, "later.csv",
      "ticket_id,account_id,created_at,body,status\nT1,A1,2024-11-01,fine,open\n"
        + "T2,A1,2024-11-02,The outage was bad, we are leaving,\nT3,A1,2024-11-02,ok,open,\n")
    let later = try workspace.run(["validate", "later.csv", "--kind", "tickets"])
    #expect(later.output.contains("3 read, 1 accepted, 2 quarantined"), "\(later.output)")
  }

  /// Every row ending with a delimiter, one field more than the header: still ragged rows (no rule
  /// tells them from texts with an unquoted comma without misreading one), and the message says
  /// which two things the row may be.
  @Test func rowsWithATrailingDelimiterStayRaggedWithAHint() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "accounts.csv", "account_id,name,arr\nA1,Acme,100,\nA2,Beta,200,\n")
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.output.contains("2 read, 0 accepted, 2 quarantined"), "\(run.output)")
    #expect(run.output.contains("the last is empty after a trailing delimiter"), "\(run.output)")
  }

  /// `NA` may be an account's code and `N/A` a ticket's text: ids and texts are taken as written.
  /// A marker in a required date is still no date.
  @Test func noValueMarkersInIdsAndTextsAreTakenAsWritten() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "accounts.csv", "account_id,name,arr\nA1,Acme,100\nNA,NorthAm,200\n")
    try write(
      workspace, "tickets.csv",
      "ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,N/A\nT2,A1,2024-11-01,-\nT3,NA,2024-11-01,None\n"
        + "NA,NA,2024-11-01,real text\nT5,A1,N/A,text\n")
    let run = try workspace.run(["validate", "accounts.csv", "tickets.csv"])
    #expect(run.output.contains("accounts.csv: accounts (csv; kind by its name), 2 read, 2 accepted"), "\(run.output)")
    #expect(run.output.contains("5 read, 4 accepted, 1 quarantined"), "\(run.output)")
    #expect(run.output.contains("missing_field: 1"), "\(run.output)")
    #expect(run.output.contains("required field 'created_at' holds 'N/A', a marker for no value"), "\(run.output)")
  }

  /// `run` says which rows it skipped as no records, on its summary line and in the manifest.
  @Test func runCountsTheRowsItSkips() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "accounts.csv", Self.accounts)
    try write(
      workspace, "tickets.csv",
      "ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,hello there\n,,,\nT2,A1,2024-11-02,second\n\n"
        + "\"Grand Totals (2 records)\"\n\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n")
    let run = try workspace.run(
      ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--out", "out", "--as-of", "2024-11-13"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains("tickets: 2 read, 2 accepted, 0 quarantined, skipped 2 empty rows, 2 footer lines  (tickets.csv)"),
      "\(run.output)")
    #expect(run.output.contains("accounts: 2 read, 2 accepted, 0 quarantined  (accounts.csv)"), "\(run.output)")
    let manifest = try JSONSerialization.jsonObject(with: Data(read(workspace, "out/manifest.json").utf8)) as? [String: Any]
    let inputs = manifest?["inputs"] as? [[String: Any]] ?? []
    #expect(inputs.count == 2)
    #expect(inputs.first?["rows_skipped"] == nil)
    #expect(inputs.last?["rows_skipped"] as? [String: Int] == ["empty": 2, "footer": 2])
  }

  /// A Qualtrics export's extra header rows are counted by `run` as well.
  @Test func runCountsQualtricsHeaderRows() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "accounts.csv", Self.accounts)
    try write(workspace, "tickets.csv", "ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,hello\n")
    try write(
      workspace, "surveys.csv",
      "ResponseId,account_id,RecordedDate,nps\nResponse ID,Account,Recorded Date,How likely\n"
        + "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"account_id\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"
        + "R1,A1,2024-11-01,9\n")
    let run = try workspace.run(
      ["run", "--data", ".", "--out", "out", "--as-of", "2024-11-13"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("surveys: 1 read, 1 accepted, 0 quarantined, skipped 2 extra header rows"), "\(run.output)")
    let manifest = try read(workspace, "out/manifest.json")
    #expect(manifest.contains("\"extra_header\" : 2"), "\(manifest)")
  }

  /// A record quoted whole after a blank line holds the header's count of fields once split: it
  /// is a ragged row in quarantine, not a footer line.
  @Test func aRecordQuotedWholeAtTheEndIsNoFooter() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "accounts.csv", Self.accounts)
    try write(
      workspace, "tickets.csv",
      "ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,hello there\n\n\"T2,A1,2024-11-02,quoted whole line\"\n")
    let run = try workspace.run(
      ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--out", "out", "--as-of", "2024-11-13",
       "--max-bad", "1"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("tickets: 2 read, 1 accepted, 1 quarantined, skipped 1 empty row  (tickets.csv)"), "\(run.output)")
    let quarantine = try read(workspace, "out/quarantine.csv")
    #expect(quarantine.contains("tickets.csv,4,,ragged_row,row has 1 fields but the header has 4"), "\(quarantine)")
  }

  /// A scoped map does not move a kind a folder's file names decided: `validate DIR` says what
  /// `run` says, with the map as typed.
  @Test func aScopedMapKeepsTheKindAFolderNameDecided() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(workspace, "data/accounts.csv", "account_id,Company,arr\nA1,Acme,100\nA2,Beta,200\n")
    try write(workspace, "data/tickets.csv", "ticket_id,Organization,created_at,body\nT1,A1,2024-11-01,hello\n")
    let expected = "data/tickets.csv has no column 'Company' for --map tickets.account_id=Company"
    let folder = try workspace.run(["validate", "data", "--map", "tickets.account_id=Company"])
    #expect(folder.status == 1)
    #expect(folder.errors.contains(expected), "\(folder.errors)")
    let files = try workspace.run(
      ["validate", "data/accounts.csv", "data/tickets.csv", "--map", "tickets.account_id=Company"])
    #expect(files.errors.contains(expected), "\(files.errors)")
    let run = try workspace.run(["run", "--data", "data", "--out", "out", "--map", "tickets.account_id=Company"])
    #expect(run.status != 0)
    #expect(run.errors.contains(expected), "\(run.errors)")

    // A map still decides among inputs whose names say nothing.
    try write(workspace, "a.csv", "account_id,name,arr\nA1,Acme,100\n")
    try write(workspace, "c.csv", "Key,Org,created_at,Notes\nT1,A1,2024-11-01,hello\n")
    let open = try workspace.run(
      ["validate", "a.csv", "c.csv", "--map", "tickets.ticket_id=Key", "--map", "tickets.account_id=Org",
       "--map", "tickets.body=Notes"])
    #expect(open.status == 0, "\(open.errors)")
    #expect(open.output.contains("c.csv: tickets (csv; kind by --map), 1 read, 1 accepted"), "\(open.output)")
  }
}

/// `score` reads spreadsheet leftovers as `validate` and `run` do.
@Suite struct ScoreSpreadsheetRowsTests {
  @Test func scoreSkipsEmptyRowsAndAFooterAsValidateDoes() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try ("ticket_id,account_id,created_at,body\nT1,A1,2024-11-01,hello there\n,,,\n,,,\n"
      + "T2,A1,2024-11-02,The outage was bad, we are leaving,\nT3,A1,2024-11-03,third\n\n"
      + "\"Grand Totals (3 records)\"\n\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n")
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["score", "tickets.csv"])
    #expect(run.status == 0, "\(run.errors)")
    let rows = run.output.split(separator: "\n").dropFirst().map { String($0.prefix(3)) }
    #expect(rows == ["T1,", "T3,"], "\(run.output)")
    #expect(run.errors.contains("tickets.csv:5: ragged_row: row has 6 fields but the header has 4"), "\(run.errors)")
    #expect(
      run.errors.contains("2 record(s) scored, 1 quarantined of 3 read, skipped 3 empty row(s), skipped 2 footer line(s)"),
      "\(run.errors)")

    // Every row ending with a delimiter: ragged rows, as validate reads them.
    try "ticket_id,body\nT1,fine,\nT2,good,\n".write(toFile: workspace.path("trailing.csv"), atomically: true, encoding: .utf8)
    let trailing = try workspace.run(["score", "trailing.csv"])
    #expect(trailing.errors.contains("0 record(s) scored, 2 quarantined of 2 read"), "\(trailing.errors)")
  }
}
