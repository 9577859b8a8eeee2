/// A report as data: a title and sections of text, tables and charts, rendered to Markdown, CSV and Jupyter.
///
/// Renderers: ``markdown()`` (`report.md`, charts linked as `charts/<name>.svg`),
/// ``summaryCSV(for:)`` (`summary_<csvName>.csv` per table), ``notebookJSON(dataPath:)``
/// (`.ipynb`), and ``write(to:)`` / ``writeNotebook(to:dataPath:)`` which write them atomically.
public struct ReportDocument: Sendable, Equatable {
  /// The report's title (the Markdown `#` heading).
  public var title: String
  /// A line under the title (e.g. the run's date and inputs).
  public var subtitle: String?
  /// The sections, in reading order.
  public var sections: [ReportSection]

  /// Makes a report.
  public init(title: String, subtitle: String? = nil, sections: [ReportSection] = []) {
    self.title = title
    self.subtitle = subtitle
    self.sections = sections
  }

  /// Every table that is exported as CSV, in document order.
  public var exportedTables: [ReportTable] {
    sections.flatMap { $0.tables.filter { $0.csvName != nil } }
  }

  /// Every chart, in document order.
  public var charts: [ReportChart] {
    sections.flatMap(\.charts)
  }
}

/// One section of a report; rendered as heading, paragraphs, bullets, charts, then tables.
public struct ReportSection: Sendable, Equatable {
  /// The section's heading.
  public var heading: String
  /// Paragraphs of plain text (escaped when rendered), with the report's own bold and code spans.
  public var paragraphs: [InlineText]
  /// Bullet points of plain text, as paragraphs are.
  public var bullets: [InlineText]
  /// The tables.
  public var tables: [ReportTable]
  /// The charts.
  public var charts: [ReportChart]

  /// Makes a section.
  public init(
    heading: String, paragraphs: [InlineText] = [], bullets: [InlineText] = [], tables: [ReportTable] = [],
    charts: [ReportChart] = []
  ) {
    self.heading = heading
    self.paragraphs = paragraphs
    self.bullets = bullets
    self.tables = tables
    self.charts = charts
  }
}

/// A table of a report: already-formatted cells, with the numeric columns marked.
public struct ReportTable: Sendable, Equatable {
  /// The columns a summary CSV holds instead of the shown ones, when a shown cell packs two
  /// figures (`-0.06 (n=647)`): a spreadsheet reads numbers, not that text (an outside audit
  /// found `'-0.06 (n=647)` there, formula-guarded as text).
  public struct CSVForm: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    public var numericColumns: Set<Int>

    /// Makes the CSV's own columns.
    public init(header: [String], rows: [[String]], numericColumns: Set<Int>) {
      self.header = header
      self.rows = rows
      self.numericColumns = numericColumns
    }
  }

  /// A line shown above the table.
  public var caption: String
  /// The column titles.
  public var header: [String]
  /// The rows of cells, as they should be shown.
  public var rows: [[String]]
  /// The indexes (0-based) of numeric columns: right-aligned, and negative numbers kept as numbers in CSV.
  public var numericColumns: Set<Int>
  /// Exported as `summary_<csvName>.csv` when set (letters, digits, `_` and `-`; others become `_`).
  public var csvName: String?
  /// The CSV's own columns, when they differ from the shown ones (nil: the shown ones).
  public var csvForm: CSVForm? = nil

  /// The table as its CSV holds it: `csvForm`'s columns when set.
  public var exported: ReportTable {
    guard let form = csvForm else { return self }
    return ReportTable(
      caption: caption, header: form.header, rows: form.rows, numericColumns: form.numericColumns, csvName: csvName)
  }

  /// Makes a table.
  public init(
    caption: String, header: [String], rows: [[String]], numericColumns: Set<Int> = [], csvName: String? = nil
  ) {
    self.caption = caption
    self.header = header
    self.rows = rows
    self.numericColumns = numericColumns
    self.csvName = csvName
  }

  /// The CSV file name, e.g. `summary_risk_by_segment.csv`, or `nil` when the table is not exported.
  public var csvFileName: String? {
    csvName.map { "summary_" + ReportDocument.safeFileStem($0) + ".csv" }
  }

  /// Each column's alignment: numbers right, text left.
  public var alignments: [ColumnAlignment] {
    header.indices.map { numericColumns.contains($0) ? .right : .left }
  }
}

/// A chart of a report with the file name it is written under (`charts/<name>.svg`).
public struct ReportChart: Sendable, Equatable {
  /// The file stem (letters, digits, `_` and `-`; others become `_`).
  public var name: String
  /// The alternative text and caption.
  public var caption: String
  /// The chart.
  public var chart: Chart

  /// Makes a report chart.
  public init(name: String, caption: String, chart: Chart) {
    self.name = name
    self.caption = caption
    self.chart = chart
  }

  /// The path relative to the report, e.g. `charts/risk_histogram.svg`.
  public var relativePath: String { "charts/" + ReportDocument.safeFileStem(name) + ".svg" }
}

extension ReportDocument {
  /// `name` with every byte other than ASCII letters, digits, `_` and `-` replaced by `_` (never empty).
  static func safeFileStem(_ name: String) -> String {
    let bytes = name.utf8.map { byte -> UInt8 in
      let isSafe =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
      return isSafe ? byte : UInt8(ascii: "_")
    }
    return bytes.isEmpty ? "unnamed" : String(decoding: bytes, as: UTF8.self)
  }
}
