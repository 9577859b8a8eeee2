import Foundation
import Testing

@Suite struct ValidateCommandTests {
  /// A Windows-1252 export: each record with an accent is quarantined as invalid UTF-8, and the
  /// report says what such a file is and how to convert it.
  @Test func aWindows1252ExportIsExplained() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    // "Café Noël" in Windows-1252: é is 0xE9, ë is 0xEB.
    let bytes =
      Array("account_id,name\nA1,Plain\nA2,Caf".utf8) + [0xE9] + Array(" No".utf8) + [0xEB] + Array("l\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: workspace.path("accounts.csv")))
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains("accounts.csv: accounts (csv; kind by its name), 2 read, 1 accepted, 1 quarantined"),
      "\(run.output)")
    #expect(run.output.contains("invalid_utf8: 1"))
    #expect(run.output.contains("iconv -f WINDOWS-1252 -t UTF-8 accounts.csv > converted.csv"))
  }

  /// An accounts file whose outcome column is not read as `churned` (a CRM's "Status") gets the
  /// warning a run gives, with its fix, not only "not found: churned" (an outside audit's run
  /// scored every account as open without a word).
  @Test func anAccountsFileWithoutChurnedIsWarnedWithTheFix() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,arr,renewal_date,Status\nA1,1000,2024-05-01,Churned\nA2,2000,2024-06-01,Active\n".write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("  warning: accounts.csv: no churned column was found"), "\(run.output)")
    #expect(run.output.contains("--map accounts.churned=COLUMN"), "\(run.output)")
    let mapped = try workspace.run(["validate", "accounts.csv", "--map", "accounts.churned=Status"])
    #expect(!mapped.output.contains("no churned column"), "\(mapped.output)")
  }

  /// An accounts file whose ARR column is not found (a Salesforce "Annual Contract Value") gets
  /// the run's warning too (an outside audit: validate warned of churned only).
  @Test func anAccountsFileWithoutARRIsWarnedWithTheFix() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,Annual Contract Value,renewal_date,churned\nA1,1000,2024-05-01,true\n".write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains(
        "  warning: accounts.csv: no arr column was found, so ARR at risk and the ARR forecast count nothing; name it "
          + "with --map accounts.arr=COLUMN"), "\(run.output)")
    let mapped = try workspace.run(["validate", "accounts.csv", "--map", "accounts.arr=Annual Contract Value"])
    #expect(!mapped.output.contains("no arr column"), "\(mapped.output)")
  }

  /// A European export's ambiguous dates (03/10/2024) are named with the option its other dates
  /// (19/10/2024) point to, and with it every record is read.
  @Test func ambiguousDatesAreNamedWithTheOrderTheOtherDatesRead() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "ticket_id,account_id,created_at,body\nT1,A1,19/10/2024,down\nT2,A1,03/10/2024,down\nT3,A1,25/10/2024,down\n"
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "tickets.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains(
        "  warning: tickets.csv: 1 numeric date was quarantined as ambiguous (day and month could be either way round, "
          + "e.g. 03/04/2024); its other numeric dates read only day first (2 dates, e.g. '19/10/2024'): read it again "
          + "with --date-order dmy"), "\(run.output)")
    let fixed = try workspace.run(["validate", "tickets.csv", "--date-order", "dmy"])
    #expect(fixed.output.contains("3 read, 3 accepted, 0 quarantined"), "\(fixed.output)")
    #expect(!fixed.output.contains("ambiguous"), "\(fixed.output)")
  }

  /// A ticket export missing a required column is read as tickets and told what is missing.
  @Test func aTicketExportWithoutItsDateSaysSo() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "ticket_id,account_id,body\nT1,A1,hello\n".write(
      toFile: workspace.path("export.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "export.csv"])
    #expect(run.status == 1)
    #expect(
      run.errors.contains("export.csv cannot be read as tickets: no column for required field 'created_at'"),
      "\(run.errors)")
  }

  /// A folder with two files for one kind is refused naming both, as `run --data` refuses it,
  /// rather than read whole by one command and in part by the other.
  @Test func aFolderWithTwoFilesForOneKindIsAnErrorNamingBoth() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("both"), withIntermediateDirectories: true)
    try "account_id\nA1\n".write(toFile: workspace.path("both/accounts.csv"), atomically: true, encoding: .utf8)
    try #"{"account_id":"A2"}"#.write(toFile: workspace.path("both/accounts.jsonl"), atomically: true, encoding: .utf8)
    try "ticket_id,account_id,created_at,body\nT1,A1,2024-08-01,hello\n"
      .write(toFile: workspace.path("both/tickets.csv"), atomically: true, encoding: .utf8)
    let message = "both/accounts.csv and both/accounts.jsonl are both accounts inputs"
    let validate = try workspace.run(["validate", "both"])
    #expect(validate.status == 1)
    #expect(validate.errors.contains(message), "\(validate.errors)")
    let run = try workspace.run(["run", "--data", "both"])
    #expect(run.status == 1)
    #expect(run.errors.contains(message), "\(run.errors)")
  }

  /// A dangling link or a folder named like an input is an error naming it, not skipped.
  /// A folder whose accounts file is named `Accounts.csv`: `validate DIR` checks the tickets it
  /// holds and passes, but says a run needs an accounts file and names the one that is there;
  /// `run --data DIR` fails naming it too.
  @Test func aFolderWithoutAnAccountsFileSaysSoAndNamesAMisnamedOne() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("export"), withIntermediateDirectories: false)
    try "account_id,name\nA1,Acme\n".write(
      toFile: workspace.path("export/Accounts.csv"), atomically: true, encoding: .utf8)
    try "ticket_id,account_id,created_at,body\nT1,A9,2024-11-12,hello\n".write(
      toFile: workspace.path("export/tickets.csv"), atomically: true, encoding: .utf8)
    let validate = try workspace.run(["validate", "export"])
    #expect(validate.status == 0, "\(validate.errors)")
    #expect(validate.output.contains("export/tickets.csv: tickets (csv; kind by its name), 1 read, 1 accepted"))
    #expect(
      validate.output.contains(
        "export: no accounts file (expected accounts.csv, accounts.tsv, accounts.jsonl or accounts.ndjson), "
          + "which 'aftershock run --data export' needs; found Accounts.csv; input names are lower case; "
          + "tickets and survey answers were not checked for unknown accounts"), "\(validate.output)")
    let run = try workspace.run(["run", "--data", "export"])
    #expect(run.status == 1)
    #expect(
      run.errors.contains(
        "no accounts file in export (expected accounts.csv, .tsv, .jsonl or .ndjson); "
          + "found Accounts.csv; input names are lower case"), "\(run.errors)")
    // With its accounts file, the folder validates without a note, and its ticket's account is checked.
    try FileManager.default.moveItem(atPath: workspace.path("export/Accounts.csv"), toPath: workspace.path("a.csv"))
    try FileManager.default.moveItem(atPath: workspace.path("a.csv"), toPath: workspace.path("export/accounts.csv"))
    let named = try workspace.run(["validate", "export"])
    #expect(!named.output.contains("no accounts file"), "\(named.output)")
    #expect(named.output.contains("unknown_account: 1"), "\(named.output)")
  }

  @Test func anInputNameThatIsNotAFileIsAnErrorNamingIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("data"), withIntermediateDirectories: true)
    try "account_id\nA1\n".write(toFile: workspace.path("data/accounts.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: workspace.path("data/tickets.csv"), withDestinationPath: workspace.path("data/missing.csv"))
    let dangling = try workspace.run(["validate", "data"])
    #expect(dangling.status == 1)
    #expect(
      dangling.errors.contains("data/tickets.csv cannot be read: it is a symbolic link to nothing"),
      "\(dangling.errors)")
    #expect(!dangling.output.contains("accounts"), "nothing is reported as if the folder had been checked")

    try FileManager.default.removeItem(atPath: workspace.path("data/tickets.csv"))
    try FileManager.default.createDirectory(
      atPath: workspace.path("data/tickets.csv"), withIntermediateDirectories: false)
    let folder = try workspace.run(["validate", "data"])
    #expect(folder.status == 1)
    #expect(folder.errors.contains("data/tickets.csv cannot be read: it is a folder, not a file"), "\(folder.errors)")
  }

  /// `validate - -` would read standard input twice, the second from where the first stopped
  /// (a ticket's text taken for a header): refused as `run` refuses it.
  @Test func standardInputGivenTwiceIsABadUsage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["validate", "-", "-", "--kind", "tickets"], input: Data(Self.tickets(count: 3).utf8))
    #expect(run.status == 2)
    #expect(
      run.errors.contains("aftershock validate: error: only one input can be read from standard input ('-')"),
      "\(run.errors)")
    #expect(run.output.isEmpty)
  }

  /// `cat tickets.csv | aftershock validate -` with a quote left open early and more than the
  /// 4 MiB record bound after it: every ticket is read, as from the file, and only the line with
  /// the quote is quarantined (the rest used to be one quarantine row, read = 11).
  @Test func strayQuoteOnStandardInputCostsOnlyItsLine() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let tickets = Self.tickets(count: 70_000, strayQuoteAt: 10)
    #expect(tickets.utf8.count > 4_500_000)
    let (_, piped) = try Self.validateFileAndPipe(
      tickets, in: workspace, expecting: "70,000 read, 69,999 accepted, 1 quarantined")
    #expect(piped.contains("line 11: a quote opened on line 11 is not closed"), "\(piped)")
  }

  /// `validate` of `tickets` as tickets.csv and on standard input, each expected to count
  /// `expected` ("70,000 read, ..."); returns the two outputs, the file's first.
  static func validateFileAndPipe(_ tickets: String, in workspace: CLIWorkspace, expecting expected: String) throws
    -> (file: String, piped: String)
  {
    try tickets.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let file = try workspace.run(["validate", "tickets.csv"])
    #expect(file.output.contains("tickets.csv: tickets (csv; kind by its name), \(expected)"), "\(file.output)")
    let piped = try workspace.run(["validate", "-", "--kind", "tickets"], input: Data(tickets.utf8))
    #expect(piped.status == 0, "\(piped.errors)")
    #expect(piped.output.contains("-: tickets (csv; kind by --kind), \(expected)"), "\(piped.output)")
    return (file.output, piped.output)
  }

  /// Two quotes left open 50,000 tickets apart (more than the 4 MiB record bound between them):
  /// the second used to close the first, so every ticket between was one `record_too_long` row
  /// ("10,010 read"). Each quote now costs its own line, from the file as from a pipe.
  @Test func strayQuotesFurtherApartThanTheBoundCostOnlyTheirLines() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let tickets = Self.tickets(count: 70_000, strayQuotesAt: [10, 60_000])
    #expect(tickets.utf8.count / 7 * 5 > 4_194_304)
    let (file, piped) = try Self.validateFileAndPipe(
      tickets, in: workspace, expecting: "70,000 read, 69,998 accepted, 2 quarantined")
    for output in [file, piped] {
      #expect(output.contains("unterminated_quote: 2"), "\(output)")
      #expect(
        output.contains(
          "line 11: a quote opened on line 11 is not closed on that line; read as one record up to line 60001"),
        "\(output)")
      #expect(output.contains("so only line 11 is set aside and reading resumes at line 12"), "\(output)")
      #expect(output.contains("line 60001: a quote opened on line 60001 is not closed"), "\(output)")
      #expect(!output.contains("record_too_long"), "\(output)")
    }
  }

  /// A binary file or text in UTF-16 is named for what it is, with what to do, not listed as
  /// "columns seen" of binary bytes or read as a NUL byte per line.
  @Test func nonTextInputsAreNamedWithWhatToDo() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x2C])
      .write(to: URL(fileURLWithPath: workspace.path("tickets.csv.gz")))
    let gzip = try workspace.run(["validate", "tickets.csv.gz", "--kind", "tickets"])
    #expect(gzip.status == 1)
    #expect(
      gzip.errors.contains(
        "tickets.csv.gz looks gzip-compressed, not CSV, TSV or JSON Lines text: decompress it first, e.g. gunzip -c tickets.csv.gz > tickets.csv"
      ), "\(gzip.errors)")
    #expect(!gzip.errors.contains("columns seen"))
    let utf16 = Self.tickets(count: 3).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    try Data(utf16).write(to: URL(fileURLWithPath: workspace.path("tickets.csv")))
    let wide = try workspace.run(["validate", "tickets.csv"])
    #expect(wide.status == 1)
    #expect(wide.errors.contains("tickets.csv looks UTF-16LE without a byte-order mark"), "\(wide.errors)")
    #expect(wide.errors.contains("iconv -f UTF-16LE -t UTF-8 tickets.csv > converted.csv"), "\(wide.errors)")
    let tabbed = Self.tickets(count: 3).replacingOccurrences(of: ",", with: "\t")
    try tabbed.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let tsv = try workspace.run(["validate", "tickets.csv"])
    #expect(tsv.status == 0, "\(tsv.errors)")
    #expect(
      tsv.output.contains("tickets.csv: tickets (tsv; kind by its name), 3 read, 3 accepted, 0 quarantined"),
      "\(tsv.output)")
  }

  /// Two `arr` columns: the run used to read the first and say nothing; now both commands refuse
  /// the file naming the column and where the two are.
  @Test func twoColumnsOfOneNameAreRefusedByValidateAndRun() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,arr,arr\nA1,100,999999\n".write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try Self.tickets(count: 2).write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let message = "accounts.csv has two columns named 'arr' (columns 2 and 3), each of them read as arr"
    let validate = try workspace.run(["validate", "accounts.csv"])
    #expect(validate.status == 1)
    #expect(validate.errors.contains(message), "\(validate.errors)")
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-11-13",
    ])
    #expect(run.status == 1)
    #expect(run.errors.contains(message), "\(run.errors)")
  }

  /// A tickets export, one line a ticket of account A1; with `strayQuoteAt`, that ticket's body
  /// opens a quote it never closes.
  static func tickets(count: Int, strayQuoteAt stray: Int? = nil) -> String {
    tickets(count: count, strayQuotesAt: stray.map { [$0] } ?? [])
  }

  /// A tickets export as `tickets(count:strayQuoteAt:)`, with a quote left open in each ticket of `strays`.
  static func tickets(count: Int, strayQuotesAt strays: Set<Int>) -> String {
    var text = "ticket_id,account_id,created_at,body\n"
    for i in 1...count {
      let quote = strays.contains(i) ? "\"" : ""
      text += "T\(i),A1,2024-11-01,\(quote)The outage cost us most of a working day and the voucher does not cover it\n"
    }
    return text
  }
}
