import Foundation
import Testing

@testable import AftershockReport

@Suite struct TextTableTests {
  private let columns = [
    TextTable.Column("Account"), TextTable.Column("Risk", isNumeric: true),
    TextTable.Column("Drivers", maxWidth: 30), TextTable.Column("Change"),
  ]

  @Test func terminalTableFitsTheWidthByDisplayWidth() {
    let table = TextTable(
      columns: columns,
      rows: [
        [
          "株式会社テスト (Tokyo)", "0.91", "negative outage sentiment; voucher seen as insulting; renewal in 30 days",
          "up 7.2",
        ],
        ["Café Ünïcode 🙂 GmbH", "-0.05", "none", "="],
      ])
    let text = table.renderTerminal(width: 60)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(lines.map { DisplayWidth.of($0) })")
    #expect(lines[2].contains("…"))
    #expect(lines[0].hasPrefix("Account"))
  }

  @Test func numbersAreRightAligned() {
    let table = TextTable(
      columns: [TextTable.Column("id"), TextTable.Column("risk", isNumeric: true)],
      rows: [["a", "0.5"], ["b", "10.25"]])
    #expect(table.renderTerminal() == "id   risk\n──  ─────\na     0.5\nb   10.25\n")
  }

  @Test func truncationCountsWideCharactersAsTwoColumns() {
    #expect(DisplayWidth.of("株式会社") == 8)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("👍🏽") == 2)
    #expect(DisplayWidth.truncate("株式会社テスト", to: 7) == "株式会…")
    #expect(DisplayWidth.truncate("short", to: 7) == "short")
  }

