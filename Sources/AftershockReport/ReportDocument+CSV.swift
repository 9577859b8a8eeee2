extension ReportDocument {
  /// The CSV text of a table (header then rows), numeric columns declared so negative numbers stay numbers.
  public static func summaryCSV(for table: ReportTable) -> String {
    CSVWriter().text(rows: [table.header] + table.rows, kinds: columnKinds(of: table))
  }

  /// The kind of each column: numeric where marked, text otherwise (text gets the strict formula guard).
  static func columnKinds(of table: ReportTable) -> [CSVWriter.ColumnKind] {
    table.header.indices.map { table.numericColumns.contains($0) ? .numeric : .text }
  }
}
