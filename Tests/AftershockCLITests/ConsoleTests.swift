import Foundation
import Testing

@Suite struct ConsoleTests {
  /// Tickets with one ragged row, so `score` writes a quarantine line and a summary to stderr.
  static let ticketsWithABadRow = """
    ticket_id,account_id,created_at,body
    T1,A1,2024-07-20,The outage took down every endpoint for 9 hours.
    T2,A2,2024-07-21,Support was quick,and,too,many,fields
    T3,A3,2024-07-22,Thanks for the clear updates.

    """

  /// Diagnostics and progress go to stderr; a stderr that refuses writes (a reader gone, a full
  /// disk, closed) must not crash the command or change its exit code.
  @Test(arguments: [CLIWorkspace.StreamTarget.brokenPipe, .full, .closed])
  func aBrokenStandardErrorNeverEndsTheCommand(target: CLIWorkspace.StreamTarget) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.ticketsWithABadRow.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let scored = try workspace.run(["score", "tickets.csv"], standardError: target)
    #expect(scored.status == 0, "stderr \(target): status \(scored.status)")
    #expect(scored.output.contains("sentiment_compound"), "stderr \(target): \(scored.output)")
    #expect(scored.output.contains("T3,A3"), "the records after the quarantined one are still scored")
    let failed = try workspace.run(["churn", "cv", "--data", "missing.csv", "--label", "y"], standardError: target)
    #expect(failed.status == 1, "a failed run still exits 1 (stderr \(target))")
    let usage = try workspace.run(["churn", "cv", "--folds", "one"], standardError: target)
    #expect(usage.status == 2, "bad usage still exits 2 (stderr \(target))")
  }

  /// Escape sequences in input data (an id, a header, a file name) are shown as `\u{1B}`, never
  /// sent to the terminal, on standard output and standard error alike.
  @Test func controlCharactersFromTheInputAreNeutralised() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let escape = "\u{1B}[2J\u{1B}]0;pwned\u{07}"
    try "ticket_id,account_id,created_at,body\nT\(escape)1,ACC-1,2024-13-01,x\n"
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let quarantined = try workspace.run(["validate", "tickets.csv"])
    #expect(quarantined.output.contains("T\\u{1B}[2J\\u{1B}]0;pwned\\u{07}1"), "\(quarantined.output)")
    try "a\u{1B}[31mRED\u{9B}2J,b\n1,2\n".write(toFile: workspace.path("header.csv"), atomically: true, encoding: .utf8)
    let header = try workspace.run(["validate", "header.csv"])
    #expect((header.output + header.errors).contains("a\\u{1B}[31mRED\\u{9B}2J"), "\(header.errors)")
    let missing = try workspace.run(["churn", "cv", "--data", "no\u{1B}[2Jsuch.csv", "--label", "y"])
    #expect(missing.status == 1)
    #expect(missing.errors.contains("no\\u{1B}[2Jsuch.csv"), "\(missing.errors)")
    for run in [quarantined, header, missing] {
      let shown = run.output + run.errors
      #expect(!shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }
  }

  /// Bidirectional controls in input data (U+202E would make the rest of a line read right to
  /// left) are shown as `\u{202E}` on standard output and standard error alike.
  @Test func bidiControlsFromTheInputAreNeutralised() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let controls = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}"
    try "a\(controls)b,c\n1,2\n".write(toFile: workspace.path("header.csv"), atomically: true, encoding: .utf8)
    let header = try workspace.run(["validate", "header.csv"])
    let shown = header.output + header.errors
    #expect(
      shown.contains(
        "a\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200E}\\u{200F}b"),
      "\(shown)")
    #expect(
      !shown.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
  }

  /// JSON output keeps its data exact: control characters stay JSON escapes that decode to the
  /// original text.
  @Test func jsonOutputStillDecodesToTheOriginalText() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let label = "pos\u{9B}itive"
    var rows = "text,label\n"
    for index in 0..<10 { rows += "great product \(index),\(label)\nterrible outage \(index),negative\n" }
    try rows.write(toFile: workspace.path("texts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run([
      "sentiment", "train", "--data", "texts.csv", "--text", "text", "--label", "label", "--model", "nb",
      "--model-file", "m.json", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(!run.output.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) }, "\(run.output)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    #expect((object["labels"] as? [String])?.contains(label) == true, "\(object)")
  }
}
