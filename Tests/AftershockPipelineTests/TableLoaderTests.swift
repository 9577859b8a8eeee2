import Foundation
import Testing

@testable import AftershockPipeline

/// Tables for `score`, `sentiment` and `churn` are read by the rules `validate` and `run` read inputs with.
@Suite struct TableLoaderTests {
  static func file(_ name: String, _ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-table-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    return folder + "/" + name
  }

  /// A spreadsheet's `;`-separated export, which `validate` accepts, loads column by column.
  @Test func aSemicolonSeparatedCSVLoadsItsColumns() throws {
    let path = try Self.file(
      "semicolons.csv", "ticket_id;account_id;body\nT1;A1;terrible, awful outage\nT2;A2;\"quoted; with a semicolon\"\n")
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let loaded = try TableLoader.load(path: path)
    #expect(loaded.columnsSeen == ["ticket_id", "account_id", "body"])
    #expect(loaded.table.columns[2] == .text(["terrible, awful outage", "quoted; with a semicolon"]))
    #expect(loaded.quarantined.isEmpty)
  }

  /// The rule is the one of `validate`: a first line with a comma keeps the comma, whatever the rows hold.
  @Test func aCommaInTheHeaderKeepsTheComma() throws {
    let path = try Self.file("commas.csv", "ticket_id,body\nT1,one; two; three\n")
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let loaded = try TableLoader.load(path: path)
    #expect(loaded.columnsSeen == ["ticket_id", "body"])
    #expect(loaded.table.columns[1] == .text(["one; two; three"]))
  }
}
