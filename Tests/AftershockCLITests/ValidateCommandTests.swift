import Foundation
import Testing

@Suite struct ValidateCommandTests {
  /// A Windows-1252 export: each record with an accent is quarantined as invalid UTF-8, and the
  /// report says what such a file is and how to convert it.
  @Test func aWindows1252ExportIsExplained() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    // "Café Noël" in Windows-1252: é is 0xE9, ë is 0xEB.
    let bytes = Array("account_id,name\nA1,Plain\nA2,Caf".utf8) + [0xE9] + Array(" No".utf8) + [0xEB] + Array("l\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: workspace.path("accounts.csv")))
    let run = try workspace.run(["validate", "accounts.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("accounts.csv: accounts (csv), 2 read, 1 accepted, 1 quarantined"), "\(run.output)")
    #expect(run.output.contains("invalid_utf8: 1"))
    #expect(run.output.contains("iconv -f WINDOWS-1252 -t UTF-8 accounts.csv > converted.csv"))
  }

  /// A ticket export missing a required column is read as tickets and told what is missing.
  @Test func aTicketExportWithoutItsDateSaysSo() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "ticket_id,account_id,body\nT1,A1,hello\n".write(toFile: workspace.path("export.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "export.csv"])
    #expect(run.status == 1)
    #expect(run.errors.contains("export.csv cannot be read as tickets: no column for required field 'created_at'"), "\(run.errors)")
  }
}
