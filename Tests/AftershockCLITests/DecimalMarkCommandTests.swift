import Foundation
import Testing

/// `--decimal-mark` reads a file whose numbers are written the other way from its delimiter's convention.
@Suite struct DecimalMarkCommandTests {
  @Test func aSemicolonFileWithDotDecimalsIsQuarantinedNamingTheOptionWhichReadsIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id;arr\nA1;3.25\nA2;24.500\n".write(
      toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let plain = try workspace.run(["validate", "accounts.csv"])
    #expect(plain.output.contains("2 read, 1 accepted, 1 quarantined"), "\(plain.output)")
    #expect(plain.output.contains("give --decimal-mark ."), "\(plain.output)")
    // `24.500` was read as 24500 in a file whose `3.25` says its decimals are dots: said, with the fix.
    #expect(
      plain.output.contains("1 number(s) with one grouping mark and three digits after it")
        && plain.output.contains("were read as thousands"),
      "\(plain.output)")
    let point = try workspace.run(["validate", "accounts.csv", "--decimal-mark", "."])
    #expect(point.status == 0, "\(point.errors)")
    #expect(point.output.contains("2 read, 2 accepted, 0 quarantined"), "\(point.output)")
    // No decimal-mark warning (the file has no churned column, which is warned of on its own).
    #expect(!point.output.contains("read as thousands") && !point.output.contains("decimal"), "\(point.output)")
    // A run says it too, in its warnings.
    try "ticket_id;account_id;created_at;body\nT1;A1;2024-11-01;hello\n".write(
      toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--max-bad", "1"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("were read as thousands"), "\(run.output)")
    let wrong = try workspace.run(["validate", "accounts.csv", "--decimal-mark", "x"])
    #expect(wrong.status == 2, "\(wrong.errors)")
    let help = try workspace.run(["validate", "--help"])
    #expect((help.output + help.errors).contains("--decimal-mark"))
  }
}
