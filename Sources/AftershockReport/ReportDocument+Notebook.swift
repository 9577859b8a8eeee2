extension ReportDocument {
  /// The report as a Jupyter notebook (nbformat 4.5 JSON, Python 3 kernel).
  ///
  /// Markdown cells carry the same sections as `report.md` (tables included, so the notebook
  /// reads without running). Each chart is a code cell that displays `charts/<name>.svg`, saved
  /// with its SVG as a `display_data` output; each exported table is followed by a code cell
  /// that loads its `summary_<name>.csv` with pandas. `dataPath` is the folder holding those
  /// files, as seen from the notebook (e.g. `../out`). Cell ids are `cell-001`, `cell-002`, ...
  public func notebookJSON(dataPath: String = ".") -> String {
    var cells: [JSONText] = []
    func markdownCell(_ text: String) {
      cells.append(
        .object([
          ("cell_type", .string("markdown")),
          ("id", .string(Self.cellID(cells.count))),
          ("metadata", .object([])),
          ("source", Self.sourceLines(text)),
        ]))
    }
    func codeCell(_ source: String, outputs: [JSONText] = []) {
      cells.append(
        .object([
          ("cell_type", .string("code")),
          ("execution_count", .null),
          ("id", .string(Self.cellID(cells.count))),
          ("metadata", .object([])),
          ("outputs", .array(outputs)),
          ("source", Self.sourceLines(source)),
        ]))
    }

    var header = MarkdownBuilder()
    header.heading(title, level: 1)
    if let subtitle { header.note(subtitle) }
    markdownCell(header.text)
    var dataLiteral = ""
    JSONText.appendQuoted(dataPath, to: &dataLiteral)
    codeCell(
      """
      from pathlib import Path

      import pandas as pd
      from IPython.display import SVG, display

      # The folder holding report.md, summary_*.csv and charts/ (relative to this notebook).
      DATA = Path(\(dataLiteral))
      """)
    for section in sections {
      var text = MarkdownBuilder()
      text.heading(section.heading, level: 2)
      var body = section
      body.charts = []
      body.tables = []
      Self.appendBody(of: body, to: &text, linkingCSV: false)
      markdownCell(text.text)
      for chart in section.charts {
        var pathLiteral = ""
        JSONText.appendQuoted(chart.relativePath, to: &pathLiteral)
        let output = JSONText.object([
          (
            "data",
            .object([
              ("image/svg+xml", Self.sourceLines(chart.chart.svg())),
              ("text/plain", .array([.string("<SVG: " + chart.caption + ">")])),
            ])
          ),
          ("metadata", .object([])),
          ("output_type", .string("display_data")),
        ])
        codeCell("display(SVG(filename=str(DATA / \(pathLiteral))))", outputs: [output])
      }
      for table in section.tables {
        var tableText = MarkdownBuilder()
        Self.appendTable(table, to: &tableText, linkingCSV: false)
        markdownCell(tableText.text)
        if let file = table.csvFileName, let name = table.csvName {
          var fileLiteral = ""
          JSONText.appendQuoted(file, to: &fileLiteral)
          let variable = Self.pythonIdentifier(name)
          codeCell("\(variable) = pd.read_csv(DATA / \(fileLiteral))\n\(variable)")
        }
      }
    }
    let notebook = JSONText.object([
      ("cells", .array(cells)),
      (
        "metadata",
        .object([
          (
            "kernelspec",
            .object([
              ("display_name", .string("Python 3")), ("language", .string("python")), ("name", .string("python3")),
            ])
          ),
          ("language_info", .object([("name", .string("python"))])),
        ])
      ),
      ("nbformat", .integer(4)),
      ("nbformat_minor", .integer(5)),
    ])
    return notebook.rendered(indent: 1) + "\n"
  }

  static func cellID(_ index: Int) -> String {
    let number = String(index + 1)
    return "cell-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
  }

  /// Text as Jupyter stores it: a list of lines, each but the last ending in `\n`.
  static func sourceLines(_ text: String) -> JSONText {
    var trimmed = Substring(text)
    while trimmed.hasSuffix("\n") { trimmed = trimmed.dropLast() }
    let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
    return .array(
      lines.enumerated().map { index, line in .string(String(line) + (index + 1 < lines.count ? "\n" : "")) })
  }

  /// A Python identifier made from a table's name (`risk-by segment` → `risk_by_segment`).
  static func pythonIdentifier(_ name: String) -> String {
    let stem = safeFileStem(name).replacingDashes()
    guard let first = stem.utf8.first, !(first >= 0x30 && first <= 0x39), !pythonReservedWords.contains(stem) else {
      return "table_" + stem
    }
    return stem
  }

  /// Python's keywords plus the names the notebook's first cell binds.
  static let pythonReservedWords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "DATA", "Path", "pd", "SVG", "display",
  ]
}

extension String {
  fileprivate func replacingDashes() -> String {
    String(decoding: utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
  }
}
