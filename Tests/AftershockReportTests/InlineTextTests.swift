import Testing

@testable import AftershockReport

/// The report's own bold and code spans render as Markdown; the data around and inside them stays literal.
@Suite struct InlineTextTests {
  @Test func reportBoldRendersAsBoldWhileAQuoteWithMarkupStaysLiteral() {
    let quote = "**x** | `rm -rf` [click](http://x) <b>"
    var builder = MarkdownBuilder()
    builder.bullets(["\(strong: "offer") (-0.50, smb): “\(quote)”"])
    #expect(
      builder.text
        == "- **offer** (-0.50, smb): “\\*\\*x\\*\\* | \\`rm -rf\\` \\[click\\](http://x) &lt;b&gt;”\n")
  }

  @Test func dataInsideBoldIsEscaped() {
    #expect(MarkdownBuilder.inlineMarkdown("\(strong: "a*b_ <i>")") == "**a\\*b\\_ &lt;i&gt;**")
    // Spaces stay outside the markers, where emphasis still opens and closes.
    #expect(MarkdownBuilder.inlineMarkdown("x\(strong: " y ")z") == "x **y** z")
  }

  @Test func reportCodeSpanRendersAsCode() {
    var builder = MarkdownBuilder()
    builder.paragraph("Run \(code: "aftershock forecast --backtest") to check; \("`data`") is escaped.")
    #expect(builder.text == "Run `aftershock forecast --backtest` to check; \\`data\\` is escaped.\n")
  }

  @Test func codeSpanWithBackticksGetsALongerFence() {
    #expect(MarkdownBuilder.inlineMarkdown("\(code: "a`b")") == "``a`b``")
    #expect(MarkdownBuilder.inlineMarkdown("\(code: "`x`")") == "`` `x` ``")
  }

  @Test func aBulletStartingWithDataStillEscapesBlockMarkers() {
    var builder = MarkdownBuilder()
    builder.bullets(["\("# not a heading") and \(strong: "bold")", "\(strong: "1.") item"])
    #expect(builder.text == "- \\# not a heading and **bold**\n- **1.** item\n")
  }

  @Test func sectionBulletsAndParagraphsRenderTheirMarkupInTheReport() {
    let document = ReportDocument(
      title: "t",
      sections: [
        ReportSection(
          heading: "What customers said", paragraphs: ["See \(code: "aftershock report")."],
          bullets: ["\(strong: "outage") (smb): “\("a | b **c**")”"])
      ])
    let markdown = document.markdown()
    #expect(markdown.contains("\n- **outage** (smb): “a | b \\*\\*c\\*\\*”\n"))
    #expect(markdown.contains("\nSee `aftershock report`.\n"))
    let notebook = document.notebookJSON(dataPath: ".")
    #expect(notebook.contains("- **outage** (smb)"))
  }

  @Test func plainStringLiteralsAreText() {
    let text: InlineText = "*not bold*"
    #expect(text.spans == [.text("*not bold*")])
    #expect(MarkdownBuilder.inlineMarkdown(text) == "\\*not bold\\*")
    #expect(("a" + InlineText.strong("b") + "c").description == "abc")
  }
}
