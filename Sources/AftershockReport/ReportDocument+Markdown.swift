extension ReportDocument {
  /// The report as GitHub-flavoured Markdown (`report.md`), charts linked as `charts/<name>.svg`.
  public func markdown() -> String {
    var builder = MarkdownBuilder()
    builder.heading(title, level: 1)
    if let subtitle { builder.note(subtitle) }
    for section in sections {
      builder.heading(section.heading, level: 2)
      Self.appendBody(of: section, to: &builder, linkingCSV: true)
    }
    return builder.text
  }

  /// Adds a section's paragraphs, bullets, charts and tables (not its heading).
  static func appendBody(of section: ReportSection, to builder: inout MarkdownBuilder, linkingCSV: Bool) {
    for paragraph in section.paragraphs { builder.paragraph(paragraph) }
    builder.bullets(section.bullets)
    for chart in section.charts {
      builder.image(alt: chart.caption, path: chart.relativePath)
    }
    for table in section.tables {
      appendTable(table, to: &builder, linkingCSV: linkingCSV)
    }
  }

  static func appendTable(_ table: ReportTable, to builder: inout MarkdownBuilder, linkingCSV: Bool) {
    if !table.caption.isEmpty {
      builder.raw("**" + MarkdownBuilder.escapeText(table.caption, atLineStart: false) + "**")
    }
    // A table with no rows (no text named an aspect, no settled account had an offer) says so
    // rather than showing a bare header.
    if table.rows.isEmpty {
      builder.note("None this run.")
    } else {
      builder.table(header: table.header, rows: table.rows, alignments: table.alignments)
    }
    if linkingCSV, let file = table.csvFileName {
      builder.raw("Data: " + MarkdownBuilder.linkText(file, to: file))
    }
  }
}
