import AftershockReport
import AftershockStore
import Foundation
import Testing

/// `aftershock at-risk` as an account manager sees it, read from a small history written here.
@Suite struct AtRiskCommandTests {
  /// A history of one run: a near-certain churn with a large ARR and no stored reason, a name
  /// with a right-to-left override, and names of wide (CJK, emoji) characters.
  static func history(in workspace: CLIWorkspace) throws -> String {
    let path = workspace.path("h.sqlite")
    let store = try RunStore(path: path)
    let scores = [
      AccountScore(
        accountID: "ACC-000123", name: "Starling Bank Partners", segment: "enterprise", accountManager: "Maria",
        arr: 53_999_999, daysToRenewal: 124, churnProbability: 0.997, tier: "high"),
      AccountScore(
        accountID: "ACC-000487", name: "Evil\u{202E}gnp.exe\u{200F}", segment: "smb",
        accountManager: "Maria", arr: 4_910, daysToRenewal: 11, churnProbability: 0.9, tier: "high",
        drivers: ["CSAT 1 of 5", "2 tickets saying they may not renew"]),
      AccountScore(
        accountID: "ACC-001583", name: "株式会社テスト 🚀", segment: "smb", accountManager: "Maria", arr: 26_170,
        daysToRenewal: 56, churnProbability: 0.8, tier: "high", drivers: ["130 hours of outage impact"]),
      AccountScore(
        accountID: "ACC-001584", name: "Heat 🌡 & Co", segment: "smb", accountManager: "Maria", arr: 1_000,
        daysToRenewal: 5, churnProbability: 0.7, tier: "high", drivers: ["CSAT 2 of 5"]),
    ]
    try store.saveRun(RunRecord(asOf: "2024-11-13", startedAt: "2024-11-13T02:00:00Z"), scores: scores)
    return path
  }

