import AftershockReport
import AftershockStore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

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
      typo.errors.contains("no open account of run 1 is managed by 'Mariah'; closest: 'Maria' (of 1 manager)"),
      "\(typo.errors)")
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
    #expect(csv.output.contains(",no reason above the portfolio average,Maria,\n"), "\(csv.output)")
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

  /// A history at `name` in the workspace with one run per as-of date, each with its scores.
  static func history(
    in workspace: CLIWorkspace, named name: String = "runs.sqlite", runs: [(asOf: String, scores: [AccountScore])]
  ) throws -> String {
    let path = workspace.path(name)
    let store = try RunStore(path: path)
    for run in runs {
      try store.saveRun(RunRecord(asOf: run.asOf, startedAt: run.asOf + "T02:00:00Z"), scores: run.scores)
    }
    return path
  }

  /// An open account for the filters' tests.
  static func account(
    _ id: String, manager: String?, probability: Double = 0.6, segment: String = "smb", tier: String = "high"
  ) -> AccountScore {
    AccountScore(
      accountID: id, name: "Company \(id)", segment: segment, accountManager: manager, arr: 10_000,
      renewalDate: "2025-01-15", daysToRenewal: 60, churnProbability: probability, tier: tier,
      drivers: ["CSAT 2 of 5"])
  }

  /// The account ids a CSV listing holds, in its order.
  static func ids(_ csv: String) -> [String] {
    csv.split(separator: "\n").dropFirst().compactMap { line in
      line.split(separator: ",").first { $0.hasPrefix("ACC-") }.map(String.init)
    }
  }

  /// A manager's name matches however it is spaced, in the data or in the query: trimmed, runs
  /// of spaces (a non-breaking space, an em space, a tab) read as one; case aside.
  @Test func aManagerMatchesWhateverTheSpacing() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria Gonzalez", probability: 0.9),
            Self.account("ACC-2", manager: "maria\u{00A0}gonzalez ", probability: 0.8),
            Self.account("ACC-3", manager: "  Maria\u{2003}\u{2003}Gonzalez", probability: 0.7),
            Self.account("ACC-4", manager: "Maria\tGonzalez", probability: 0.6),
            Self.account("ACC-5", manager: "Mario Gonzalez", probability: 0.5),
          ]
        )
      ])
    for query in ["Maria Gonzalez", "  Maria   Gonzalez ", "MARIA\u{00A0}GONZALEZ", "maria\u{202F}gonzalez"] {
      let listed = try workspace.run(["at-risk", "--db", database, "--manager", query, "--format", "csv"])
      #expect(listed.status == 0, "\(listed.errors)")
      #expect(Self.ids(listed.output) == ["ACC-1", "ACC-2", "ACC-3", "ACC-4"], "'\(query)': \(listed.output)")
      #expect(listed.errors.isEmpty, "'\(query)': \(listed.errors)")
    }
  }

  /// A name that differs from the one asked for only by accents is another manager's (a CRM may
  /// hold both): not listed, but named on standard error with its accounts and how to ask for it.
  /// Composition still does not matter: the accented name typed decomposed finds its account.
  @Test func aNameDifferingOnlyByAccentsIsNamedNotMerged() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria Gonzalez", probability: 0.9),
            Self.account("ACC-2", manager: "Maria Gonzalez", probability: 0.8),
            Self.account("ACC-3", manager: "Mar\u{ED}a Gonz\u{E1}lez", probability: 0.7),
          ]
        )
      ])
    let plain = try workspace.run(["at-risk", "--db", database, "--manager", "maria gonzalez", "--format", "csv"])
    #expect(plain.status == 0, "\(plain.errors)")
    #expect(Self.ids(plain.output) == ["ACC-1", "ACC-2"], "\(plain.output)")
    #expect(
      plain.errors.contains(
        "also 1 account under 'Mar\u{ED}a Gonz\u{E1}lez', a name that differs only by accents, not listed; "
          + "ask for it with --manager 'Mar\u{ED}a Gonz\u{E1}lez'"), "\(plain.errors)")
    let accented = try workspace.run([
      "at-risk", "--db", database, "--manager", "Mari\u{301}a Gonza\u{301}lez", "--format", "csv",
    ])
    #expect(Self.ids(accented.output) == ["ACC-3"], "\(accented.output)")
    #expect(accented.errors.contains("also 2 accounts under 'Maria Gonzalez'"), "\(accented.errors)")
  }

  /// A cell naming several managers (`;`, `/`, `|`, ` & `, ` and `) lists the account for each.
  @Test func anAccountOfSeveralManagersIsListedForEach() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria Gonzalez; Tom Hargreaves", probability: 0.9),
            Self.account("ACC-2", manager: "Tom Hargreaves/Ana Ruiz", probability: 0.8),
            Self.account("ACC-3", manager: "Ana Ruiz & Maria Gonzalez", probability: 0.7),
            Self.account("ACC-4", manager: "Ana Ruiz and Tom Hargreaves", probability: 0.6),
            Self.account("ACC-5", manager: "Maria Gonzalez | Ana Ruiz", probability: 0.5),
            Self.account("ACC-6", manager: "Ana Ruiz", probability: 0.4),
          ]
        )
      ])
    let expected = [
      "Maria Gonzalez": ["ACC-1", "ACC-3", "ACC-5"],
      "Tom Hargreaves": ["ACC-1", "ACC-2", "ACC-4"],
      "Ana Ruiz": ["ACC-2", "ACC-3", "ACC-4", "ACC-5", "ACC-6"],
    ]
    for (manager, accounts) in expected {
      let listed = try workspace.run(["at-risk", "--db", database, "--manager", manager, "--format", "csv"])
      #expect(listed.status == 0, "\(listed.errors)")
      #expect(Self.ids(listed.output) == accounts, "\(manager): \(listed.output)")
    }
    // The cell names no manager called "Maria Gonzalez; Tom Hargreaves".
    let whole = try workspace.run(["at-risk", "--db", database, "--manager", "Maria Gonzalez; Tom Hargreaves"])
    #expect(whole.output.contains("no account matches these filters"), "\(whole.output)")
  }

  /// `--manager ""` lists the accounts with no manager: none given, blank, or separators only.
  @Test func anEmptyManagerListsTheAccountsWithNone() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: nil, probability: 0.9),
            Self.account("ACC-2", manager: "Maria Gonzalez", probability: 0.8),
            Self.account("ACC-3", manager: " \u{00A0}", probability: 0.7),
            Self.account("ACC-4", manager: ";", probability: 0.6),
          ]
        )
      ])
    for query in ["", "  "] {
      let listed = try workspace.run(["at-risk", "--db", database, "--manager", query, "--format", "csv"])
      #expect(listed.status == 0, "\(listed.errors)")
      #expect(Self.ids(listed.output) == ["ACC-1", "ACC-3", "ACC-4"], "'\(query)': \(listed.output)")
    }
    let assigned = try Self.history(
      in: workspace, named: "assigned.sqlite",
      runs: [("2024-11-13", [Self.account("ACC-2", manager: "Maria Gonzalez")])])
    let none = try workspace.run(["at-risk", "--db", assigned, "--manager", ""])
    #expect(none.status == 0, "\(none.errors)")
    #expect(none.errors.contains("every open account of run 1 has an account manager"), "\(none.errors)")
  }

  /// A manager with no open account in the run (every account renewed or churned: the history
  /// keeps open accounts only) is not called unknown, and no far-off names are offered as if the
  /// name were a typo; an earlier run that listed their accounts is named.
  @Test func aManagerWithNoOpenAccountIsNotCalledUnknown() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [Self.account("ACC-1", manager: "Maria Gonzalez"), Self.account("ACC-2", manager: "Tom Hargreaves")]
        ),
        ("2024-11-14", [Self.account("ACC-1", manager: "Maria Gonzalez"), Self.account("ACC-3", manager: "Ana Ruiz")]),
      ])
    let gone = try workspace.run(["at-risk", "--db", database, "--manager", "Tom Hargreaves"])
    #expect(gone.status == 0, "\(gone.errors)")
    #expect(
      gone.errors.contains(
        "no open account of run 2 is managed by 'Tom Hargreaves'; run 1 as of 2024-11-13 listed 1 open account of "
          + "theirs (--run 1)"), "\(gone.errors)")
    #expect(!gone.errors.contains("closest") && !gone.errors.contains("no account manager"), "\(gone.errors)")
    let never = try workspace.run(["at-risk", "--db", database, "--manager", "Priya Raman"])
    #expect(
      never.errors.contains(
        "no open account of run 2 is managed by 'Priya Raman' (a run keeps its open accounts only: a manager whose "
          + "accounts all renewed or churned has none)"), "\(never.errors)")
    #expect(!never.errors.contains("closest"), "\(never.errors)")
  }

  /// `--run` with an id the history lacks lists the runs it has (id and as-of date), its latest
  /// ten; `--run` also takes a run's as-of date.
  @Test func anUnknownRunListsTheRunsThereAreAndADateNamesARun() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let days = (1...12).map { String(format: "2024-11-%02d", $0) }
    let database = try Self.history(
      in: workspace, runs: days.map { ($0, [Self.account("ACC-1", manager: "Maria Gonzalez")]) })
    let unknown = try workspace.run(["at-risk", "--db", database, "--run", "99"])
    #expect(unknown.status == 1)
    #expect(
      unknown.errors.contains(
        "no run with id 99 in \(database); its latest 10 runs of 12, by as-of date: 3 (2024-11-03), 4 (2024-11-04), "
          + "5 (2024-11-05), 6 (2024-11-06), 7 (2024-11-07), 8 (2024-11-08), 9 (2024-11-09), 10 (2024-11-10), "
          + "11 (2024-11-11), 12 (2024-11-12); --run takes a run id or an as-of date YYYY-MM-DD"), "\(unknown.errors)")
    let dated = try workspace.run(["at-risk", "--db", database, "--run", "2024-11-05"])
    #expect(dated.status == 0, "\(dated.errors)")
    #expect(dated.output.hasPrefix("run 5 as of 2024-11-05, compared with 2024-11-04; 1 account\n"), "\(dated.output)")
    let missing = try workspace.run(["at-risk", "--db", database, "--run", "2024-11-20"])
    #expect(missing.status == 1)
    #expect(missing.errors.contains("no run as of 2024-11-20 in \(database); its latest 10 runs"), "\(missing.errors)")
    let wrong = try workspace.run(["at-risk", "--db", database, "--run", "last"])
    #expect(wrong.status == 2)
    #expect(wrong.errors.contains("expected a run id (a whole number from 1) or an as-of date YYYY-MM-DD"))
  }

  /// `--db` naming a folder says so and names the history file inside, not SQLite's "disk I/O error".
  @Test func aFolderGivenAsTheHistoryIsSaidToBeOne() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("gen7"), withIntermediateDirectories: true)
    _ = try Self.history(
      in: workspace, named: "gen7/aftershock.sqlite",
      runs: [("2024-11-13", [Self.account("ACC-1", manager: "Maria Gonzalez")])])
    let listed = try workspace.run(["at-risk", "--db", "gen7"])
    #expect(listed.status == 1)
    #expect(
      listed.errors.contains(
        "--db gen7 is a folder; --db takes the history file itself (e.g. --db gen7/aftershock.sqlite)"),
      "\(listed.errors)")
    #expect(!listed.errors.contains("disk I/O"), "\(listed.errors)")
  }

  /// `--segment` is read as ingest writes segments (`Mid-Market` and `mid market` are
  /// `mid_market`), and `--tier` in any case.
  @Test func segmentAndTierAreReadAsTheDataWritesThem() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria", probability: 0.9, segment: "mid_market"),
            Self.account("ACC-2", manager: "Maria", probability: 0.3, segment: "mid_market", tier: "medium"),
            Self.account("ACC-3", manager: "Maria", probability: 0.8, segment: "smb"),
          ]
        )
      ])
    for segment in ["Mid-Market", "mid market", "MID_MARKET", " mid-market "] {
      let listed = try workspace.run(["at-risk", "--db", database, "--segment", segment, "--format", "csv"])
      #expect(listed.status == 0 && listed.errors.isEmpty, "'\(segment)': \(listed.errors)")
      #expect(Self.ids(listed.output) == ["ACC-1", "ACC-2"], "'\(segment)': \(listed.output)")
    }
    let high = try workspace.run(["at-risk", "--db", database, "--tier", "HIGH", "--format", "csv"])
    #expect(high.status == 0, "\(high.errors)")
    #expect(Self.ids(high.output) == ["ACC-1", "ACC-3"], "\(high.output)")
    let medium = try workspace.run(["at-risk", "--db", database, "--tier", "Medium", "--format", "csv"])
    #expect(Self.ids(medium.output) == ["ACC-2"], "\(medium.output)")
  }

  /// A risk copied from the CSV or JSON into `--min-risk` keeps its account: the figure is cut to
  /// its four decimals, not rounded up past the account's own probability (0.70968 is 0.7096).
  @Test func aRiskCopiedFromTheOutputIntoMinRiskKeepsItsAccount() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria", probability: 0.70968),
            Self.account("ACC-2", manager: "Maria", probability: 0.49996, tier: "medium"),
            Self.account("ACC-3", manager: "Maria", probability: 0.7097),
          ]
        )
      ])
    let csv = try workspace.run(["at-risk", "--db", database, "--format", "csv"])
    let rows = csv.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    let risk = try #require(csv.output.split(separator: "\n").first?.split(separator: ",").firstIndex(of: "Risk"))
    let shown = Dictionary(uniqueKeysWithValues: rows.map { ($0[1], $0[risk]) })
    #expect(shown == ["ACC-1": "0.7096", "ACC-2": "0.4999", "ACC-3": "0.7097"], "\(csv.output)")
    for (account, figure) in shown {
      let kept = try workspace.run(["at-risk", "--db", database, "--min-risk", figure, "--format", "csv"])
      #expect(Self.ids(kept.output).contains(account), "--min-risk \(figure) dropped \(account): \(kept.output)")
    }
    let json = try workspace.run(["at-risk", "--db", database, "--format", "json"])
    let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    #expect(objects.first?["churn_probability"] as? Double == 0.7097, "\(json.output)")
    #expect(objects.dropFirst().first?["churn_probability"] as? Double == 0.7096, "\(json.output)")
    // The table's whole percent is the probability's: 0.49996 reads 49%, not the 50% of 0.5000.
    let table = try workspace.run(["at-risk", "--db", database])
    let line = try #require(table.output.split(separator: "\n").first { $0.contains("ACC-2") })
    #expect(line.contains(" 49%"), "\(line)")
  }

  /// CSV and JSON add each account's manager and renewal date, after the columns they had, so a
  /// team lead can sort by manager and a reader of the earlier columns keeps their positions.
  @Test func csvAndJSONNameTheManagerAndRenewalDateLast() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(
      in: workspace,
      runs: [
        (
          "2024-11-13",
          [
            Self.account("ACC-1", manager: "Maria Gonzalez; Tom Hargreaves", probability: 0.9),
            Self.account("ACC-2", manager: nil, probability: 0.8),
          ]
        )
      ])
    let csv = try workspace.run(["at-risk", "--db", database, "--format", "csv"])
    let lines = csv.output.split(separator: "\n").map(String.init)
    #expect(
      lines.first == "Account,ID,Segment,ARR,Renews,Risk,Tier,Change,Why,Account manager,Renewal date", "\(csv.output)")
    #expect(
      lines.dropFirst().first
        == "Company ACC-1,ACC-1,smb,10000.00,60,0.9000,high,new,CSAT 2 of 5,Maria Gonzalez; Tom Hargreaves,2025-01-15",
      "\(csv.output)")
    #expect(lines.last == "Company ACC-2,ACC-2,smb,10000.00,60,0.8000,high,new,CSAT 2 of 5,,2025-01-15")
    let json = try workspace.run(["at-risk", "--db", database, "--format", "json"])
    let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    #expect(objects.first?["account_manager"] as? String == "Maria Gonzalez; Tom Hargreaves", "\(json.output)")
    #expect(objects.first?["renewal_date"] as? String == "2025-01-15", "\(json.output)")
    // The table keeps its width: no manager column there.
    let table = try workspace.run(["at-risk", "--db", database])
    #expect(!table.output.contains("Tom Hargreaves"), "\(table.output)")
  }

  /// A list of more than a thousand accounts: the heading groups the count as everywhere else
  /// (`1,184 accounts`), and the reasons' numbers are right-aligned to the widest, so that every
  /// reason starts in one column and no line is wider than asked.
  @Test func aLongListGroupsItsCountAndAlignsItsNumbers() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let scores = (1...1_184).map { index in
      Self.account(
        String(format: "ACC-%06d", index), manager: "Maria", probability: 0.9 - Double(index) / 10_000)
    }
    let database = try Self.history(in: workspace, runs: [("2024-11-13", scores)])
    let listed = try workspace.run(["at-risk", "--db", database, "--top", "2000", "--width", "80"])
    #expect(listed.status == 0, "\(listed.errors)")
    #expect(listed.output.hasPrefix("run 1 as of 2024-11-13, no earlier run to compare with; 1,184 accounts\n"))
    let lines = listed.output.split(separator: "\n").map(String.init)
    let reasons = lines.filter { $0.hasSuffix("CSAT 2 of 5") }
    #expect(reasons.count == 1_184)
    #expect(reasons.first == "   1  CSAT 2 of 5", "\(reasons.prefix(2))")
    #expect(reasons.contains("  99  CSAT 2 of 5") && reasons.contains(" 100  CSAT 2 of 5"))
    #expect(reasons.last == "1184  CSAT 2 of 5", "\(reasons.suffix(2))")
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
  }

  /// Without `--width`, the listing takes the `COLUMNS` environment variable's width when standard
  /// output is no terminal; `--width` still wins, and piped without `COLUMNS` it stays 100 wide.
  @Test func theWidthComesFromCOLUMNSUnlessGiven() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    let narrow = try workspace.run(["at-risk", "--db", database], environment: ["COLUMNS": "60"])
    #expect(narrow.status == 0, "\(narrow.errors)")
    let asked = try workspace.run(["at-risk", "--db", database, "--width", "60"])
    #expect(narrow.output == asked.output)
    #expect(narrow.output.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 60 }, "\(narrow.output)")
    let given = try workspace.run(["at-risk", "--db", database, "--width", "100"], environment: ["COLUMNS": "60"])
    let piped = try workspace.run(["at-risk", "--db", database])
    let hundred = try workspace.run(["at-risk", "--db", database, "--width", "100"])
    #expect(given.output == hundred.output && piped.output == hundred.output)
    #expect(piped.output != narrow.output)
  }

  /// On a terminal, the listing takes the terminal's width (`TIOCGWINSZ`), before `COLUMNS`.
  @Test func theWidthIsTheTerminalsOnATerminal() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let database = try Self.history(in: workspace)
    let onTerminal = try Self.runOnTerminal(
      ["at-risk", "--db", database], columns: 64, environment: ["COLUMNS": "120"])
    let asked = try workspace.run(["at-risk", "--db", database, "--width", "64"])
    #expect(onTerminal == asked.output)
  }

  /// Runs `aftershock` with standard output on a pseudo-terminal `columns` wide; returns what it
  /// printed there (the terminal's `\r\n` read as `\n`).
  static func runOnTerminal(_ arguments: [String], columns: UInt16, environment: [String: String]) throws -> String {
    var primary: Int32 = -1
    var secondary: Int32 = -1
    var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    try #require(openpty(&primary, &secondary, nil, nil, &size) == 0)
    defer { close(primary) }
    let process = Process()
    process.executableURL = CLIWorkspace.binary
    process.arguments = arguments
    var variables = ProcessInfo.processInfo.environment
    variables["AFTERSHOCK_DATA"] = CLIWorkspace.repositoryRoot.appendingPathComponent("Data").path
    variables.merge(environment) { _, given in given }
    process.environment = variables
    process.standardOutput = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
    process.standardError = FileHandle.nullDevice
    try process.run()
    close(secondary)
    // Read until the child has gone and the terminal is drained (EIO once no one holds it open,
    // or nothing more within a tenth of a second once the child has exited).
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4_096)
    while true {
      var ready = pollfd(fd: primary, events: Int16(POLLIN), revents: 0)
      let polled = poll(&ready, 1, 100)
      if polled == 0 {
        if process.isRunning { continue }
        break
      }
      if polled < 0 {
        if errno == EINTR { continue }
        break
      }
      let count = read(primary, &buffer, buffer.count)
      if count > 0 {
        output.append(contentsOf: buffer[0..<count])
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
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
