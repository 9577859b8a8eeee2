extension ReportDocument {
  /// Writes `report.md`, every `summary_<name>.csv` and every `charts/<name>.svg` into `folder`, each atomically.
  ///
  /// Returns the paths written, in order. Two tables or charts with the same file name are an error
  /// (nothing would tell a reader which one they are looking at).
  @discardableResult
  public func write(to folder: String) throws(ReportError) -> [String] {
    try checkUniqueNames()
    var written: [String] = []
    for chart in charts {
      let path = folder + "/" + chart.relativePath
      try Self.writeFile(path, chart.chart.svg())
      written.append(path)
    }
    for shown in exportedTables {
      guard let file = shown.csvFileName else { continue }
      let table = shown.exported
      let path = folder + "/" + file
      let sink = try ByteSink(atomicPath: path)
      let writer = CSVWriter()
      let kinds = Self.columnKinds(of: table)
      try writer.writeRow(table.header, kinds: kinds, to: sink)
      for row in table.rows { try writer.writeRow(Self.csvCells(row, of: table), kinds: kinds, to: sink) }
      try sink.commit()
      written.append(path)
    }
    let reportPath = folder + "/report.md"
    try Self.writeFile(reportPath, markdown())
    written.append(reportPath)
    return written
  }

  /// Writes the Jupyter notebook to `path` atomically; `dataPath` is where it finds the CSVs and charts.
  public func writeNotebook(to path: String, dataPath: String) throws(ReportError) {
    try checkUniqueNames()
    try Self.writeFile(path, notebookJSON(dataPath: dataPath))
  }

  private func checkUniqueNames() throws(ReportError) {
    var seen: Set<String> = []
    for name in charts.map(\.relativePath) + exportedTables.compactMap(\.csvFileName) {
      guard seen.insert(name).inserted else { throw ReportError.duplicateName(name) }
    }
  }

  static func writeFile(_ path: String, _ text: String) throws(ReportError) {
    let sink = try ByteSink(atomicPath: path)
    try sink.write(text)
    try sink.commit()
  }
}