  /// A terminal escape sequence in a name is written out in every format, CSV included: a CSV
  /// printed on a terminal must not clear it.
  @Test func noFormatPassesTerminalEscapesThrough() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let path = workspace.path("esc.sqlite")
    let store = try RunStore(path: path)
    try store.saveRun(
      RunRecord(asOf: "2024-11-13", startedAt: "2024-11-13T02:00:00Z"),
      scores: [
        AccountScore(
          accountID: "ACC-1", name: "\u{1B}[2J\u{1B}[31mEvil Corp", segment: "smb", accountManager: "Maria", arr: 1_000,
          daysToRenewal: 5, churnProbability: 0.9, tier: "high")
      ])
    for format in ["table", "csv", "md", "json"] {
      let listed = try workspace.run(["at-risk", "--db", path, "--format", format])
      #expect(listed.status == 0, "\(listed.errors)")
      #expect(!listed.output.unicodeScalars.contains("\u{1B}"), "\(format): \(listed.output)")
      #expect(listed.output.contains("Evil Corp"), "\(format): \(listed.output)")
    }
    let csv = try workspace.run(["at-risk", "--db", path, "--format", "csv"])
    #expect(csv.output.contains("\\u{1B}[2J\\u{1B}[31mEvil Corp,ACC-1,"), "\(csv.output)")
  }

  /// At the documented minimum width no line is wider than asked, and no number or id is cut.
  @Test func narrowWidthKeepsNumbersAndIDsWhole() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    for width in [40, 50, 64, 80] {
      let listed = try workspace.run(["at-risk", "--db", database, "--width", String(width)])
      #expect(listed.status == 0, "\(listed.errors)")
      let lines = listed.output.split(separator: "\n").map(String.init)
      #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width):\n\(listed.output)")
      for whole in ["53,999,999", "4,910", "26,170", "ACC-000123", "ACC-000487", "ACC-001583"] {
        #expect(listed.output.contains(whole), "width \(width): \(whole) is cut:\n\(listed.output)")
      }
    }
    let narrow = try workspace.run(["at-risk", "--db", database, "--width", "40"])
    #expect(narrow.output.contains("ARR:     53,999,999\n"), "\(narrow.output)")
    #expect(
      narrow.output.contains("Why:     CSAT 1 of 5; 2 tickets saying\n         they may not renew\n"),
      "\(narrow.output)")
  }

  /// A manager or segment no account of the run has (a typo) lists nothing, as before, and says
  /// on standard error which values are closest, so a CSV on standard output stays clean.
  @Test func filterMatchingNoAccountNamesTheClosestValues() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    let typo = try workspace.run(["at-risk", "--db", database, "--manager", "Mariah"])
    #expect(typo.status == 0, "\(typo.errors)")
    #expect(typo.output.contains("no account matches these filters"), "\(typo.output)")
    #expect(
      typo.errors.contains("no account manager of run 1 is 'Mariah'; closest: 'Maria' (of 1 manager)"), "\(typo.errors)"
    )
    let csv = try workspace.run(["at-risk", "--db", database, "--segment", "ent", "--format", "csv"])
    #expect(csv.status == 0, "\(csv.errors)")
    #expect(csv.output.split(separator: "\n").count == 1, "only the header on standard output: \(csv.output)")
    #expect(csv.errors.contains("no segment of run 1 is 'ent'; closest: 'enterprise', 'smb'"), "\(csv.errors)")
    let right = try workspace.run(["at-risk", "--db", database, "--manager", "MARIA"])
    #expect(right.errors.isEmpty && right.output.contains("ACC-000123"), "\(right.errors)")
  }

  /// A probability of 0.997 is not a certainty: the table cuts it to `99%`, never `100%` (since
  /// session 38 a risk is cut, not rounded, so that none reads as a tier threshold it is under).
  @Test func nearCertainRiskIsNotShownAsHundredPercent() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let listed = try workspace.run(["at-risk", "--db", try Self.history(in: workspace)])
    #expect(listed.output.contains(" 99%"), "\(listed.output)")
    #expect(!listed.output.contains("100%"), "\(listed.output)")
  }

  /// Bidirectional controls in a name are shown as escapes, never sent to the terminal.
  @Test func bidiControlsInNamesAreShownAsEscapes() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    for width in ["100", "40"] {
      let listed = try workspace.run(["at-risk", "--db", database, "--width", width])
      #expect(!listed.output.unicodeScalars.contains { [0x202E, 0x200F].contains($0.value) }, "\(listed.output)")
      #expect(listed.output.contains("Evil\\u{202E}gnp.exe\\u{200F}"), "\(listed.output)")
    }
  }

  /// Wide names (CJK, emoji) take two columns each, so the ID column starts at one place on every row.
  @Test func wideNamesKeepTheColumnsAligned() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let listed = try workspace.run(["at-risk", "--db", try Self.history(in: workspace)])
    let rows = listed.output.split(separator: "\n").map(String.init).filter { $0.contains("ACC-") }
    #expect(rows.count == 4)
    let starts = rows.map { row in DisplayWidth.of(String(row[..<row.range(of: "ACC-")!.lowerBound])) }
    #expect(Set(starts).count == 1, "\(starts)\n\(listed.output)")
    #expect(
      rows.contains("4  Heat 🌡 & Co                  ACC-001584  smb              1,000       5   70%  high  new"),
      "\(listed.output)")
  }

  /// An account with no stored reason reads the same in the table and in JSON, CSV and Markdown.
  @Test func noReasonReadsTheSameInEveryFormat() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    let table = try workspace.run(["at-risk", "--db", database])
    #expect(table.output.contains("  1  no reason above the portfolio average\n"), "\(table.output)")
    let json = try workspace.run(["at-risk", "--db", database, "--format", "json"])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    #expect(rows.first?["why"] as? String == "no reason above the portfolio average", "\(json.output)")
    #expect(rows.last?["why"] as? String == "CSAT 2 of 5")
    let csv = try workspace.run(["at-risk", "--db", database, "--format", "csv"])
    #expect(csv.output.contains(",no reason above the portfolio average\n"), "\(csv.output)")
  }

  /// `--top` cuts the list: the heading says how many accounts match, and csv, md and json say it
  /// on standard error; a list that holds every match says only its count.
  @Test func aListCutByTopSaysHowManyAccountsMatch() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    let cut = try workspace.run(["at-risk", "--db", database, "--top", "2"])
    #expect(cut.status == 0, "\(cut.errors)")
    #expect(
      cut.output.hasPrefix(
        "run 1 as of 2024-11-13, no earlier run to compare with; 2 of 4 accounts shown; --top N for more\n"
      ), "\(cut.output)")
    let segment = try workspace.run(["at-risk", "--db", database, "--segment", "smb", "--top", "1", "--width", "200"])
    #expect(segment.output.contains("; 1 of 3 accounts shown"), "\(segment.output)")
    for format in ["csv", "md", "json"] {
      let listed = try workspace.run(["at-risk", "--db", database, "--top", "3", "--format", format])
      #expect(listed.errors.contains("3 of 4 accounts shown; --top N for more"), "\(listed.errors)")
      #expect(!listed.output.contains("shown"), "\(format): standard output stays data")
    }
    let whole = try workspace.run(["at-risk", "--db", database])
    #expect(whole.output.hasPrefix("run 1 as of 2024-11-13, no earlier run to compare with; 4 accounts\n"))
    #expect(!whole.output.contains("shown") && whole.errors.isEmpty, "\(whole.errors)")
    let exact = try workspace.run(["at-risk", "--db", database, "--top", "4", "--format", "csv"])
    #expect(exact.errors.isEmpty, "4 of 4 is the whole list: \(exact.errors)")
  }

  /// The help names the Change an unchanged risk shows as the table prints it: `same`, not `=`.
  @Test func helpNamesTheChangeOfAnUnchangedRiskAsPrinted() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let help = try workspace.run(["at-risk", "--help"])
    #expect(help.output.contains("up or down by more than 5 points, or 'same'."), "\(help.output)")
    #expect(!help.output.contains("'='"), "\(help.output)")
  }
}
