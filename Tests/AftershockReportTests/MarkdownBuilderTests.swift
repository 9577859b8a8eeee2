import Testing

@testable import AftershockReport

@Suite struct MarkdownBuilderTests {
  /// Terminal controls in text and cells are written out, never left for `cat` to obey.
  @Test func controlCharactersAreWrittenOut() {
    var builder = MarkdownBuilder()
    builder.paragraph("a\u{1B}[2Jb\u{7F}")
    builder.table(header: ["name"], rows: [["\u{1B}[31mx\u{85}y\u{200F}"]], alignments: [.left])
    #expect(builder.text == "a\\u{1B}\\[2Jb\\u{7F}\n\n| name |\n| :--- |\n| \\u{1B}\\[31mx\\u{85}y\\u{200F} |\n")
    #expect(MarkdownBuilder.codeSpan("rm\u{1B}") == "`rm `")
  }

  @Test func pipesInCellsAreEscaped() {
    #expect(MarkdownBuilder.escapeCell("smb | self-serve") == "smb \\| self-serve")
  }

  @Test func htmlInCellsAndTextBecomesEntities() {
    #expect(
      MarkdownBuilder.escapeCell("<script>alert(1)</script> & co") == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
    #expect(MarkdownBuilder.escapeText("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
  }

  @Test func newlinesInCellsBecomeLineBreaks() {
    #expect(MarkdownBuilder.escapeCell("first\nsecond\r\nthird") == "first<br>second<br>third")
  }

  @Test func emphasisCodeAndLinksAreNeutralised() {
    #expect(
      MarkdownBuilder.escapeText("*bold* `code` [link](x) ~~gone~~ \\")
        == "\\*bold\\* \\`code\\` \\[link\\](x) \\~\\~gone\\~\\~ \\\\")
  }

  @Test func intrawordUnderscoresAreLeftAlone() {
    #expect(MarkdownBuilder.escapeText("account_id and _emphasis_") == "account_id and \\_emphasis\\_")
  }

  @Test(arguments: [
    ("# not a heading", "\\# not a heading"), ("- not a bullet", "\\- not a bullet"),
    ("2026. A year", "2026\\. A year"), ("1) first", "1\\) first"), ("+ plus", "\\+ plus"),
    ("=== not setext", "\\=== not setext"), ("a - b # c", "a - b # c"),
  ])
  func lineStartMarkersAreEscaped(input: String, expected: String) {
    #expect(MarkdownBuilder.escapeText(input) == expected)
  }

  @Test func tableAlignsNumbersRightAndPadsShortRows() {
    var builder = MarkdownBuilder()
    builder.table(header: ["segment", "risk"], rows: [["smb", "0.2"], ["enterprise"]], alignments: [.left, .right])
    #expect(builder.text == "| segment | risk |\n| :--- | ---: |\n| smb | 0.2 |\n| enterprise |  |\n")
  }

  @Test func paragraphsStayOneBlockAndImagesKeepTheirPath() {
    var builder = MarkdownBuilder()
    builder.paragraph("line one\n\nline two")
    builder.image(alt: "Risk [draft]", path: "charts/risk histogram.svg")
    #expect(builder.text == "line one line two\n\n![Risk \\[draft\\]](charts/risk%20histogram.svg)\n")
  }
}

@Suite struct MarkdownBlockTests {
  @Test func bulletTextCannotStartAHeadingOrANestedList() {
    var builder = MarkdownBuilder()
    builder.bullets(["# of tickets", "1. first"])
    #expect(builder.text == "- \\# of tickets\n- 1\\. first\n")
  }

  @Test func dollarsDoNotTurnIntoMath() {
    #expect(MarkdownBuilder.escapeText("a $10 voucher vs $25 credit") == "a \\$10 voucher vs \\$25 credit")
  }

  @Test func headingKeepsATrailingHash() {
    var builder = MarkdownBuilder()
    builder.heading("Tickets in C#", level: 2)
    #expect(builder.text == "## Tickets in C\\#\n")
  }
}