  /// Numbers and ids are never cut: when they do not fit the width, each row becomes a block.
  @Test func aNarrowTerminalNeverCutsNumbersOrIDs() {
    let table = TextTable(
      columns: [
        TextTable.Column("Account", maxWidth: 28), TextTable.Column("ID", isTruncatable: false),
        TextTable.Column("ARR", display: .grouped(decimals: 0)),
        TextTable.Column("Risk", display: .percent(decimals: 0)),
        TextTable.Column("Change", isTruncatable: false),
      ],
      rows: [
        ["Starling Bank Partners", "ACC-000123", "53999999", "0.5", "up 12.5"],
        ["Cedar", "ACC-9", "4900", "0.25", "new"],
      ])
    #expect(
      table.renderTerminal(width: 46) == """
        Account  ID                 ARR  Risk  Change
        ───────  ──────────  ──────────  ────  ───────
        Starli…  ACC-000123  53,999,999   50%  up 12.5
        Cedar    ACC-9            4,900   25%  new

        """)
    #expect(table.fitsTerminal(width: 46))
    #expect(!table.fitsTerminal(width: 45))
    #expect(
      table.renderTerminal(width: 20) == """
        Account: Starling
                 Bank
                 Partners
        ID:      ACC-000123
        ARR:     53,999,999
        Risk:    50%
        Change:  up 12.5

        Account: Cedar
        ID:      ACC-9
        ARR:     4,900
        Risk:    25%
        Change:  new

        """)
  }

  /// Words wrap at spaces; a word wider than the line is split, never cut.
  @Test func wrappingKeepsEveryCharacter() {
    #expect(DisplayWidth.wrap("CSAT 1 of 5; 2 tickets", to: 10) == ["CSAT 1 of", "5; 2", "tickets"])
    #expect(DisplayWidth.wrap("ACC-0000000123", to: 6) == ["ACC-00", "000001", "23"])
    #expect(DisplayWidth.wrap("株式会社テスト", to: 5) == ["株式", "会社", "テス", "ト"])
    #expect(DisplayWidth.wrap("", to: 5) == [""])
  }

  /// Only a probability of exactly 1 reads 100%, and only exactly 0 reads 0%.
  @Test func percentagesNeverRoundToCertainty() {
    #expect(FixedFormat.percent(0.997, decimals: 0) == ">99%")
    #expect(FixedFormat.percent(0.9996, decimals: 1) == ">99.9%")
    #expect(FixedFormat.percent(0.994, decimals: 0) == "99%")
    #expect(FixedFormat.percent(1, decimals: 0) == "100%")
    #expect(FixedFormat.percent(0.004, decimals: 0) == "<1%")
    #expect(FixedFormat.percent(0, decimals: 0) == "0%")
    #expect(FixedFormat.percent(0.7346) == "73.5%")
    let table = TextTable(
      columns: [TextTable.Column("risk", display: .percent(decimals: 0))], rows: [["0.997"], ["1"]])
    #expect(table.renderTerminal() == "risk\n────\n>99%\n100%\n")
  }

  /// A risk shown cut, not rounded, never reads as the tier threshold it is under ("50% medium"
  /// beside "51% high" puzzled an outside audit): 0.4966 is 49%, 0.5 is 50%.
  @Test func percentagesCutDownStayUnderTheirThreshold() {
    #expect(FixedFormat.percentDown(0.4966) == "49%")
    #expect(FixedFormat.percentDown(0.5) == "50%")
    #expect(FixedFormat.percentDown(0.29) == "29%")
    #expect(FixedFormat.percentDown(0.999) == "99%")
    #expect(FixedFormat.percentDown(1) == "100%")
    #expect(FixedFormat.percentDown(0.004) == "<1%")
    #expect(FixedFormat.percentDown(0) == "0%")
    #expect(FixedFormat.percentDown(0.4966, decimals: 1) == "49.6%")
    let table = TextTable(
      columns: [TextTable.Column("risk", display: .percentDown(decimals: 0))], rows: [["0.4966"], ["0.51"]])
    #expect(table.renderTerminal() == "risk\n────\n 49%\n 51%\n")
  }

  /// A figure cut to its decimals, read back, is never above the value, and is the value's own
  /// digits when the value is a decimal of that many places (0.7097 × 10000 reads 7096.999…).
  @Test func figuresCutDownReadBackAtMostTheirValue() {
    #expect(FixedFormat.cut(0.70968, decimals: 4) == "0.7096")
    #expect(FixedFormat.cut(0.7097, decimals: 4) == "0.7097")
    #expect(FixedFormat.cut(0.49996, decimals: 4) == "0.4999")
    #expect(FixedFormat.cut(0.7, decimals: 4) == "0.7000")
    #expect(FixedFormat.cut(1, decimals: 4) == "1.0000")
    #expect(FixedFormat.cut(0, decimals: 4) == "0.0000")
    // Every four-place decimal from 0 to 1 keeps its digits, and a value between two of them
    // reads back as the lower one.
    for units in 0...10_000 {
      let exact = String(format: "%.4f", Double(units) / 10_000)
      #expect(FixedFormat.cut(Double(exact)!, decimals: 4) == exact)
      let between = (Double(units) + 0.37) / 10_000
      guard between <= 1 else { continue }
      let text = FixedFormat.cut(between, decimals: 4)
      #expect(text == exact && Double(text)! <= between, "\(between) cut to \(text)")
    }
  }

  /// East Asian wide characters and emoji with emoji presentation take two columns; a text-style
  /// emoji (`🌡` without U+FE0F) one; a combining mark none, even beside wide text.
  @Test func wideCharactersAndEmojiAreMeasuredAsTheTerminalShowsThem() {
    #expect(DisplayWidth.of("🚀") == 2)
    #expect(DisplayWidth.of("🌡") == 1)
    #expect(DisplayWidth.of("🌡\u{FE0F}") == 2)
    #expect(DisplayWidth.of("🤀") == 1)
    #expect(DisplayWidth.of("🈐") == 2)
    #expect(DisplayWidth.of("䷀") == 2)
    #expect(DisplayWidth.of("𗀀") == 2)
    #expect(DisplayWidth.of("\u{3099}") == 0)
    #expect(DisplayWidth.of("\u{1161}") == 0)
    #expect(DisplayWidth.of("\u{AD}") == 1)
    let table = TextTable(
      columns: [TextTable.Column("name"), TextTable.Column("n", isNumeric: true)],
      rows: [["🌡 Heat", "1"], ["🈐 Co", "2"], ["䷀ Yi", "3"]])
    #expect(table.renderTerminal() == "name    n\n──────  ─\n🌡 Heat  1\n🈐 Co   2\n䷀ Yi   3\n")
  }

  /// Bidirectional controls would make a terminal reorder the rest of the line: they are shown as escapes.
  @Test func bidiControlsAreShownAsEscapes() {
    let controls: [UInt32] = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
    let name = controls.map { "x" + String(Unicode.Scalar($0)!) }.joined()
    let rendered = TextTable(columns: [TextTable.Column("name")], rows: [[name]]).renderTerminal()
    #expect(!rendered.unicodeScalars.contains { controls.contains($0.value) }, "\(rendered)")
    #expect(
      rendered.contains(controls.map { "x\\u{" + String($0, radix: 16, uppercase: true) + "}" }.joined()), "\(rendered)"
    )
    #expect(rendered.split(separator: "\n").map { DisplayWidth.of(String($0)) } == [4, 99, 99])
  }

  @Test func terminalEscapesFromDataAreDefused() {
    let table = TextTable(columns: [TextTable.Column("name")], rows: [["evil\u{1B}[2Jname"]])
    #expect(!table.renderTerminal().contains("\u{1B}"))
  }

  @Test func csvGuardsTextAndKeepsNegativeNumbers() {
    let table = TextTable(columns: columns, rows: [["=cmd()", "-0.05", "a, b", "-3"]])
    #expect(table.renderCSV() == "Account,Risk,Drivers,Change\n'=cmd(),-0.05,\"a, b\",'-3\n")
  }

  @Test func markdownEscapesCells() {
    let table = TextTable(
      columns: [TextTable.Column("name"), TextTable.Column("risk", isNumeric: true)], rows: [["a|b<c>", "0.5"]])
    #expect(table.renderMarkdown() == "| name | risk |\n| :--- | ---: |\n| a\\|b&lt;c&gt; | 0.5 |\n")
  }

  @Test func jsonIsValidWithNumbersAsNumbers() throws {
    let table = TextTable(
      columns: columns, rows: [["Quote \"hi\"\n\\", "-0.05", "x", "new"], ["b", "", "", "="], ["c", "n/a", "", ""]])
    let array = try #require(try JSONSerialization.jsonObject(with: Data(table.renderJSON().utf8)) as? [[String: Any]])
    #expect(array.count == 3)
    #expect(array[0]["account"] as? String == "Quote \"hi\"\n\\")
    #expect(array[0]["risk"] as? Double == -0.05)
    #expect(array[1]["risk"] is NSNull)
    #expect(array[2]["risk"] as? String == "n/a")
    let lines = table.renderJSON(lines: true).split(separator: "\n")
    #expect(lines.count == 3)
    for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
  }

  @Test func rawNumbersAreFormattedForPeopleAndKeptForMachines() throws {
    let table = TextTable(
      columns: [
        TextTable.Column("account"), TextTable.Column("risk", display: .percent(decimals: 1)),
        TextTable.Column("arr", display: .grouped(decimals: 0)),
        TextTable.Column("delta", display: .signed(decimals: 2)),
      ],
      rows: [["A1", "0.9123", "240000", "0.052"], ["A2", "n/a", "", "-0.1"]])
    #expect(
      table.renderTerminal()
        == "account   risk      arr  delta\n───────  ─────  ───────  ─────\nA1       91.2%  240,000  +0.05\nA2         n/a           -0.10\n"
    )
    #expect(table.renderMarkdown().contains("| A1 | 91.2% | 240,000 | +0.05 |"))
    #expect(table.renderCSV() == "account,risk,arr,delta\nA1,0.9123,240000,0.052\nA2,n/a,,-0.1\n")
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(table.renderJSON(lines: true).split(separator: "\n")[0].utf8))
        as? [String: Any])
    #expect(first["risk"] as? Double == 0.9123)
    #expect(first["arr"] as? Double == 240000)
  }

  /// `at-risk --format csv` is read on screens too: control characters from the data are written
  /// out as on the terminal, newlines (which CSV quotes) kept.
  @Test func csvWritesControlCharactersOut() {
    let table = TextTable(
      columns: [.init("name"), .init("risk", isNumeric: true)], rows: [["\u{1B}[2JEvil\nCorp\u{9B}", "0.5"]])
    #expect(table.renderCSV() == "name,risk\n\"\\u{1B}[2JEvil\nCorp\\u{9B}\",0.5\n")
  }
}
